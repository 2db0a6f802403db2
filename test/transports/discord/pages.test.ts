/**
 * Paging state is bounded by the bytes it takes, not by a count (the heap under thousands of
 * real /sources is checked in pages-memory.test.ts).
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PageSessions } from '../../../src/transports/discord/pages.js';
import { createLogger } from '../../../src/platform/log.js';
import { snowflake } from '../../support/discord-server.js';

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('PageSessions', () => {
  it('GIVEN far more sessions than the byte budget holds THEN the accounted bytes stay within it and the least recently used are forgotten', () => {
    const budget = 64 * 1024;
    const sessions = new PageSessions(
      60_000,
      silent,
      () => [],
      async () => undefined,
      budget,
    );
    const ids: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      ids.push(
        sessions.open({ command: 'ask', options: { question: `question number ${i}`, private: false }, userId: snowflake(), pages: 4 }),
      );
      sessions.touch(ids[ids.length - 1] ?? '', { applicationId: snowflake(), token: 'x'.repeat(200) });
      expect(sessions.bytes).toBeLessThanOrEqual(budget);
    }
    expect(sessions.size).toBeGreaterThan(10);
    expect(sessions.size).toBeLessThan(200);
    expect(sessions.get(ids[0] ?? '')).toBeUndefined();
    expect(sessions.get(ids[ids.length - 1] ?? '')).toMatchObject({
      command: 'ask',
      options: { question: 'question number 4999' },
      page: 0,
      pages: 4,
    });
    sessions.clear();
    expect(sessions.bytes).toBe(0);
  });

  it('GIVEN an old session is used again THEN it is kept over newer unused ones', () => {
    const sessions = new PageSessions(
      60_000,
      silent,
      () => [],
      async () => undefined,
      4_000,
    );
    const first = sessions.open({ command: 'sources', options: {}, userId: '1', pages: 2 });
    const second = sessions.open({ command: 'sources', options: {}, userId: '1', pages: 2 });
    sessions.touch(first, { applicationId: '1', token: 't' });
    for (let i = 0; i < 20; i++) sessions.open({ command: 'sources', options: {}, userId: '1', pages: 2 });
    expect(sessions.bytes).toBeLessThanOrEqual(4_000);
    expect(sessions.get(second)).toBeUndefined();
    sessions.clear();
  });
});
