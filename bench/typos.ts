/**
 * What typo correction is worth where it is needed: the public sets hold few misspellings, so
 * the ablation cannot show it. `npm run eval:typos` asks the answerable public questions again
 * with their longest word misspelt in each of the four ways most typing errors take (Damerau,
 * 1964): two neighbouring letters swapped ("complexity" → "copmlexity"), a letter left out, a
 * letter typed twice, and a letter replaced by its neighbour on the keyboard; a question with no
 * word of 6 letters or more is left out. Then again with their first common word of 3 letters or
 * more misspelt the same four ways at its second letter ("what" → "waht", "the" → "teh"). It asks
 * them of citebot with and without correction
 * and of plain MiniSearch, and prints the harness's table, pooled by kind of typo and over all
 * (off-corpus: the misspelt questions asked of the other corpus).
 */
import { formatTable, measureSet, pooled, type SetFigures } from './eval/measure.js';
import { byCorpus, loadEvalSets, loadLibraries, type EvalSet } from './eval/sets.js';
import { citebotSystem, plainSystem } from './eval/systems.js';
import { PARTS } from './fit/ablation.js';
import { STOP_WORDS } from '../src/text/terms.js';

/** QWERTY's letter rows: a mistyped key is the one to its right (to its left at a row's end). */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbourKey(letter: string): string {
  const lower = letter.toLowerCase();
  const row = KEY_ROWS.find((r) => r.includes(lower));
  if (!row) return letter;
  const at = row.indexOf(lower);
  const key = row[at + 1 < row.length ? at + 1 : at - 1] ?? lower;
  return letter === lower ? key : key.toUpperCase();
}

/** Each kind of typo, made at letter i of a word (i and i + 1 differ). */
const TYPOS: ReadonlyArray<readonly [string, (word: string, i: number) => string]> = [
  ['two letters swapped', (w, i) => w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2)],
  ['a letter left out', (w, i) => w.slice(0, i) + w.slice(i + 1)],
  ['a letter typed twice', (w, i) => w.slice(0, i + 1) + w.slice(i)],
  ['a neighbouring key', (w, i) => w.slice(0, i) + neighbourKey(w[i] ?? '') + w.slice(i + 1)],
];

/**
 * The question with one typo: in its longest word of 6 letters or more, at the first letter, from
 * the third on, that differs from the next. Undefined when no word can be misspelt so.
 */
function misspellLongWord(question: string, typo: (word: string, i: number) => string): string | undefined {
  const words = [...(question.match(/\p{L}{6,}/gu) ?? [])].sort((a, b) => b.length - a.length);
  for (const word of words) {
    for (let i = 2; i + 1 < word.length; i++) {
      if (word[i]?.toLowerCase() === word[i + 1]?.toLowerCase()) continue;
      return question.replace(word, typo(word, i));
    }
  }
  return undefined;
}

/**
 * The question with one typo in its first common word of 3 letters or more ("what" → "waht",
 * "the" → "teh"), at its second letter: chat is typed fast, and short words are mistyped too.
 */
function misspellCommonWord(question: string, typo: (word: string, i: number) => string): string | undefined {
  const word = (question.match(/\p{L}{3,}/gu) ?? []).find((w) => STOP_WORDS.has(w.toLowerCase()) && w[1] !== w[2]);
  if (!word) return undefined;
  const at = question.search(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'u'));
  return question.slice(0, at) + typo(word, 1) + question.slice(at + word.length);
}

/** Which word of a question is misspelt. */
const WHERE = [
  ['longest word', misspellLongWord],
  ['a common word', misspellCommonWord],
] as const;

const withTypos = (
  set: EvalSet,
  kind: string,
  misspell: (question: string, typo: (word: string, i: number) => string) => string | undefined,
  typo: (word: string, i: number) => string,
): EvalSet => ({
  ...set,
  name: `${set.name}, ${kind}`,
  answerable: set.answerable.flatMap((q) => {
    const misspelt = misspell(q.q, typo);
    return misspelt ? [{ ...q, q: misspelt }] : [];
  }),
  unanswerable: [],
});

const publicSets = loadEvalSets();
const libraries = await loadLibraries();
const correction = PARTS.find((p) => p.name === 'typo correction');
if (!correction?.without) throw new Error('the ablation has no typo correction part');
const without = correction.without;
const systems = [
  citebotSystem(libraries),
  citebotSystem(
    byCorpus((corpus) => without(libraries[corpus])),
    undefined,
    'citebot without correction',
  ),
  plainSystem(),
];
const rows: Array<{ system: string; figures: SetFigures }> = [];
for (const system of systems) {
  for (const [where, misspell] of WHERE) {
    const all: SetFigures[] = [];
    for (const [kind, typo] of TYPOS) {
      const figures = publicSets.map((set) => measureSet(system, withTypos(set, kind, misspell, typo)));
      all.push(...figures);
      rows.push({ system: system.name, figures: pooled(`${where} misspelt: ${kind}`, figures) });
    }
    rows.push({ system: system.name, figures: pooled(`${where} misspelt: all four kinds`, all) });
  }
}
rows.sort((a, b) => a.figures.set.localeCompare(b.figures.set));
console.log(formatTable(rows));
