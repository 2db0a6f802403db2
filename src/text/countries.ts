import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

let countries: readonly Country[] | undefined;

/**
 * The `world-countries` data set (names, capitals, demonyms, other spellings), read once for the
 * reading's places. Loaded through `require` because the package is CommonJS JSON; its own types
 * describe it.
 */
export function loadCountries(): readonly Country[] {
  countries ??= createRequire(import.meta.url)('world-countries/countries.json') as Country[];
  return countries;
}
