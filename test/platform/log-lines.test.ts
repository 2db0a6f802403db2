import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { humanLogLine } from '../../src/platform/log-lines.js';
import { createLogger } from '../../src/platform/log.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789ABCD';
/** A fixed moment in local time, so the expected clock reading does not depend on the time zone. */
const AT = new Date(2026, 10, 30, 9, 5, 7, 42).getTime();

describe('humanLogLine', () => {
  it('GIVEN a pino JSON line THEN time, level, message and key=value on one line; pid and hostname left out', () => {
    const json = JSON.stringify({
      level: 30,
      time: AT,
      pid: 4242,
      hostname: 'box',
      corpus: 'seeds',
      articles: 3,
      prebuilt: true,
      msg: 'Indexed the corpus',
    });
    expect(humanLogLine(`${json}\n`)).toBe('09:05:07.042 INFO  Indexed the corpus corpus=seeds articles=3 prebuilt=true\n');
  });

  it('GIVEN values with spaces, quotes, objects or null THEN quoted as JSON so the line reads unambiguously', () => {
    const json = JSON.stringify({
      level: 40,
      time: AT,
      msg: 'Skipped',
      file: 'my file.txt',
      reason: 'a "FIFO"',
      sizes: { a: 1 },
      none: null,
    });
    expect(humanLogLine(json)).toBe('09:05:07.042 WARN  Skipped file="my file.txt" reason="a \\"FIFO\\"" sizes={"a":1} none=null\n');
  });

  it('GIVEN an error THEN its type and message on the line and its stack frames indented below', () => {
    const json = JSON.stringify({
      level: 50,
      time: AT,
      command: 'ask',
      err: {
        type: 'TypeError',
        message: 'x is undefined',
        stack: 'TypeError: x is undefined\n    at run (a.js:1:2)\n    at main (b.js:3:4)',
      },
      msg: 'Command failed',
    });
    expect(humanLogLine(json)).toBe(
      '09:05:07.042 ERROR Command failed command=ask err="TypeError: x is undefined"\n    at run (a.js:1:2)\n    at main (b.js:3:4)\n',
    );
  });

  it('GIVEN control characters in the message or a value THEN escaped, never written raw; GIVEN a line that is not JSON THEN passed on, made safe', () => {
    const json = JSON.stringify({ level: 30, time: AT, msg: 'Reloaded \u001b[2J\nnext', file: '\u009b31mevil\u007f.txt' });
    const line = humanLogLine(json);
    expect(line).toBe('09:05:07.042 INFO  Reloaded \\u001b[2J\\u000anext file="\\u009b31mevil\\u007f.txt"\n');
    expect(humanLogLine('not json \u001b[H\n')).toBe('not json \\u001b[H\n');
  });
});

describe('createLogger with the human format', () => {
  it('GIVEN the token in a message, a field and an error THEN human lines without it, redacted before formatting', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'info', secrets: [TOKEN], destination, format: 'human' });
    log.info({ token: TOKEN }, `logging in with ${TOKEN}`);
    log.error({ err: new Error(`login failed for ${TOKEN}`) }, 'Could not log in');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(TOKEN.slice(25));
      expect(line).not.toMatch(/^\{/u);
    }
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}logging in with \[redacted\] token=\[redacted\]\n$/u);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR Could not log in err="Error: login failed for \[redacted\]"\n {4}at /u);
  });

  it('GIVEN no format THEN JSON lines as before', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    createLogger({ level: 'info', destination }).info({ articles: 3 }, 'Indexed the corpus');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 30, articles: 3, msg: 'Indexed the corpus' });
  });
});
