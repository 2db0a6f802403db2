import { describe, expect, it } from 'vitest';
import { SortedWords } from '../../src/text/sorted-words.js';

describe('a sorted list of words', () => {
  it('GIVEN words in any order THEN each is found at its place in code-unit order, and words it lacks are not', () => {
    const words = SortedWords.of(['drone', 'Zed', 'ab', 'a', 'é', 'abc', 'zed']);
    // Code-unit order: capitals before small letters, accented letters after both.
    expect(Array.from({ length: words.size }, (_, i) => words.wordAt(i))).toEqual(['Zed', 'a', 'ab', 'abc', 'drone', 'zed', 'é']);
    for (const word of ['Zed', 'a', 'abc', 'é']) expect(words.wordAt(words.indexOf(word))).toBe(word);
    for (const word of ['', 'b', 'abcd', 'dron', 'zz', 'e']) expect(words.indexOf(word)).toBe(-1);
  });

  it('GIVEN no words THEN it is empty and finds nothing', () => {
    const words = SortedWords.of([]);
    expect(words.size).toBe(0);
    expect(words.indexOf('a')).toBe(-1);
  });
});
