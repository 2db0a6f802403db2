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

/** A range of characters, `[start, end)`. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The quotations (or article lines) found on one cited line, as a reader wants them: the whole
 * sentence or sentences that hold them, rather than a fragment per quotation ("rocket
 * technology", "develop space.") under a heading each.
 */
export interface QuoteGroup {
  /** The article's file name; with `line`, the citation `FILE:LINE`. */
  readonly source: string;
  /** 1-based line the hits are cited at. */
  readonly line: number;
  /** The article's title. */
  readonly title: string;
  /** `quotation`: someone's words; `text`: article text that nobody is quoted saying. */
  readonly kind: 'quotation' | 'text';
  /** Who is quoted, as the quote index names them (one name per person), in order of appearance; empty when nobody is named. */
  readonly speakers: readonly string[];
  /** Hits on this line: the quotations counted in a reply's title. */
  readonly count: number;
  /** The sentence or sentences holding the hits, verbatim; sentences that are not next to each other are joined by " … ". */
  readonly text: string;
  /** What to show in bold in `text`: the quoted words, or the searched phrase where it was found. */
  readonly bold: readonly TextRange[];
}

export interface QuoteResult {
  readonly results: QuoteHit[];
  /** The hits of a search grouped by cited line, as shown to people; absent for a line looked up by number. */
  readonly groups?: readonly QuoteGroup[];
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
