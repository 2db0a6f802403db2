/**
 * Settings that change how a question is read or what is searched: the weights of title and
 * short lines (RankingConfig.lines) and of names the articles never mention
 * (RankingConfig.unknownNameWeight). Each value tried means searching every question again: a
 * coordinate search over a grid, each point judged by cross-validation of the ranking refitted
 * on its records.
 */
import type { RankingConfig } from '../../src/answer/ranking-config.js';
import type { Library } from '../../src/library/library.js';
import type { LineWeights } from '../../src/search/passage-index.js';
import type { CorpusName, EvalSet } from '../eval/sets.js';
import { collect } from './collect.js';
import { crossValidate, poolFigures, refusalScore, type Figures, type Lambdas } from './model.js';
import { searchGrid } from './search-grid.js';

const steps = (from: number, step: number, count: number) =>
  Array.from({ length: count }, (_, i) => Math.round((from + step * i) * 100) / 100);

/** Values tried: weights from 0.25 to 1 (1: weighed as a paragraph), and bars of 0 (no line is short) to 16 words. */
export const LINE_GRID: Readonly<Record<keyof LineWeights, readonly number[]>> = {
  title: steps(0.25, 0.05, 16),
  short: steps(0.25, 0.15, 6),
  shortUnder: [0, 4, 8, 12, 16],
};
/** Values tried for the unknown name weight (1: a name counts as any word). */
export const UNKNOWN_NAME_GRID = [1, 1.5, 2, 2.5, 3, 4, 5];

/** What a searched setting is fitted on: the public sets and their corpora, the regularisation, and where to say what was tried. */
export interface GridInputs {
  readonly sets: readonly EvalSet[];
  readonly libraries: Record<CorpusName, Library>;
  readonly lambda: Lambdas;
  readonly log?: (line: string) => void;
}

/** Pooled cross-validated figures of a ranking, on records collected with it. */
function crossValidated({ sets, libraries, lambda }: GridInputs, ranking: RankingConfig): Figures {
  return poolFigures(crossValidate(collect(sets, libraries, ranking), ranking, lambda).values());
}

/** The line weights with the best cross-validated MRR, searched from the ranking's own. */
export function fitLines(inputs: GridInputs, ranking: RankingConfig): LineWeights {
  return searchGrid(ranking.lines, LINE_GRID, (lines) => {
    const { mrr } = crossValidated(inputs, { ...ranking, lines });
    inputs.log?.(`lines ${JSON.stringify(lines)}: MRR ${mrr.toFixed(4)}`);
    return mrr;
  });
}

/**
 * The unknown name weight that refuses the fewest answerable questions once 95 % of off-corpus
 * ones are refused, cross-validated (the confidence model's own criterion), from the ranking's own.
 */
export function fitUnknownNameWeight(inputs: GridInputs, ranking: RankingConfig): number {
  const start = { unknownNameWeight: ranking.unknownNameWeight };
  return searchGrid(start, { unknownNameWeight: UNKNOWN_NAME_GRID }, ({ unknownNameWeight }) => {
    const figures = crossValidated(inputs, { ...ranking, unknownNameWeight });
    inputs.log?.(
      `unknown name weight ${unknownNameWeight}: refused ${(100 * figures.refused).toFixed(1)} %, off-corpus refused ${(100 * figures.offCorpusRefused).toFixed(1)} %`,
    );
    return refusalScore(figures);
  }).unknownNameWeight;
}
