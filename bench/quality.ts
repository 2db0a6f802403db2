/**
 * Scores /ask on the public set and on our own paraphrase set, question by question:
 * `npx tsx bench/quality.ts [--verbose]`. A development tool for ranking changes; the
 * quality test asserts the same figures.
 */
import { ask } from '../src/answer/ask.js';
import publicSet from '../test/fixtures/ask-questions.json' with { type: 'json' };
import paraphraseSet from '../test/fixtures/paraphrase-questions.json' with { type: 'json' };
import { seedLibrary } from '../test/support/seeds.js';

interface QuestionSet {
  readonly questions: ReadonlyArray<{ id: string; q: string; gold: string[] }>;
  readonly abstain: ReadonlyArray<{ id: string; q: string }>;
}

const verbose = process.argv.includes('--verbose');
const library = await seedLibrary();

for (const [name, set] of [
  ['public', publicSet],
  ['paraphrase', paraphraseSet],
] as const) {
  const { questions, abstain } = set as QuestionSet;
  let first = 0;
  let top3 = 0;
  let abstained = 0;
  for (const q of questions) {
    const result = ask(library, q.q);
    const cites = result.passages.map((p) => `${p.source}:${p.line}`);
    const ok = q.gold.includes(cites[0] ?? '');
    if (ok) first++;
    if (cites.slice(0, 3).some((c) => q.gold.includes(c))) top3++;
    if (verbose || !ok)
      console.log(`${ok ? 'ok  ' : 'MISS'} ${q.id} ${result.confidence.toFixed(2)} ${q.q} → ${cites[0] ?? '(abstained)'}`);
  }
  for (const q of abstain) {
    const result = ask(library, q.q);
    if (!result.confident) abstained++;
    if (verbose || result.confident)
      console.log(
        `${result.confident ? 'MISS' : 'ok  '} ${q.id} ${result.confidence.toFixed(2)} ${q.q} → ${result.passages[0] ? `${result.passages[0].source}:${result.passages[0].line}` : '(abstained)'}`,
      );
  }
  console.log(
    `${name}: ${first}/${questions.length} right line first, ${top3}/${questions.length} in top 3, ${abstained}/${abstain.length} abstentions\n`,
  );
}
