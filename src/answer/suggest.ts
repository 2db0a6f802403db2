/**
 * Questions to offer after a miss: real questions the library answers, never written by hand
 * for an article. Candidates come from what the articles hold ("What did Pat Ryder say?" for
 * each person they quote), each is asked once, and only those the fitted ranking answers
 * confidently *at a line that holds the answer* (one of that person's quotations) are kept. A
 * library works them out once, in the background (see library.ts).
 */
import { UserError } from '../platform/errors.js';
import { nextTurn, type Pause } from '../platform/scheduler.js';
import { ask, type AskSource } from './ask.js';

/** How many questions a miss suggests. */
export const SUGGESTED_QUESTIONS = 2;
/** Longest suggestion: it is shown whole on a button. */
export const MAX_SUGGESTION_LENGTH = 80;
/** Candidates asked at most, so the work stays small whatever the corpus (each is one /ask). */
const MAX_CANDIDATES = 16;

/** A question worth trying, and where an answer to it stands. */
export interface CandidateQuestion {
  readonly question: string;
  /** The lines that answer it, by article file name. */
  readonly answeredAt: ReadonlyMap<string, ReadonlySet<number>>;
}

/** Someone the articles quote, and where. */
export interface QuotedPerson {
  readonly name: string;
  readonly quotedAt: ReadonlyArray<{ readonly source: string; readonly line: number }>;
}

/** "What did NAME say?" for each quoted person, most quoted first, short enough to show whole. */
export function candidateQuestions(people: readonly QuotedPerson[], maxLength = MAX_SUGGESTION_LENGTH): CandidateQuestion[] {
  return [...people]
    .sort((a, b) => b.quotedAt.length - a.quotedAt.length || a.name.localeCompare(b.name))
    .map((person) => {
      const answeredAt = new Map<string, Set<number>>();
      for (const { source, line } of person.quotedAt) {
        let lines = answeredAt.get(source);
        if (!lines) answeredAt.set(source, (lines = new Set()));
        lines.add(line);
      }
      return { question: `What did ${person.name} say?`, answeredAt };
    })
    .filter((c) => c.question.length <= maxLength)
    .slice(0, MAX_CANDIDATES);
}

/**
 * The candidates the ranking answers confidently (outcome "answer") with a passage that holds a
 * line answering them, most confident first, never two that cite the same line.
 */
export async function answerableQuestions(
  library: AskSource,
  candidates: readonly CandidateQuestion[],
  options: { readonly limit?: number; readonly pause?: Pause } = {},
): Promise<string[]> {
  // Between two candidates the work yields, so that it never holds up people's commands.
  const pause = options.pause ?? nextTurn;
  const found: Array<{ question: string; confidence: number; cited: string; order: number }> = [];
  for (const [order, candidate] of candidates.entries()) {
    await pause();
    let result;
    try {
      result = ask(library, candidate.question);
    } catch (error) {
      // A question of only common words is simply not a suggestion.
      if (error instanceof UserError) continue;
      throw error;
    }
    const top = result.passages[0];
    if (result.outcome !== 'answer' || !result.answer || !top) continue;
    const lines = candidate.answeredAt.get(top.source);
    if (!lines || ![...lines].some((line) => line >= top.line && line <= top.endLine)) continue;
    found.push({ question: candidate.question, confidence: result.confidence, cited: `${top.source}:${top.line}`, order });
  }
  found.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
  const cited = new Set<string>();
  const chosen: string[] = [];
  for (const f of found) {
    if (cited.has(f.cited)) continue;
    cited.add(f.cited);
    chosen.push(f.question);
    if (chosen.length === (options.limit ?? SUGGESTED_QUESTIONS)) break;
  }
  return chosen;
}
