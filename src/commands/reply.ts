/**
 * The reply model: what a command answers, independent of where it is shown. Command handlers
 * build it; each transport renders it within its own limits (the Discord transport as an embed
 * with buttons, `render/plain.ts` as text for the console).
 *
 * Text is kept as spans rather than pre-formatted markup, because each transport formats and
 * escapes differently (Discord must escape `*` in article text, a terminal must not) and
 * because a renderer that has to shorten text must know where citations are so it never cuts
 * through one.
 */
import type { AskResult, Highlight } from '../answer/ask.js';
import type { QuoteResult } from '../quote/lookup.js';
import { formatCitation } from '../corpus/types.js';

/** "I found nothing" is an answer too: said the same way in every transport. */
export const NOTHING_FOUND = 'I found nothing about that in the articles.';
/** Said above passages the ranking is not sure answer the question. */
export const NOT_SURE = "I'm not sure these answer it; the closest passages:";

/** Cuts at a word boundary and marks the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

/** Words to show in bold: the words of a passage that matched the question. */
export interface BoldSpan {
  readonly bold: string;
}

/** A citation, `FILE:LINE`: shown whole or not at all. */
export interface CiteSpan {
  readonly cite: string;
}

/** Literal text the user can type, e.g. a command: shown as code, never cut. */
export interface CodeSpan {
  readonly code: string;
}

/**
 * Text that opens a web page (an http or https address, e.g. an article's `meta.url`): a
 * masked link where the transport has them, `text (url)` in plain text. Shown whole or not at all.
 */
export interface LinkSpan {
  readonly link: string;
  readonly url: string;
}

/** Text, bold words, citations, code or links. Plain strings are article or message text, escaped by each renderer. */
export type Inline = string | BoldSpan | CiteSpan | CodeSpan | LinkSpan;

/**
 * A tail that is kept whole when the text before it has to be shortened: the attribution
 * under an answer, the citation under a passage.
 */
export interface KeepSpan {
  readonly keep: readonly Inline[];
}

export type Span = Inline | KeepSpan;
export type RichText = readonly Span[];

export interface ReplyField {
  /** A short heading, plain text. */
  readonly name: string;
  readonly value: RichText;
  /**
   * A file name (`skipped-files.txt`) under which a renderer that cannot show the whole value
   * (a transport with a length limit) attaches all of it as plain text, one entry a line,
   * instead of leaving the rest out.
   */
  readonly file?: string;
}

/** What changes from one page to the next; anything not given is the reply's own. */
export interface ReplyPage {
  readonly body?: RichText;
  readonly fields?: readonly ReplyField[];
  readonly footer?: string;
}

export interface Reply {
  /** A heading, plain text; replies without title, fields or footer are simple messages. */
  readonly title?: string;
  /** The web page the heading links to (http or https), e.g. the article's URL from its metadata. */
  readonly titleUrl?: string;
  readonly body: RichText;
  readonly fields: readonly ReplyField[];
  /** A closing line in small print, plain text. */
  readonly footer?: string;
  /** Shown only to the person who asked. */
  readonly ephemeral: boolean;
  /**
   * Further passages or list entries, one page at a time where there are buttons, all at once in
   * the console. Page 0 is what the reply shows first; it normally equals the reply's own fields.
   */
  readonly pages?: readonly ReplyPage[];
  /** How it reads: an answer, a neutral notice, or a refusal/failure. Renderers may colour it. */
  readonly tone?: 'answer' | 'notice' | 'warning';
  /** What the reply was made from, for renderers that give results to programs (the CLI's `--json`). */
  readonly data?: ReplyData;
  /**
   * What people can do with the reply (buttons), in the order shown. Transports add
   * their own (paging, votes); a transport without buttons leaves these out.
   */
  readonly actions?: readonly ReplyAction[];
  /** The answer people may rate (👍/👎): what a vote on this reply is about. Only answers carry it. */
  readonly vote?: VoteSubject;
}

/**
 * A thing to do with a reply. `link` opens a web page. `run` calls the command-level action
 * handler named `action` (see `ActionHandler` in commands/types.ts) with `payload`: both travel
 * in the button, so they are short (see MAX_ACTION_PAYLOAD_LENGTH) and the handler must treat
 * the payload as untrusted input.
 */
export type ReplyAction =
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | {
      readonly kind: 'run';
      readonly label: string;
      readonly action: string;
      readonly payload: string;
      readonly style?: 'primary' | 'secondary';
      /** Shown but not pressable (e.g. ◀ at the first line), so that buttons keep their places. */
      readonly disabled?: boolean;
    };

/** What a vote on an answer is about: the question and the cited passage. */
export interface VoteSubject {
  readonly question: string;
  readonly source: string;
  readonly line: number;
  readonly passage: string;
}

/** The result behind a reply, as the command computed it. */
export type ReplyData = { readonly kind: 'ask'; readonly result: AskResult } | { readonly kind: 'quote'; readonly result: QuoteResult };

/**
 * What commands promise every transport: suggestions while an option is typed, at most
 * MAX_CHOICES, each value and label at most MAX_CHOICE_LENGTH characters (a value is given back as
 * offered: a file name too long is left out, a long speaker's name cut); an action's name,
 * lowercase letters, and its payload at most these lengths. Transports check in their tests that
 * they carry them.
 */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;
export const MAX_ACTION_NAME_LENGTH = 8;
export const MAX_ACTION_PAYLOAD_LENGTH = 89;

/** A suggestion while the user types an option (autocomplete). */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** A one-line (or few-line) message, e.g. a refusal or an error. */
export function notice(message: string, options: { ephemeral?: boolean; tone?: Reply['tone'] } = {}): Reply {
  return { body: [message], fields: [], ephemeral: options.ephemeral ?? true, tone: options.tone ?? 'notice' };
}

/** Combining marks kept on one character of echoed input: enough for any script, not for a "Zalgo" tower. */
const EXCESS_MARKS = /(\p{M}{4})\p{M}+/gu;
/**
 * Invisible format characters: direction overrides and isolates (U+202E …), zero-width spaces,
 * word joiners, soft hyphens, BOM. The zero-width (non-)joiners U+200C/U+200D are kept: Persian
 * and Indic spelling and emoji sequences need them.
 */
const INVISIBLE = /(?![\u200C\u200D])\p{Cf}/gu;

/** Text without the invisible format characters that could hide in it or turn it around. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * What a person typed, made safe to echo in a title or message: invisible and direction-changing
 * characters removed, so an echo reads as it looks; spacing and line breaks collapsed; a flood
 * of combining marks cut to a few per character. Renderers still escape their transport's markup
 * (Discord's defuses "@everyone" and "@here").
 */
export function userText(input: string): string {
  return stripInvisible(input)
    .replace(/\s+/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(EXCESS_MARKS, '$1')
    .trim();
}

export function cite(p: { source: string; line: number; endLine?: number }): CiteSpan {
  return { cite: formatCitation(p) };
}

/** Text with the given ranges in bold. Overlapping ranges are merged into the first. */
export function highlighted(text: string, highlights: readonly Highlight[]): Inline[] {
  const spans: Inline[] = [];
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at || h.end <= h.start) continue;
    if (h.start > at) spans.push(text.slice(at, h.start));
    spans.push({ bold: text.slice(h.start, h.end) });
    at = h.end;
  }
  if (at < text.length) spans.push(text.slice(at));
  return spans;
}

/** The page a reply shows at `index` (clamped to the pages it has). */
export function pageOf(reply: Reply, index: number): { body: RichText; fields: readonly ReplyField[]; footer: string | undefined } {
  const pages = reply.pages ?? [];
  const page = pages[Math.max(0, Math.min(index, pages.length - 1))] ?? {};
  return { body: page.body ?? reply.body, fields: page.fields ?? reply.fields, footer: page.footer ?? reply.footer };
}

/** Number of pages a reply has (1 when it does not page). */
export function pageCount(reply: Reply): number {
  return Math.max(1, reply.pages?.length ?? 0);
}

/** The text of rich text without any formatting, citations included. */
export function plainText(text: RichText): string {
  return text.map((span) => (typeof span === 'string' ? span : 'keep' in span ? plainText(span.keep) : inlineText(span))).join('');
}

function inlineText(span: Exclude<Inline, string>): string {
  if ('link' in span) return linkText(span);
  return 'bold' in span ? span.bold : 'cite' in span ? span.cite : span.code;
}

/** Whether a URL may be offered as a link: absolute http(s), no spaces or control characters. */
export function isWebUrl(url: string): boolean {
  if (url.length > 2_000 || /[\s\p{Cc}]/u.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A link where links cannot be followed: `text (url)`, or the address alone when that is the text. */
export function linkText(span: LinkSpan): string {
  return span.link.trim() === '' || span.link === span.url ? span.url : `${span.link} (${span.url})`;
}
