/**
 * The words of every indexed passage, read once when the index is built: where each word stands
 * in its passage and which index terms it has (as term numbers), kept in a few typed arrays shared
 * by all passages (about 10 bytes a word) instead of objects. /ask reads a candidate's words from
 * here rather than splitting its text again for every question: that reading was a fifth of a
 * question's time, and keeping it as objects for every passage cost 7 kB a passage.
 */

/** One passage's words, as /ask's features read them. */
export interface WordsView {
  /** How many words (stop words included: positions and lengths count them). */
  readonly count: number;
  /** Where word `w` starts and ends in the passage text. */
  start(w: number): number;
  end(w: number): number;
  /** Calls `visit` with each word's position and each of its term numbers, in text order. */
  eachTerm(visit: (word: number, term: number) => void): void;
}

/** One passage's saved words: [word starts, word ends, terms per word, term numbers]. */
export type SavedPassageWords = readonly [readonly number[], readonly number[], readonly number[], readonly number[]];

/** The serialisable state: one entry per passage slot, in the index's passage order. */
export interface PassageWordsSnapshot {
  readonly passages: readonly SavedPassageWords[];
}

export class PassageWords {
  constructor(
    /** Per slot (one more than passages): the first word of each passage, into the word arrays. */
    private readonly firstWord: Uint32Array,
    /** Per slot (one more than passages): the first term of each passage, into `terms`. */
    private readonly firstTerm: Uint32Array,
    private readonly starts: Uint16Array | Uint32Array,
    private readonly ends: Uint16Array | Uint32Array,
    /** Per word: how many terms it has (0 for a stop word; a word has a handful at most). */
    private readonly termCounts: Uint8Array,
    private readonly terms: Uint32Array,
  ) {}

  get passageCount(): number {
    return this.firstWord.length - 1;
  }

  /** The words of the passage in slot `slot` (its place in the index's passage list). */
  view(slot: number): WordsView {
    const first = this.firstWord[slot] ?? 0;
    return new SlotView(
      this.starts,
      this.ends,
      this.termCounts,
      this.terms,
      first,
      (this.firstWord[slot + 1] ?? first) - first,
      this.firstTerm[slot] ?? 0,
    );
  }

  snapshot(): PassageWordsSnapshot {
    const passages = [];
    for (let slot = 0; slot < this.passageCount; slot++) {
      const from = this.firstWord[slot] ?? 0;
      const to = this.firstWord[slot + 1] ?? from;
      passages.push([
        [...this.starts.subarray(from, to)],
        [...this.ends.subarray(from, to)],
        [...this.termCounts.subarray(from, to)],
        [...this.terms.subarray(this.firstTerm[slot] ?? 0, this.firstTerm[slot + 1] ?? 0)],
      ] as const);
    }
    return { passages };
  }

  /**
   * Restores words saved by `snapshot`, checking them against the passages' lengths and the
   * number of terms: a file that does not fit is refused, never read past its arrays. Filled
   * straight into arrays of the right size: millions of words at a start from a prebuilt index.
   */
  static restore(snapshot: PassageWordsSnapshot, textLengths: readonly number[], termCount: number): PassageWords {
    const { passages } = snapshot;
    if (passages.length !== textLengths.length) {
      throw new Error(`the words of ${passages.length} passages were saved for ${textLengths.length}`);
    }
    let wordTotal = 0;
    let termTotal = 0;
    for (const [starts, , , terms] of passages) {
      wordTotal += starts.length;
      termTotal += terms.length;
    }
    const wide = textLengths.some((length) => length > 0xffff);
    const starts = wide ? new Uint32Array(wordTotal) : new Uint16Array(wordTotal);
    const ends = wide ? new Uint32Array(wordTotal) : new Uint16Array(wordTotal);
    const termCounts = new Uint8Array(wordTotal);
    const terms = new Uint32Array(termTotal);
    const firstWord = new Uint32Array(passages.length + 1);
    const firstTerm = new Uint32Array(passages.length + 1);
    let w = 0;
    let t = 0;
    passages.forEach(([wordStarts, wordEnds, counts, numbers], slot) => {
      const length = textLengths[slot] ?? 0;
      if (wordStarts.length !== wordEnds.length || wordStarts.length !== counts.length) {
        throw new Error(`passage ${slot}: word arrays differ in length`);
      }
      firstWord[slot] = w;
      firstTerm[slot] = t;
      let termsOfWords = 0;
      for (let i = 0; i < wordStarts.length; i++) {
        const start = wordStarts[i] ?? -1;
        const end = wordEnds[i] ?? -1;
        const count = counts[i] ?? -1;
        if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length)) {
          throw new Error(`passage ${slot}: word ${i} is not inside the text`);
        }
        if (!(Number.isInteger(count) && count >= 0 && count <= 255)) throw new Error(`passage ${slot}: word ${i} has a bad term count`);
        starts[w] = start;
        ends[w] = end;
        termCounts[w] = count;
        w++;
        termsOfWords += count;
      }
      if (termsOfWords !== numbers.length) throw new Error(`passage ${slot}: term counts do not add up`);
      for (const n of numbers) {
        if (!(Number.isInteger(n) && n >= 0 && n < termCount)) throw new Error(`passage ${slot}: a word has an unknown term`);
        terms[t++] = n;
      }
    });
    firstWord[passages.length] = w;
    firstTerm[passages.length] = t;
    return new PassageWords(firstWord, firstTerm, starts, ends, termCounts, terms);
  }
}

/** A Uint32 array that grows as values are pushed: 4 bytes a value while building, not a JS array's 8+. */
class GrowingArray {
  private data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  values(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** A passage's words within the shared arrays: an object with methods, not closures, as views are made by the thousand per question. */
class SlotView implements WordsView {
  constructor(
    private readonly starts: Uint16Array | Uint32Array,
    private readonly ends: Uint16Array | Uint32Array,
    private readonly termCounts: Uint8Array,
    private readonly terms: Uint32Array,
    private readonly first: number,
    readonly count: number,
    private readonly firstTerm: number,
  ) {}

  start(w: number): number {
    return this.starts[this.first + w] ?? 0;
  }

  end(w: number): number {
    return this.ends[this.first + w] ?? 0;
  }

  eachTerm(visit: (word: number, term: number) => void): void {
    let t = this.firstTerm;
    for (let w = 0; w < this.count; w++) {
      const n = this.termCounts[this.first + w] ?? 0;
      for (let k = 0; k < n; k++) visit(w, this.terms[t++] ?? 0);
    }
  }
}

/** Collects words passage by passage while an index is built; `finish` packs them. */
export class PassageWordsBuilder {
  private readonly firstWord = new GrowingArray();
  private readonly firstTerm = new GrowingArray();
  private readonly starts = new GrowingArray();
  private readonly ends = new GrowingArray();
  private readonly termCounts = new GrowingArray();
  private readonly terms = new GrowingArray();
  private longest = 0;

  startPassage(): void {
    this.firstWord.push(this.starts.length);
    this.firstTerm.push(this.terms.length);
  }

  addWord(start: number, end: number, terms: readonly number[]): void {
    this.starts.push(start);
    this.ends.push(end);
    this.longest = Math.max(this.longest, end);
    // One byte per word: a word's terms are its stem and a lemma or two, never near 255.
    const n = Math.min(terms.length, 255);
    this.termCounts.push(n);
    for (let k = 0; k < n; k++) this.terms.push(terms[k] ?? 0);
  }

  finish(): PassageWords {
    this.firstWord.push(this.starts.length);
    this.firstTerm.push(this.terms.length);
    // Offsets are within a passage: two bytes each unless a passage is longer than 64 K characters.
    const offsets = (values: Uint32Array) => (this.longest > 0xffff ? Uint32Array.from(values) : Uint16Array.from(values));
    return new PassageWords(
      Uint32Array.from(this.firstWord.values()),
      Uint32Array.from(this.firstTerm.values()),
      offsets(this.starts.values()),
      offsets(this.ends.values()),
      Uint8Array.from(this.termCounts.values()),
      Uint32Array.from(this.terms.values()),
    );
  }
}
