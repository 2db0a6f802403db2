import { describe, expect, it } from 'vitest';
import { phraseRanges, storeWords, wordForms, WordForms } from '../../src/quote/match.js';

describe('phrase matching over stored words', () => {
  it('GIVEN stored texts and a phrase typed another way THEN it is found where it stands, as whole words only', () => {
    const forms = new WordForms();
    const text = 'He said that’s  "very problematic", and that was very problematical.';
    const words = storeWords(text, forms);
    const other = storeWords('Very problematic indeed.', forms);
    const keys = wordForms("that's very problematic").map((f) => forms.find(f) ?? -1);
    expect(phraseRanges(text, words, keys).map((r) => text.slice(r.start, r.end))).toEqual(['that’s  "very problematic']);
    expect(phraseRanges('Very problematic indeed.', other, keys)).toEqual([]);
    const twoWords = wordForms('VERY problematic').map((f) => forms.find(f) ?? -1);
    expect(phraseRanges(text, words, twoWords)).toHaveLength(1);
  });

  it('GIVEN a phrase found several times, after a run of marks that is no word THEN each place is where it stands, the last one at the end', () => {
    const forms = new WordForms();
    const text = '\u0301\u0301 Kim met Putin; later, Kim met   Putin';
    const words = storeWords(text, forms);
    expect(words).toHaveLength(7); // the marks are no word
    const keys = wordForms('kim met putin').map((f) => forms.find(f) ?? -1);
    const ranges = phraseRanges(text, words, keys);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Kim met Putin', 'Kim met   Putin']);
    expect(ranges[1]?.end).toBe(text.length);
  });

  it('GIVEN a word no stored text has THEN the forms table has no number for it', () => {
    const forms = new WordForms();
    storeWords('Drones were gifted.', forms);
    expect(forms.find('drones')).toBeDefined();
    expect(forms.find('missiles')).toBeUndefined();
    expect(forms.find('constructor')).toBeUndefined();
  });
});
