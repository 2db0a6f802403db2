/**
 * Fits /ask's ranking (`npm run fit`): collects every public question's candidates with the
 * current config, picks the regularisation by leave-one-set-out cross-validation, fits on all
 * sets, searches the weights of title and short lines and the features' measures (see
 * fit/grid.ts), collects again with the fitted weights (expansions are searched at their fitted
 * weight) and fits once more, then writes config/ranking.json with the cross-validated figures.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RANKING, parseRankingConfig, type RankingConfig } from '../src/answer/ranking-config.js';
import { PROJECT_ROOT } from '../src/platform/config.js';
import { loadEvalSets, loadLibraries } from './eval/sets.js';
import { collect } from './fit/collect.js';
import { fitLinesAndMeasures } from './fit/grid.js';
import { best, crossValidate, fitRanking, poolFigures, rankingScore, refusalScore, type Figures, type Lambdas } from './fit/model.js';

const LAMBDAS = [0.0003, 0.001, 0.003, 0.01, 0.03];
/** Rounds of collecting and fitting; `--rounds 1` refits the weights alone, keeping the searched settings in hand. */
const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt < 0 ? 2 : Number(process.argv[roundsAt + 1]);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds takes a whole number, 1 or more');

const sets = loadEvalSets();
const libraries = await loadLibraries();
let ranking: RankingConfig = DEFAULT_RANKING;
let chosen: { lambda: Lambdas; cv: Map<string, Figures> } = { lambda: { ranking: 0.001, confidence: 0.001 }, cv: new Map() };
for (let round = 1; round <= ROUNDS; round++) {
  const records = collect(sets, libraries, ranking);
  // The ranking's regularisation by the right passage's rank and the answer sentence, as the
  // searched settings are judged (one λ weighs both passages and sentences); then the confidence
  // model's by how many answerable questions it refuses, once each set's off-corpus questions are kept out.
  const byRank = LAMBDAS.map((r) => ({ r, cv: crossValidate(records, ranking, { ranking: r, confidence: r }) }));
  byRank.forEach(({ r, cv }) => console.log(`round ${round} ranking lambda ${r}: ${describe(poolFigures(cv.values()))}`));
  const rankingLambda = best(byRank, ({ cv }) => rankingScore(cv.values())).r;
  const byConfidence = LAMBDAS.map((c) => ({ c, cv: crossValidate(records, ranking, { ranking: rankingLambda, confidence: c }) }));
  byConfidence.forEach(({ c, cv }) => console.log(`round ${round} confidence lambda ${c}: ${describe(poolFigures(cv.values()))}`));
  const pick = best(byConfidence, ({ cv }) => refusalScore(poolFigures(cv.values())));
  chosen = { lambda: { ranking: rankingLambda, confidence: pick.c }, cv: pick.cv };
  ranking = fitRanking(records, ranking, chosen.lambda);
  // The line weights and the measures change what is searched or what the records hold: fitted
  // between rounds, so that the last round's records have them.
  if (round < ROUNDS) {
    const inputs = { sets, libraries, lambda: chosen.lambda, log: (line: string) => console.log(`round ${round} ${line}`) };
    ranking = { ...ranking, ...fitLinesAndMeasures(inputs, ranking) };
  }
}

console.log(
  `\nchosen lambdas ranking ${chosen.lambda.ranking}, confidence ${chosen.lambda.confidence}; cross-validated (each set measured by weights fitted on the others):`,
);
for (const [set, f] of chosen.cv) console.log(`  ${set.padEnd(40)} ${describe(f)}`);
const pc = (x: number) => Math.round(1000 * x) / 10;
const fitted = {
  by: 'npm run fit',
  method:
    'pairwise logistic regression (passages, sentences; its regularisation, like the searched weights of title and short lines and the features’ measures, by cross-validated MRR plus answer sentences holding an accepted answer, sets weighed by √n), grid search (the bars for the next sentence; those weights and measures), logistic regression (confidence; its regularisation by answerable questions refused); leave-one-set-out cross-validation',
  lambda: chosen.lambda,
  crossValidated: Object.fromEntries(
    [...chosen.cv].map(([set, f]) => [
      set,
      {
        first: pc(f.first),
        top3: pc(f.top3),
        mrr: Math.round(f.mrr * 1000) / 1000,
        ...(Number.isNaN(f.inSentence) ? {} : { inSentence: pc(f.inSentence), answerWords: Math.round(f.answerWords * 10) / 10 }),
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
  return `first ${p(f.first)} top3 ${p(f.top3)} MRR ${f.mrr.toFixed(3)} in-sentence ${p(f.inSentence)}${Number.isNaN(f.answerWords) ? '' : ` (${f.answerWords.toFixed(1)} words; holds ${p(f.answerHolds)} refused or not)`} refused ${p(f.refused)} off-corpus refused ${p(f.offCorpusRefused)} (${f.questions})`;
}
