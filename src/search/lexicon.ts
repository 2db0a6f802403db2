import { AliasTable, loadCountryAliases } from './aliases.js';
import type { Lexicon } from './query.js';
import { WordNet } from './wordnet.js';

let shared: Lexicon | undefined;

/** The process-wide dictionaries; they do not depend on the corpus, so reloads reuse them. */
export function sharedLexicon(): Lexicon {
  if (!shared) {
    const wordnet = new WordNet();
    // A code WordNet knows as something other than the country ("PM" = prime minister) is ambiguous.
    const ambiguous = (code: string, country: string) => {
      const synonyms = wordnet.synonymsOf(code);
      return synonyms !== undefined && !synonyms.includes(country.toLowerCase());
    };
    shared = { wordnet, aliases: new AliasTable(loadCountryAliases(ambiguous)) };
  }
  return shared;
}
