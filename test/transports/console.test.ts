import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { ConsoleInputError, parseCommandLine, runConsole } from '../../src/transports/console.js';
import { LibraryHolder } from '../../src/library/holder.js';
import { createLogger } from '../../src/platform/log.js';
import { openLibrary } from '../../src/library/prebuilt.js';
import { seedLibrary } from '../support/seeds.js';
import { article, makeTempCorpus, type TempCorpus } from '../support/temp-corpus.js';

/** Runs console lines against a holder and returns everything written to standard output. */
async function consoleOutput(holder: LibraryHolder, input: string, options: { ansi?: boolean } = {}): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let text = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const done = runConsole({
    input: stdin,
    output: stdout,
    holder,
    log: createLogger({ level: 'silent' }),
    ...options,
  });
  stdin.end(input);
  await done;
  return text;
}

describe('parseCommandLine', () => {
  it('GIVEN the forms of Discord’s message box THEN the same command and options', () => {
    expect(parseCommandLine('/ask which governor gifted the drones')).toEqual({
      name: 'ask',
      options: { question: 'which governor gifted the drones' },
    });
    expect(parseCommandLine('/ask question:which governor gifted the drones')).toEqual({
      name: 'ask',
      options: { question: 'which governor gifted the drones' },
    });
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
    expect(message('which governor gifted the drones')).toBe('Commands start with /: type /ask and your question, or /help for the list.');
    expect(message('/nope')).toBe('There is no /nope command. /help lists the commands.');
    expect(message('/ask')).toBe('/ask needs question:<question>. /help has examples.');
    expect(message('/ask private:true')).toBe('/ask needs question:<question>. /help has examples.');
    expect(message('/quote source:a.txt line:eleven')).toBe('line must be a whole number.');
    expect(message('/quote source:a.txt line:0')).toBe('line must be at least 1.');
    expect(message('/ask question:x private:maybe')).toBe('private must be true or false.');
    expect(message('/ask question:a question:b')).toBe('question is given twice.');
    expect(message('/ask who gifted the drones question:what is the vest')).toBe(
      'question is given twice: as the words after /ask and as question:.',
    );
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
    const done = runConsole({ input, output, holder, log: createLogger({ level: 'silent' }) });
    input.end('/ask which governor gifted the drones\n\n/nope\n');
    await done;
    const replies = text.split('\n\n');
    expect(replies[0]).toMatch(/^which governor gifted the drones\nThe \*\*governor\*\* of the Russian region/);
    expect(text).toContain('· 000_e54da9ff0ce102d3.txt:7\n');
    expect(text.endsWith('\n\nThere is no /nope command. /help lists the commands.\n')).toBe(true);
  });

  it('GIVEN ansi (a terminal) THEN bold words in bold (SGR 1 … 22), not **; without it THEN exactly plain text', async () => {
    const holder = new LibraryHolder(await seedLibrary(), seedLibrary);
    const ansi = await consoleOutput(holder, '/quote speaker:Putin\n', { ansi: true });
    expect(ansi).toContain(
      '  He insisted that Russia was looking to deepen military alliances with North Korea “\u001b[1mwithin the framework of the current rules,\u001b[22m” adding “\u001b[1mThere are certain restrictions, and Russia abides by them.\u001b[22m”\n',
    );
    expect(ansi).not.toContain('**');
    const plain = await consoleOutput(holder, '/quote speaker:Putin\n');
    expect(plain).not.toContain('\u001b');
    expect(plain).toBe(ansi.replaceAll('\u001b[1m', '**').replaceAll('\u001b[22m', '**'));
  });
});

describe('the console and control characters', () => {
  /** Anything a terminal acts on rather than shows: C0 but \n and \t, DEL, C1. */
  // eslint-disable-next-line no-control-regex -- the controls a terminal would act on
  const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
  const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
  const EVIL_NAME = '\u001b]0;pwned\u0007evil.txt';
  let corpus: TempCorpus;
  afterEach(async () => corpus?.cleanup());

  it('GIVEN escape sequences in article text, a title and file names THEN the console shows them as pictures, and the articles keep them as written', async () => {
    corpus = await makeTempCorpus({
      [EVIL_NAME]: article(
        'Drone Deliveries Resume \u001b[2J\u001b[H',
        `The courier company resumed drone deliveries on Monday ${OSC52} after a pause\u009b31m of two weeks.\rOVERWRITTEN\u007f`,
      ),
      'plain.txt': article('Harbour Bridge Reopens', 'The harbour bridge reopened on Tuesday.'),
    });
    const build = async () => (await openLibrary(corpus.dir, loadConfig({}))).library;
    const holder = new LibraryHolder(await build(), build);
    await corpus.write('\u001b[31mbinary.txt', Buffer.from('a\u0000b'));

    const output = await consoleOutput(
      holder,
      [
        '/ask drone deliveries resumed',
        '/sources',
        '/quote text:courier company',
        // The whole line, as the context view shows it (the answer card shows only its sentence).
        `/quote source:${EVIL_NAME} line:3`,
        `/quote source:${EVIL_NAME} line:99`,
        '/reload',
        '',
      ].join('\n'),
    );

    expect(output).not.toMatch(CONTROL);
    expect(output).toContain('␛]0;pwned␇evil.txt:3');
    expect(output).toContain('Drone Deliveries Resume ␛[2J␛[H');
    expect(output).toContain('on Monday ␛]52;c;ZWNobyBwd25lZA==␇ after a pause\\x9b31m of two weeks.␍OVERWRITTEN␡');
    expect(output).toContain('␛]0;pwned␇evil.txt has 3 lines; line 99 is out of range.');
    expect(output).toContain('  ␛[31mbinary.txt: contains NUL bytes (binary file?)');
    // Stored text is untouched: line numbers and citations depend on it.
    const stored = holder.current.article(EVIL_NAME);
    expect(stored?.lines[2]).toBe(
      `The courier company resumed drone deliveries on Monday ${OSC52} after a pause\u009b31m of two weeks.\rOVERWRITTEN\u007f`,
    );
    expect(stored?.title).toBe('Drone Deliveries Resume \u001b[2J\u001b[H');
  });

  it('GIVEN escape sequences in the text of a bold match and ansi on THEN the only escapes written are the bold codes; the rest as pictures', async () => {
    corpus = await makeTempCorpus({
      'bold.txt': article('Couriers Return', `The courier\u0007\u001b company\u009b resumed drone deliveries ${OSC52} on Monday.`),
    });
    const build = async () => (await openLibrary(corpus.dir, loadConfig({}))).library;
    const holder = new LibraryHolder(await build(), build);
    const output = await consoleOutput(holder, '/quote text:courier company resumed\n/ask courier company resumed\n', { ansi: true });
    expect(output).toContain('\u001b[1mcourier␇␛ company\\x9b resumed\u001b[22m drone deliveries ␛]52;c;ZWNobyBwd25lZA==␇ on Monday.');
    expect(output.replaceAll('\u001b[1m', '').replaceAll('\u001b[22m', '')).not.toMatch(CONTROL);
  });
});

describe('the console and very long lines', () => {
  it(
    'GIVEN a 600 MiB line THEN it is refused unread with a message, and the commands after it are answered',
    { timeout: 120_000 },
    async () => {
      const holder = new LibraryHolder(await seedLibrary(), seedLibrary);
      const MiB = Buffer.alloc(1024 * 1024, 'a');
      async function* input() {
        yield Buffer.from('/ask ');
        for (let i = 0; i < 600; i++) yield MiB;
        yield Buffer.from('\n/help\r\n/ask question:which governor gifted the drones');
      }
      const stdout = new PassThrough();
      let text = '';
      stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      await runConsole({
        input: Readable.from(input()),
        output: stdout,
        holder,
        log: createLogger({ level: 'silent' }),
      });
      const replies = text.split('\n\n');
      expect(replies[0]).toBe('That line is 600.0 MiB long, more than the 1.0 MiB a command may be, so it was not read. Nothing was run.');
      expect(replies[1]).toMatch(/^citebot answers questions about the news articles it has read/);
      expect(text).toContain('000_e54da9ff0ce102d3.txt:7');
    },
  );

  it('GIVEN a line of exactly the limit THEN it is read; one byte more THEN refused', async () => {
    const holder = new LibraryHolder(await seedLibrary(), seedLibrary);
    const run = async (line: string) => {
      const stdout = new PassThrough();
      let text = '';
      stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      await runConsole({
        input: Readable.from([line]),
        output: stdout,
        holder,
        log: createLogger({ level: 'silent' }),
        maxLineBytes: 20,
      });
      return text;
    };
    expect(await run('/ask ' + 'x'.repeat(15) + '\n')).not.toContain('not read');
    expect(await run('/ask ' + 'x'.repeat(16) + '\n')).toBe(
      'That line is 21 bytes long, more than the 20 bytes a command may be, so it was not read. Nothing was run.\n',
    );
  });
});
