import { describe, expect, it } from 'vitest';
import { phraseRanges, wordForms, WordFormsBuilder, type StoredWords, type WordForms } from '../../src/quote/match.js';

/** Texts stored in one table, packed as an index keeps them. */
function stored(...texts: string[]): { forms: WordForms; words: StoredWords[] } {
  const builder = new WordFormsBuilder();
  const drafts = texts.map((text) => builder.store(text));
  const { forms, pack } = builder.finish();
  return { forms, words: drafts.map(pack) };
}

const keysOf = (forms: WordForms, phrase: string) => wordForms(phrase).map((f) => forms.find(f) ?? -1);

describe('phrase matching over stored words', () => {
  it('GIVEN stored texts and a phrase typed another way THEN it is found where it stands, as whole words only', () => {
    const text = 'He said that’s  "very problematic", and that was very problematical.';
    const { forms, words } = stored(text, 'Very problematic indeed.');
    const keys = keysOf(forms, "that's very problematic");
    expect(phraseRanges(text, words[0]!, keys).map((r) => text.slice(r.start, r.end))).toEqual(['that’s  "very problematic']);
    expect(phraseRanges('Very problematic indeed.', words[1]!, keys)).toEqual([]);
    expect(phraseRanges(text, words[0]!, keysOf(forms, 'VERY problematic'))).toHaveLength(1);
  });

  it('GIVEN a phrase found several times, after a run of marks that is no word THEN each place is where it stands, the last one at the end', () => {
    const text = '\u0301\u0301 Kim met Putin; later, Kim met   Putin';
    const { forms, words } = stored(text);
    expect(words[0]).toHaveLength(7); // the marks are no word
    const ranges = phraseRanges(text, words[0]!, keysOf(forms, 'kim met putin'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Kim met Putin', 'Kim met   Putin']);
    expect(ranges[1]?.end).toBe(text.length);
  });

  it('GIVEN a word no stored text has THEN the forms table has no number for it', () => {
    const { forms } = stored('Drones were gifted.');
    expect(forms.find('drones')).toBeDefined();
    expect(forms.find('missiles')).toBeUndefined();
    expect(forms.find('constructor')).toBeUndefined();
  });

  it('GIVEN texts packed THEN each form has one number, the same in every text, and a table of more than 65,536 forms keeps 4 bytes a word', () => {
    const { forms, words } = stored('zebra apple zebra', 'apple mango');
    expect(words[0]).toBeInstanceOf(Uint16Array);
    expect([...words[0]!]).toEqual([forms.find('zebra'), forms.find('apple'), forms.find('zebra')]);
    expect(words[1]![0]).toBe(words[0]![1]);
    // At the bound: 65,536 forms are numbered 0 to 65,535, which 2 bytes hold; one more needs 4.
    const atBound = stored(Array.from({ length: 0x10000 }, (_, i) => `w${i}`).join(' '));
    expect(atBound.words[0]).toBeInstanceOf(Uint16Array);
    expect(Math.max(...atBound.words[0]!)).toBe(0xffff);
    const pastBound = stored(Array.from({ length: 0x10001 }, (_, i) => `w${i}`).join(' '));
    expect(pastBound.words[0]).toBeInstanceOf(Uint32Array);
    expect(Math.max(...pastBound.words[0]!)).toBe(0x10000);
    const many = Array.from({ length: 70_000 }, (_, i) => `w${i}`).join(' ');
    const big = stored(many, 'w69999 w0');
    expect(big.words[1]).toBeInstanceOf(Uint32Array);
    expect([...big.words[1]!]).toEqual([big.forms.find('w69999'), big.forms.find('w0')]);
    expect(phraseRanges(many, big.words[0]!, keysOf(big.forms, 'w69998 w69999'))).toEqual([{ start: many.length - 13, end: many.length }]);
  });
});
