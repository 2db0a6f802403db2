/**
 * Every button custom id the bot makes, in one place. Discord sends a pressed button's id back
 * as it was sent, but anyone can forge one (a modified client), and a message can outlive the
 * process that made it: ids are parsed strictly here, and anything that does not parse (or
 * names a session or action that no longer exists) gets the "expired" notice, never a crash.
 *
 * | id                         | button                                  | who may press          |
 * |----------------------------|-----------------------------------------|------------------------|
 * | `page:SESSION:N`           | show page N (◀ / ▶ of a paged reply)    | the asker; others get a private copy at page N |
 * | `page:SESSION:at`          | the "n / N" label, always disabled      | nobody                 |
 * | `pv:SESSION:N`             | *Browse privately*: a private copy at page N | anyone            |
 * | `vote:SESSION:up`/`:down`  | 👍 / 👎 on an answer                     | anyone (one vote each) |
 * | `a:ACTION:PAYLOAD`         | a command-level action (`ActionHandler`): `a:ctx:LINE:FILE` Show context, `a:ctxm:LINE:FILE` ◀ ▶ in its view (FILE is `#HASH` when the name is too long) | anyone |
 *
 * SESSION is a paging session id (`PageSessions`, 8 base64url characters): what the reply was
 * made from, kept in memory. ACTION is a registered handler's name; PAYLOAD is whatever that
 * handler put in its `ReplyAction` and validates itself. Link buttons have no id.
 */
import { MAX_ACTION_NAME_LENGTH } from '../../commands/reply.js';

/** Discord's limit on a component's custom id. */
export const MAX_CUSTOM_ID_LENGTH = 100;

const SESSION = '[A-Za-z0-9_-]{1,64}';
const PAGE = /^page:([A-Za-z0-9_-]{1,64}):(\d{1,4})$/;
const BROWSE = new RegExp(`^pv:(${SESSION}):(\\d{1,4})$`);
const VOTE = new RegExp(`^vote:(${SESSION}):(up|down)$`);
const ACTION = new RegExp(`^a:([a-z]{1,${MAX_ACTION_NAME_LENGTH}}):([^]*)$`);
/** Action names: short, so that the payload keeps the room. */
export const ACTION_NAME = new RegExp(`^[a-z]{1,${MAX_ACTION_NAME_LENGTH}}$`);

/** A pressed button's id, read. */
export type ButtonTarget =
  | { readonly kind: 'page'; readonly sessionId: string; readonly page: number }
  | { readonly kind: 'browse'; readonly sessionId: string; readonly page: number }
  | { readonly kind: 'vote'; readonly sessionId: string; readonly value: 'up' | 'down' }
  | { readonly kind: 'action'; readonly action: string; readonly payload: string };

/** The custom id of a button that shows page `page` of paging session `pagingId`. */
export function pageButtonId(pagingId: string, page: number | 'at'): string {
  return `page:${pagingId}:${page}`;
}

/** Reads a page button's custom id; null for any other custom id. */
export function parsePageButtonId(customId: string): { pagingId: string; page: number } | null {
  const match = PAGE.exec(customId);
  if (!match) return null;
  return { pagingId: match[1] ?? '', page: Number(match[2]) };
}

export function browseButtonId(sessionId: string, page: number): string {
  return `pv:${sessionId}:${page}`;
}

export function voteButtonId(sessionId: string, value: 'up' | 'down'): string {
  return `vote:${sessionId}:${value}`;
}

/** The id of an action button; undefined when it would not fit Discord's 100 characters or the name is not an action name. */
export function actionButtonId(action: string, payload: string): string | undefined {
  const id = `a:${action}:${payload}`;
  return ACTION_NAME.test(action) && id.length <= MAX_CUSTOM_ID_LENGTH ? id : undefined;
}

/** Reads any custom id the bot makes; null for anything else (forged, from an older version, too long). */
export function parseButtonId(customId: string): ButtonTarget | null {
  if (customId.length > MAX_CUSTOM_ID_LENGTH) return null;
  const page = parsePageButtonId(customId);
  if (page) return { kind: 'page', sessionId: page.pagingId, page: page.page };
  let match = BROWSE.exec(customId);
  if (match) return { kind: 'browse', sessionId: match[1] ?? '', page: Number(match[2]) };
  match = VOTE.exec(customId);
  if (match) return { kind: 'vote', sessionId: match[1] ?? '', value: match[2] === 'up' ? 'up' : 'down' };
  match = ACTION.exec(customId);
  if (match) return { kind: 'action', action: match[1] ?? '', payload: match[2] ?? '' };
  return null;
}

/** Whether a button keeps working without its paging session (links and actions carry all they need). */
export function isStateless(customId: string | undefined): boolean {
  return customId === undefined || customId.startsWith('a:');
}
