/** One person's verdict on one answer: 👍 (`up`) or 👎 (`down`). */
export interface Vote {
  /** Identifies the answer (one reply); a second vote by the same user on it replaces the first. */
  readonly answerId: string;
  readonly userId: string;
  readonly value: 'up' | 'down';
  /** The question as asked. */
  readonly question: string;
  /** The cited passage: its article file, line and text. */
  readonly source: string;
  readonly line: number;
  readonly passage: string;
  readonly at: Date;
}

/** What became of a vote. `unavailable`: it could not be kept (the database is locked or unwritable); answering goes on. */
export type VoteOutcome = 'recorded' | 'changed' | 'unavailable';

/** Where votes go. Recording must never throw: feedback is never worth a failed interaction. */
export interface FeedbackSink {
  record(vote: Vote): VoteOutcome;
}
