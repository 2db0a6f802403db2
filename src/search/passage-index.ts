import MiniSearch from 'minisearch';
import { slicer, type Pause } from '../platform/scheduler.js';
import { answerablePassages, type Corpus, type Passage } from '../corpus/types.js';
import { uncachedPlainWord, uncachedTermsOf } from '../text/terms.js';
import { tokenize } from '../text/tokens.js';
import { Vocabulary } from './vocabulary.js';
import { PassageWords, PassageWordsBuilder, type PassageWordsSnapshot, type WordsView } from './passage-words.js';

/**
 * How much a passage weighs in the search and in BM25, next to a paragraph's 1: a title or heading
 * line, and a line of few words, say a question's words without answering it. Fitted (see
 * RankingConfig.lines).
 */
export interface LineWeights {
  /** A title or heading line. */
  readonly title: number;
  /** Multiplies the weight of a line of fewer than `shortUnder` words. */
  readonly short: number;
  readonly shortUnder: number;
}

/** One weighted term of a search: literal words weigh 1, expansions less. */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

interface IndexedDocument {
  readonly id: number;
  /** The passage's index terms, space-separated: text is processed once, before MiniSearch sees it. */
  readonly text: string;
}

/** The serialisable state of a PassageIndex. */
export interface IndexSnapshot {
  readonly engine: ReturnType<MiniSearch['toJSON']>;
  /** Every index term with the number of passages it occurs in, in the order of their term numbers. */
  readonly documentFrequency: ReadonlyArray<[string, number]>;
  readonly vocabulary: ReadonlyArray<[string, number]>;
  readonly words: PassageWordsSnapshot;
}

export interface PassageHit {
  readonly passage: Passage;
  /** MiniSearch's BM25 score with term boosts, titles and short lines weighed down. */
  readonly score: number;
}

/** A search's best passages, and which of the searched terms their articles have in any passage. */
export interface SearchOutcome {
  readonly hits: PassageHit[];
  /** By source file of a hit: the searched terms found anywhere in it. */
  readonly termsBySource: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The searchable form of a corpus: MiniSearch over answerable passages, plus the statistics
 * the answer layer needs (document frequencies, a vocabulary for typo correction).
 */
export class PassageIndex {
  readonly passages: readonly Passage[];
  /**
   * By passage id (ids count up from 0 across a corpus): whether it is a title or heading line,
   * its words, and its place in `passages` plus one (0 for none), which is also its slot in
   * `passageWords`. Arrays, not maps: the search weighs every passage a term is in.
   */
  private readonly isTitle: Uint8Array;
  private readonly wordsIn: Uint32Array;
  private readonly slotPlusOne: Uint32Array;
  private readonly engine: MiniSearch<IndexedDocument>;
  /** Every index term's number: where its name and document frequency are kept. */
  private readonly termNumbers = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly documentFrequency: number[] = [];
  /** Every passage's words with their term numbers; set once built or restored. */
  private passageWords: PassageWords = new PassageWordsBuilder().finish();
  /** Plain words of the corpus with their counts, for typo correction; set once built or restored. */
  private vocabulary = Vocabulary.from([]);

  private meanWords = 1;

  private constructor(corpus: Corpus, engine: MiniSearch<IndexedDocument>) {
    this.passages = corpus.articles.flatMap(answerablePassages);
    this.engine = engine;
    const ids = this.passages.reduce((most, p) => Math.max(most, p.id + 1), 0);
    this.isTitle = new Uint8Array(ids);
    this.wordsIn = new Uint32Array(ids);
    for (const passage of this.passages) this.isTitle[passage.id] = passage.kind === 'title' || passage.kind === 'heading' ? 1 : 0;
    this.slotPlusOne = new Uint32Array(ids);
    for (const [i, passage] of this.passages.entries()) this.slotPlusOne[passage.id] = i + 1;
  }

  /** Sets the passages' words, and what their lengths give: each passage's length, and the mean length. */
  private setWords(words: PassageWords): void {
    this.passageWords = words;
    let total = 0;
    for (const [slot, passage] of this.passages.entries()) {
      // Words as the index read them, stop words included: what BM25 counts a passage's length in.
      const count = words.view(slot).count;
      total += count;
      this.wordsIn[passage.id] = count;
    }
    this.meanWords = Math.max(1, total / Math.max(1, this.passages.length));
  }

  /** Words in a passage, on average: what BM25 measures a passage's length against. */
  get averageWords(): number {
    return this.meanWords;
  }

  /**
   * Builds the index of a corpus, in short slices that pause for the bot's commands (see
   * platform/scheduler.ts), so that a bot rebuilding its index keeps answering from the old one.
   */
  static async build(corpus: Corpus, pause?: Pause): Promise<PassageIndex> {
    const index = new PassageIndex(corpus, new MiniSearch<IndexedDocument>(ENGINE_OPTIONS));
    // Each distinct word as written: how often it occurs (folded to plain words once at the end,
    // far fewer keys to fold) and its term numbers, worked out once. Dropped after the build.
    const surfaces = new Map<string, { count: number; readonly terms: readonly number[] }>();
    const documents: IndexedDocument[] = [];
    const seen = new Set<number>();
    const words = new PassageWordsBuilder();
    const slice = slicer(pause);
    for (const passage of index.passages) {
      const pausing = slice();
      if (pausing) await pausing;
      const terms: string[] = [];
      seen.clear();
      words.startPassage();
      for (const token of tokenize(passage.text)) {
        let surface = surfaces.get(token.surface);
        if (!surface) {
          surface = { count: 0, terms: uncachedTermsOf(token.surface).map((term) => index.numberTerm(term)) };
          surfaces.set(token.surface, surface);
        }
        surface.count++;
        for (const n of surface.terms) {
          terms.push(index.termName(n));
          if (!seen.has(n)) {
            seen.add(n);
            index.documentFrequency[n] = (index.documentFrequency[n] ?? 0) + 1;
          }
        }
        words.addWord(token.start, token.end, surface.terms);
      }
      documents.push({ id: passage.id, text: terms.join(' ') });
    }
    index.setWords(words.finish());
    for (let i = 0; i < documents.length; i += ADD_CHUNK) {
      const pausing = slice();
      if (pausing) await pausing;
      index.engine.addAll(documents.slice(i, i + ADD_CHUNK));
    }
    index.vocabulary = Vocabulary.from(plainCounts(surfaces));
    return index;
  }

  /** Everything needed to restore this index without processing the text again (see `restore`). */
  snapshot(): IndexSnapshot {
    return {
      engine: this.engine.toJSON(),
      documentFrequency: this.termNames.map((term, n) => [term, this.documentFrequency[n] ?? 0]),
      vocabulary: [...this.vocabulary.entries()],
      words: this.passageWords.snapshot(),
    };
  }

  /** Restores an index saved by `snapshot` for the same corpus. */
  static async restore(corpus: Corpus, snapshot: IndexSnapshot): Promise<PassageIndex> {
    // From the object, not a JSON string of it: at tens of millions of words that string is past V8's limit.
    const engine = await MiniSearch.loadJSAsync<IndexedDocument>(snapshot.engine, ENGINE_OPTIONS);
    const index = new PassageIndex(corpus, engine);
    for (const [term, count] of snapshot.documentFrequency) index.documentFrequency[index.numberTerm(term)] = count;
    if (index.termNames.length !== snapshot.documentFrequency.length) throw new Error('a term is saved twice');
    index.vocabulary = Vocabulary.from(snapshot.vocabulary);
    index.setWords(
      PassageWords.restore(
        snapshot.words,
        index.passages.map((p) => p.text.length),
        index.termNames.length,
      ),
    );
    return index;
  }

  get size(): number {
    return this.passages.length;
  }

  passage(id: number): Passage | undefined {
    const slot = this.slotOf(id);
    return slot === undefined ? undefined : this.passages[slot];
  }

  private slotOf(id: number): number | undefined {
    const plusOne = this.slotPlusOne[id];
    return plusOne ? plusOne - 1 : undefined;
  }

  /** How much a passage weighs in the search and in BM25 (1 for a paragraph; see LineWeights). */
  weightOf(passage: Passage, lines: LineWeights): number {
    return this.weightById(passage.id, lines);
  }

  private weightById(id: number, lines: LineWeights): number {
    const kind = this.isTitle[id] ? lines.title : 1;
    return (this.wordsIn[id] ?? 0) < lines.shortUnder ? kind * lines.short : kind;
  }

  /** In how many passages a term occurs (0 when it does not). */
  frequency(term: string): number {
    const n = this.termNumbers.get(term);
    return n === undefined ? 0 : (this.documentFrequency[n] ?? 0);
  }

  /** A term's number in passage words (see `wordsOf`); undefined for a term no passage has. */
  termNumber(term: string): number | undefined {
    return this.termNumbers.get(term);
  }

  /** The term of a number from passage words. */
  termName(n: number): string {
    return this.termNames[n] ?? '';
  }

  /** A passage's words, read when the index was built; undefined for a passage not indexed. */
  wordsOf(passage: Passage): WordsView | undefined {
    const slot = this.slotOf(passage.id);
    return slot === undefined || this.passages[slot] !== passage ? undefined : this.passageWords.view(slot);
  }

  /** The number of a term, given the next one when it is new. */
  private numberTerm(term: string): number {
    let n = this.termNumbers.get(term);
    if (n === undefined) {
      n = this.termNames.length;
      this.termNumbers.set(term, n);
      this.termNames.push(term);
    }
    return n;
  }

  /** The IDF of a term no passage has: the most any term weighs in this corpus. */
  get unseenIdf(): number {
    return this.idfOf(0);
  }

  /** Inverse document frequency, smoothed so that an unseen term weighs the most. */
  idf(term: string): number {
    return this.idfOf(this.frequency(term));
  }

  private idfOf(documentFrequency: number): number {
    return Math.log(1 + (this.size + 1) / (documentFrequency + 0.5));
  }

  /** How often a plain word occurs in the corpus text. */
  wordCount(word: string): number {
    return this.vocabulary.count(word);
  }

  /**
   * The corpus word closest to a word the corpus lacks, for typo correction: one edit for
   * words of 5–7 letters, two for longer ones (a swap of two neighbouring letters is one).
   */
  closestWord(word: string): string | undefined {
    if (word.length < 5) return undefined;
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number; count: number } | undefined;
    // Ties go to the word first in code-unit order.
    for (const { word: candidate, count, distance } of this.vocabulary.near(word, maxEdits)) {
      if (candidate === word || /\d/.test(candidate)) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    return best?.word;
  }

  /**
   * Ranks passages by BM25 over the weighted terms (OR), each passage weighed as `weightOf` says,
   * best first; and gives the terms that the articles of the hits have: the search reads every
   * passage that has one of them, so what an article says around a passage costs no second look.
   */
  search(terms: readonly WeightedTerm[], limit: number, lines: LineWeights): SearchOutcome {
    const weights = new Map<string, number>();
    for (const { term, weight } of terms) weights.set(term, Math.max(weight, weights.get(term) ?? 0));
    if (weights.size === 0) return { hits: [], termsBySource: new Map() };
    const results = this.engine.search([...weights.keys()].join(' '), {
      boostTerm: (term) => weights.get(term) ?? 1,
      boostDocument: (id) => this.weightById(id as number, lines),
    });
    const hits = results.slice(0, limit).flatMap((result) => {
      const passage = this.passage(result.id as number);
      return passage ? [{ passage, score: result.score }] : [];
    });
    // Only the hits' articles are asked about, and one that has every term needs no more looking.
    // A result's `terms` are the query terms it matched, as the search is neither fuzzy nor by prefix.
    const termsBySource = new Map(hits.map((hit) => [hit.passage.source, new Set<string>()]));
    for (const result of results) {
      const found = termsBySource.get(this.passage(result.id as number)?.source ?? '');
      if (!found || found.size === weights.size) continue;
      for (const term of result.terms) found.add(term);
    }
    return { hits, termsBySource };
  }
}

const ENGINE_OPTIONS = {
  fields: ['text'],
  tokenize: splitOnSpace,
  processTerm: keepTerm,
  searchOptions: { tokenize: splitOnSpace, processTerm: keepTerm },
};

/** Documents added to the engine between two looks at the clock while building. */
const ADD_CHUNK = 50;

function splitOnSpace(text: string): string[] {
  return text.split(' ');
}

function keepTerm(term: string): string | null {
  return term === '' ? null : term;
}

/** Counts by plain word from counts by word as written (the vocabulary adds up those that fold alike). */
function* plainCounts(surfaces: ReadonlyMap<string, { readonly count: number }>): Generator<[string, number]> {
  for (const [surface, { count }] of surfaces) yield [uncachedPlainWord(surface), count];
}
