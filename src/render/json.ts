/**
 * Replies as JSON for programs (the CLI's `--json`): the contract is stable field names and
 * nothing transport-specific, made from the result the reply carries.
 */
import type { AskResult } from '../answer/ask.js';
import type { Reply } from '../commands/reply.js';
import type { QuoteResult } from '../quote/lookup.js';
import { plainText } from '../commands/reply.js';

/** `ask --json`: with `explain`, each passage's features and the confidence too. */
export function askJson(result: AskResult, explain = false) {
  return {
    question: result.question,
    // A long message is searched by its last question: what was searched, when not the whole question.
    ...(result.searched !== undefined ? { searched: result.searched } : {}),
    outcome: result.outcome,
    confident: result.confident,
    // The answer sentence only when the ranking is sure of it; "not sure" still lists passages.
    answer:
      result.confident && result.answer
        ? {
            text: result.answer.text,
            source: result.answer.source,
            line: result.answer.line,
            ...(result.answer.speaker ? { speaker: result.answer.speaker } : {}),
          }
        : null,
    passages: result.passages.map((p) => ({
      source: p.source,
      line: p.line,
      title: p.title,
      text: p.text,
      score: p.score,
      ...(explain ? { features: p.features } : {}),
    })),
    ...(explain ? { confidence: result.confidence } : {}),
  };
}

/** `quote --json`: kind, citation, verbatim text and speaker of each result. */
export function quoteJson(result: QuoteResult) {
  return { results: result.results.map((r) => ({ kind: r.kind, source: r.source, line: r.line, text: r.text, speaker: r.speaker })) };
}

/** A reply as one JSON value: its result when it carries one, else its text. */
export function renderReplyJson(reply: Reply, options: { explain?: boolean } = {}): unknown {
  if (reply.data?.kind === 'ask') return askJson(reply.data.result, options.explain);
  if (reply.data?.kind === 'quote') return quoteJson(reply.data.result);
  return { title: reply.title ?? null, text: plainText(reply.body) };
}
