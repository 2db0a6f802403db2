import { hasTerms, plainWord } from '../text/terms.js';
import { loadCountries } from '../text/countries.js';
import { tokenize } from '../text/tokens.js';

/** A set of names for one thing, e.g. South Korea, Republic of Korea, Seoul, South Korean. */
export type AliasGroup = readonly string[];

/**
 * Plain words of a phrase, for matching phrases word by word. Stop words are blanked, as they are
 * in questions, so that "Republic of Korea" matches.
 */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).map((t) => (hasTerms(t.surface) ? plainWord(t.surface) : ''));
}

/**
 * Countries with their other names, from the `world-countries` data set: common and official
 * names, capitals (news writes "Seoul" for South Korea's government, "Moscow" for Russia's),
 * demonyms ("Russian") and ASCII alternative spellings ("USA").
 */
export function loadCountryAliases(isAmbiguousCode: (code: string, country: string) => boolean = () => false): AliasGroup[] {
  return loadCountries().map((c) => {
    // Two-letter codes are often other words' abbreviations ("PM", "IT"): kept only when unambiguous.
    const codes = (c.altSpellings ?? []).filter((n) => n.length > 2 || !isAmbiguousCode(n, c.name.common));
    const names = [c.name.common, c.name.official, ...(c.capital ?? []), c.demonyms?.eng?.m ?? '', ...codes];
    return [...new Set(names.filter((n) => n.length >= 2 && /^[A-Za-z][A-Za-z .'-]*$/.test(n)))];
  });
}

/** Finds alias phrases inside a question: phrase → the words it covers. */
export class AliasTable {
  private readonly byFirstWord = new Map<string, Array<{ words: string[]; group: AliasGroup }>>();

  constructor(groups: readonly AliasGroup[]) {
    for (const group of groups) {
      for (const phrase of group) {
        const words = phraseWords(phrase);
        const first = words[0];
        if (!first) continue;
        const list = this.byFirstWord.get(first) ?? [];
        list.push({ words, group });
        this.byFirstWord.set(first, list);
      }
    }
  }

  /** The longest alias phrase starting at `words[at]`, with the other names of its group. */
  matchAt(words: readonly string[], at: number): { length: number; others: string[] } | undefined {
    let best: { length: number; others: string[] } | undefined;
    for (const candidate of this.byFirstWord.get(words[at] ?? '') ?? []) {
      const fits = candidate.words.every((w, k) => words[at + k] === w);
      if (fits && candidate.words.length > (best?.length ?? 0)) {
        const phrase = candidate.words.join(' ');
        best = { length: candidate.words.length, others: candidate.group.filter((p) => phraseWords(p).join(' ') !== phrase) };
      }
    }
    return best;
  }
}
