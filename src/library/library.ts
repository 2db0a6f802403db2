import { buildQuoteIndexInSlices, type QuoteIndex } from '../quote/lookup.js';
import type { Article, Corpus } from '../corpus/types.js';
import { PassageIndex } from '../search/passage-index.js';
import { sharedLexicon } from '../search/lexicon.js';
import type { Lexicon } from '../search/query.js';
import type { Pause } from '../platform/scheduler.js';

/**
 * Everything answers are made from, built together from one corpus and never changed
 * afterwards: a reload builds a new Library and swaps it in whole.
 */
export interface Library {
  readonly corpus: Corpus;
  readonly index: PassageIndex;
  readonly lexicon: Lexicon;
  /** How long building the passage index took, in milliseconds. */
  readonly buildMs: number;
  /**
   * The quotations of the corpus. Extracting them reads every sentence, so it runs in slices
   * that yield to the event loop, started once; /ask never waits for it.
   */
  quotes(): Promise<QuoteIndex>;
  /** An article by file name. */
  article(source: string): Article | undefined;
}

export interface BuildOptions {
  readonly lexicon?: Lexicon;
  /** Waits between slices of indexing and quotation extraction for queued commands. */
  readonly pause?: Pause | undefined;
}

export async function buildLibrary(corpus: Corpus, options: BuildOptions = {}): Promise<Library> {
  const started = performance.now();
  const index = await PassageIndex.build(corpus, options.pause);
  return assembleLibrary(corpus, index, performance.now() - started, options);
}

/** A library from a ready index (built, or restored from a prebuilt file). */
export function assembleLibrary(corpus: Corpus, index: PassageIndex, buildMs: number, options: BuildOptions = {}): Library {
  const lexicon = options.lexicon ?? sharedLexicon();
  let quotes: Promise<QuoteIndex> | undefined;
  const bySource = new Map(corpus.articles.map((a) => [a.source, a]));
  return {
    corpus,
    index,
    lexicon,
    buildMs,
    quotes: () => (quotes ??= buildQuoteIndexInSlices(corpus, options.pause)),
    article: (source) => bySource.get(source),
  };
}
