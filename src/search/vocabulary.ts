/** A word within a few edits of another, with how often the corpus says it. */
export interface NearWord {
  readonly word: string;
  readonly count: number;
  /** Levenshtein distance: insertions, deletions and substitutions. */
  readonly distance: number;
}

/**
 * The plain words of a corpus with their counts, for typo correction. One sorted list (the
 * words joined in one string, their offsets and counts in typed arrays) keeps a 1 M-word
 * corpus's vocabulary in about 1 MB, where a radix tree of maps took 8.6 MB. Sorted, the list is
 * a trie laid flat: the words that share a prefix stand together, which is what both lookups use.
 */
export class Vocabulary {
  private constructor(
    private readonly text: string,
    /** Where each word starts in `text`; one more entry marks the end. */
    private readonly offsets: Uint32Array,
    private readonly counts: Uint32Array,
  ) {}

  /** From words and counts in any order; a word given twice counts the sum. */
  static from(entries: Iterable<readonly [string, number]>): Vocabulary {
    const merged = new Map<string, number>();
    for (const [word, count] of entries) merged.set(word, (merged.get(word) ?? 0) + count);
    const words = [...merged.keys()].sort(compareCodeUnits);
    const offsets = new Uint32Array(words.length + 1);
    let at = 0;
    words.forEach((word, i) => {
      offsets[i] = at;
      at += word.length;
    });
    offsets[words.length] = at;
    return new Vocabulary(
      words.join(''),
      offsets,
      Uint32Array.from(words, (w) => merged.get(w) ?? 0),
    );
  }

  get size(): number {
    return this.counts.length;
  }

  /** How often the corpus says a word; 0 when it never does. */
  count(word: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareAt(mid, word);
      if (order === 0) return this.counts[mid] ?? 0;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.size; i++) yield [this.wordAt(i), this.counts[i] ?? 0];
  }

  /**
   * Every word within `maxEdits` edits of `word`. The edit-distance table is filled row by row,
   * one row per letter of a listed word: a word reuses the rows of the prefix it shares with
   * the word before, and once every cell of a row is past `maxEdits`, no word with that prefix
   * can come back within it, so all of them are skipped at once.
   */
  near(word: string, maxEdits: number): NearWord[] {
    const found: NearWord[] = [];
    const width = word.length + 1;
    // rows[d]: distances between the first d letters of the listed word and each prefix of `word`.
    const rows: Uint32Array[] = [Uint32Array.from({ length: width }, (_, j) => j)];
    let previous = 0;
    let previousLength = 0;
    for (let i = 0; i < this.size;) {
      const start = this.offsets[i] ?? 0;
      const length = (this.offsets[i + 1] ?? start) - start;
      let depth = this.sharedPrefix(i, previous, Math.min(length, previousLength));
      let pruned = false;
      for (; depth < length; depth++) {
        const above = rows[depth] ?? rows[0]!;
        const row = (rows[depth + 1] ??= new Uint32Array(width));
        const letter = this.text.charCodeAt(start + depth);
        row[0] = depth + 1;
        let least = row[0];
        for (let j = 1; j < width; j++) {
          const substitute = (above[j - 1] ?? 0) + (word.charCodeAt(j - 1) === letter ? 0 : 1);
          const value = Math.min(substitute, (above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1);
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
      const distance = rows[length]?.[width - 1] ?? Infinity;
      if (distance <= maxEdits) found.push({ word: this.wordAt(i), count: this.counts[i] ?? 0, distance });
      i++;
    }
    return found;
  }

  private wordAt(i: number): string {
    return this.text.slice(this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0);
  }

  /** How many first letters words a and b share, up to `limit`. */
  private sharedPrefix(a: number, b: number, limit: number): number {
    const startA = this.offsets[a] ?? 0;
    const startB = this.offsets[b] ?? 0;
    let k = 0;
    while (k < limit && this.text.charCodeAt(startA + k) === this.text.charCodeAt(startB + k)) k++;
    return k;
  }

  /** The first word after `i` that does not start with word i's first `letters` letters. */
  private endOfPrefix(i: number, letters: number): number {
    let lo = i + 1;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const length = (this.offsets[mid + 1] ?? 0) - (this.offsets[mid] ?? 0);
      if (length >= letters && this.sharedPrefix(mid, i, letters) === letters) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Word i against `word`, in code-unit order (negative when word i sorts first). */
  private compareAt(i: number, word: string): number {
    const start = this.offsets[i] ?? 0;
    const length = (this.offsets[i + 1] ?? start) - start;
    const shared = Math.min(length, word.length);
    for (let k = 0; k < shared; k++) {
      const difference = this.text.charCodeAt(start + k) - word.charCodeAt(k);
      if (difference !== 0) return difference;
    }
    return length - word.length;
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
