/**
 * The quality harness: every public set through citebot and plain MiniSearch in one run.
 * `npm run eval` prints one table and writes bench/quality.json; `npm run eval -- --ablate`
 * adds what each component adds or costs, measured by cross-validation (see fit/ablation.ts),
 * as a new run in bench/ablation.md.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/platform/config.js';
import { formatTable, measureSet, pooled, type SetFigures } from './eval/measure.js';
import { loadEvalSets, loadLibraries } from './eval/sets.js';
import { citebotSystem, plainSystem } from './eval/systems.js';
import { DEFAULT_RANKING } from '../src/answer/ranking-config.js';
import { ablate, formatAblation } from './fit/ablation.js';
import { collect } from './fit/collect.js';
import type { Lambdas } from './fit/model.js';

const sets = loadEvalSets();
const libraries = await loadLibraries();
const systems = [citebotSystem(libraries), plainSystem()];
const rows: Array<{ system: string; figures: SetFigures }> = [];
for (const system of systems) {
  const figures = sets.map((set) => measureSet(system, set));
  const pool = (name: string, prefix: string) =>
    pooled(
      name,
      figures.filter((f) => f.set.startsWith(prefix)),
    );
  for (const f of [...figures, pool('squad-dev (both)', 'squad:'), pool('newsroom (all trials)', 'newsroom:')]) {
    rows.push({ system: system.name, figures: f });
  }
}
rows.sort((a, b) => a.figures.set.localeCompare(b.figures.set));
const table = formatTable(rows);
console.log(table);
writeFileSync(
  path.join(PROJECT_ROOT, 'bench', 'quality.json'),
  JSON.stringify({ measured: new Date().toISOString().slice(0, 10), rows }, null, 2) + '\n',
);

if (process.argv.includes('--ablate')) {
  const fitted = (DEFAULT_RANKING.fitted as { lambda?: Partial<Lambdas> } | undefined)?.lambda;
  const lambda = { ranking: fitted?.ranking ?? 0.01, confidence: fitted?.confidence ?? 0.01 };
  const rows = ablate(sets, libraries, DEFAULT_RANKING, lambda, collect(sets, libraries, DEFAULT_RANKING));
  const ablation = formatAblation(rows);
  console.log(
    `\nAblation: each part taken out, refitted and measured by leave-one-set-out cross-validation (change in points)\n${ablation}`,
  );
  // bench/ablation.md is the log of runs and what each decided: a run is added, never written over.
  appendFileSync(path.join(PROJECT_ROOT, 'bench', 'ablation.md'), `\n## Run of ${new Date().toISOString().slice(0, 10)}\n\n${ablation}\n`);
}
