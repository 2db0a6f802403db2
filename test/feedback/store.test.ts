import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFeedback } from '../../src/app/startup.js';
import { FeedbackStore, MIGRATIONS, readReport } from '../../src/feedback/store.js';
import type { Vote } from '../../src/feedback/types.js';
import { createLogger } from '../../src/platform/log.js';

const DRONES =
  'The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal presents to the North Korean leader.';

function vote(overrides: Partial<Vote> = {}): Vote {
  return {
    answerId: 'answer-1',
    userId: '100000000000000001',
    value: 'down',
    question: 'who gifted the drones',
    source: '000_e54da9ff0ce102d3.txt',
    line: 7,
    passage: DRONES,
    at: new Date('2026-01-02T03:04:05.000Z'),
    ...overrides,
  };
}

/** A logger whose lines (parsed) the test reads. */
function capturedLog() {
  const lines: Array<{ level: number; msg: string; code?: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination: stream }), warnings: () => lines.filter((l) => l.level === 40) };
}

function rows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM votes ORDER BY answer_id, user_id').all();
  } finally {
    db.close();
  }
}

let dir: string;
const stores: FeedbackStore[] = [];
function open(file: string, log = capturedLog().log, busyTimeoutMs?: number): FeedbackStore {
  const store = new FeedbackStore(file, log, { busyTimeoutMs });
  stores.push(store);
  return store;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-feedback-'));
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('FeedbackStore', () => {
  it('GIVEN a first vote THEN recorded, and stored with every field in a database created with its folder', () => {
    const file = path.join(dir, 'nested', 'folder', 'feedback.sqlite');
    const store = open(file);
    expect(store.available).toBe(true);
    expect(store.record(vote())).toBe('recorded');
    expect(rows(file)).toEqual([
      {
        answer_id: 'answer-1',
        user_id: '100000000000000001',
        value: 'down',
        question: 'who gifted the drones',
        source: '000_e54da9ff0ce102d3.txt',
        line: 7,
        passage: DRONES,
        voted_at: '2026-01-02T03:04:05.000Z',
        first_voted_at: '2026-01-02T03:04:05.000Z',
      },
    ]);
  });

  it('GIVEN the same user votes again on the same answer THEN changed, and one row holding the new vote', () => {
    const file = path.join(dir, 'feedback.sqlite');
    const store = open(file);
    expect(store.record(vote({ value: 'down' }))).toBe('recorded');
    expect(store.record(vote({ value: 'up', at: new Date('2026-01-02T03:05:00.000Z') }))).toBe('changed');
    expect(rows(file)).toEqual([
      expect.objectContaining({ value: 'up', voted_at: '2026-01-02T03:05:00.000Z', first_voted_at: '2026-01-02T03:04:05.000Z' }),
    ]);
    expect(rows(file)).toHaveLength(1);
  });

  it('GIVEN two users on one answer, and one user on two answers THEN a row each, every vote recorded', () => {
    const file = path.join(dir, 'feedback.sqlite');
    const store = open(file);
    expect(store.record(vote({ userId: '100000000000000001' }))).toBe('recorded');
    expect(store.record(vote({ userId: '100000000000000002', value: 'up' }))).toBe('recorded');
    expect(store.record(vote({ answerId: 'answer-2' }))).toBe('recorded');
    expect(rows(file).map((r) => [(r as Vote & { answer_id: string }).answer_id, (r as { user_id: string }).user_id])).toEqual([
      ['answer-1', '100000000000000001'],
      ['answer-1', '100000000000000002'],
      ['answer-2', '100000000000000001'],
    ]);
  });

  it('GIVEN votes on several answers THEN the report lists them worst first: most 👎, then the lowest share of 👍', () => {
    const file = path.join(dir, 'feedback.sqlite');
    const store = open(file);
    const boiling = { question: 'what is the boiling point of water', source: '003_a.txt', line: 4, passage: 'Water boils.' };
    const putin = { question: 'what did Putin say', source: '004_fda3f1e6d2d72140.txt', line: 13, passage: 'Putin said.' };
    // drones: 1 down, 2 up (two replies to the same question citing the same line: one row)
    store.record(vote({ answerId: 'a1', userId: 'u1', value: 'down' }));
    store.record(vote({ answerId: 'a1', userId: 'u2', value: 'up' }));
    store.record(vote({ answerId: 'a2', userId: 'u3', value: 'up' }));
    // boiling: 2 down
    store.record(vote({ ...boiling, answerId: 'b1', userId: 'u1', value: 'down' }));
    store.record(vote({ ...boiling, answerId: 'b1', userId: 'u2', value: 'down' }));
    // putin: 1 down, 0 up (same down count as drones, lower share up)
    store.record(vote({ ...putin, answerId: 'c1', userId: 'u1', value: 'up' }));
    store.record(vote({ ...putin, answerId: 'c1', userId: 'u1', value: 'down' }));
    const report = store.report();
    expect(report.map((r) => [r.question, r.source, r.line, r.down, r.up, r.answers])).toEqual([
      ['what is the boiling point of water', '003_a.txt', 4, 2, 0, 1],
      ['what did Putin say', '004_fda3f1e6d2d72140.txt', 13, 1, 0, 1],
      ['who gifted the drones', '000_e54da9ff0ce102d3.txt', 7, 1, 2, 2],
    ]);
    expect(report[0]).toEqual({ ...boiling, up: 0, down: 2, answers: 1, lastVotedAt: '2026-01-02T03:04:05.000Z' });
    expect(readReport(file)).toEqual(report);
  });

  it('GIVEN a database made at schema version 1 with a vote THEN it is upgraded step by step and the vote is kept', () => {
    const file = path.join(dir, 'feedback.sqlite');
    // The schema as version 1 shipped it, written out here so that an edit of a shipped step shows.
    const old = new Database(file);
    old.exec(`CREATE TABLE votes (
      answer_id TEXT NOT NULL, user_id TEXT NOT NULL, value TEXT NOT NULL CHECK (value IN ('up', 'down')),
      question TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL, passage TEXT NOT NULL, voted_at TEXT NOT NULL,
      PRIMARY KEY (answer_id, user_id)) WITHOUT ROWID`);
    old
      .prepare('INSERT INTO votes VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('answer-1', 'u1', 'up', 'q', 's.txt', 3, 'p', '2025-12-01T00:00:00.000Z');
    old.pragma('user_version = 1');
    old.close();

    const store = open(file);
    expect(store.available).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBe(2);
    db.close();
    expect(rows(file)).toEqual([expect.objectContaining({ answer_id: 'answer-1', first_voted_at: '2025-12-01T00:00:00.000Z' })]);
    expect(store.record(vote({ userId: 'u1', value: 'down' }))).toBe('changed');
    expect(rows(file)).toEqual([expect.objectContaining({ value: 'down', first_voted_at: '2025-12-01T00:00:00.000Z' })]);
  });

  it('GIVEN a database from a newer citebot THEN it is left untouched and the store is unavailable', () => {
    const file = path.join(dir, 'feedback.sqlite');
    const newer = new Database(file);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    const { log, warnings } = capturedLog();
    const store = open(file, log);
    expect(store.available).toBe(false);
    expect(store.record(vote())).toBe('unavailable');
    expect(warnings().map((l) => l.msg)).toEqual(['Cannot open the feedback database; votes are not kept (answering goes on)']);
  });

  it('GIVEN another connection holding an exclusive transaction THEN record is unavailable within the busy timeout, logged, and votes work once it is released', () => {
    const file = path.join(dir, 'feedback.sqlite');
    const { log, warnings } = capturedLog();
    const store = open(file, log, 50);
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    expect(store.record(vote())).toBe('unavailable');
    // Bounded by the busy timeout (50 ms), not SQLite's default of 5 s: a generous ceiling, not a measurement.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(warnings()).toEqual([
      expect.objectContaining({ msg: 'Could not keep a feedback vote; answering goes on', code: 'SQLITE_BUSY' }),
    ]);
    other.exec('ROLLBACK');
    other.close();
    expect(store.record(vote())).toBe('recorded');
    expect(rows(file)).toHaveLength(1);
  });

  it('GIVEN the database locked while the store opens THEN unavailable, and it opens at a later vote once free', () => {
    const file = path.join(dir, 'feedback.sqlite');
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    const { log, warnings } = capturedLog();
    const store = open(file, log, 50);
    expect(store.available).toBe(false);
    expect(store.record(vote())).toBe('unavailable');
    expect(warnings()[0]).toMatchObject({
      msg: 'The feedback database is locked; votes are not kept until it is free',
      code: 'SQLITE_BUSY',
    });
    other.exec('ROLLBACK');
    other.close();
    expect(store.record(vote())).toBe('recorded');
    expect(store.available).toBe(true);
  });

  it('GIVEN a file where the folder should be THEN the store opens unavailable, logs once, and never throws', async () => {
    await writeFile(path.join(dir, 'not-a-folder'), 'x');
    const { log, warnings } = capturedLog();
    const store = open(path.join(dir, 'not-a-folder', 'feedback.sqlite'), log);
    expect(store.available).toBe(false);
    expect(store.record(vote())).toBe('unavailable');
    expect(store.record(vote({ userId: 'u2' }))).toBe('unavailable');
    expect(store.report()).toEqual([]);
    expect(warnings()).toEqual([
      expect.objectContaining({ msg: 'Cannot open the feedback database; votes are not kept (answering goes on)', code: 'EEXIST' }),
    ]);
  });

  it('GIVEN a vote the database refuses (an invalid time, a value neither up nor down) THEN unavailable and logged, never thrown', () => {
    const { log, warnings } = capturedLog();
    const store = open(path.join(dir, 'feedback.sqlite'), log);
    expect(store.record(vote({ at: new Date(Number.NaN) }))).toBe('unavailable');
    expect(store.record(vote({ value: 'sideways' as Vote['value'] }))).toBe('unavailable');
    expect(warnings().map((l) => l.code)).toEqual([undefined, 'SQLITE_CONSTRAINT_CHECK']);
    expect(store.record(vote())).toBe('recorded');
  });

  it('GIVEN a file that is not a database THEN unavailable, logged once as not a database', async () => {
    const file = path.join(dir, 'feedback.sqlite');
    await writeFile(file, 'this is not SQLite, but it is long enough to have a header that SQLite reads and rejects.\n'.repeat(20));
    const { log, warnings } = capturedLog();
    const store = open(file, log);
    expect(store.record(vote())).toBe('unavailable');
    expect(warnings()).toEqual([expect.objectContaining({ code: 'SQLITE_NOTADB' })]);
  });
});

describe('openFeedback', () => {
  it('GIVEN feedback off (no path) THEN no store; GIVEN a path THEN a store open there', () => {
    expect(openFeedback({ feedbackPath: undefined }, capturedLog().log)).toBeUndefined();
    const store = openFeedback({ feedbackPath: path.join(dir, 'f.sqlite') }, capturedLog().log);
    if (store) stores.push(store);
    expect(store?.available).toBe(true);
    expect(store?.file).toBe(path.join(dir, 'f.sqlite'));
  });
});
