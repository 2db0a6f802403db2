/**
 * Normalisation for matching only: what users see is always the original text.
 * Folds the differences that make the same words look different: curly vs straight
 * quotes and apostrophes, non-breaking and other odd spaces, zero-width characters,
 * diacritics and case.
 */
const QUOTE_FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  [/[\u00AD\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ''],
  [/\u2026/g, '...'],
];

/** Any character some fold changes: most lines have none, and are returned as they are after one look. */
const FOLDED = new RegExp(QUOTE_FOLDS.map(([pattern]) => pattern.source).join('|'));

/** Folds punctuation variants and spaces but keeps case and letters, e.g. for quotation matching. */
export function foldPunctuation(text: string): string {
  if (!FOLDED.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of QUOTE_FOLDS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Latin letters whose stroke or ligature Unicode does not decompose, so that NFKD leaves them
 * whole: written as a reader without them on the keyboard would (Łódź → Lodz, Møller → Moller).
 */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŧ: 't',
  Ŧ: 'T',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  ẞ: 'SS',
  þ: 'th',
  Þ: 'TH',
};
const UNDECOMPOSED_LETTERS = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'gu');

/** Removes diacritics: `Dvořák` → `Dvorak`, `Łódź` → `Lodz`. */
export function stripDiacritics(text: string): string {
  // Plain ASCII has no marks and is its own NFKD form: most words are, and skip both passes.
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNDECOMPOSED_LETTERS, (letter) => UNDECOMPOSED[letter] ?? letter);
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The full matching form: folded punctuation, no diacritics, lower case, single spaces. */
export function normalizeForMatch(text: string): string {
  return stripDiacritics(foldPunctuation(text)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Counts words the way a reader would: runs of letters or digits, an inner apostrophe kept ("O’Neill’s" is one). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
