import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/search/vocabulary.js';

/** Levenshtein distance, the whole table: what `near` must agree with. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1), (row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function randomWord(next: () => number, letters: string): string {
  const length = 1 + Math.floor(next() * 9);
  return Array.from({ length }, () => letters[Math.floor(next() * letters.length)]).join('');
}

describe('Vocabulary', () => {
  const vocabulary = Vocabulary.from([
    ['missile', 3],
    ['missiles', 2],
    ['visitor', 1],
    ['drones', 4],
    ['drones', 1],
    ['über', 2],
  ]);

  it('counts words, adding up a word given twice, and 0 for a word it lacks', () => {
    expect(vocabulary.count('drones')).toBe(5);
    expect(vocabulary.count('missile')).toBe(3);
    expect(vocabulary.count('über')).toBe(2);
    expect(vocabulary.count('missil')).toBe(0);
    expect(vocabulary.count('missilez')).toBe(0);
    expect(vocabulary.count('')).toBe(0);
    expect(vocabulary.size).toBe(5);
  });

  it('lists its words in code-unit order with their counts', () => {
    expect([...vocabulary.entries()]).toEqual([
      ['drones', 5],
      ['missile', 3],
      ['missiles', 2],
      ['visitor', 1],
      ['über', 2],
    ]);
  });

  it('finds the words within a number of edits, with their distances', () => {
    expect(vocabulary.near('missle', 1)).toEqual([{ word: 'missile', count: 3, distance: 1 }]);
    expect(vocabulary.near('missle', 2)).toEqual([
      { word: 'missile', count: 3, distance: 1 },
      { word: 'missiles', count: 2, distance: 2 },
    ]);
    expect(vocabulary.near('uber', 1)).toEqual([{ word: 'über', count: 2, distance: 1 }]);
    expect(vocabulary.near('zzzz', 2)).toEqual([]);
  });

  it('agrees with the full edit-distance table on random words', () => {
    const next = random(7);
    for (let round = 0; round < 20; round++) {
      const letters = round % 2 === 0 ? 'abc' : 'abcdefgh';
      const words = Array.from({ length: 300 }, () => randomWord(next, letters));
      const list = Vocabulary.from(words.map((w) => [w, 1] as const));
      const distinct = [...new Set(words)];
      for (let q = 0; q < 20; q++) {
        const query = randomWord(next, letters);
        const maxEdits = q % 3;
        const expected = distinct
          .map((word) => ({ word, distance: distance(word, query) }))
          .filter((w) => w.distance <= maxEdits)
          .sort((a, b) => (a.word < b.word ? -1 : 1));
        expect(list.near(query, maxEdits).map(({ word, distance }) => ({ word, distance }))).toEqual(expected);
      }
    }
  });

  it('is empty when made from nothing', () => {
    const empty = Vocabulary.from([]);
    expect(empty.size).toBe(0);
    expect(empty.count('a')).toBe(0);
    expect(empty.near('a', 2)).toEqual([]);
  });
});
