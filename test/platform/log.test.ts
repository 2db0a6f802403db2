import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, newErrorId, secretScrubber } from '../../src/platform/log.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789ABCD';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('GIVEN the token in a message, a field, an error and a nested object, at every level THEN no line holds it', () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: 'trace', secrets: [TOKEN], destination: stream });
    const error = new Error(`login failed for ${TOKEN}`);
    log.trace(`debug: token ${TOKEN}`);
    log.debug({ token: TOKEN }, 'object');
    log.info({ nested: { headers: { authorization: `Bot ${TOKEN}` } } }, 'nested');
    log.warn({ err: error }, 'error');
    log.error(error);
    log.fatal({ quoted: JSON.stringify({ t: TOKEN }) }, 'escaped inside JSON');
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(TOKEN.slice(25));
    }
    expect(lines[0]).toContain('token [redacted]');
    expect(JSON.parse(lines[3] ?? '{}').err.message).toBe('login failed for [redacted]');
  });

  it('GIVEN a discord.js error with a webhook or callback URL THEN the interaction token in it is redacted, the ids kept', () => {
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';
    const lines: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const err = Object.assign(new Error('Unknown Webhook'), {
      url: `https://discord.com/api/v10/webhooks/1100/${token}/messages/@original`,
    });
    log.warn({ err, callback: `/api/v10/interactions/1200/${token}/callback` }, 'Could not edit the answer');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    const logged = JSON.parse(lines[0] ?? '{}');
    expect(logged.err.url).toBe('https://discord.com/api/v10/webhooks/1100/[redacted]/messages/@original');
    expect(logged.callback).toBe('/api/v10/interactions/1200/[redacted]/callback');
  });

  it('GIVEN no token (the console) THEN lines pass unchanged', () => {
    expect(secretScrubber([undefined, ''])('{"msg":"hello"}')).toBe('{"msg":"hello"}');
  });

  it('GIVEN error ids THEN 8 hexadecimal capitals, different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newErrorId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{8}$/);
  });
});
