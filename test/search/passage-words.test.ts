import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { PassageIndex } from '../../src/search/passage-index.js';
import type { WordsView } from '../../src/search/passage-words.js';
import { termsOf } from '../../src/text/terms.js';
import { tokenize } from '../../src/text/tokens.js';

const rules = compileBoilerplate(defaults.boilerplate);

/** Each word of a view as text, with its terms by name. */
function wordsAsText(index: PassageIndex, text: string, words: WordsView): Array<{ word: string; terms: string[] }> {
  const out = Array.from({ length: words.count }, (_, w) => ({ word: text.slice(words.start(w), words.end(w)), terms: [] as string[] }));
  words.eachTerm((w, n) => out[w]?.terms.push(index.termName(n)));
  return out;
}

describe('passage words', () => {
  it('GIVEN passages indexed THEN each passage’s words are its tokens, with the index terms of each, stop words without any', async () => {
    const text = [
      'Drones for Kim',
      '',
      'The governor gifted Kim five drones and a bulletproof vest.',
      '',
      'Children met the leaders.',
    ].join('\n');
    const article = parseArticle({ source: 'a.txt', text }, rules, 0);
    const index = await PassageIndex.build({ dir: '/x', articles: [article], skipped: [] });
    for (const passage of index.passages) {
      const words = index.wordsOf(passage);
      if (!words) throw new Error(`no words for line ${passage.line}`);
      expect(wordsAsText(index, passage.text, words)).toEqual(
        tokenize(passage.text).map((t) => ({ word: t.surface, terms: [...termsOf(t.surface)] })),
      );
    }
    const met = index.wordsOf(index.passages.at(-1)!)!;
    expect(wordsAsText(index, 'Children met the leaders.', met).map((w) => w.terms)).toEqual([
      ['children', 'child'],
      ['met', 'meet'],
      [],
      ['leader'],
    ]);
  });

  it('GIVEN a passage longer than 64 K characters THEN its words stand where they are (offsets are not cut to 16 bits)', async () => {
    const long = `${'word '.repeat(14_000)}finale`;
    const article = parseArticle({ source: 'long.txt', text: `Title\n\n${long}` }, rules, 0);
    const index = await PassageIndex.build({ dir: '/x', articles: [article], skipped: [] });
    const passage = index.passages.find((p) => p.text.length > 0xffff)!;
    const words = index.wordsOf(passage)!;
    expect(passage.text.slice(words.start(words.count - 1), words.end(words.count - 1))).toBe('finale');
  });

  it('GIVEN an index saved and restored THEN the words read the same', async () => {
    const text = ['Title', '', 'The governor gifted Kim five drones.', '', 'Kim met Putin at the cosmodrome.'].join('\n');
    const article = parseArticle({ source: 'a.txt', text }, rules, 0);
    const corpus = { dir: '/x', articles: [article], skipped: [] };
    const built = await PassageIndex.build(corpus);
    const restored = await PassageIndex.restore(corpus, JSON.parse(JSON.stringify(built.snapshot())));
    for (const passage of built.passages) {
      expect(wordsAsText(restored, passage.text, restored.wordsOf(passage)!)).toEqual(
        wordsAsText(built, passage.text, built.wordsOf(passage)!),
      );
    }
  });
});
