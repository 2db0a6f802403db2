import { SortedWords } from '../text/sorted-words.js';

/** A word within a few edits of another, with how often the corpus says it. */
export interface NearWord {
  readonly word: string;
  readonly count: number;
  /** Edits: insertions, deletions, substitutions and swaps of two neighbouring letters (optimal string alignment). */
  readonly distance: number;
}

/**
 * The plain words of a corpus with their counts, for typo correction. One sorted list (see
 * text/sorted-words.ts) with the counts in a typed array keeps a 1 M-word corpus's vocabulary in
 * about 1 MB, where a radix tree of maps took 8.6 MB. Both lookups use the list's order.
 */
export class Vocabulary {
  private constructor(
    private readonly words: SortedWords,
    private readonly counts: Uint32Array,
  ) {}

  /** From words and counts in any order; a word given twice counts the sum. */
  static from(entries: Iterable<readonly [string, number]>): Vocabulary {
    const merged = new Map<string, number>();
    for (const [word, count] of entries) merged.set(word, (merged.get(word) ?? 0) + count);
    const words = SortedWords.of(merged.keys());
    return new Vocabulary(
      words,
      Uint32Array.from({ length: words.size }, (_, i) => merged.get(words.wordAt(i)) ?? 0),
    );
  }

  get size(): number {
    return this.counts.length;
  }

  /** How often the corpus says a word; 0 when it never does. */
  count(word: string): number {
    const i = this.words.indexOf(word);
    return i < 0 ? 0 : (this.counts[i] ?? 0);
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.size; i++) yield [this.words.wordAt(i), this.counts[i] ?? 0];
  }

  /**
   * Every word within `maxEdits` edits of `word` (at most 65,534). The edit-distance table is
   * filled row by row, one row per letter of a listed word: a word reuses the rows of the prefix
   * it shares with the word before, and once every cell of a row is past `maxEdits`, no word with
   * that prefix can come back within it, so all of them are skipped at once.
   */
  near(word: string, maxEdits: number): NearWord[] {
    const found: NearWord[] = [];
    const { text, offsets } = this.words;
    const width = word.length + 1;
    // Only cells within maxEdits of the diagonal can stay within reach (Ukkonen's band); the
    // rest hold `cap`, "too far", from the start, and every value is capped there.
    const cap = Math.min(maxEdits + 1, 0xffff);
    // rows[d]: distances between the first d letters of the listed word and each prefix of `word`.
    const rows: Uint16Array[] = [Uint16Array.from({ length: width }, (_, j) => Math.min(j, cap))];
    let previous = 0;
    let previousLength = 0;
    for (let i = 0; i < this.size;) {
      const start = offsets[i] ?? 0;
      const length = (offsets[i + 1] ?? start) - start;
      let depth = this.sharedPrefix(i, previous, Math.min(length, previousLength));
      let pruned = false;
      for (; depth < length; depth++) {
        const above = rows[depth] ?? rows[0]!;
        const twoAbove = depth > 0 ? rows[depth - 1] : undefined;
        const row = (rows[depth + 1] ??= new Uint16Array(width).fill(cap));
        const letter = text.charCodeAt(start + depth);
        const letterBefore = depth > 0 ? text.charCodeAt(start + depth - 1) : -1;
        const d = depth + 1;
        let least = cap;
        if (d < cap) least = row[0] = d;
        const last = Math.min(width - 1, d + maxEdits);
        for (let j = Math.max(1, d - maxEdits); j <= last; j++) {
          let value = (above[j - 1] ?? cap) + (word.charCodeAt(j - 1) === letter ? 0 : 1);
          const up = (above[j] ?? cap) + 1;
          if (up < value) value = up;
          const left = (row[j - 1] ?? cap) + 1;
          if (left < value) value = left;
          // Two neighbouring letters swapped ("dornes", "drones") are one edit, not two.
          if (twoAbove && j > 1 && letter === word.charCodeAt(j - 2) && letterBefore === word.charCodeAt(j - 1)) {
            const swap = (twoAbove[j - 2] ?? cap) + 1;
            if (swap < value) value = swap;
          }
          if (value > cap) value = cap;
          row[j] = value;
          if (value < least) least = value;
        }
        if (least > maxEdits) {
          pruned = true;
          break;
        }
      }
      previous = i;
      previousLength = pruned ? depth : length;
      if (pruned) {
        // Every word starting with this one's first depth + 1 letters is out of reach.
        i = this.endOfPrefix(i, depth + 1);
        continue;
      }
      const distance = rows[length]?.[width - 1] ?? cap;
      if (distance <= maxEdits) found.push({ word: this.words.wordAt(i), count: this.counts[i] ?? 0, distance });
      i++;
    }
    return found;
  }

  /** How many first letters words a and b share, up to `limit`. */
  private sharedPrefix(a: number, b: number, limit: number): number {
    const { text, offsets } = this.words;
    const startA = offsets[a] ?? 0;
    const startB = offsets[b] ?? 0;
    let k = 0;
    while (k < limit && text.charCodeAt(startA + k) === text.charCodeAt(startB + k)) k++;
    return k;
  }

  /**
   * The first word after `i` that does not start with word i's first `letters` letters. Most
   * prefixes that are out of reach start a few words, so the search gallops from `i` before it halves.
   */
  private endOfPrefix(i: number, letters: number): number {
    let lo = i + 1;
    let step = 1;
    while (lo < this.size && this.startsAlike(lo, i, letters)) {
      lo += step;
      step *= 2;
    }
    // Words before lo - step / 2 share the prefix; the end is at most lo.
    let hi = Math.min(lo, this.size);
    lo = Math.max(i + 1, lo - Math.floor(step / 2));
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startsAlike(mid, i, letters)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether word a starts with word b's first `letters` letters. */
  private startsAlike(a: number, b: number, letters: number): boolean {
    const { offsets } = this.words;
    const length = (offsets[a + 1] ?? 0) - (offsets[a] ?? 0);
    return length >= letters && this.sharedPrefix(a, b, letters) === letters;
  }
}
