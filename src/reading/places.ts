import { loadCountries } from '../text/countries.js';
import { nameKey } from './names.js';

/**
 * Countries, capitals and nationality words from the `world-countries` data set, so that
 * "North Korea", "Pyongyang" or "Russian" are never taken for a person and so that
 * "the Russian president" can be matched to "Russian President Vladimir Putin".
 */

/** Normalised place names (countries and capitals), as space-joined name keys. */
const PLACES = new Set<string>();
/** Normalised nationality adjective → itself; country name → its adjective. */
const NATIONALITY = new Map<string, string>();

for (const country of loadCountries()) {
  const demonym = country.demonyms?.['eng']?.m;
  const adjective = demonym ? nameKey(demonym) : undefined;
  const names = [country.name.common, country.name.official, ...country.altSpellings.filter((s) => /^[\p{L} .'’-]{4,}$/u.test(s))];
  for (const name of names) {
    const key = nameKey(name);
    PLACES.add(key);
    if (adjective) NATIONALITY.set(key, adjective);
  }
  for (const capital of country.capital ?? []) PLACES.add(nameKey(capital));
  if (adjective) {
    NATIONALITY.set(adjective, adjective);
    const female = country.demonyms?.['eng']?.f;
    if (female) NATIONALITY.set(nameKey(female), adjective);
  }
}
// Common short forms the data set spells out in full.
for (const [short, full] of [
  ['us', 'united states'],
  ['usa', 'united states'],
  ['uk', 'united kingdom'],
  ['america', 'united states'],
  ['britain', 'united kingdom'],
] as const) {
  PLACES.add(short);
  const adjective = NATIONALITY.get(full);
  if (adjective) NATIONALITY.set(short, adjective);
}

/** Whether a space-joined name key is a country or capital ("north korea", "pyongyang"). */
export function isPlace(key: string): boolean {
  return PLACES.has(key);
}

/** The nationality adjective for a nationality or country key ("russia" → "russian"), if any. */
export function nationalityOf(key: string): string | undefined {
  return NATIONALITY.get(key) ?? (key.endsWith('s') ? NATIONALITY.get(key.slice(0, -1)) : undefined);
}
