import { answerableQuestions, candidateQuestions, type QuotedPerson } from '../answer/suggest.js';
import { buildQuoteIndexInSlices, type QuoteIndex } from '../quote/lookup.js';
import type { Article, Corpus } from '../corpus/types.js';
import { PassageIndex } from '../search/passage-index.js';
import { sharedLexicon } from '../search/lexicon.js';
import type { Lexicon } from '../search/query.js';
import type { Quotation } from '../reading/read-article.js';
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
  /** An article's quotations once `quotes()` has built them; undefined before (nothing waits for them). */
  readyQuotations(source: string): readonly Quotation[] | undefined;
  /**
   * Questions this library answers confidently, to suggest after a miss. Worked out once, in the
   * background after the quotations (whose speakers give candidates); nothing waits for it.
   */
  suggestions(): Promise<readonly string[]>;
  /** The suggestions if they are ready (starting the work if not): an answer never waits for them. */
  readySuggestions(): readonly string[] | undefined;
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
  /** The quotations by article, once the index is built. */
  let quotationsBySource: Map<string, Quotation[]> | undefined;
  let suggestions: Promise<readonly string[]> | undefined;
  let ready: readonly string[] | undefined;
  const bySource = new Map(corpus.articles.map((a) => [a.source, a]));
  const library: Library = {
    corpus,
    index,
    lexicon,
    buildMs,
    quotes: () =>
      (quotes ??= buildQuoteIndexInSlices(corpus, options.pause).then((built) => {
        quotationsBySource = new Map();
        for (const { quotation } of built.quotations) {
          const list = quotationsBySource.get(quotation.source) ?? [];
          list.push(quotation);
          quotationsBySource.set(quotation.source, list);
        }
        return built;
      })),
    readyQuotations: (source) => (quotationsBySource ? (quotationsBySource.get(source) ?? []) : undefined),
    article: (source) => bySource.get(source),
    suggestions: () =>
      (suggestions ??= library.quotes().then(async (found) => {
        ready = await answerableQuestions(library, candidateQuestions(quotedPeople(found)), options.pause ? { pause: options.pause } : {});
        return ready;
      })),
    readySuggestions: () => {
      // A failure is reported to whoever awaits suggestions() (startup logs it); here it only means none.
      if (!ready) library.suggestions().catch(() => undefined);
      return ready;
    },
  };
  return library;
}

/** The people the articles quote, with the lines that quote them. */
function quotedPeople(quotes: QuoteIndex): QuotedPerson[] {
  const people = new Map<string, Array<{ source: string; line: number }>>();
  for (const { quotation } of quotes.quotations) {
    if (!quotation.speaker) continue;
    let lines = people.get(quotation.speaker);
    if (!lines) people.set(quotation.speaker, (lines = []));
    lines.push({ source: quotation.source, line: quotation.line });
  }
  return [...people].map(([name, quotedAt]) => ({ name, quotedAt }));
}
