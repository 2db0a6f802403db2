import { findQuoteSpans } from './marks.js';
import { frameTokens, type Token } from './tokens.js';

/**
 * The one sentence splitter, for /ask's answer sentences and for the article reading alike.
 * It reads the frame of a paragraph (see `frameTokens`), so a quotation of several sentences
 * stays in the sentence that quotes it, and a full stop on "U.S.", "U.N.", "Brig. Gen." or an
 * initial does not end a sentence.
 */

/** A sentence of a paragraph. */
export interface Sentence {
  readonly text: string;
  /** Offset of the sentence in the paragraph text. */
  readonly start: number;
}

/** A sentence as a range of frame token indexes, `[from, to)`. */
export interface SentenceRange {
  readonly from: number;
  readonly to: number;
}

/** Splits a paragraph into sentences; a paragraph without any is one sentence. */
export function splitSentences(text: string): Sentence[] {
  const tokens = frameTokens(text, findQuoteSpans(text));
  const sentences: Sentence[] = [];
  for (const range of sentenceRanges(tokens)) {
    const first = tokens[range.from];
    const last = tokens[range.to - 1];
    if (first && last) sentences.push({ text: text.slice(first.start, last.end), start: first.start });
  }
  return sentences.length > 0 ? sentences : [{ text, start: 0 }];
}

/**
 * Splits frame tokens into sentences. A sentence ends at . ! ? outside quotation marks, or at a
 * quotation that ends with one, when what follows starts like a new sentence (a capital letter or
 * another quotation): `“…government.” Kim continued, “…”` is two sentences.
 */
export function sentenceRanges(tokens: readonly Token[]): SentenceRange[] {
  const sentences: SentenceRange[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const ends =
      (token.kind === 'punct' && /^[.!?…]$/u.test(token.text)) || (token.kind === 'quote' && /[.!?…]\s*$/u.test(token.inner ?? ''));
    if (ends && (next.kind === 'quote' || (next.kind === 'word' && /^[\p{Lu}\p{N}]/u.test(next.text)))) {
      sentences.push({ from, to: i + 1 });
      from = i + 1;
    }
  }
  if (from < tokens.length) sentences.push({ from, to: tokens.length });
  return sentences;
}
