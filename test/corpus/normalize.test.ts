import { describe, expect, it } from 'vitest';
import { foldPunctuation, normalizeForMatch, stripDiacritics } from '../../src/corpus/normalize.js';

describe('foldPunctuation', () => {
  it('GIVEN curly single and double quotes THEN they become straight ones, letters and case untouched', () => {
    expect(foldPunctuation('Kim Jong Un’s ‘sacred fight’ and “first priority”')).toBe(
      "Kim Jong Un's 'sacred fight' and \"first priority\"",
    );
    expect(foldPunctuation('„Low” «guillemets» ‚low‛')).toBe('"Low" "guillemets" \'low\'');
  });

  it('GIVEN modifier-letter, prime and acute-accent apostrophes THEN they become a straight apostrophe', () => {
    expect(foldPunctuation('O\u02BCBrien O\u2032Brien O\u00B4Brien O`Brien')).toBe("O'Brien O'Brien O'Brien O'Brien");
  });

  it('GIVEN dashes and an ellipsis character THEN they become "-" and "..."', () => {
    expect(foldPunctuation('Russia — Korea – 2019‑2023 −5 wait…')).toBe('Russia - Korea - 2019-2023 -5 wait...');
  });

  it('GIVEN a non-breaking space, a narrow one and an em space THEN each becomes one plain space', () => {
    expect(foldPunctuation('Kim\u00A0Jong\u202FUn\u2003met')).toBe('Kim Jong Un met');
  });

  it('GIVEN zero-width characters, a BOM and direction marks THEN they are removed', () => {
    expect(foldPunctuation('\uFEFFRu\u200Bss\u200Cia\u200D \u2060Putin\u200E\u202A')).toBe('Russia Putin');
  });

  it('GIVEN diacritics and capitals THEN they are kept (only punctuation is folded)', () => {
    expect(foldPunctuation('Dvořák ÉCOLE')).toBe('Dvořák ÉCOLE');
  });
});

describe('stripDiacritics', () => {
  it('GIVEN precomposed and decomposed accents THEN both give the bare letters', () => {
    expect(stripDiacritics('Dvořák Ho-jin São Paulo')).toBe('Dvorak Ho-jin Sao Paulo');
    expect(stripDiacritics('Dvor\u030Ca\u0301k')).toBe('Dvorak');
    // Letters with a stroke, and ligatures, have no decomposition: they are written out.
    expect(stripDiacritics('Łódź Møller Đorđe Ærø straße Œuvre')).toBe('Lodz Moller Dorde AEro strasse OEuvre');
  });

  it('GIVEN plain ASCII or compatibility characters THEN ASCII is kept as it is and the others take their plain form', () => {
    expect(stripDiacritics("O'Brien, U.S. 1,000 ~ {x}")).toBe("O'Brien, U.S. 1,000 ~ {x}");
    expect(stripDiacritics('\uFB01nal \u2460')).toBe('final 1');
    // Outside the BMP too: a mathematical bold A is two UTF-16 units, neither of them ASCII.
    expect(stripDiacritics('\u{1D400}b\u0301')).toBe('Ab');
  });
});

describe('normalizeForMatch', () => {
  it('GIVEN curly vs straight quotes and apostrophes THEN both spellings normalize the same', () => {
    expect(normalizeForMatch('Kim Jong Un’s “sacred fight”')).toBe('kim jong un\'s "sacred fight"');
    expect(normalizeForMatch('Kim Jong Un’s “sacred fight”')).toBe(normalizeForMatch('Kim Jong Un\'s "sacred fight"'));
  });

  it('GIVEN NBSP, runs of spaces, tabs and outer spaces THEN they collapse to single inner spaces', () => {
    expect(normalizeForMatch('  North\u00A0Korea \t and\u00A0\u00A0 Russia  ')).toBe('north korea and russia');
  });

  it('GIVEN zero-width characters inside a word THEN the word matches its plain spelling', () => {
    expect(normalizeForMatch('Ru\u200Bssia')).toBe('russia');
    expect(normalizeForMatch('\uFEFFPyong\u200Dyang')).toBe('pyongyang');
  });

  it('GIVEN diacritics, precomposed or decomposed, THEN they are removed', () => {
    expect(normalizeForMatch('Dvořák')).toBe('dvorak');
    expect(normalizeForMatch('Dvor\u030Ca\u0301k')).toBe('dvorak');
    expect(normalizeForMatch('Café Déjà Vu')).toBe('cafe deja vu');
  });

  it('GIVEN different case THEN the result is lower case', () => {
    expect(normalizeForMatch('KIM Jong UN')).toBe('kim jong un');
    expect(normalizeForMatch('ÉCOLE')).toBe('ecole');
  });

  it('GIVEN an em dash and an ellipsis THEN they fold to ASCII', () => {
    expect(normalizeForMatch('Russia — Korea…')).toBe('russia - korea...');
  });
});

describe('normalizeForMatch gaps', () => {
  it('GIVEN a soft hyphen inside a word THEN the word matches its plain spelling', () => {
    expect(normalizeForMatch('Rus\u00ADsia')).toBe('russia');
  });
});
