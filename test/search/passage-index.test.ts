import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { formatCitation } from '../../src/corpus/types.js';
import { PassageIndex, type PassageHit } from '../../src/search/passage-index.js';
import { termsOfText } from '../../src/text/terms.js';
import { A, B_LINES } from '../support/search-fixture.js';

const rules = compileBoilerplate(defaults.boilerplate);

const B = [
  ...B_LINES,
  '',
  'Most Popular', // 7 teaser marker
  '',
  'Kamikaze drones sold at record prices this year across the region, traders say.', // 9 teaser block
].join('\n');

const a = parseArticle({ source: 'a.txt', text: A }, rules, 0);
const b = parseArticle({ source: 'b.txt', text: B }, rules, a.passages.length);
const index = await PassageIndex.build({ dir: '/x', articles: [a, b], skipped: [] });
/** Weights of title and short lines for these tests (the fitted ones are in config/ranking.json). */
const LINES = { title: 0.5, short: 0.7, shortUnder: 8 };

/** Every term of a text at weight 1, as a literal question would search. */
function literal(text: string): Array<{ term: string; weight: number }> {
  return termsOfText(text).map((term) => ({ term, weight: 1 }));
}

function citations(hits: readonly PassageHit[]): string[] {
  return hits.map((h) => formatCitation(h.passage));
}

describe('PassageIndex contents', () => {
  it('GIVEN articles with boilerplate THEN only title, heading and body passages are indexed', () => {
    expect(index.passages.map((p) => `${formatCitation(p)} ${p.kind}`)).toEqual([
      'a.txt:1 title',
      'a.txt:3 body',
      'a.txt:5 body',
      'a.txt:7 body',
      'a.txt:9 body',
      'a.txt:11 body',
      'b.txt:1 title',
      'b.txt:3 heading',
      'b.txt:5 body',
    ]);
    expect(index.size).toBe(9);
    // Sanity: the fixture does contain boilerplate passages for the index to leave out.
    expect([...a.passages, ...b.passages].filter((p) => p.kind === 'boilerplate').map((p) => formatCitation(p))).toEqual([
      'a.txt:13',
      'a.txt:15',
      'b.txt:7',
      'b.txt:9',
    ]);
  });

  it('GIVEN an id THEN passage() finds answerable passages only', () => {
    expect(index.passage(10)?.text).toBe('The delegation toured a factory where reconnaissance aircraft are assembled for the air force.');
    const caption = a.passages.find((p) => p.line === 13);
    expect(caption?.kind).toBe('boilerplate');
    expect(index.passage(caption!.id)).toBeUndefined();
  });

  it('GIVEN terms THEN frequency counts answerable passages, and words in boilerplate do not count', () => {
    // "drones" is in a.txt:3, the caption a.txt:13 and the teaser b.txt:9: only the first counts.
    expect(index.frequency('drone')).toBe(1);
    expect(index.wordCount('drones')).toBe(1);
    expect(index.frequency('offici')).toBe(4);
    expect(index.wordCount('officials')).toBe(4);
    expect(index.frequency('nothing-like-this')).toBe(0);
  });

  it('GIVEN a rare and an unseen term THEN idf is the smoothed log formula and an unseen term weighs most', () => {
    expect(index.idf('drone')).toBeCloseTo(Math.log(1 + 10 / 1.5), 12);
    expect(index.idf('zzz')).toBeCloseTo(Math.log(21), 12);
    expect(index.idf('offici')).toBeCloseTo(Math.log(1 + 10 / 4.5), 12);
  });

  it('GIVEN passages of each kind THEN weightOf weighs a paragraph 1, title and heading lines and short lines by the weights given', () => {
    const weight = (source: string, line: number, lines = LINES): number =>
      index.weightOf(
        index.passages.find((p) => p.source === source && p.line === line)!,
        lines,
      );
    expect(weight('b.txt', 5)).toBe(1);
    expect(weight('a.txt', 1)).toBeCloseTo(0.5 * 0.7, 12); // title of 7 words
    expect(weight('b.txt', 3)).toBeCloseTo(0.5 * 0.7, 12); // heading of 2 words
    // Short means fewer words than the bar: a title of 7 words is short under 8, not under 7.
    expect(weight('a.txt', 1, { ...LINES, shortUnder: 7 })).toBe(0.5);
    expect(weight('b.txt', 5, { title: 0, short: 0, shortUnder: 0 })).toBe(1);
  });
});

describe('PassageIndex.closestWord', () => {
  it('GIVEN a transposition in a long word THEN the corpus word is found', () => {
    expect(index.closestWord('reconnaissacne')).toBe('reconnaissance');
    expect(index.closestWord('aircarft')).toBe('aircraft');
  });

  it('GIVEN one edit in a word of 5 to 7 letters THEN the corpus word is found', () => {
    expect(index.closestWord('missle')).toBe('missile');
    expect(index.closestWord('vissitor')).toBe('visitor');
  });

  it('GIVEN a swap of neighbouring letters in a word of 5 to 7 letters THEN it is one edit and corrected; letters two apart are two edits', () => {
    expect(index.closestWord('drnoes')).toBe('drones');
    expect(index.closestWord('dornes')).toBe('drones');
    expect(index.closestWord('droens')).toBe('drones');
    expect(index.closestWord('rdoens')).toBeUndefined();
  });

  it('GIVEN a word shorter than 5 letters THEN it is never corrected, even one edit from a corpus word', () => {
    expect(index.closestWord('gfit')).toBeUndefined();
    expect(index.closestWord('vets')).toBeUndefined();
  });

  it('GIVEN a word with nothing close in the corpus THEN there is no correction', () => {
    expect(index.closestWord('giraffe')).toBeUndefined();
  });
});

describe('PassageIndex.search', () => {
  it('GIVEN words that also occur in a caption and a teaser THEN only the body passage is returned', () => {
    const hits = index.search(literal('kamikaze drones'), 20, LINES).hits;
    expect(citations(hits)).toEqual(['a.txt:3']);
  });

  it('GIVEN any search THEN no boilerplate passage is ever returned', () => {
    const everyWord = [...a.passages, ...b.passages].flatMap((p) => termsOfText(p.text));
    const hits = index.search(
      everyWord.map((term) => ({ term, weight: 1 })),
      100,
      LINES,
    ).hits;
    expect(hits).toHaveLength(9);
    expect(hits.filter((h) => h.passage.kind === 'boilerplate')).toEqual([]);
  });

  it('GIVEN a heading and a title with the same words as a body paragraph THEN the body ranks first, the shorter heading next', () => {
    expect(citations(index.search(literal('reconnaissance aircraft'), 10, LINES).hits)).toEqual(['b.txt:5', 'b.txt:3', 'b.txt:1']);
    expect(citations(index.search(literal('aircraft'), 10, LINES).hits)).toEqual(['b.txt:5', 'b.txt:3', 'b.txt:1']);
    // Weighed as paragraphs, the short lines come first (BM25 favours short passages).
    expect(citations(index.search(literal('aircraft'), 10, { title: 1, short: 1, shortUnder: 0 }).hits)[0]).toBe('b.txt:3');
  });

  it('GIVEN a lower weight for one term THEN the passage matching the heavier term ranks first', () => {
    const hits = index.search(
      [
        { term: 'gift', weight: 0.3 },
        { term: 'present', weight: 1 },
      ],
      10,
      LINES,
    ).hits;
    expect(citations(hits)).toEqual(['a.txt:5', 'a.txt:3']);
    const flipped = index.search(
      [
        { term: 'gift', weight: 1 },
        { term: 'present', weight: 0.3 },
      ],
      10,
      LINES,
    ).hits;
    expect(citations(flipped)).toEqual(['a.txt:3', 'a.txt:5']);
  });

  it('GIVEN a limit THEN at most that many hits come back', () => {
    expect(citations(index.search(literal('officials'), 2, LINES).hits)).toHaveLength(2);
    expect(citations(index.search(literal('officials'), 10, LINES).hits)).toHaveLength(4);
  });

  it('GIVEN a search THEN the articles of the hits list the searched terms they have in any passage, beyond the hits kept', () => {
    const search = (limit: number) => index.search(literal('visitor aircraft drones giraffe'), limit, LINES);
    const terms = (limit: number, source: string) => [...(search(limit).termsBySource.get(source) ?? [])].sort();
    expect(citations(search(10).hits)).toEqual(expect.arrayContaining(['a.txt:3', 'b.txt:5']));
    expect(terms(10, 'a.txt')).toEqual(termsOfText('drones visitor').sort());
    // "visitor" is only in b.txt's title ("Visitors"): a title counts, as any passage of the article.
    expect(terms(10, 'b.txt')).toEqual(termsOfText('aircraft visitor').sort());
    // One hit kept: its article's terms still come from all its passages, and no other article is listed.
    const [hit] = search(1).hits;
    expect(search(1).hits).toHaveLength(1);
    expect([...search(1).termsBySource.keys()]).toEqual([hit?.passage.source]);
    expect(terms(1, hit?.passage.source ?? '')).toEqual(terms(10, hit?.passage.source ?? ''));
  });

  it('GIVEN no terms, or only unknown ones THEN there are no hits', () => {
    expect(index.search([], 10, LINES).hits).toEqual([]);
    expect(index.search(literal('giraffe'), 10, LINES).hits).toEqual([]);
  });
});
