import { describe, expect, it } from 'vitest';
import { ascendReciprocalRank, fitLogistic, fitPairwise } from '../../bench/fit/model.js';

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
