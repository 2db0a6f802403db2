/**
 * Measures one way of answering over every public set: passage first / top 3 / MRR, an
 * accepted answer inside the answer sentence, its length, answerable questions refused, and
 * off-corpus questions refused (each set's answerable questions asked of the other corpus).
 */
import { otherCorpus, type CorpusName, type EvalQuestion, type EvalSet } from './sets.js';

/** What a system said about one question, in the CLI's terms. */
export interface SystemAnswer {
  readonly confident: boolean;
  /** FILE:LINE of the passages shown, best first (empty: nothing relates). */
  readonly citations: readonly string[];
  /** The answer sentence, or null when the system gives none. */
  readonly sentence: string | null;
}

export interface System {
  readonly name: string;
  ask(corpus: CorpusName, question: string): SystemAnswer;
}

export interface SetFigures {
  readonly set: string;
  readonly answerable: number;
  /** Shares, 0–1. */
  readonly first: number;
  readonly top3: number;
  readonly mrr: number;
  /** Over answerable questions with accepted answers; null when the set gives none or the system gives no sentence. */
  readonly inSentence: number | null;
  readonly sentenceWords: number | null;
  /** Answerable questions not answered confidently. */
  readonly refused: number;
  /** Answerable questions with no passage at all. */
  readonly nothing: number;
  /** How many unanswerable questions the set has (they weigh `unanswerableRefused` when sets are pooled). */
  readonly unanswerable: number;
  /** The set's own unanswerable questions not answered confidently. */
  readonly unanswerableRefused: number | null;
  /** The set's answerable questions asked of the other corpus, not answered confidently. */
  readonly offCorpusRefused: number;
  readonly msPerQuestion: number;
}

/** Words as the harness counts an answer's length: runs of non-space. */
export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function measureSet(system: System, set: EvalSet): SetFigures {
  const started = performance.now();
  let first = 0;
  let top3 = 0;
  let rr = 0;
  let refused = 0;
  let nothing = 0;
  let withAnswers = 0;
  let inSentence = 0;
  let sentences = 0;
  let sentenceWords = 0;
  for (const q of set.answerable) {
    const a = system.ask(set.corpus, q.q);
    const rank = a.citations.findIndex((c) => q.gold.includes(c));
    if (rank === 0) first++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (!a.confident) refused++;
    if (a.citations.length === 0) nothing++;
    if (a.sentence !== null) {
      sentences++;
      sentenceWords += wordCount(a.sentence);
    }
    if (q.answers.length > 0) {
      withAnswers++;
      if (a.confident && holdsAnswer(a.sentence, q)) inSentence++;
    }
  }
  const unanswerable = set.unanswerable.filter((q) => !system.ask(set.corpus, q.q).confident).length;
  const other = otherCorpus(set.corpus);
  const offCorpus = set.answerable.filter((q) => !system.ask(other, q.q).confident).length;
  const asked = 2 * set.answerable.length + set.unanswerable.length;
  const n = set.answerable.length;
  return {
    set: set.name,
    answerable: n,
    first: first / n,
    top3: top3 / n,
    mrr: rr / n,
    inSentence: withAnswers > 0 && sentences > 0 ? inSentence / withAnswers : null,
    sentenceWords: sentences > 0 ? sentenceWords / sentences : null,
    refused: refused / n,
    nothing: nothing / n,
    unanswerable: set.unanswerable.length,
    unanswerableRefused: set.unanswerable.length > 0 ? unanswerable / set.unanswerable.length : null,
    offCorpusRefused: offCorpus / n,
    msPerQuestion: (performance.now() - started) / asked,
  };
}

function holdsAnswer(sentence: string | null, q: EvalQuestion): boolean {
  const text = sentence?.toLowerCase() ?? '';
  return text !== '' && q.answers.some((answer) => text.includes(answer.toLowerCase()));
}

/** Figures over several sets, each question counted once (micro-average; unanswerable ones by their own count). */
export function pooled(name: string, figures: readonly SetFigures[]): SetFigures {
  const n = figures.reduce((sum, f) => sum + f.answerable, 0);
  const avg = (pick: (f: SetFigures) => number | null, weight = (f: SetFigures) => f.answerable): number | null => {
    const known = figures.filter((f) => pick(f) !== null);
    const m = known.reduce((sum, f) => sum + weight(f), 0);
    return m > 0 ? known.reduce((sum, f) => sum + (pick(f) ?? 0) * weight(f), 0) / m : null;
  };
  return {
    set: name,
    answerable: n,
    first: avg((f) => f.first) ?? 0,
    top3: avg((f) => f.top3) ?? 0,
    mrr: avg((f) => f.mrr) ?? 0,
    inSentence: avg((f) => f.inSentence),
    sentenceWords: avg((f) => f.sentenceWords),
    refused: avg((f) => f.refused) ?? 0,
    nothing: avg((f) => f.nothing) ?? 0,
    unanswerable: figures.reduce((sum, f) => sum + f.unanswerable, 0),
    unanswerableRefused: avg(
      (f) => f.unanswerableRefused,
      (f) => f.unanswerable,
    ),
    offCorpusRefused: avg((f) => f.offCorpusRefused) ?? 0,
    msPerQuestion: avg((f) => f.msPerQuestion) ?? 0,
  };
}

const pc = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** A Markdown table: one row per set and system. */
export function formatTable(rows: ReadonlyArray<{ system: string; figures: SetFigures }>): string {
  const head =
    '| set | system | first | top 3 | MRR | answer in sentence | sentence words | answerable refused | answerable, no passage | unanswerable refused | off-corpus refused | ms/question |';
  const rule = '|---|---|---|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map(({ system, figures: f }) =>
    [
      f.set + ` (${f.answerable})`,
      system,
      pc(f.first),
      pc(f.top3),
      f.mrr.toFixed(3),
      pc(f.inSentence),
      f.sentenceWords === null ? '—' : f.sentenceWords.toFixed(1),
      pc(f.refused),
      pc(f.nothing),
      pc(f.unanswerableRefused),
      pc(f.offCorpusRefused),
      f.msPerQuestion.toFixed(2),
    ].join(' | '),
  );
  return [head, rule, ...lines.map((l) => `| ${l} |`)].join('\n');
}
