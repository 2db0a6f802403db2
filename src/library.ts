import type { Corpus } from './corpus/types.js';
import { PassageIndex } from './search/passage-index.js';
import { sharedLexicon } from './search/lexicon.js';
import type { Lexicon } from './search/query.js';

/**
 * Everything answers are made from, built together from one corpus and never changed
 * afterwards: a reload builds a new Library and swaps it in whole.
 */
export interface Library {
  readonly corpus: Corpus;
  readonly index: PassageIndex;
  readonly lexicon: Lexicon;
  /** How long building took, in milliseconds. */
  readonly buildMs: number;
}

export async function buildLibrary(corpus: Corpus, lexicon: Lexicon = sharedLexicon()): Promise<Library> {
  const started = performance.now();
  const index = await PassageIndex.build(corpus);
  return { corpus, index, lexicon, buildMs: performance.now() - started };
}

/** The article a passage belongs to, by file name. */
export function articleTitle(library: Library, source: string): string {
  return library.corpus.articles.find((a) => a.source === source)?.title ?? source;
}
