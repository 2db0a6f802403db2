import { normalizeForMatch } from '../corpus/normalize.js';

/**
 * The words of a stored text (a quotation, an article line) in their matching forms, compact: at
 * 2i the number of word i's form in a `WordForms` table, at 2i + 1 where it starts in the text.
 * Every body line of the corpus is kept so: 8 bytes a word, where an object and a string a word
 * were most of the memory the /quote index took (about 70 bytes a corpus word).
 */
export type StoredWords = Uint32Array;

/** Numbers for word forms, shared by one index's stored texts. */
export class WordForms {
  private readonly numbers = new Map<string, number>();

  /** The number of a form, given the next one when it is new. */
  add(form: string): number {
    let n = this.numbers.get(form);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(form, n);
    }
    return n;
  }

  /** The number of a form; undefined for a form no stored text has. */
  find(form: string): number | undefined {
    return this.numbers.get(form);
  }
}

/** Letters and digits, with apostrophes inside a word kept in it ("that’s", "O’Brien"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2018\u2019\u02BC\u0060\u00B4\u2032][\p{L}\p{M}\p{N}]+)*/gu;
/** The same pattern, anchored where `lastIndex` says (a separate object: `matchAll` copies WORD's lastIndex). */
const WORD_AT = new RegExp(WORD.source, 'uy');

/**
 * The words of a text for phrase matching, in their matching forms. Case, diacritics, curly vs
 * straight apostrophes and all punctuation and spacing are ignored: "that's  very problematic"
 * and "that’s very problematic." have the same words. Hyphens separate words ("aircraft-making").
 */
export function wordForms(text: string): string[] {
  const forms: string[] = [];
  eachWord(text, (form) => forms.push(form));
  return forms;
}

/** The words of a text to keep for phrase matching (see `StoredWords`), their forms numbered in `forms`. */
export function storeWords(text: string, forms: WordForms): StoredWords {
  const found: number[] = [];
  eachWord(text, (form, start) => found.push(forms.add(form), start));
  return Uint32Array.from(found);
}

function eachWord(text: string, visit: (form: string, start: number) => void): void {
  for (const match of text.matchAll(WORD)) {
    const form = normalizeForMatch(match[0]).replace(/[^\p{L}\p{N}]/gu, '');
    if (form !== '') visit(form, match.index);
  }
}

/** Indexes of the words in `words` where the phrase (its forms' numbers) starts, as a contiguous sequence of whole words. */
export function phraseStarts(words: StoredWords, keys: readonly number[]): number[] {
  const starts: number[] = [];
  if (keys.length === 0) return starts;
  const count = words.length / 2;
  outer: for (let i = 0; i + keys.length <= count; i++) {
    for (let k = 0; k < keys.length; k++) if (words[2 * (i + k)] !== keys[k]) continue outer;
    starts.push(i);
  }
  return starts;
}

/**
 * Where a phrase (its forms' numbers, `keys`) occurs in `text` (whose words are `words`) as a run
 * of whole words, matched as {@link phraseStarts} matches (case, diacritics, punctuation and
 * spacing ignored): start and end offsets in `text`, for showing the phrase in bold exactly where
 * the search found it.
 */
export function phraseRanges(text: string, words: StoredWords, keys: readonly number[]): Array<{ start: number; end: number }> {
  return phraseStarts(words, keys).map((i) => {
    const lastStart = words[2 * (i + keys.length - 1) + 1] ?? 0;
    WORD_AT.lastIndex = lastStart;
    const match = WORD_AT.exec(text);
    return { start: words[2 * i + 1] ?? 0, end: lastStart + (match?.[0].length ?? 0) };
  });
}
