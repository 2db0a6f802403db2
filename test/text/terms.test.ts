import { describe, expect, it } from 'vitest';
import { hasTerms, plainWord, STOP_WORDS, termsOf, termsOfText } from '../../src/text/terms.js';

describe('termsOf', () => {
  it('GIVEN words with terms and words without THEN hasTerms tells them apart as termsOf does, without stemming', () => {
    const words = ['the', 'US', 'us', 'U.S.', 'a', 'A', '5', 'x', "'s", 'Kim’s', 'drones', 'Dvořák', 'constructor', '...', 'NATO', 'WHAT'];
    expect(words.filter((word) => hasTerms(word))).toEqual(words.filter((word) => termsOf(word).length > 0));
    expect(words.filter((word) => hasTerms(word))).toEqual(['US', 'U.S.', '5', 'Kim’s', 'drones', 'Dvořák', 'constructor', 'NATO', 'WHAT']);
  });

  it('GIVEN stop words and question scaffolding THEN they give no term', () => {
    for (const word of ['the', 'and', 'what', 'besides', 'tell', 'about', 'us', 'Us', 'its']) expect(termsOf(word), word).toEqual([]);
    expect(STOP_WORDS.has('us')).toBe(true);
  });

  it('GIVEN "US" and "U.S." THEN both are the term US, while lower-case "us" is a stop word', () => {
    expect(termsOf('US')).toEqual(['US']);
    expect(termsOf('U.S.')).toEqual(['US']);
    expect(termsOf('us')).toEqual([]);
    expect(termsOfText('Tell us about the U.S. and the US')).toEqual(['US', 'US']);
  });

  it('GIVEN "US" THEN it shares no term with "using", "used" or "use", whose stem is us', () => {
    expect(termsOf('using')).toEqual(['us']);
    const us = new Set(termsOf('US'));
    for (const word of ['use', 'used', 'using', 'uses'])
      expect(
        termsOf(word).some((t) => us.has(t)),
        word,
      ).toBe(false);
  });

  it('GIVEN British spellings THEN they give the same terms as American ones', () => {
    expect(termsOf('colour')).toEqual(['color']);
    expect(termsOf('colour')).toEqual(termsOf('color'));
    expect(termsOf('colours')).toEqual(termsOf('colors'));
    expect(termsOf('defence')).toEqual(termsOf('defense'));
    expect(termsOf('criticised')).toEqual(termsOf('criticized'));
    expect(termsOf('analogues')).toEqual(termsOf('analogs'));
  });

  it('GIVEN a plural and its singular THEN both stem to the same term', () => {
    expect(termsOf('drones')).toEqual(['drone']);
    expect(termsOf('drone')).toEqual(['drone']);
    expect(termsOf('meetings')).toEqual(termsOf('meeting'));
  });

  it('GIVEN irregular forms THEN the stem of the dictionary form is included', () => {
    expect(termsOf('met')).toEqual(['met', 'meet']);
    expect(termsOf('met')).toContain(termsOf('meet')[0]);
    expect(termsOf('went')).toEqual(['went', 'go']);
    expect(termsOf('children')).toEqual(['children', 'child']);
  });

  it('GIVEN possessives with straight and curly apostrophes THEN the owner is the term', () => {
    expect(termsOf("Kim's")).toEqual(['kim']);
    expect(termsOf('Kim’s')).toEqual(['kim']);
    expect(termsOf('Russia’s')).toEqual(['russia']);
    expect(termsOf('countries’')).toEqual(termsOf('countries'));
  });

  it('GIVEN diacritics and capitals THEN the term is plain lower case', () => {
    expect(termsOf('Dvořák')).toEqual(['dvorak']);
    expect(termsOf('Café')).toEqual(termsOf('cafe'));
    expect(termsOf('Kamikaze')).toEqual(termsOf('kamikaze'));
  });

  it('GIVEN an all-capital word THEN it is kept whole as an acronym, even one that spells a stop word', () => {
    expect(termsOf('NATO')).toEqual(['nato']);
    expect(termsOf('NATO')).toEqual(termsOf('Nato'));
    expect(termsOf('IT')).toEqual(['IT']);
    expect(termsOf('it')).toEqual([]);
  });

  it('GIVEN an all-capital ordinary word THEN it shares the term of the lower-case word', () => {
    expect(termsOf('DRONES')).toContain(termsOf('drones')[0]);
  });

  it('GIVEN numbers and single letters THEN numbers are kept as they are and single letters dropped', () => {
    expect(termsOf('2019')).toEqual(['2019']);
    expect(termsOf('x')).toEqual([]);
  });

  it('GIVEN a lone capital letter THEN it is a term unstemmed (a name: Plan B, the class P), but A and I stay stop words', () => {
    expect(termsOf('P')).toEqual(['p']);
    expect(termsOfText('Plan B beat plan C')).toEqual(['plan', 'b', 'beat', 'plan', 'c']);
    expect(termsOf('A')).toEqual([]);
    expect(termsOf('I')).toEqual([]);
  });
});

describe('termsOfText and plainWord', () => {
  it('GIVEN a sentence THEN its terms come in order, stop words dropped', () => {
    expect(termsOfText('Kim’s Russian trip: he met Putin’s aides in 2019')).toEqual([
      'kim',
      'russian',
      'trip',
      'met',
      'meet',
      'putin',
      'aid',
      '2019',
    ]);
  });

  it('GIVEN a word with a possessive, dots or accents THEN plainWord is its lower-case dictionary spelling', () => {
    expect(plainWord('Kim’s')).toBe('kim');
    expect(plainWord('U.S.')).toBe('us');
    expect(plainWord('Dvořák')).toBe('dvorak');
    expect(plainWord('Drones')).toBe('drones');
  });

  it('GIVEN a word with decomposed accents THEN its terms equal those of the precomposed word', () => {
    expect(termsOfText('Dvor\u030Ca\u0301k')).toEqual(['dvorak']);
  });

  it('GIVEN a zero-width space inside a word THEN its terms equal those of the plain word', () => {
    expect(termsOfText('Ru\u200Bssia')).toEqual(['russia']);
  });
});
