import { normalizeForMatch } from '../corpus/normalize.js';

/**
 * The matching form of a name: case, diacritics, apostrophes, full stops and hyphens do not
 * matter, so "O’Brien", "O'Brien" and "obrien" meet, as do "Ho-jin" and "Ho jin", "U.S." and "US".
 */
export function nameKey(text: string): string {
  return normalizeForMatch(text)
    .replace(/['.]/g, '')
    .replace(/[-_]/g, ' ')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a name key. */
export function nameParts(text: string): string[] {
  const key = nameKey(text);
  return key === '' ? [] : key.split(' ');
}

/**
 * Whether two names can be the same person: one's parts appear in order, contiguously, in the
 * other's ("Putin" in "Vladimir Putin", "Kim Jong Un" containing "Kim"), also when spaces differ
 * ("obrien" against "O’Brien", "hojin" against "Ho-jin").
 */
export function namesOverlap(a: readonly string[], b: readonly string[]): boolean {
  return containsRun(a, b) || containsRun(b, a);
}

/** Whether `needle` (joined without spaces) equals some contiguous run of `hay` joined without spaces. */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  const target = needle.join('');
  if (target === '') return false;
  for (let i = 0; i < hay.length; i++) {
    let joined = '';
    for (let j = i; j < hay.length && joined.length < target.length; j++) {
      joined += hay[j];
      if (joined === target) return true;
    }
  }
  return false;
}
