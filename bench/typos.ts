/**
 * What typo correction is worth where it is needed: the public sets hold few misspellings, so
 * the ablation cannot show it. `npm run eval:typos` asks the answerable public questions again
 * with two neighbouring letters of their longest word swapped ("complexity" → "copmlexity"; a
 * question with no word of 6 letters or more is left out), of citebot with and without
 * correction and of plain MiniSearch, and prints the harness's table (off-corpus: the misspelt
 * questions asked of the other corpus).
 */
import { formatTable, measureSet, pooled, type SetFigures } from './eval/measure.js';
import { loadEvalSets, loadLibraries, type EvalSet } from './eval/sets.js';
import { citebotSystem, plainSystem } from './eval/systems.js';
import { PARTS } from './fit/ablation.js';

/**
 * The question with one transposition: in its longest word of 6 letters or more, the first two
 * neighbouring letters that differ, from the third letter on, swapped. Undefined when no word
 * can be misspelt so.
 */
function misspell(question: string): string | undefined {
  const words = [...(question.match(/\p{L}{6,}/gu) ?? [])].sort((a, b) => b.length - a.length);
  for (const word of words) {
    for (let i = 2; i + 1 < word.length; i++) {
      if (word[i]?.toLowerCase() === word[i + 1]?.toLowerCase()) continue;
      return question.replace(word, word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2));
    }
  }
  return undefined;
}

const withTypos = (set: EvalSet): EvalSet => ({
  ...set,
  name: `${set.name}, misspelt`,
  answerable: set.answerable.flatMap((q) => {
    const misspelt = misspell(q.q);
    return misspelt ? [{ ...q, q: misspelt }] : [];
  }),
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
