import { ask, cleanQuestion, type AskResult, type RankedPassage } from '../answer/ask.js';
import { isHeadline, type Article } from '../corpus/types.js';
import { openArticleAction, showContextAction } from './context.js';
import { UserError } from '../platform/errors.js';
import { ASK } from './definitions.js';
import { askTitle, missReply, newestTitles, questionChoices, readNote } from './ask-miss.js';
import { cite, highlighted, isWebUrl, NOT_SURE, truncate, type Reply, type ReplyPage } from './reply.js';
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
        'That question has only mentions, and mentions are not searched. Ask about a person, place or event the articles mention, in your own words.',
      );
    }
    const library = ctx.holder.current;
    const result: AskResult = { ...ask(library, searched), question };
    // A miss helps nobody else in the channel: it is private unless the asker chose otherwise.
    const ephemeral = options.private ?? (result.outcome === 'nothing' && ctx.surface.privateMisses);
    // Only a miss shows suggestions (found in the background since startup; a miss never waits for them).
    const suggestions = result.outcome === 'nothing' ? (library.readySuggestions() ?? []) : [];
    const titles = result.outcome === 'nothing' ? newestTitles(library.corpus) : [];
    return renderAsk(result, {
      ephemeral,
      askedPrivately: options.private === true,
      suggestions,
      titles,
      article: (source) => library.article(source),
    });
  },
  autocomplete(focused, _options, ctx) {
    return focused.name === 'question' ? questionChoices(ctx.holder.current.corpus, focused.value) : [];
  },
});

/** What the card needs of the articles besides the result: their metadata and which line is a headline. */
export type ArticleLookup = (source: string) => Article | undefined;

/**
 * An /ask result as a reply: a compact card. The answer sentence with its matched words in
 * bold, one attribution line (the article's title, linked when its metadata has a URL, and the
 * citation), and buttons: *Show context*, *Open article*. Further passages come one a page
 * behind *Next ▶*; the first page does not repeat the answer's paragraph, and a headline is
 * never offered as a passage. When the ranking is not sure, the card says so in words.
 */
export function renderAsk(result: AskResult, options: AskReplyOptions): Reply {
  return { ...askReply(result, options), data: { kind: 'ask', result } };
}

/** How an /ask result is shown: privately or not; the articles' metadata; for a miss, the questions to suggest and the articles. */
export interface AskReplyOptions {
  readonly ephemeral: boolean;
  readonly article?: ArticleLookup;
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
  const articleOf = options.article ?? (() => undefined);
  const article = articleOf(answer.source);
  const contains = (p: RankedPassage, source: string, line: number) => p.source === source && line >= p.line && line <= p.endLine;
  const headline = (p: RankedPassage) => {
    const a = articleOf(p.source);
    return a !== undefined && isHeadline(a, p.line);
  };
  const cited = result.passages.find((p) => contains(p, answer.source, answer.line));
  const further = result.passages.filter((p) => p !== cited && !headline(p));
  const pages: ReplyPage[] = [
    { fields: [] },
    ...further.map((p, i) => ({
      fields: [
        {
          name: `More ${i + 1} of ${further.length} — ${truncate(p.title, TITLE_IN_ATTRIBUTION)}`,
          value: [...highlighted(p.text, p.highlights), { keep: ['\n', cite(p)] }],
        },
      ],
    })),
  ];
  const url = article?.meta?.url;
  const title = truncate(answer.title, TITLE_IN_ATTRIBUTION);
  const footer = [article?.meta?.publisher, article?.meta?.published]
    .filter((part) => part !== undefined && part.trim() !== '')
    .join(' · ');
  return {
    title: askTitle(result),
    body: [
      ...read,
      ...(result.confident ? [] : [`${NOT_SURE}\n`]),
      ...highlighted(answer.text, answer.highlights),
      {
        keep: [
          '\n— ',
          ...(answer.speaker ? [`${answer.speaker}, quoted in `] : []),
          url && isWebUrl(url) ? { link: title, url } : title,
          ' · ',
          cite(answer),
        ],
      },
    ],
    fields: [],
    ...(footer ? { footer } : {}),
    ephemeral: options.ephemeral,
    ...(pages.length > 1 ? { pages } : {}),
    tone: result.confident ? 'answer' : 'notice',
    actions: [showContextAction(answer.source, answer.line), ...openArticleAction(article)],
    vote: { question: result.question, source: answer.source, line: answer.line, passage: cited?.text ?? answer.text },
  };
}
