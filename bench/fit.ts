/**
 * Fits /ask's ranking (`npm run fit`): collects every public question's candidates with the
 * current config, picks the regularisation by leave-one-set-out cross-validation, fits on all
 * sets, collects again with the fitted weights (expansions are searched at their fitted
 * weight) and fits once more, then writes config/ranking.json with the cross-validated figures.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RANKING, parseRankingConfig, type RankingConfig } from '../src/answer/ranking-config.js';
import { PROJECT_ROOT } from '../src/platform/config.js';
import { loadEvalSets, loadLibraries } from './eval/sets.js';
import { collect } from './fit/collect.js';
import { crossValidate, fitRanking, poolFigures, type Figures } from './fit/model.js';

const LAMBDAS = [0.001, 0.01];
const ROUNDS = 2;

const sets = loadEvalSets();
const libraries = await loadLibraries();
let ranking: RankingConfig = DEFAULT_RANKING;
let chosen = { lambda: LAMBDAS[0] ?? 0.001, cv: new Map<string, Figures>() };
for (let round = 1; round <= ROUNDS; round++) {
  const records = collect(sets, libraries, ranking);
  let bestMrr = -1;
  for (const lambda of LAMBDAS) {
    const cv = crossValidate(records, ranking, lambda);
    const pooled = poolFigures(cv.values());
    console.log(`round ${round} lambda ${lambda}: ${describe(pooled)}`);
    if (pooled.mrr > bestMrr) {
      bestMrr = pooled.mrr;
      chosen = { lambda, cv };
    }
  }
  ranking = fitRanking(records, ranking, chosen.lambda);
}

console.log(`\nchosen lambda ${chosen.lambda}; cross-validated (each set measured by weights fitted on the others):`);
for (const [set, f] of chosen.cv) console.log(`  ${set.padEnd(40)} ${describe(f)}`);
const pc = (x: number) => Math.round(1000 * x) / 10;
const fitted = {
  by: 'npm run fit',
  method: 'pairwise logistic regression (passages, sentences), logistic regression (confidence); leave-one-set-out cross-validation',
  lambda: chosen.lambda,
  crossValidated: Object.fromEntries(
    [...chosen.cv].map(([set, f]) => [
      set,
      {
        first: pc(f.first),
        top3: pc(f.top3),
        mrr: Math.round(f.mrr * 1000) / 1000,
        refused: pc(f.refused),
        offCorpusRefused: pc(f.offCorpusRefused),
      },
    ]),
  ),
};
const file = path.join(PROJECT_ROOT, 'config', 'ranking.json');
writeFileSync(file, JSON.stringify(parseRankingConfig({ ...ranking, fitted }), null, 2) + '\n');
console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);

function describe(f: Figures): string {
  const p = (x: number) => (Number.isNaN(x) ? '   —  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
  return `first ${p(f.first)} top3 ${p(f.top3)} MRR ${f.mrr.toFixed(3)} in-sentence ${p(f.inSentence)} refused ${p(f.refused)} off-corpus refused ${p(f.offCorpusRefused)} (${f.questions})`;
}
