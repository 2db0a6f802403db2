import type { QuoteSpan } from './marks.js';

/**
 * The tokenizers of citebot, both here so their differences are deliberate and visible.
 *
 * Both give spans of the original text (`Span`), so a match can be shown and cited where it
 * was written. They do not split alike, because they answer different questions:
 * - `tokenize` gives the words a search matches on (index terms, highlights, features): a
 *   hyphenated compound is two words, so "aircraft-making" is found by "aircraft"; dotted
 *   acronyms ("U.S.") and inner apostrophes ("O'Brien") stay whole; punctuation is dropped.
 * - `readingTokens` gives what the article reading needs to follow a sentence: words *and*
 *   punctuation (a comma ends a clause, a full stop a sentence), hyphenated names whole
 *   ("Jean-Claude"), a full stop kept on abbreviations and initials ("Brig.", "W.") so it does
 *   not end the sentence, and a possessive ’s split off ("Kim’s" → Kim). `frameTokens` adds one
 *   token per quotation.
 * Making one split like the other would change what the index matches or whom the reading
 * finds; the ranking is fitted to the first and the quotation tests to the second.
 */

/** Where a token stands in the text it was read from: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A word as it stands in the text, with its place, so matches can be shown in the original. */
export interface Word extends Span {
  readonly surface: string;
}

// Letters and digits, with inner apostrophes (O'Brien, don't) and dotted acronyms (U.S., U.N.).
// Combining marks (NFD accents) and invisible characters (zero-width space, soft hyphen) stay inside the word.
const WORD =
  /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{N}\p{M}\u00AD\u200B-\u200D\u2060]*(?:'[\p{L}\p{N}][\p{L}\p{N}\p{M}\u00AD\u200B-\u200D\u2060]*)*/gu;

/** Splits text into the words a search matches on, keeping their offsets in the original string. */
export function tokenize(text: string): Word[] {
  // Folding keeps string length for the characters that matter here (quotes, dashes, spaces),
  // so offsets in the folded string are offsets in the original.
  const folded = foldPunctuationSameLength(text);
  const words: Word[] = [];
  for (const match of folded.matchAll(WORD)) {
    const start = match.index ?? 0;
    words.push({ surface: text.slice(start, start + match[0].length), start, end: start + match[0].length });
  }
  return words;
}

function foldPunctuationSameLength(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F]/g, ' ');
}

/**
 * A word, punctuation mark or quotation of a paragraph as the reading sees it. The "frame" of
 * a paragraph is its text outside quotation marks, with each quotation standing in as a single
 * `quote` token: attribution reads the frame ("He stated, <quote>"), never the quoted words.
 */
export interface Token extends Span {
  readonly kind: 'word' | 'punct' | 'quote';
  /** Original characters; for a word, without a possessive ’s (see `possessive`). */
  readonly text: string;
  /** Lower-cased, diacritics kept, curly apostrophes straightened. */
  readonly lower: string;
  /** For `quote` tokens: the index of the quotation span in the paragraph's span list. */
  readonly span?: number;
  /** A word written with a possessive ’s ("Kim’s"). */
  readonly possessive?: boolean;
  /** For `quote` tokens: the quoted words, marks excluded. */
  readonly inner?: string;
}

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'brig',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'adm',
  'cmdr',
  'gov',
  'sen',
  'rep',
  'rev',
  'st',
  'jr',
  'sr',
  'co',
  'corp',
  'inc',
  'ltd',
  'vs',
  'etc',
  'jan',
  'feb',
  'aug',
  'sept',
  'sep',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'pvt',
  'cpl',
  'supt',
  'insp',
  'det',
  'fig',
  'approx',
  'e.g',
  'i.e',
  'cf',
]);

const WORD_OR_MARK = /[\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*\.?|\S/gu;

/** Reading tokens of `text` between `from` and `to`: words and punctuation. */
export function readingTokens(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD_OR_MARK.lastIndex = from;
  const slice = text.slice(0, to);
  let match: RegExpExecArray | null;
  while ((match = WORD_OR_MARK.exec(slice)) !== null) {
    const raw = match[0];
    const start = match.index;
    if (!/[\p{L}\p{N}]/u.test(raw)) {
      tokens.push(makeToken('punct', raw, start));
      continue;
    }
    let word = raw;
    let stop: string | undefined;
    if (word.endsWith('.') && !isAbbreviation(word, slice.slice(start + raw.length))) {
      word = word.slice(0, -1);
      stop = '.';
    }
    const possessive =
      word.length > 2 && (word.endsWith('’s') || word.endsWith("'s")) && !/^(?:it|that|he|she|there|what|who|here|let)[’']s$/iu.test(word);
    if (possessive) tokens.push({ ...makeToken('word', word.slice(0, -2), start), possessive });
    else tokens.push(makeToken('word', word, start));
    if (stop) tokens.push(makeToken('punct', stop, start + word.length));
  }
  return tokens;
}

function makeToken(kind: 'word' | 'punct', text: string, start: number): Token {
  const lower = text.toLowerCase();
  return { kind, text, lower: lower.includes('’') ? lower.replace(/’/g, "'") : lower, start, end: start + text.length };
}

/**
 * "Brig.", "U.S.", "e.g.", an initial "W." — a full stop that belongs to the word. "No." is one
 * only before a number ("No. 5"); "the answer is no. The…" ends a sentence.
 */
function isAbbreviation(word: string, after: string): boolean {
  const bare = word.slice(0, -1).toLowerCase();
  if (bare === 'no') return /^\s*\d/u.test(after);
  return ABBREVIATIONS.has(bare) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(word.slice(0, -1));
}

/** The frame of a paragraph: reading tokens outside the quotation spans, one `quote` token per span. */
export function frameTokens(text: string, spans: readonly QuoteSpan[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  spans.forEach((span, index) => {
    tokens.push(...readingTokens(text, at, span.open));
    const end = span.close < 0 ? text.length : span.close + 1;
    const inner = text.slice(span.start, span.end);
    tokens.push({ kind: 'quote', text: text.slice(span.open, end), lower: '', start: span.open, end, span: index, inner });
    at = end;
  });
  tokens.push(...readingTokens(text, at, text.length));
  return tokens;
}
