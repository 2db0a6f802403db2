import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('GIVEN abbreviations THEN sentences are not split inside "U.S.", "U.N." or "Brig. Gen."', () => {
    const text =
      'James O’Brien, head of sanctions at the U.S. State Department, said the U.N. has sanctioned it. Brig. Gen. Pat Ryder agreed. Then he left.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'James O’Brien, head of sanctions at the U.S. State Department, said the U.N. has sanctioned it.',
      'Brig. Gen. Pat Ryder agreed.',
      'Then he left.',
    ]);
  });

  it('GIVEN a quotation of two sentences THEN it stays in the sentence that quotes it, and each sentence slices back from its start', () => {
    const text = 'O’Brien said, “Russia is engaging with a sanctioned country. And that’s very problematic.” Kim left.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'O’Brien said, “Russia is engaging with a sanctioned country. And that’s very problematic.”',
      'Kim left.',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });

  it('GIVEN text without words THEN it is one sentence', () => {
    expect(splitSentences('—')).toEqual([{ text: '—', start: 0 }]);
  });

  it('GIVEN "e.g." and "No." before a number THEN no split; GIVEN "no." ending a sentence THEN a split', () => {
    expect(
      splitSentences('The instance is a number (e.g. 15) and No. 5 is one. The output is no. The objective is clear.').map((s) => s.text),
    ).toEqual(['The instance is a number (e.g. 15) and No. 5 is one.', 'The output is no.', 'The objective is clear.']);
  });
});
