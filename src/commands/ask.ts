import { ask, cleanQuestion, type AskResult } from '../answer/ask.js';
import { UserError } from '../platform/errors.js';
import { ASK } from './definitions.js';
import { cite, highlighted, NOT_SURE, NOTHING_FOUND, truncate, userText, type Inline, type Reply, type ReplyPage } from './reply.js';
import { defineCommand } from './types.js';

/** Article titles are shortened in attributions so the passage itself keeps the room. */
const TITLE_IN_ATTRIBUTION = 120;

/** /ask question:<text> [private:<bool>]: the answering sentence, then one passage per page. */
export const askCommand = defineCommand(ASK, {
  run(options, ctx) {
    // The echo keeps the question as typed, mentions included (rendering defuses them); the
    // search gets it without the transport's markup, which addresses people, not the articles.
    const question = cleanQuestion(options.question);
    const searched = ctx.withoutMarkup ? ctx.withoutMarkup(question) : question;
    if (!/[\p{L}\p{N}]/u.test(searched)) {
      throw new UserError(
        'That question has only mentions, and mentions are not searched. Ask about something in the articles, e.g. "which governor gifted the drones".',
      );
    }
    return renderAsk({ ...ask(ctx.holder.current, searched), question }, { ephemeral: options.private === true });
  },
});

/**
 * An /ask result as a reply: the answer sentence with its citation, passages as pages, the
 * matched words below. When the ranking is not sure, the same under a note saying so.
 */
export function renderAsk(result: AskResult, options: { ephemeral: boolean }): Reply {
  return { ...askReply(result, options), data: { kind: 'ask', result } };
}

function askReply(result: AskResult, options: { ephemeral: boolean }): Reply {
  const read: Inline[] =
    result.corrections.length > 0 ? [`(Read ${result.corrections.map((c) => `“${c.from}” as “${c.to}”`).join(', ')}.)\n`] : [];
  if (!result.answer) {
    return {
      title: userText(result.question),
      body: [...read, `${NOTHING_FOUND} Try other words, or see which articles I have with `, { code: '/sources' }, '.'],
      fields: [],
      ephemeral: options.ephemeral,
      tone: 'notice',
    };
  }
  const answer = result.answer;
  const total = result.passages.length;
  const pages: ReplyPage[] = result.passages.map((p, i) => ({
    fields: [
      {
        name: `Passage ${i + 1} of ${total} — ${truncate(p.title, TITLE_IN_ATTRIBUTION)}`,
        value: [...highlighted(p.text, p.highlights), { keep: ['\n', cite(p)] }],
      },
    ],
  }));
  const matched = [...new Set(result.passages[0]?.matchedWords ?? [])];
  return {
    title: userText(result.question),
    body: [
      ...read,
      ...(result.confident ? [] : [`${NOT_SURE}\n`]),
      ...highlighted(answer.text, answer.highlights),
      { keep: [`\n— ${truncate(answer.title, TITLE_IN_ATTRIBUTION)} · `, cite(answer)] },
    ],
    fields: pages[0]?.fields ?? [],
    ...(matched.length > 0 ? { footer: `Matched: ${matched.join(', ')}` } : {}),
    ephemeral: options.ephemeral,
    ...(pages.length > 1 ? { pages } : {}),
    tone: result.confident ? 'answer' : 'notice',
  };
}
