/**
 * One answer line. `quotation`: words someone is quoted as saying; `text`: article text that
 * contains the searched phrase but is NOT a quotation; `line`: a line asked for by number.
 */
export interface QuoteHit {
  readonly kind: 'quotation' | 'text' | 'line';
  readonly source: string;
  readonly line: number;
  readonly text: string;
  readonly speaker: string | null;
  /** A remark users should see with the hit (a blank line, site chrome), in plain words. */
  readonly note?: string;
}

export interface QuoteResult {
  readonly results: QuoteHit[];
}

/** What a user may ask: any of text and speaker, or an exact `source` with `line`. */
export interface QuoteQuery {
  readonly text?: string | undefined;
  readonly speaker?: string | undefined;
  readonly source?: string | undefined;
  readonly line?: number | undefined;
}

/** A request that cannot be answered as asked; the message is written for users and shown as-is. */
export class QuoteError extends Error {
  override readonly name = 'QuoteError';
}
