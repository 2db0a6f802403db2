import { normalizeForMatch } from '../corpus/normalize.js';
import { SortedWords } from '../text/sorted-words.js';

/**
 * The words of a stored text (a quotation, an article line) in their matching forms, compact: at
 * i the number of word i's form in the index's `WordForms`. Every body line of the corpus is kept
 * so: 2 bytes a word (4 past 65,536 forms), where an object and a string a word were most of the
 * memory the /quote index took (about 70 bytes a corpus word). Where the words stand in the text
 * is read again from the text, only for the few texts a phrase is found in.
 */
export type StoredWords = Uint16Array | Uint32Array;

/** Numbers for word forms while an index is built, in the order they come; `finish` packs them. */
export class WordFormsBuilder {
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

  /** The words of a text to keep (see `StoredWords`), numbered here until `finish` renumbers them. */
  store(text: string): Uint32Array {
    const found: number[] = [];
    eachWord(text, (form) => found.push(this.add(form)));
    return Uint32Array.from(found);
  }

  /**
   * The forms packed (see `WordForms`), and `pack`, which renumbers words stored here into the
   * packed forms' numbers, in the narrowest array that holds them.
   */
  finish(): { forms: WordForms; pack: (words: Uint32Array) => StoredWords } {
    const sorted = SortedWords.of(this.numbers.keys());
    const renumber = new Uint32Array(sorted.size);
    for (let i = 0; i < sorted.size; i++) renumber[this.numbers.get(sorted.wordAt(i)) ?? 0] = i;
    const narrow = sorted.size <= 0x10000;
    const pack = (words: Uint32Array): StoredWords => {
      const packed = narrow ? new Uint16Array(words.length) : new Uint32Array(words.length);
      for (let i = 0; i < words.length; i++) packed[i] = renumber[words[i] ?? 0] ?? 0;
      return packed;
    };
    return { forms: new WordForms(sorted), pack };
  }
}

/**
 * The word forms of an index's stored texts, numbered by their place in code-unit order: one
 * sorted list (a 13,000-form table takes 0.15 MB, where a Map of them took 0.7).
 */
export class WordForms {
  constructor(private readonly sorted: SortedWords) {}

  /** The number of a form; undefined for a form no stored text has. */
  find(form: string): number | undefined {
    const n = this.sorted.indexOf(form);
    return n < 0 ? undefined : n;
  }
}

/** Letters and digits, with apostrophes inside a word kept in it ("that’s", "O’Brien"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2018\u2019\u02BC\u0060\u00B4\u2032][\p{L}\p{M}\p{N}]+)*/gu;

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

function eachWord(text: string, visit: (form: string) => void): void {
  for (const match of text.matchAll(WORD)) {
    const form = formOf(match[0]);
    if (form !== '') visit(form);
  }
}

/** A word's matching form; empty for a run of marks that normalizing leaves nothing of, which is no word. */
function formOf(word: string): string {
  return normalizeForMatch(word).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Where the first `count` words of a text stand: the words `WordFormsBuilder.store` numbers, in order. */
function wordSpans(text: string, count: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(WORD)) {
    if (spans.length >= count) break;
    if (formOf(match[0]) !== '') spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** Indexes of the words in `words` where the phrase (its forms' numbers) starts, as a contiguous sequence of whole words. */
export function phraseStarts(words: StoredWords, keys: readonly number[]): number[] {
  const starts: number[] = [];
  if (keys.length === 0) return starts;
  outer: for (let i = 0; i + keys.length <= words.length; i++) {
    for (let k = 0; k < keys.length; k++) if (words[i + k] !== keys[k]) continue outer;
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
  const starts = phraseStarts(words, keys);
  if (starts.length === 0) return [];
  const spans = wordSpans(text, (starts.at(-1) ?? 0) + keys.length);
  return starts.map((i) => ({ start: spans[i]?.start ?? 0, end: spans[i + keys.length - 1]?.end ?? 0 }));
}
