import type { Lexicon } from './query.js';
import { WordNet } from './wordnet.js';

let shared: Lexicon | undefined;

/** The process-wide dictionaries; they do not depend on the corpus, so reloads reuse them. */
export function sharedLexicon(): Lexicon {
  shared ??= { wordnet: new WordNet() };
  return shared;
}
