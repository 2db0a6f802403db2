import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConsoleInputError, parseCommandLine, runConsole } from '../src/console.js';
import { LibraryHolder } from '../src/library-holder.js';
import { createLogger } from '../src/log.js';
import { seedLibrary } from './support/seeds.js';

describe('parseCommandLine', () => {
  it('GIVEN the forms of Discord’s message box THEN the same command and options', () => {
    expect(parseCommandLine('/ask who gifted the drones')).toEqual({ name: 'ask', options: { question: 'who gifted the drones' } });
    expect(parseCommandLine('/ask question:who gifted the drones')).toEqual({ name: 'ask', options: { question: 'who gifted the drones' } });
    expect(parseCommandLine('  /ASK question: who: gifted the drones  private:yes')).toEqual({
      name: 'ask',
      options: { question: 'who: gifted the drones', private: true },
    });
    expect(parseCommandLine('/quote text:overtly engaging')).toEqual({ name: 'quote', options: { text: 'overtly engaging' } });
    expect(parseCommandLine("/quote speaker:O'Brien")).toEqual({ name: 'quote', options: { speaker: "O'Brien" } });
    expect(parseCommandLine('/quote source:004_fda3f1e6d2d72140.txt line:11')).toEqual({
      name: 'quote',
      options: { source: '004_fda3f1e6d2d72140.txt', line: 11 },
    });
    expect(parseCommandLine('/reload')).toEqual({ name: 'reload', options: {} });
    expect(parseCommandLine('   ')).toBeNull();
  });

  it('GIVEN lines that are not commands the bot can run THEN a message that says what to type', () => {
    const message = (line: string) => {
      try {
        parseCommandLine(line);
      } catch (error) {
        expect(error).toBeInstanceOf(ConsoleInputError);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message('who gifted the drones')).toBe('Commands start with /, e.g. /ask who gifted the drones. /help lists them.');
    expect(message('/nope')).toBe('There is no /nope command. /help lists the commands.');
    expect(message('/ask')).toBe('/ask needs question:<question>. /help has examples.');
    expect(message('/ask private:true')).toBe('/ask needs question:<question>. /help has examples.');
    expect(message('/quote source:a.txt line:eleven')).toBe('line must be a whole number.');
    expect(message('/quote source:a.txt line:0')).toBe('line must be at least 1.');
    expect(message('/ask question:x private:maybe')).toBe('private must be true or false.');
    expect(message('/ask question:a question:b')).toBe('question is given twice.');
    expect(message('/sources everything')).toBe('/sources takes no options.');
    expect(message(`/ask ${'x'.repeat(6001)}`)).toBe('question is too long (6001 characters; at most 6000).');
  });
});

describe('runConsole', () => {
  it('GIVEN lines on a stream THEN one reply per command, separated by a blank line, and it resolves at end of input', async () => {
    const holder = new LibraryHolder(await seedLibrary(), seedLibrary);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const done = runConsole({ input, output, holder, config: loadConfig({}), log: createLogger({ level: 'silent' }) });
    input.end('/ask who gifted the drones\n\n/nope\n');
    await done;
    const replies = text.split('\n\n');
    expect(replies[0]).toMatch(/^who gifted the drones\nThe governor of the Russian region/);
    expect(text).toContain('· 000_e54da9ff0ce102d3.txt:7\n');
    expect(text.endsWith('\n\nThere is no /nope command. /help lists the commands.\n')).toBe(true);
  });
});
