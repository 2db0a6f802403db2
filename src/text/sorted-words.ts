/**
 * Distinct words in code-unit order, kept as one string and the offsets into it: about 4 bytes a
 * word besides its letters, where a Map or an array of strings keeps an object of 20 to 40 bytes
 * a word. Sorted, the list is a trie laid flat: words that share a prefix stand together.
 */
export class SortedWords {
  private constructor(
    /** The words, joined. */
    readonly text: string,
    /** Where each word starts in `text`; one more entry marks the end. */
    readonly offsets: Uint32Array,
  ) {}

  /** From distinct words, in any order. */
  static of(distinct: Iterable<string>): SortedWords {
    // The default order is by UTF-16 code units, the order `compareAt` reads.
    const words = [...distinct].sort();
    const offsets = new Uint32Array(words.length + 1);
    let at = 0;
    words.forEach((word, i) => {
      offsets[i] = at;
      at += word.length;
    });
    offsets[words.length] = at;
    return new SortedWords(words.join(''), offsets);
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  wordAt(i: number): string {
    return this.text.slice(this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0);
  }

  /** The place of a word in the list; -1 when it is not there. */
  indexOf(word: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compareAt(mid, word);
      if (order === 0) return mid;
      if (order < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
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
