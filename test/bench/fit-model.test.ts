import { describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../bench/fit/collect.js';
import {
  ALL_FEATURES,
  ANSWER_WORDS,
  ascendReciprocalRank,
  fitLogistic,
  fitPairwise,
  fitRanking,
  measure,
  rankingScore,
  refusalScore,
  weightedQuantile,
  type Figures,
} from '../../bench/fit/model.js';
import type { PassageFeatures, SentenceFeatures } from '../../src/answer/features.js';
import { CONFIDENCE_FEATURES, DEFAULT_RANKING, PASSAGE_FEATURES, SENTENCE_FEATURES } from '../../src/answer/ranking-config.js';
import { DEFAULT_EXPANSION_WEIGHTS } from '../../src/search/query.js';

describe('fitting', () => {
  it('GIVEN groups where feature 0 marks the right item and feature 1 is noise THEN the pairwise fit weighs feature 0 most', () => {
    const groups = Array.from({ length: 40 }, (_, i) => ({
      weight: 1,
      positives: [[1, (i * 7) % 3]],
      negatives: [
        [0, (i * 5) % 3],
        [0.2, (i * 3) % 3],
      ],
    }));
    const w = fitPairwise(groups, 2, 0.001);
    expect(w[0]).toBeGreaterThan(Math.abs(w[1] ?? 0) * 3);
  });

  it('GIVEN samples separated by their first feature THEN the logistic fit puts them on either side of 0.5', () => {
    const samples = [0, 0.1, 0.2, 0.8, 0.9, 1].map((x) => ({ x: [x], y: (x > 0.5 ? 1 : 0) as 0 | 1, weight: 1 }));
    const { bias, weights } = fitLogistic(samples, 1, 0.001);
    const p = (x: number) => 1 / (1 + Math.exp(-(bias + (weights[0] ?? 0) * x)));
    expect(p(0.1)).toBeLessThan(0.5);
    expect(p(0.9)).toBeGreaterThan(0.5);
  });

  it('GIVEN a start that ranks the right item second THEN coordinate ascent moves the weights until it is first', () => {
    const groups = [
      {
        weight: 1,
        candidates: [
          [1, 0],
          [0.5, 1],
        ],
        gold: [false, true],
      },
    ];
    const w = ascendReciprocalRank(groups, [1, 0], [true, true], 0);
    expect((w[1] ?? 0) + 0.5 * (w[0] ?? 0)).toBeGreaterThan(w[0] ?? 0);
  });
});

describe('fitRanking with features left out', () => {
  const passage = (bm25: number) => Object.fromEntries(PASSAGE_FEATURES.map((f) => [f, f === 'bm25' ? bm25 : 0.5])) as PassageFeatures;
  const sentence = (coverage: number) =>
    Object.fromEntries(SENTENCE_FEATURES.map((f) => [f, f === 'coverage' || f === 'exact' ? coverage : 0])) as SentenceFeatures;
  const record = (set: string, own: boolean, i: number): QuestionRecord => ({
    set,
    id: `${set}-${i}`,
    own,
    hasAnswers: true,
    known: own ? 1 : 0.5,
    weights: DEFAULT_EXPANSION_WEIGHTS,
    candidates: [
      {
        citation: 'a.txt:1',
        gold: own,
        features: passage(own ? 1 : 0.4),
        evidence: own ? 2 : 0.5,
        sentences: [
          { text: 'right', words: 1, features: sentence(1), refersBack: false, holdsAnswer: own },
          { text: 'wrong', words: 1, features: sentence(0.2), refersBack: false, holdsAnswer: false },
        ],
      },
      { citation: 'a.txt:3', gold: false, features: passage(0.3), evidence: 0.3, sentences: [] },
    ],
  });
  const records = ['a', 'b'].flatMap((set) => Array.from({ length: 6 }, (_, i) => [record(set, true, i), record(set, false, i)]).flat());

  /**
   * Records whose answer is always in the sentence after the best-scoring one, that sentence and
   * the best of `words` words each; the answering sentence refers back or not.
   */
  const answersNext = (words: number, refersBack = false): QuestionRecord[] => {
    const next = (set: string, i: number): QuestionRecord => {
      const base = record(set, true, i);
      const gold = base.candidates[0]!;
      return {
        ...base,
        candidates: [
          {
            ...gold,
            sentences: [
              { text: 'names the topic', words, features: sentence(1), refersBack: false, holdsAnswer: false },
              { text: 'answers', words, features: sentence(0.8), refersBack, holdsAnswer: true },
              { text: 'other', words: 1, features: sentence(0), refersBack: false, holdsAnswer: false },
            ],
          },
          ...base.candidates.slice(1),
        ],
      };
    };
    return ['a', 'b'].flatMap((set) =>
      Array.from({ length: 6 }, (_, i) => [next(set, i), record(set, false, i), record(set, true, i + 6)]).flat(),
    );
  };
  const lambda = { ranking: 0.001, confidence: 0.001 };

  it('GIVEN answers always in the sentence after the best-scoring one THEN the fit lets the next sentence join, unless told to keep one sentence', () => {
    expect(fitRanking(answersNext(3), DEFAULT_RANKING, lambda).nextSentence.within).toBeGreaterThan(0);
    expect(fitRanking(answersNext(3), DEFAULT_RANKING, lambda, { ...ALL_FEATURES, nextSentence: false }).nextSentence).toEqual({
      within: 0,
      referringWithin: 0,
    });
  });

  it('GIVEN answers always in a next sentence that refers back THEN the fit opens that bar alone, or both as one when told to', () => {
    const bars = fitRanking(answersNext(3, true), DEFAULT_RANKING, lambda).nextSentence;
    expect(bars.referringWithin).toBeGreaterThan(0);
    expect(bars.within).toBe(0);
    const same = fitRanking(answersNext(3, true), DEFAULT_RANKING, lambda, { ...ALL_FEATURES, nextReferring: false }).nextSentence;
    expect(same.within).toBeGreaterThan(0);
    expect(same.referringWithin).toBe(same.within);
  });

  it('GIVEN the same answers in sentences so long that two would average over the words ceiling THEN the next sentence never joins', () => {
    // Joined, each set's answers would average (6 × 2 × 40 + 6 × 1) / 12 = 40.5 words, over ANSWER_WORDS.
    expect(ANSWER_WORDS).toBeLessThan(40.5);
    expect(ANSWER_WORDS).toBeGreaterThan(20.5);
    expect(fitRanking(answersNext(40), DEFAULT_RANKING, lambda).nextSentence).toEqual({ within: 0, referringWithin: 0 });
  });

  it('GIVEN a bar that refuses every question THEN no answer is in the sentence, yet every answer sentence still holds its answer', () => {
    const own = records.filter((r) => r.set === 'a');
    const fitted = fitRanking(records, DEFAULT_RANKING, lambda);
    expect(measure(own, fitted)).toMatchObject({ inSentence: 1, answerHolds: 1, refused: 0 });
    const refusing = { ...fitted, confidence: { ...fitted.confidence, answerAbove: 1.1 } };
    expect(measure(own, refusing)).toMatchObject({ inSentence: 0, answerHolds: 1, refused: 1 });
  });

  it('GIVEN a sentence and a confidence feature left out THEN both weigh 0, and the features kept do not', () => {
    const kept = {
      ...ALL_FEATURES,
      sentence: new Set(SENTENCE_FEATURES.filter((f) => f !== 'exact')),
      confidence: new Set(CONFIDENCE_FEATURES.filter((f) => f !== 'known')),
    };
    const fitted = fitRanking(records, DEFAULT_RANKING, { ranking: 0.001, confidence: 0.001 }, kept);
    expect(fitted.sentence.exact).toBe(0);
    expect(fitted.sentence.coverage).toBeGreaterThan(0);
    expect(fitted.confidence.weights.known).toBe(0);
    const all = fitRanking(records, DEFAULT_RANKING, { ranking: 0.001, confidence: 0.001 });
    expect(all.sentence.exact).toBeGreaterThan(0);
    expect(all.confidence.weights.known).toBeGreaterThan(0);
  });

  it("GIVEN questions asked of their own corpus and of another that differ only in the best passage's evidence THEN the confidence weighs it above 0, and 0 left out", () => {
    const onlyEvidence = records.map((r) => ({
      ...r,
      known: 1,
      candidates: r.candidates.map((c) => ({ ...c, features: passage(0.7) })),
    }));
    const lambda = { ranking: 0.001, confidence: 0.001 };
    expect(fitRanking(onlyEvidence, DEFAULT_RANKING, lambda).confidence.weights.evidence).toBeGreaterThan(0);
    const without = { ...ALL_FEATURES, confidence: new Set(CONFIDENCE_FEATURES.filter((f) => f !== 'evidence')) };
    expect(fitRanking(onlyEvidence, DEFAULT_RANKING, lambda, without).confidence.weights.evidence).toBe(0);
  });
});

describe('weightedQuantile (where the confidence bars fall)', () => {
  const items = (values: number[], weights: number[] = values.map(() => 1)) =>
    values.map((value, i) => ({ value, weight: weights[i] ?? 1 }));

  it('GIVEN equal weights THEN it is the plain quantile: the value with that share of the items below it', () => {
    const values = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.05];
    expect(weightedQuantile(items(values), 0)).toBe(0.05);
    expect(weightedQuantile(items(values), 0.25)).toBe(0.2);
    expect(weightedQuantile(items(values), 0.97)).toBe(0.9);
  });

  it('GIVEN the lowest items weigh more THEN fewer of them fall under the bar: the few questions of a small set are not the ones spent', () => {
    // Twenty items; the two lowest are a small set's, each weighing 3. A tenth of the weight lies
    // under the third value when all weigh alike, but under the lowest when those two weigh 3.
    const values = [0.01, 0.02, ...Array.from({ length: 18 }, (_, i) => 0.1 + i / 20)];
    expect(weightedQuantile(items(values), 0.1)).toBe(0.1);
    expect(weightedQuantile(items(values, [3, 3, ...values.slice(2).map(() => 1)]), 0.1)).toBe(0.01);
  });
});

describe('refusalScore (how the confidence settings are chosen)', () => {
  const figures = (refused: number, offCorpusRefused: number): Figures => ({
    questions: 347,
    first: 0.78,
    top3: 0.94,
    mrr: 0.86,
    inSentence: 0.7,
    answerHolds: 0.75,
    answerWords: 34,
    refused,
    offCorpusRefused,
  });

  it('GIVEN both above the off-corpus target THEN fewer answerable refused wins, whatever the off-corpus share', () => {
    expect(refusalScore(figures(5 / 347, 0.95))).toBeGreaterThan(refusalScore(figures(6 / 347, 1)));
  });

  it('GIVEN the same answerable refused THEN more off-corpus refused wins', () => {
    expect(refusalScore(figures(0.058, 0.974))).toBeGreaterThan(refusalScore(figures(0.058, 0.971)));
  });

  it('GIVEN one below the off-corpus target THEN the one that reaches it wins, even refusing more answerable questions', () => {
    expect(refusalScore(figures(0.1, 0.95))).toBeGreaterThan(refusalScore(figures(0.01, 0.9)));
  });
});

describe('rankingScore (how the ranking regularisation, line weights and measures are chosen)', () => {
  const set = (questions: number, mrr: number, answerHolds = 0.7, refused = 0.05): Figures => ({
    questions,
    first: mrr,
    top3: 0.94,
    mrr,
    // Answered and holding: at most what holds, less what is refused.
    inSentence: Math.max(0, answerHolds - refused),
    answerHolds,
    answerWords: 34,
    refused,
    offCorpusRefused: 0.97,
  });

  it('GIVEN a small set gaining what a large one loses THEN sets weigh by √n: more than their share of questions, less than one each', () => {
    const before = [set(4, 0.5), set(100, 0.8)];
    // 4 questions × 0.2 gained < 100 × 0.03 lost (pooled), but 2 × 0.2 > 10 × 0.03 (√n).
    expect(rankingScore([set(4, 0.7), set(100, 0.77)])).toBeGreaterThan(rankingScore(before));
    // 2 × 0.2 < 10 × 0.05: a large enough loss still counts.
    expect(rankingScore([set(4, 0.7), set(100, 0.75)])).toBeLessThan(rankingScore(before));
  });

  it('GIVEN a set without accepted answers THEN it counts in MRR and the others carry answers in the sentence', () => {
    const score = rankingScore([set(30, 0.8, Number.NaN), set(30, 0.8, 0.6)]);
    expect(score).toBeCloseTo(0.8 + 0.6, 9);
    expect(rankingScore([set(30, 0.8, Number.NaN), set(30, 0.8, 0.7)])).toBeGreaterThan(score);
  });

  it('GIVEN two rankings apart only in what the confidence model refuses THEN they score the same: refusing is judged by refusalScore', () => {
    expect(rankingScore([set(30, 0.8, 0.7, 0.2)])).toBe(rankingScore([set(30, 0.8, 0.7, 0.02)]));
    expect(rankingScore([set(30, 0.8, 0.72, 0.2)])).toBeGreaterThan(rankingScore([set(30, 0.8, 0.7, 0.02)]));
  });
});
