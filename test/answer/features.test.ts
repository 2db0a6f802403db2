import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { ask, rank } from '../../src/answer/ask.js';
import { answerSpan, candidatesOf, denseBound, denseCeiling, sentenceCandidates } from '../../src/answer/features.js';
import { DEFAULT_RANKING, parseRankingConfig, expansionWeights } from '../../src/answer/ranking-config.js';
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { assembleLibrary } from '../../src/library/library.js';
import { PassageIndex } from '../../src/search/passage-index.js';
import { EXPANSION_KINDS } from '../../src/search/query.js';

const TEXT = [
  'Whale songs',
  '',
  'The blue whale sings long songs that carry for hundreds of kilometres across the cold ocean water.',
  '',
  'A whale was seen near the coast, and it was blue with cold; songs about it were sung by the crowd at the harbour festival.',
  '',
  'Fishermen gifted the museum a whale skeleton in 1990.',
  '',
  'The museum has many gifts from fishermen, among them a whale skeleton that hangs above the main hall and is lit at night.',
  '',
  'Grey whales migrate south in winter. They return north in spring.',
].join('\n');

const article = parseArticle({ source: 'w.txt', text: TEXT }, compileBoilerplate(defaults.boilerplate), 0);
const corpus = { dir: '/x', articles: [article], skipped: [] };
const library = assembleLibrary(corpus, await PassageIndex.build(corpus), 0);

function featuresAt(question: string, line: number, measures = DEFAULT_RANKING.measures) {
  const found = rank(library, question, { ...DEFAULT_RANKING, measures }, { exhaustive: true }).candidates.find(
    (c) => c.hit.passage.line === line,
  );
  if (!found) throw new Error(`line ${line} is not a candidate for "${question}"`);
  return found.features;
}

describe('passage features', () => {
  it('GIVEN the question words side by side in its order THEN the phrase feature is full; apart THEN it is not', () => {
    expect(featuresAt('blue whale songs', 3)).toMatchObject({ phrase: 1, literal: 1 });
    const apart = featuresAt('blue whale songs', 5);
    expect(apart.literal).toBe(1);
    expect(apart.phrase).toBeLessThan(1);
  });

  it('GIVEN a word typed "gifted" THEN "gifted" is an exact match and "gifts" only a stemmed one', () => {
    expect(featuresAt('who gifted the whale skeleton', 7).exact).toBe(1);
    const stemmed = featuresAt('who gifted the whale skeleton', 9);
    expect(stemmed.literal).toBe(1);
    expect(stemmed.exact).toBeLessThan(1);
  });

  it('GIVEN the same words in a short and in a long sentence THEN the short one is denser', () => {
    expect(featuresAt('whale skeleton fishermen', 7).dense).toBeGreaterThan(featuresAt('whale skeleton fishermen', 9).dense);
  });

  it('GIVEN BM25 scores THEN the best candidate has 1 and the others less', () => {
    const candidates = rank(library, 'blue whale songs', undefined, { exhaustive: true }).candidates;
    const scores = candidates.map((c) => c.features.bm25);
    expect(Math.max(...scores)).toBe(1);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('GIVEN one passage with a rarer word and one with a commoner word THEN BM25 puts the rarer first', () => {
    // "ocean" is only in line 3; "museum" is in lines 7 and 9. Line 3 is the longer, which BM25 holds against it.
    expect(featuresAt('ocean museum', 3).bm25).toBe(1);
    expect(featuresAt('ocean museum', 7).bm25).toBeLessThan(1);
    expect(featuresAt('ocean museum', 7).bm25).toBeGreaterThan(0);
  });

  it('GIVEN a misspelt word THEN BM25 reads it as its correction: the passages with the corrected word score as if it were typed', () => {
    // "skeletom" is not in the article; "skeleton" (lines 7 and 9) is.
    const misspelt = rank(library, 'whale skeletom', undefined, { exhaustive: true }).context;
    const typed = rank(library, 'whale skeleton', undefined, { exhaustive: true }).context;
    expect([...misspelt.literalTerms]).toEqual(['whale', 'skeleton']);
    const scores = (context: typeof typed) =>
      candidatesOf(context, library.index.passages, new Map()).map((c) => [c.passage.line, c.literalScore]);
    expect(scores(misspelt)).toEqual(scores(typed));
  });
});

/** The article above and a second one, for what a passage's article says around it. */
const zoo = parseArticle(
  { source: 'z.txt', text: 'Zoo news\n\nGrey whales migrate past the zoo in winter.\n' },
  compileBoilerplate(defaults.boilerplate),
  article.passages.length,
);
const two = { dir: '/x', articles: [article, zoo], skipped: [] };
const both = assembleLibrary(two, await PassageIndex.build(two), 0);

describe('evidence', () => {
  it('GIVEN candidates THEN evidence is their BM25 of the words as typed in units of the unseen IDF: more for more of them, the same whatever titles weigh', () => {
    const at = (lines: typeof DEFAULT_RANKING.lines) =>
      new Map(
        rank(library, 'blue whale songs', { ...DEFAULT_RANKING, lines }, { exhaustive: true }).candidates.map((c) => [
          c.hit.passage.line,
          c.hit.evidence,
        ]),
      );
    const light = at({ title: 0.25, short: 1, shortUnder: 0 });
    const full = at({ title: 1, short: 1, shortUnder: 0 });
    // w.txt:3 says all three words, w.txt:9 only "whale"; the title (line 1) says "whale" and "songs". Each word
    // weighs at most the unseen IDF, and at once about one unit.
    expect(light.get(3)).toBeGreaterThan(light.get(9) ?? Infinity);
    expect(light.get(3)).toBeGreaterThan(0);
    expect(light.get(3)).toBeLessThan(3);
    expect(light.get(1)).toBeCloseTo(full.get(1) ?? NaN, 9);
  });
});

describe('the article feature', () => {
  it('GIVEN any candidate THEN its article covers at least as much of the question as the passage itself', () => {
    const weights = expansionWeights(DEFAULT_RANKING);
    // Words as typed, a misspelt one read as the word meant, and a word the articles lack said by its synonym ("present" → gift).
    for (const question of [
      'whales migrate skeleton',
      'Where do whales migrate in winter?',
      'zoo skeleton',
      'grey whales migarte',
      'fishermen present skeleton',
    ]) {
      for (const { features } of rank(both, question, undefined, { exhaustive: true }).candidates) {
        const own = EXPANSION_KINDS.reduce((sum, kind) => sum + features[kind] * weights[kind], 0);
        expect(features.article).toBeGreaterThanOrEqual(own - 1e-9);
      }
    }
  });

  it('GIVEN two passages saying the same question words THEN the one whose article has the rest of the question covers more of it', () => {
    // w.txt:11 and z.txt:3 both say "whales migrate"; only w.txt has "skeleton" (lines 7 and 9).
    const found = rank(both, 'whales migrate skeleton', undefined, { exhaustive: true }).candidates;
    const at = (source: string, line: number) => {
      const candidate = found.find((c) => c.hit.passage.source === source && c.hit.passage.line === line);
      if (!candidate) throw new Error(`${source}:${line} is not a candidate`);
      return candidate.features;
    };
    expect(at('w.txt', 11).literal).toBeCloseTo(at('z.txt', 3).literal, 9);
    expect(at('w.txt', 11).article).toBe(1);
    expect(at('z.txt', 3).article).toBeCloseTo(at('z.txt', 3).literal, 9);
    expect(at('z.txt', 3).article).toBeLessThan(1);
  });
});

describe('measures (how the features count)', () => {
  const measures = (m: Partial<typeof DEFAULT_RANKING.measures>) => ({ ...DEFAULT_RANKING.measures, ...m });

  it('GIVEN two question words three words apart in its order THEN they are a phrase with a gap of 3, not of 2', () => {
    // Line 7: "Fishermen gifted the museum …".
    expect(featuresAt('fishermen museum', 7, measures({ phraseGap: 2 })).phrase).toBe(0);
    expect(featuresAt('fishermen museum', 7, measures({ phraseGap: 3 })).phrase).toBe(1);
  });

  it('GIVEN two question words eight words apart in a sentence THEN they are near within 8 words, not within 7', () => {
    // Line 7: "Fishermen gifted the museum a whale skeleton in 1990."
    const proximity = (nearWords: number) => {
      const found = rank(library, 'fishermen 1990', { ...DEFAULT_RANKING, measures: measures({ nearWords }) }, { exhaustive: true });
      const passage = found.candidates.find((c) => c.hit.passage.line === 7)?.hit.passage;
      if (!passage) throw new Error('line 7 is not a candidate');
      return sentenceCandidates(found.context, passage)[0]?.features.proximity;
    };
    expect(proximity(7)).toBe(0);
    expect(proximity(8)).toBe(1);
  });

  it("GIVEN no length discount THEN dense is the densest sentence's coverage, whatever its length", () => {
    const undiscounted = measures({ lengthNorm: 0 });
    expect(featuresAt('whale skeleton fishermen', 7, undiscounted).dense).toBe(1);
    expect(featuresAt('whale skeleton fishermen', 9, undiscounted).dense).toBeCloseTo(featuresAt('whale skeleton fishermen', 9).literal, 9);
  });
});

describe('candidates left out', () => {
  it('GIVEN a ranking that is not exhaustive, at any length discount THEN the passages it puts first are those of the exhaustive one, with the same scores', () => {
    for (const lengthNorm of [0, 0.375, 0.95]) {
      const ranking = { ...DEFAULT_RANKING, measures: { ...DEFAULT_RANKING.measures, lengthNorm } };
      for (const question of ['blue whale songs', 'who gifted the whale skeleton', 'whale skeleton fishermen', 'museum at night']) {
        const top = (exhaustive: boolean) =>
          rank(library, question, ranking, { exhaustive })
            .candidates.slice(0, 5)
            .map((c) => [c.hit.passage.id, c.score, c.answer?.text]);
        expect(top(false)).toEqual(top(true));
      }
    }
  });

  it('GIVEN any candidate and any length discount THEN both bounds on its densest sentence, read without splitting sentences, are at least what the sentences give', () => {
    for (const lengthNorm of [0, 0.5, 0.95]) {
      const ranking = { ...DEFAULT_RANKING, measures: { ...DEFAULT_RANKING.measures, lengthNorm } };
      for (const question of ['blue whale songs', 'who gifted the whale skeleton', 'whale skeleton fishermen', 'museum at night']) {
        const found = rank(library, question, ranking, { exhaustive: true });
        for (const c of found.candidates) {
          expect(denseBound(found.context, c.hit.passage)).toBeGreaterThanOrEqual(c.features.dense);
          expect(denseCeiling(found.context, c.hit.passage)).toBeGreaterThanOrEqual(c.features.dense);
        }
      }
    }
  });
});

describe('answer sentences', () => {
  const span = (scores: number[], within: number, refersBack: boolean[] = [], referringWithin = within) =>
    answerSpan(
      scores.map((score, i) => ({ score, refersBack: refersBack[i] ?? false })),
      { within, referringWithin },
    );

  it('GIVEN sentence scores THEN the answer is the best sentence, with the next one only when it scores within the bar', () => {
    expect(span([1, 3, 2.5], 0)).toEqual({ first: 1, last: 1 });
    expect(span([1, 3, 2.5], 0.4)).toEqual({ first: 1, last: 1 });
    expect(span([1, 3, 2.5], 0.6)).toEqual({ first: 1, last: 2 });
    // The sentence before never joins, however close; the last sentence has none after it.
    expect(span([2.9, 3], 5)).toEqual({ first: 1, last: 1 });
    expect(span([], 1)).toBeUndefined();
  });

  it('GIVEN a next sentence that refers back THEN its own bar decides whether it joins', () => {
    expect(span([1, 3, 1], 0.5, [false, false, true], 2.5)).toEqual({ first: 1, last: 2 });
    expect(span([1, 3, 1], 0.5, [false, false, false], 2.5)).toEqual({ first: 1, last: 1 });
    expect(span([1, 3, 2.8], 0.5, [false, false, true], 0)).toEqual({ first: 1, last: 1 });
  });

  it('GIVEN a passage THEN a sentence opening with a pronoun refers back, the first sentence does not', () => {
    const { context } = rank(library, 'when do grey whales migrate');
    const passage = article.passages.find((p) => p.line === 11);
    if (!passage) throw new Error('w.txt:11 is not a passage');
    expect(sentenceCandidates(context, passage).map((s) => s.refersBack)).toEqual([false, true]);
  });

  it('GIVEN a bar that lets the next sentence join THEN the answer is both sentences as the passage has them, cited where the first starts', () => {
    const question = 'when do grey whales migrate';
    const one = ask(library, question, { ranking: { ...DEFAULT_RANKING, nextSentence: { within: 0, referringWithin: 0 } } }).answer;
    const two = ask(library, question, { ranking: { ...DEFAULT_RANKING, nextSentence: { within: 100, referringWithin: 100 } } }).answer;
    expect(one?.text).toBe('Grey whales migrate south in winter.');
    expect(two?.text).toBe('Grey whales migrate south in winter. They return north in spring.');
    expect(two?.line).toBe(one?.line);
    // The words highlighted in the one sentence are highlighted, at the same offsets, in the two.
    expect(two?.highlights).toEqual(one?.highlights);
  });
});

describe('ranking config', () => {
  it('GIVEN the shipped config THEN it parses and expansions are searched below the words typed', () => {
    const weights = expansionWeights(DEFAULT_RANKING);
    expect(weights.literal).toBe(1);
    expect(weights.synonym).toBeLessThanOrEqual(1);
  });

  it('GIVEN a config with an unknown and a missing weight THEN the error names both keys', () => {
    const { bm25: _dropped, ...passage } = DEFAULT_RANKING.passage;
    expect(() => parseRankingConfig({ ...DEFAULT_RANKING, passage: { ...passage, magic: 1 } })).toThrow(
      /passage\.bm25.*passage|passage.*magic/s,
    );
  });
});
