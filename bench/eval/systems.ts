/** The two ways of answering that the harness compares: citebot as the bot runs it, and plain MiniSearch. */
import { ask } from '../../src/answer/ask.js';
import type { RankingConfig } from '../../src/answer/ranking-config.js';
import type { Library } from '../../src/library/library.js';
import type { System, SystemAnswer } from './measure.js';
import { plainMiniSearch } from './plain-minisearch.js';
import { byCorpus, CORPUS_DIRS, type CorpusName } from './sets.js';

/** Passages the baseline shows, as many as /ask shows. */
const SHOWN = 5;

export function citebotSystem(libraries: Record<CorpusName, Library>, ranking?: RankingConfig, name = 'citebot'): System {
  return {
    name,
    ask(corpus, question): SystemAnswer {
      const result = ask(libraries[corpus], question, ranking ? { ranking } : {});
      return {
        confident: result.confident,
        citations: result.passages.map((p) => `${p.source}:${p.line}`),
        sentence: result.answer?.text ?? null,
      };
    },
  };
}

/** Plain MiniSearch answers whenever any passage matches; it has no answer sentence. */
export function plainSystem(): System {
  const engines = byCorpus((corpus) => plainMiniSearch(CORPUS_DIRS[corpus]));
  return {
    name: 'plain MiniSearch',
    ask(corpus, question): SystemAnswer {
      const hits = engines[corpus](question).slice(0, SHOWN);
      return { confident: hits.length > 0, citations: hits.map((h) => h.citation), sentence: null };
    },
  };
}
