/**
 * Settings that change what is searched or what every feature record holds: the weights of title
 * and short lines (RankingConfig.lines), how the features measure nearness, phrases and length
 * (RankingConfig.measures). Each value tried means searching every question again: a
 * coordinate search over a grid, each point judged by cross-validation of the ranking refitted
 * on its records.
 */
import type { RankingConfig } from '../../src/answer/ranking-config.js';
import type { Library } from '../../src/library/library.js';
import type { LineWeights } from '../../src/search/passage-index.js';
import type { CorpusName, EvalSet } from '../eval/sets.js';
import { collect } from './collect.js';
import { crossValidate, poolFigures, rankingScore, type Figures, type Lambdas } from './model.js';
import { searchGrid } from './search-grid.js';

const steps = (from: number, step: number, count: number) =>
  Array.from({ length: count }, (_, i) => Math.round((from + step * i) * 1000) / 1000);

type Measures = RankingConfig['measures'];
type LinesAndMeasures = LineWeights & Measures;

/**
 * Values tried: line weights from 0.25 to 1 (1: weighed as a paragraph), bars of 0 (no line is
 * short) to 16 words; "near" from 2 to 12 words, a phrase's gap from 1 (side by side) to 8, and
 * the length discount from 0 (none) to 0.875; BM25's k1 from 0.5 to 3 and b from 0.25 to 1 (1.2
 * and 0.75 are the usual values).
 */
export const LINES_AND_MEASURES_GRID: Readonly<Record<keyof LinesAndMeasures, readonly number[]>> = {
  title: steps(0.25, 0.05, 16),
  short: steps(0.25, 0.15, 6),
  shortUnder: [0, 4, 8, 12, 16],
  nearWords: [2, 3, 4, 5, 6, 8, 10, 12],
  phraseGap: [1, 2, 3, 4, 5, 6, 8],
  lengthNorm: steps(0, 0.125, 8),
  bm25K: [0.5, 0.75, 1, 1.2, 1.5, 2, 3],
  bm25B: [0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1],
};

/** What a searched setting is fitted on: the public sets and their corpora, the regularisation, and where to say what was tried. */
export interface GridInputs {
  readonly sets: readonly EvalSet[];
  readonly libraries: Record<CorpusName, Library>;
  readonly lambda: Lambdas;
  readonly log?: (line: string) => void;
}

/** Cross-validated figures of a ranking by set, on records collected with it. */
function crossValidated({ sets, libraries, lambda }: GridInputs, ranking: RankingConfig): Figures[] {
  return [...crossValidate(collect(sets, libraries, ranking), ranking, lambda).values()];
}

/**
 * The line weights and measures with the best cross-validated `rankingScore` (MRR plus answer
 * sentences holding an accepted answer, sets weighed as in the fit), searched together from the ranking's own.
 */
export function fitLinesAndMeasures(inputs: GridInputs, ranking: RankingConfig): Pick<RankingConfig, 'lines' | 'measures'> {
  const split = ({ title, short, shortUnder, ...measures }: LinesAndMeasures) => ({
    lines: { title, short, shortUnder },
    measures,
  });
  const found = searchGrid<keyof LinesAndMeasures>({ ...ranking.lines, ...ranking.measures }, LINES_AND_MEASURES_GRID, (point) => {
    const bySet = crossValidated(inputs, { ...ranking, ...split(point) });
    const score = rankingScore(bySet);
    const pooled = poolFigures(bySet);
    inputs.log?.(
      `lines and measures ${JSON.stringify(point)}: score ${score.toFixed(4)} (pooled MRR ${pooled.mrr.toFixed(4)}, answer sentence holds ${(100 * pooled.answerHolds).toFixed(1)} %)`,
    );
    return score;
  });
  return split(found);
}
