/**
 * /ask's misses and the edges of its card: what a "nothing" reply suggests, what a long question
 * searched, and what is offered while a question is typed. Kept apart from the answer card
 * (ask.ts) so that each can change on its own.
 */
import type { AskResult } from '../answer/ask.js';
import { completeQuestion, topicsOf } from '../answer/topics.js';
import type { Corpus } from '../corpus/types.js';
import { NOTHING_FOUND, truncate, userText, type Choice, type Inline, type Reply, type ReplyField } from './reply.js';

/** Suggestions offered while typing, at most (Discord shows 25). */
const TYPED_SUGGESTIONS = 25;
/** Longest suggestion while typing: a choice is given back whole, and Discord's hold 100 characters. */
const TYPED_SUGGESTION_LENGTH = 100;
/** Article titles listed under a miss. */
const TITLES_UNDER_MISS = 3;
/** Titles are shortened in the list so three fit on a phone screen. */
const TITLE_LENGTH = 100;

/** The heading of an /ask reply: the question searched (a long message's last question), as typed. */
export function askTitle(result: AskResult): string {
  return userText(result.searched ?? result.question);
}

/** Says what was searched when it was not the whole message, and the misspellings read as other words. */
export function readNote(result: AskResult): Inline[] {
  const notes: string[] = [];
  if (result.searched !== undefined) notes.push('Your message is long, so I searched its last question.');
  if (result.corrections.length > 0) notes.push(`Read ${result.corrections.map((c) => `“${c.from}” as “${c.to}”`).join(', ')}.`);
  return notes.length > 0 ? [`(${notes.join(' ')})\n`] : [];
}

/**
 * "I found nothing": private unless asked otherwise (see the command), with what to try
 * instead: questions the articles answer, and what the newest articles are about.
 */
export function missReply(
  result: AskResult,
  options: { readonly ephemeral: boolean; readonly suggestions: readonly string[]; readonly titles: readonly string[] },
): Reply {
  const titles = options.titles.slice(0, TITLES_UNDER_MISS).map((t) => truncate(t, TITLE_LENGTH));
  const fields: ReplyField[] = [];
  if (options.suggestions.length > 0) {
    fields.push({ name: 'Questions the articles answer', value: [options.suggestions.map((q) => `• ${q}`).join('\n')] });
  }
  if (titles.length > 0) fields.push({ name: 'Some of the articles', value: [titles.map((t) => `• ${t}`).join('\n')] });
  return {
    title: askTitle(result),
    body: [...readNote(result), `${NOTHING_FOUND} Try other words or one of these, or see every article with `, { code: '/sources' }, '.'],
    fields,
    ephemeral: options.ephemeral,
    tone: 'notice',
  };
}

/** The titles of the newest articles, newest first, to say under a miss what the articles are about. */
export function newestTitles(corpus: Corpus): string[] {
  return [...corpus.articles]
    .sort((a, b) => b.mtimeMs - a.mtimeMs || (a.source < b.source ? 1 : a.source > b.source ? -1 : 0))
    .slice(0, TITLES_UNDER_MISS)
    .map((a) => a.title);
}

/** Choices while a question is typed: its last word or name completed with those the articles hold. */
export function questionChoices(corpus: Corpus, typed: string): Choice[] {
  return completeQuestion(topicsOf(corpus), typed, TYPED_SUGGESTIONS, TYPED_SUGGESTION_LENGTH).map((value) => ({ name: value, value }));
}
