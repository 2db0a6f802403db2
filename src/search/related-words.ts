import type { PassageIndex } from './passage-index.js';
import { termsOf } from '../text/terms.js';
import type { WordVectors } from './word-vectors.js';

export interface RelatedWord {
  readonly word: string;
  readonly similarity: number;
}

/** The corpus words that have vectors, with their rows: made once per index. */
interface CorpusRows {
  readonly words: readonly string[];
  readonly rows: Int32Array;
}

/**
 * The most frequent words (the table is in order of frequency) occur in every context, so their
 * vectors are close to everything ("last" ~ day, "won" ~ first): they are not expanded. They may
 * still be offered ("pledge" ~ support): a word's own neighbours above the bar are its neighbours.
 */
const HUB_RANK = 300;

const corpusRows = new WeakMap<PassageIndex, CorpusRows>();

/**
 * The corpus words whose vectors are closest to `word`'s, most similar first, at least
 * `minSimilarity`. Only content words are compared: function words share contexts with
 * everything ("think" ~ "we" 0.9).
 */
export function relatedCorpusWords(word: string, index: PassageIndex, vectors: WordVectors, minSimilarity: number, limit: number): RelatedWord[] {
  const row = vectors.rowOf(word);
  if (row === undefined || row < HUB_RANK) return [];
  const corpus = rowsOf(index, vectors);
  const found: RelatedWord[] = [];
  for (let i = 0; i < corpus.rows.length; i++) {
    const similarity = vectors.similarityOfRows(row, corpus.rows[i] as number);
    if (similarity >= minSimilarity && corpus.words[i] !== word) found.push({ word: corpus.words[i] as string, similarity });
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
}

/** Pairs the corpus words with their vectors now rather than on the first question that needs them. */
export function prepareRelatedWords(index: PassageIndex, vectors: WordVectors): void {
  rowsOf(index, vectors);
}

function rowsOf(index: PassageIndex, vectors: WordVectors): CorpusRows {
  let cached = corpusRows.get(index);
  if (!cached) {
    const words: string[] = [];
    const rows: number[] = [];
    for (const word of index.words()) {
      const row = vectors.rowOf(word);
      if (row === undefined || termsOf(word).length === 0) continue;
      words.push(word);
      rows.push(row);
    }
    cached = { words, rows: Int32Array.from(rows) };
    corpusRows.set(index, cached);
  }
  return cached;
}
