import { describe, expect, it } from 'vitest';
import { opensByReferringBack } from '../../src/text/referring.js';

describe('opensByReferringBack', () => {
  it('GIVEN a sentence opening with a pronoun, a demonstrative or a connective THEN it refers back, in any case and after quotation marks', () => {
    for (const sentence of [
      'They return in spring.',
      'This hypothesis is called the thesis.',
      'Such problems are hard.',
      'But a storm came.',
      '“It was late,” he said.',
      'HOWEVER, none came.',
      "It's late.",
    ]) {
      expect(opensByReferringBack(sentence), sentence).toBe(true);
    }
  });

  it('GIVEN a sentence opening with a name, a noun, an article or a number THEN it does not, nor does a word that only begins like one or joins one by a hyphen', () => {
    for (const sentence of [
      'Whales eat krill.',
      'The input is a graph.',
      '2019: it was a good year.',
      'Theseus sailed home.',
      'Thistles grow here.',
      'So-called experts came.',
      '',
    ]) {
      expect(opensByReferringBack(sentence), sentence).toBe(false);
    }
  });
});
