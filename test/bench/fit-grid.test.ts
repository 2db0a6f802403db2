import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import type { EvalSet } from '../../bench/eval/sets.js';
import { fitLinesAndMeasures, LINES_AND_MEASURES_GRID } from '../../bench/fit/grid.js';
import { searchGrid } from '../../bench/fit/search-grid.js';
import { DEFAULT_RANKING } from '../../src/answer/ranking-config.js';
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { buildLibrary } from '../../src/library/library.js';

const rules = compileBoilerplate(defaults.boilerplate);
const LAMBDA = { ranking: 0.003, confidence: 0.0003 };
/** Every line weighs as a paragraph. */
const NEUTRAL = { title: 1, short: 1, shortUnder: 0 };
const LINE_GRID = {
  title: LINES_AND_MEASURES_GRID.title,
  short: LINES_AND_MEASURES_GRID.short,
  shortUnder: LINES_AND_MEASURES_GRID.shortUnder,
};

/**
 * One article per topic: a title (line 1) that is the topic's words or not, the short paragraph
 * that answers (line 3), and a long one that says them too (line 5): only length tells the two
 * paragraphs apart, so a fit that ranks them must weigh BM25 up, and then the title comes first
 * unless it weighs less.
 */
async function libraryOf(topics: readonly string[], titled: boolean) {
  let ids = 0;
  const articles = topics.map((topic, i) => {
    const text = [
      titled ? topic.replace(/\b\w/g, (x) => x.toUpperCase()) : 'Town Council Meets On Tuesday',
      '',
      `The ${topic} start in May.`,
      '',
      `Residents who met on Tuesday evening to talk about parking, noise and the new school also heard that the ${topic}, which the council had promised them last winter, would cost more than planned.`,
    ].join('\n');
    const article = parseArticle({ source: `${i}.txt`, text }, rules, ids);
    ids += article.passages.length;
    return article;
  });
  return buildLibrary({ dir: '/x', articles, skipped: [] });
}

const NEWS = ['harbor bridge repairs', 'school lunch prices', 'river flood warning', 'airport runway closure', 'library roof works'];
const CITY = ['forest fire season', 'train ticket fares', 'city park lights', 'hospital night shifts', 'water pipe leaks'];
const setOf = (name: string, corpus: 'seeds' | 'squad-dev', topics: readonly string[]): EvalSet => ({
  name,
  corpus,
  answerable: topics.map((q, i) => ({ id: `${name}-${i}`, q, gold: [`${i}.txt:3`], answers: [] })),
  unanswerable: [],
});
const SETS = [setOf('news', 'seeds', NEWS), setOf('city', 'squad-dev', CITY)];

describe('searchGrid (how the fit searches line weights and measures)', () => {
  it('GIVEN a score that peaks at one grid point THEN the search reaches it from a corner', () => {
    const peak = { title: 0.4, short: 0.55, shortUnder: 12 };
    const off = (p: Readonly<Record<keyof typeof peak, number>>) =>
      Math.abs(p.title - peak.title) + Math.abs(p.short - peak.short) + Math.abs(p.shortUnder - peak.shortUnder);
    expect(searchGrid({ title: 1, short: 1, shortUnder: 0 }, LINE_GRID, (p) => -off(p))).toEqual(peak);
  });

  it('GIVEN a value that pays only once a later one has moved THEN a second pass finds what one pass cannot', () => {
    const grid = { a: [0, 1], b: [0, 1] };
    // From (0, 0): a alone scores worse, b alone pays a little, both pay most.
    const value = (p: { a: number; b: number }) => (p.a && p.b ? 3 : p.b ? 1 : p.a ? -1 : 0);
    expect(searchGrid({ a: 0, b: 0 }, grid, value, 1)).toEqual({ a: 0, b: 1 });
    expect(searchGrid({ a: 0, b: 0 }, grid, value, 2)).toEqual({ a: 1, b: 1 });
  });

  it('GIVEN a score no grid point improves THEN the start is kept, and each point is scored once', () => {
    const scored: string[] = [];
    const start = { title: 0.65, short: 0.7, shortUnder: 8 };
    const kept = searchGrid(start, LINE_GRID, (p) => {
      scored.push(JSON.stringify(p));
      return 0;
    });
    expect(kept).toEqual(start);
    expect(new Set(scored).size).toBe(scored.length);
  });
});

describe('fitLinesAndMeasures (line weights and measures)', () => {
  it("GIVEN titles that repeat the question above the paragraph that answers it THEN the fitted weight is below a paragraph's", async () => {
    const seeds = await libraryOf(NEWS, true);
    // The newsroom's corpus is no set's here: any library stands for it.
    const libraries = { seeds, 'squad-dev': await libraryOf(CITY, true), newsroom: seeds };
    expect(['title', 'heading']).toContain(libraries.seeds.index.passages[0]?.kind);
    const { lines } = fitLinesAndMeasures({ sets: SETS, libraries, lambda: LAMBDA }, { ...DEFAULT_RANKING, lines: NEUTRAL });
    const title = libraries.seeds.index.passages[0]!;
    expect(libraries.seeds.index.weightOf(title, lines)).toBeLessThan(1);
  }, 60_000);

  it("GIVEN titles that never say the question's words THEN no weight or measure does better, and those in hand are kept, each in its place", async () => {
    const seeds = await libraryOf(NEWS, false);
    // The newsroom's corpus is no set's here: any library stands for it.
    const libraries = { seeds, 'squad-dev': await libraryOf(CITY, false), newsroom: seeds };
    // The measures in hand are all different numbers, so a mix-up between them would show.
    expect(new Set(Object.values(DEFAULT_RANKING.measures)).size).toBe(Object.keys(DEFAULT_RANKING.measures).length);
    expect(fitLinesAndMeasures({ sets: SETS, libraries, lambda: LAMBDA }, { ...DEFAULT_RANKING, lines: NEUTRAL })).toEqual({
      lines: NEUTRAL,
      measures: DEFAULT_RANKING.measures,
    });
  }, 60_000);
});
