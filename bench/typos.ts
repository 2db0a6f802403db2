/**
 * What typo correction is worth where it is needed: the public sets hold few misspellings, so
 * the ablation cannot show it. `npm run eval:typos` asks every answerable public question with
 * its third and fourth letters swapped in its longest word of 6 letters or more ("complexity" →
 * "copmlexity"), of citebot with and without correction and of plain MiniSearch, and prints the
 * harness's table (off-corpus: the misspelt questions asked of the other corpus).
 */
import { formatTable, measureSet, pooled, type SetFigures } from './eval/measure.js';
import { loadEvalSets, loadLibraries, type EvalSet } from './eval/sets.js';
import { citebotSystem, plainSystem } from './eval/systems.js';
import { PARTS } from './fit/ablation.js';

/** The question with the third and fourth letters of its longest word of 6+ letters swapped. */
export function misspell(question: string): string {
  const words = question.match(/\p{L}{6,}/gu) ?? [];
  const longest = words.reduce<string | undefined>((a, b) => (a === undefined || b.length > a.length ? b : a), undefined);
  if (!longest) return question;
  const typo = longest.slice(0, 2) + (longest[3] ?? '') + (longest[2] ?? '') + longest.slice(4);
  return question.replace(longest, typo);
}

const withTypos = (set: EvalSet): EvalSet => ({
  ...set,
  name: `${set.name}, misspelt`,
  answerable: set.answerable.map((q) => ({ ...q, q: misspell(q.q) })),
  unanswerable: [],
});

const sets = loadEvalSets().map(withTypos);
const libraries = await loadLibraries();
const correction = PARTS.find((p) => p.name === 'typo correction');
if (!correction?.without) throw new Error('the ablation has no typo correction part');
const without = correction.without;
const systems = [
  citebotSystem(libraries),
  citebotSystem({ seeds: without(libraries.seeds), 'squad-dev': without(libraries['squad-dev']) }, undefined, 'citebot without correction'),
  plainSystem(),
];
const rows: Array<{ system: string; figures: SetFigures }> = [];
for (const system of systems) {
  const figures = sets.map((set) => measureSet(system, set));
  rows.push({ system: system.name, figures: pooled('all sets, misspelt', figures) });
  for (const f of figures) rows.push({ system: system.name, figures: f });
}
rows.sort((a, b) => a.figures.set.localeCompare(b.figures.set));
console.log(formatTable(rows));
