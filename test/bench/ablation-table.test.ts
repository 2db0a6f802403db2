import { describe, expect, it } from 'vitest';
import { formatAblation } from '../../bench/fit/ablation.js';
import type { Figures } from '../../bench/fit/model.js';

const figures = (first: number, answerWords: number): Figures => ({
  questions: 10,
  first,
  top3: 0.9,
  mrr: 0.8,
  inSentence: 0.7,
  answerHolds: 0.75,
  answerWords,
  refused: 0.05,
  offCorpusRefused: 0.97,
});

describe('the ablation table', () => {
  it('GIVEN a part taken out THEN its row gives each change against the first row: shares in points, words in words', () => {
    const table = formatAblation([
      { part: '(everything)', bySet: new Map([['a', figures(0.8, 30)]]), pooled: figures(0.8, 30) },
      { part: 'x', bySet: new Map([['a', figures(0.75, 25.5)]]), pooled: figures(0.75, 25.5) },
    ]).split('\n');
    expect(table[0]).toBe(
      '| without | a first | all: first | all: MRR | all: answer in sentence | all: answer words | all: answerable refused | all: off-corpus refused |',
    );
    expect(table[2]).toBe('| (everything) | 80.0 | 80.0 | 0.800 | 70.0 | 30.0 | 5.0 | 97.0 |');
    expect(table[3]).toBe('| x | 75.0 (-5.0) | 75.0 (-5.0) | 0.800 | 70.0 (+0.0) | 25.5 (-4.5) | 5.0 (+0.0) | 97.0 (+0.0) |');
  });
});
