import { ABBREVIATIONS } from './lexicon.js';
import type { QuoteSpan } from './marks.js';

/**
 * Words and punctuation of a paragraph with their offsets. The "frame" of a paragraph is its
 * text outside quotation marks, with each quotation standing in as a single `quote` token:
 * attribution reads the frame ("He stated, <quote>"), never the quoted words.
 */
export interface Token {
  readonly kind: 'word' | 'punct' | 'quote';
  /** Original characters; for a word, without a possessive ’s (see `possessive`). */
  readonly text: string;
  /** Lower-cased, diacritics kept, curly apostrophes straightened. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** For `quote` tokens: the index of the quotation span in the paragraph's span list. */
  readonly span?: number;
  /** A word written with a possessive ’s ("Kim’s"). */
  readonly possessive?: boolean;
  /** For `quote` tokens: the quoted words, marks excluded. */
  readonly inner?: string;
}

const WORD_OR_MARK = /[\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*\.?|\S/gu;

/** Tokens of `text` between `from` and `to`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
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
    if (word.endsWith('.') && !isAbbreviation(word)) {
      word = word.slice(0, -1);
      stop = '.';
    }
    const possessive = /[’']s$/u.test(word) && word.length > 2 && !/^(?:it|that|he|she|there|what|who|here|let)[’']s$/iu.test(word);
    const bare = possessive ? word.slice(0, -2) : word;
    tokens.push({ ...makeToken('word', bare, start), ...(possessive ? { possessive } : {}) });
    if (stop) tokens.push(makeToken('punct', stop, start + word.length));
  }
  return tokens;
}

function makeToken(kind: 'word' | 'punct', text: string, start: number): Token {
  return { kind, text, lower: text.toLowerCase().replace(/’/g, "'"), start, end: start + text.length };
}

/** "Brig.", "U.S.", an initial "W." — a full stop that belongs to the word. */
function isAbbreviation(word: string): boolean {
  const bare = word.slice(0, -1);
  return ABBREVIATIONS.has(bare.toLowerCase()) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(bare);
}

/** The frame of a paragraph: tokens outside the quotation spans, one `quote` token per span. */
export function frameTokens(text: string, spans: readonly QuoteSpan[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  spans.forEach((span, index) => {
    tokens.push(...tokenize(text, at, span.open));
    const end = span.close < 0 ? text.length : span.close + 1;
    const inner = text.slice(span.start, span.end);
    tokens.push({ kind: 'quote', text: text.slice(span.open, end), lower: '', start: span.open, end, span: index, inner });
    at = end;
  });
  tokens.push(...tokenize(text, at, text.length));
  return tokens;
}

/** A sentence as a range of frame token indexes, `[from, to)`. */
export interface Sentence {
  readonly from: number;
  readonly to: number;
}

/**
 * Splits frame tokens into sentences. A sentence ends at . ! ? outside quotation marks, or at a
 * quotation that ends with one, when what follows starts like a new sentence (a capital letter or
 * another quotation): `“…government.” Kim continued, “…”` is two sentences.
 */
export function splitSentences(tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const ends =
      (token.kind === 'punct' && /^[.!?…]$/u.test(token.text)) ||
      (token.kind === 'quote' && /[.!?…]\s*$/u.test(token.inner ?? ''));
    const startsNew = next.kind === 'quote' || (next.kind === 'word' && /^[\p{Lu}\p{N}]/u.test(next.text));
    if (ends && startsNew) {
      sentences.push({ from, to: i + 1 });
      from = i + 1;
    }
  }
  if (from < tokens.length) sentences.push({ from, to: tokens.length });
  return sentences;
}
