/**
 * Answer votes kept in an embedded SQLite database (better-sqlite3). Feedback is never worth a
 * failed interaction: every failure — a path that cannot be created, a file that is not a
 * database, a database locked by another process — is logged and the vote is reported
 * `unavailable`, and answering goes on. Synchronous by design (better-sqlite3): a vote is one
 * short write, and a lock is waited for at most `busyTimeoutMs` before giving up.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../platform/log.js';
import type { FeedbackSink, Vote, VoteOutcome } from './types.js';

/**
 * The schema, one step per version (`PRAGMA user_version` counts the steps applied). Append
 * only: a database made by an earlier citebot is brought up to date step by step, so a step,
 * once shipped, is never edited.
 */
export const MIGRATIONS: readonly string[] = [
  // 1. One row per user per answer: a second vote replaces the first (the primary key).
  `CREATE TABLE votes (
     answer_id TEXT NOT NULL,
     user_id   TEXT NOT NULL,
     value     TEXT NOT NULL CHECK (value IN ('up', 'down')),
     question  TEXT NOT NULL,
     source    TEXT NOT NULL,
     line      INTEGER NOT NULL,
     passage   TEXT NOT NULL,
     voted_at  TEXT NOT NULL,
     PRIMARY KEY (answer_id, user_id)
   ) WITHOUT ROWID`,
  // 2. When the user first voted on the answer (voted_at is the latest vote): tells a changed mind from a first verdict.
  `ALTER TABLE votes ADD COLUMN first_voted_at TEXT;
   UPDATE votes SET first_voted_at = voted_at;`,
];

/** How long a vote waits for a lock held by another connection before it is given up (the event loop waits too). */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;

/** One answer (a question and the passage it cited) with its votes. */
export interface ReportRow {
  readonly question: string;
  readonly source: string;
  readonly line: number;
  readonly passage: string;
  readonly up: number;
  readonly down: number;
  /** How many replies gave this passage for this question (the same question asked again is another reply). */
  readonly answers: number;
  /** ISO time of the latest vote. */
  readonly lastVotedAt: string;
}

export interface FeedbackStoreOptions {
  readonly busyTimeoutMs?: number;
}

/**
 * Answers grouped by question and cited line: the same question answered with the same line in
 * several replies is one row. Worst first: most 👎, then the lowest share of 👍, then the latest.
 * The passage is the one of the latest vote (SQLite takes bare columns from the MAX row).
 */
const REPORT_SQL = `
  SELECT question, source, line, passage,
         SUM(value = 'up') AS up, SUM(value = 'down') AS down,
         COUNT(DISTINCT answer_id) AS answers, MAX(voted_at) AS lastVotedAt
  FROM votes
  GROUP BY question, source, line
  ORDER BY down DESC, CAST(up AS REAL) / (up + down) ASC, lastVotedAt DESC, question, source, line`;

/** SQLite's codes for "another connection holds the lock": worth trying again later, unlike a bad file. */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY']);

type Statements = {
  readonly find: Database.Statement<[string, string], { first_voted_at: string | null }>;
  readonly upsert: Database.Statement<[Record<string, string | number>]>;
  readonly report: Database.Statement<[], ReportRow>;
};

/**
 * The votes database at `file` (created on first start, with its folder). One that cannot be
 * opened makes a sink that records nothing, says so in the log once, and never throws; one that
 * was only locked while opening is tried again at the next vote.
 */
export class FeedbackStore implements FeedbackSink {
  private db: Database.Database | undefined;
  private statements: Statements | undefined;
  /** False once opening failed for good (not a lock): no further attempts, no further log lines. */
  private openable = true;

  constructor(
    readonly file: string,
    private readonly log: Logger,
    private readonly options: FeedbackStoreOptions = {},
  ) {
    this.open();
  }

  /** Whether votes can be kept now. */
  get available(): boolean {
    return this.statements !== undefined;
  }

  record(vote: Vote): VoteOutcome {
    const statements = this.statements ?? this.reopen();
    if (!statements || !this.db) return 'unavailable';
    try {
      const at = vote.at.toISOString();
      // IMMEDIATE: the read and the write happen under one write lock, so two presses racing in two shards cannot both be 'recorded'.
      return this.db
        .transaction((): VoteOutcome => {
          const previous = statements.find.get(vote.answerId, vote.userId);
          statements.upsert.run({
            answerId: vote.answerId,
            userId: vote.userId,
            value: vote.value,
            question: vote.question,
            source: vote.source,
            line: vote.line,
            passage: vote.passage,
            votedAt: at,
            firstVotedAt: previous?.first_voted_at ?? at,
          });
          return previous ? 'changed' : 'recorded';
        })
        .immediate();
    } catch (error) {
      this.log.warn({ err: error, code: codeOf(error), answerId: vote.answerId }, 'Could not keep a feedback vote; answering goes on');
      return 'unavailable';
    }
  }

  /** Every answer with votes, worst first; empty when the store is unavailable. */
  report(): ReportRow[] {
    if (!this.statements) return [];
    return this.statements.report.all();
  }

  close(): void {
    this.statements = undefined;
    this.openable = false;
    try {
      this.db?.close();
    } catch {
      // Closing at shutdown: nothing left to keep.
    }
    this.db = undefined;
  }

  private reopen(): Statements | undefined {
    if (!this.openable) return undefined;
    this.open();
    return this.statements;
  }

  private open(): void {
    let db: Database.Database | undefined;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      db = new Database(this.file, { timeout: this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
      // WAL: `npm run feedback` (and other shards) read while the bot writes.
      db.pragma('journal_mode = WAL');
      migrate(db);
      this.statements = prepare(db);
      this.db = db;
      this.log.info({ file: this.file }, 'Feedback database open');
    } catch (error) {
      try {
        db?.close();
      } catch {
        // Already unusable.
      }
      const busy = BUSY_CODES.has(codeOf(error) ?? '');
      // A lock passes: try again at the next vote. Anything else (no such folder, not a database) stays.
      this.openable = busy;
      this.log.warn(
        { err: error, code: codeOf(error), file: this.file },
        busy
          ? 'The feedback database is locked; votes are not kept until it is free'
          : 'Cannot open the feedback database; votes are not kept (answering goes on)',
      );
    }
  }
}

/** Applies the steps the database has not had yet, each with its version in one transaction. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`The feedback database has schema version ${version}, newer than this citebot knows (${MIGRATIONS.length})`);
    }
    for (let step = version; step < MIGRATIONS.length; step++) {
      db.exec(MIGRATIONS[step] ?? '');
      db.pragma(`user_version = ${step + 1}`);
    }
  }).immediate();
}

function prepare(db: Database.Database): Statements {
  return {
    find: db.prepare('SELECT first_voted_at FROM votes WHERE answer_id = ? AND user_id = ?'),
    upsert: db.prepare(
      `INSERT INTO votes (answer_id, user_id, value, question, source, line, passage, voted_at, first_voted_at)
       VALUES (@answerId, @userId, @value, @question, @source, @line, @passage, @votedAt, @firstVotedAt)
       ON CONFLICT (answer_id, user_id) DO UPDATE SET
         value = excluded.value, question = excluded.question, source = excluded.source, line = excluded.line,
         passage = excluded.passage, voted_at = excluded.voted_at`,
    ),
    report: db.prepare(REPORT_SQL),
  };
}

/**
 * The report from a database file, read only (`npm run feedback`: never creates or migrates
 * it). Throws when the file is missing or not a votes database; the caller words it.
 */
export function readReport(file: string): ReportRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 2_000 });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > MIGRATIONS.length) {
      throw new Error(`not a citebot feedback database (schema version ${version}, expected 1–${MIGRATIONS.length})`);
    }
    return db.prepare<[], ReportRow>(REPORT_SQL).all();
  } finally {
    db.close();
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
