/**
 * /ask's misses and the edges of its card: what a "nothing" reply suggests, what a long question
 * searched, and what is offered while a question is typed. Kept apart from the answer card
 * (ask.ts) so that each can change on its own.
 */
import type { AskResult } from '../answer/ask.js';
import { MAX_SUGGESTION_LENGTH } from '../answer/suggest.js';
import { completeQuestion, readyTopics } from '../answer/topics.js';
import type { Corpus } from '../corpus/types.js';
import {
  MAX_CHOICE_LENGTH,
  MAX_CHOICES,
  NOTHING_FOUND,
  truncate,
  userText,
  type Choice,
  type Inline,
  type Reply,
  type ReplyAction,
  type ReplyField,
} from './reply.js';
import type { ActionHandler } from './types.js';

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
  if (result.searched !== undefined) notes.push('I searched the last question of your message.');
  if (result.corrections.length > 0) notes.push(`Read ${result.corrections.map((c) => `“${c.from}” as “${c.to}”`).join(', ')}.`);
  return notes.length > 0 ? [`(${notes.join(' ')})\n`] : [];
}

/** The action of a suggestion button: /ask the question on it, publicly or (`askp`) privately as the miss was asked. */
const ASK_ACTION = 'ask';
const ASK_PRIVATELY_ACTION = 'askp';

/**
 * "I found nothing": private unless asked otherwise (see the command), with what to try
 * instead: buttons that ask questions the articles answer, and what the newest articles are about.
 */
export function missReply(
  result: AskResult,
  options: {
    readonly ephemeral: boolean;
    /** The asker chose `private:true`: a suggestion they press is answered privately too. */
    readonly askedPrivately: boolean;
    readonly suggestions: readonly string[];
    readonly titles: readonly string[];
  },
): Reply {
  const titles = options.titles.map((t) => truncate(t, TITLE_LENGTH));
  const fields: ReplyField[] = titles.length > 0 ? [{ name: 'Some of the articles', value: [titles.map((t) => `• ${t}`).join('\n')] }] : [];
  const actions: ReplyAction[] = options.suggestions.map((question) => ({
    kind: 'run',
    label: question,
    action: options.askedPrivately ? ASK_PRIVATELY_ACTION : ASK_ACTION,
    payload: question,
    style: 'primary',
  }));
  return {
    title: askTitle(result),
    // The same words whether or not the suggestions are ready, and in transports without buttons.
    body: [...readNote(result), `${NOTHING_FOUND} Try other words, or see every article with `, { code: '/sources' }, '.'],
    fields,
    ephemeral: options.ephemeral,
    tone: 'notice',
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/**
 * A suggestion button, pressed: /ask its question for whoever pressed it, as if they had typed
 * it. The question travels in the button, so it is checked like typed text (by /ask) and kept
 * to a suggestion's length; anything else is not a button this made.
 */
function askAction(name: string, askPrivately: boolean): ActionHandler {
  return {
    name,
    respond: 'reply',
    run(payload) {
      const question = payload.trim();
      if (question === '' || question.length > MAX_SUGGESTION_LENGTH) return undefined;
      return { invoke: { command: 'ask', options: { question, ...(askPrivately ? { private: true } : {}) } } };
    },
  };
}

/** The actions of suggestion buttons. */
export const ASK_ACTIONS: readonly ActionHandler[] = [askAction(ASK_ACTION, false), askAction(ASK_PRIVATELY_ACTION, true)];

/** The titles of the newest articles, newest first, to say under a miss what the articles are about. */
export function newestTitles(corpus: Corpus): string[] {
  return [...corpus.articles]
    .sort((a, b) => b.mtimeMs - a.mtimeMs || (a.source < b.source ? 1 : a.source > b.source ? -1 : 0))
    .slice(0, TITLES_UNDER_MISS)
    .map((a) => a.title);
}

/**
 * Choices while a question is typed: its last word or name completed with those the articles
 * hold. None until the articles' topics are read (right after a start or reload): typing never waits.
 */
export function questionChoices(corpus: Corpus, typed: string): Choice[] {
  const topics = readyTopics(corpus);
  if (!topics) return [];
  return completeQuestion(topics, typed, MAX_CHOICES, MAX_CHOICE_LENGTH).map((value) => ({ name: value, value }));
}
