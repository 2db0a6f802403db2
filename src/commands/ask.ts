import { ask, cleanQuestion, type AskResult } from '../answer/ask.js';
import { UserError } from '../platform/errors.js';
import { ASK } from './definitions.js';
import { askTitle, missReply, newestTitles, questionChoices, readNote } from './ask-miss.js';
import { cite, highlighted, NOT_SURE, truncate, type Reply, type ReplyPage } from './reply.js';
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
    const library = ctx.holder.current;
    const result: AskResult = { ...ask(library, searched), question };
    // A miss helps nobody else in the channel: it is private unless the asker chose otherwise.
    const ephemeral = options.private ?? (result.outcome === 'nothing' && ctx.config.discord.privateMisses);
    // Asking for the suggestions on every question starts their work early; a miss shows them once ready.
    const suggestions = library.readySuggestions() ?? [];
    const titles = result.outcome === 'nothing' ? newestTitles(library.corpus) : [];
    return renderAsk(result, { ephemeral, askedPrivately: options.private === true, suggestions, titles });
  },
  autocomplete(focused, _options, ctx) {
    return focused.name === 'question' ? questionChoices(ctx.holder.current.corpus, focused.value) : [];
  },
});

/**
 * An /ask result as a reply: the answer sentence with its citation, passages as pages, the
 * matched words below. When the ranking is not sure, the same under a note saying so.
 */
export function renderAsk(result: AskResult, options: AskReplyOptions): Reply {
  return { ...askReply(result, options), data: { kind: 'ask', result } };
}

/** How an /ask result is shown: privately or not; for a miss, the questions to suggest and the articles. */
export interface AskReplyOptions {
  readonly ephemeral: boolean;
  /** The asker chose `private:true` (a miss can be private without it). */
  readonly askedPrivately?: boolean;
  readonly suggestions?: readonly string[];
  /** Titles of the newest articles, listed under a miss. */
  readonly titles?: readonly string[];
}

function askReply(result: AskResult, options: AskReplyOptions): Reply {
  const read = readNote(result);
  if (!result.answer) {
    return missReply(result, {
      ephemeral: options.ephemeral,
      askedPrivately: options.askedPrivately ?? false,
      suggestions: options.suggestions ?? [],
      titles: options.titles ?? [],
    });
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
    title: askTitle(result),
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
