import { normalizeForMatch } from '../corpus/normalize.js';

/** A word of a text in its matching form, with where it starts in the original text. */
export interface Word {
  readonly key: string;
  readonly start: number;
}

/** Letters and digits, with apostrophes inside a word kept in it ("that’s", "O’Brien"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2018\u2019\u02BC\u0060\u00B4\u2032][\p{L}\p{M}\p{N}]+)*/gu;
/** The same pattern, anchored where `lastIndex` says (a separate object: `matchAll` copies WORD's lastIndex). */
const WORD_AT = new RegExp(WORD.source, 'uy');

/**
 * The words of a text for phrase matching. Case, diacritics, curly vs straight apostrophes and
 * all punctuation and spacing are ignored: "that's  very problematic" and "that’s very
 * problematic." have the same words. Hyphens separate words ("aircraft-making").
 */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const key = normalizeForMatch(match[0]).replace(/[^\p{L}\p{N}]/gu, '');
    if (key !== '') words.push({ key, start: match.index });
  }
  return words;
}

/** Indexes in `words` where the phrase `keys` starts, as a contiguous sequence of whole words. */
export function phraseStarts(words: readonly Word[], keys: readonly string[]): number[] {
  const starts: number[] = [];
  if (keys.length === 0) return starts;
  outer: for (let i = 0; i + keys.length <= words.length; i++) {
    for (let k = 0; k < keys.length; k++) if (words[i + k]!.key !== keys[k]) continue outer;
    starts.push(i);
  }
  return starts;
}

/**
 * Where a phrase (its word `keys`) occurs in `text` (whose words are `words` = `wordsOf(text)`)
 * as a run of whole words, matched as {@link phraseStarts} matches (case, diacritics,
 * punctuation and spacing ignored): start and end offsets in `text`, for showing the phrase in
 * bold exactly where the search found it.
 */
export function phraseRanges(text: string, words: readonly Word[], keys: readonly string[]): Array<{ start: number; end: number }> {
  return phraseStarts(words, keys).map((i) => {
    const last = words[i + keys.length - 1]!;
    WORD_AT.lastIndex = last.start;
    const match = WORD_AT.exec(text);
    return { start: words[i]!.start, end: last.start + (match?.[0].length ?? 0) };
  });
}
