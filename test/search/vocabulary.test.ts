import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/search/vocabulary.js';

/**
 * Edit distance with swaps of neighbouring letters (optimal string alignment), the whole table
 * as the textbook fills it: what `near` must agree with.
 */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cell = d[i]!;
      cell[j] = Math.min(d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), d[i - 1]![j]! + 1, cell[j - 1]! + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cell[j] = Math.min(cell[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
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

  it('counts two neighbouring letters swapped as one edit, two apart as two', () => {
    expect(vocabulary.near('dornes', 1)).toEqual([{ word: 'drones', count: 5, distance: 1 }]);
    expect(vocabulary.near('rdones', 1)).toEqual([{ word: 'drones', count: 5, distance: 1 }]);
    expect(vocabulary.near('dronse', 1)).toEqual([{ word: 'drones', count: 5, distance: 1 }]);
    // "dnores": n and r swapped across the o, two letters apart: two substitutions.
    expect(vocabulary.near('dnores', 1)).toEqual([]);
    expect(vocabulary.near('dnores', 2)).toEqual([{ word: 'drones', count: 5, distance: 2 }]);
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
