import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../src/text/marks.js';
import { frameTokens, readingTokens, tokenize } from '../../src/text/tokens.js';

describe('tokenize', () => {
  it('GIVEN curly apostrophes, quotes, dotted acronyms and an em dash THEN tokens keep their surface and offsets in the original text', () => {
    const text = 'Kim Jong Un’s “trip” to the U.S. — costly';
    expect(tokenize(text)).toEqual([
      { surface: 'Kim', start: 0, end: 3 },
      { surface: 'Jong', start: 4, end: 8 },
      { surface: 'Un’s', start: 9, end: 13 },
      { surface: 'trip', start: 15, end: 19 },
      { surface: 'to', start: 21, end: 23 },
      { surface: 'the', start: 24, end: 27 },
      { surface: 'U.S.', start: 28, end: 32 },
      { surface: 'costly', start: 35, end: 41 },
    ]);
  });

  it('GIVEN text with NBSP and inner apostrophes THEN every token slices back to its surface', () => {
    const text = 'James O’Brien\u00A0said “that’s very problematic for Russia’s global position.”';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.surface)).toEqual([
      'James',
      'O’Brien',
      'said',
      'that’s',
      'very',
      'problematic',
      'for',
      'Russia’s',
      'global',
      'position',
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it('GIVEN a hyphenated word and a number THEN the parts are separate tokens', () => {
    expect(tokenize('Geranium-25 state-of-the-art').map((t) => t.surface)).toEqual(['Geranium', '25', 'state', 'of', 'the', 'art']);
  });
});

describe('readingTokens', () => {
  it('GIVEN abbreviations, initials, a possessive and a hyphenated name THEN words keep them whole and a sentence stop is its own token', () => {
    const tokens = readingTokens('Brig. Gen. Jean-Claude W. Smith’s aide left the U.S. today.');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['word', 'Brig.'],
      ['word', 'Gen.'],
      ['word', 'Jean-Claude'],
      ['word', 'W.'],
      ['word', 'Smith'],
      ['word', 'aide'],
      ['word', 'left'],
      ['word', 'the'],
      ['word', 'U.S.'],
      ['word', 'today'],
      ['punct', '.'],
    ]);
    expect(tokens.find((t) => t.text === 'Smith')?.possessive).toBe(true);
  });

  it('GIVEN a quotation THEN the frame has one quote token holding its words', () => {
    const text = 'He said, “We will win.” Then he left.';
    const frame = frameTokens(text, findQuoteSpans(text));
    expect(frame.map((t) => t.kind)).toEqual(['word', 'word', 'punct', 'quote', 'word', 'word', 'word', 'punct']);
    expect(frame[3]).toMatchObject({ text: '“We will win.”', inner: 'We will win.' });
  });
});
