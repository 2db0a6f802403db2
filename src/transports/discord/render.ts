/**
 * Renders the reply model as Discord API JSON (message content, embeds, buttons), within
 * Discord's limits. This file does not import discord.js: it produces plain objects that the
 * transport in `src/discord/` hands to the client, and that tests can inspect directly.
 */
import {
  pageCount,
  pageOf,
  plainText,
  type Choice,
  type Inline,
  type KeepSpan,
  type LinkSpan,
  type Reply,
  type ReplyField,
  type RichText,
  type Span,
  isWebUrl,
  type ReplyAction,
} from '../../commands/reply.js';
import { actionButtonId, browseButtonId, isStateless, pageButtonId, voteButtonId } from './buttons.js';

export { MAX_CUSTOM_ID_LENGTH, pageButtonId, parsePageButtonId } from './buttons.js';

// Discord's limits (https://discord.com/developers/docs/resources/message, …/channel#embed-object-embed-limits).
export const MAX_CONTENT_LENGTH = 2_000;
export const MAX_EMBED_TITLE_LENGTH = 256;
export const MAX_EMBED_DESCRIPTION_LENGTH = 4_096;
export const MAX_FIELD_NAME_LENGTH = 256;
export const MAX_FIELD_VALUE_LENGTH = 1_024;
export const MAX_FIELDS = 25;
export const MAX_FOOTER_LENGTH = 2_048;
/** Title, description, field names and values, footer and author of all of a message's embeds together. */
export const MAX_EMBEDS_TOTAL_LENGTH = 6_000;
export const MAX_AUTOCOMPLETE_CHOICES = 25;
/** Both the name and the value of an autocomplete choice. */
export const MAX_CHOICE_LENGTH = 100;
export const MAX_BUTTON_LABEL_LENGTH = 80;
export const MAX_BUTTONS_PER_ROW = 5;
export const MAX_ROWS = 5;
/** A link button's URL. */
export const MAX_BUTTON_URL_LENGTH = 512;
/**
 * Bytes of one attached file. Discord's upload limit is 10 MiB on any server (more with boosts);
 * the rest is headroom for the message's JSON in the same request.
 */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

/** Message flag: only the person who used the command sees the reply. */
export const EPHEMERAL_FLAG = 64;

const COLOURS: Record<NonNullable<Reply['tone']>, number> = { answer: 0x5865f2, notice: 0x99aab5, warning: 0xfaa61a };
const ELLIPSIS = '…';
/** A description is never squeezed below this to make room for fields; fields are dropped instead. */
const MIN_DESCRIPTION = 300;
/** Embeds need a non-empty field name and value; a zero-width space is Discord's usual filler. */
const BLANK = '\u200b';

export interface EmbedJson {
  title?: string;
  /** Makes the title a link. */
  url?: string;
  description?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
}

/** Button styles: 1 primary, 2 secondary, 5 link (a URL instead of a custom id). */
export interface ButtonJson {
  type: 2;
  style: 1 | 2 | 5;
  custom_id?: string;
  url?: string;
  label: string;
  disabled: boolean;
}

export interface ActionRowJson {
  type: 1;
  components: ButtonJson[];
}

/** A text file sent with a message (multipart upload). */
export interface AttachmentFile {
  name: string;
  /** UTF-8 text, at most MAX_ATTACHMENT_BYTES. */
  text: string;
}

/** A message as Discord's API takes it (the parts this bot uses). */
export interface DiscordMessage {
  content?: string;
  embeds?: EmbedJson[];
  components?: ActionRowJson[];
  /** 64 when ephemeral; absent otherwise. */
  flags?: number;
  /** Files to upload with the message: whole lists that did not fit a field. */
  files?: AttachmentFile[];
}

export interface RenderOptions {
  /** Which page to show (0-based). */
  page?: number;
  /** Identifies the paging session in button ids; without it a reply shows no paging, browse or vote buttons. */
  pagingId?: string;
  /** Show the paging buttons greyed out (the session expired). */
  disabled?: boolean;
  /** Offer 👍 / 👎 (when the reply has something to vote on): the bot keeps votes. */
  votes?: boolean;
  /** Offer *Browse privately* beside the paging buttons: the reply is public, so others may want their own copy. */
  browse?: boolean;
}

// ------------------------------------------------------------------------------------------
// Escaping
// ------------------------------------------------------------------------------------------

/**
 * Escapes article text so Discord shows it as written: `*`, `_`, `` ` ``, `~`, `|`, `>`, `#`,
 * brackets (masked links), `<` (mentions, timestamps) and line-leading list markers would
 * otherwise format, and "@everyone" / "@here" would show as mentions. A backslash before any ASCII punctuation is shown as nothing.
 */
export function escapeMarkdown(text: string): string {
  return escapeLineStarts(escapeCharacters(text));
}

function escapeCharacters(text: string): string {
  // "@everyone" and "@here" would show as mentions (they ping no one: allowedMentions is empty).
  return text.replace(/[\\*_`~|>#[\]<]/g, '\\$&').replace(/@(everyone|here)/giu, '@\u200B$1');
}

/** List markers (`- `, `+ `, `1. `) format only at the start of a line. */
function escapeLineStarts(text: string): string {
  return text.replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2').replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/** Escapes a piece of text; `lineStart` says whether it begins a line (where list markers format). */
type Escape = (text: string, lineStart: boolean) => string;

const escapePiece: Escape = (text, lineStart) => (lineStart ? escapeMarkdown(text) : escapeCharacters(text));
const noEscape: Escape = (text) => text;

// ------------------------------------------------------------------------------------------
// Fitting text into a limit
// ------------------------------------------------------------------------------------------

/** How good a place to cut the text right after a token is. */
const enum Break {
  None = 0,
  Word = 1,
  Sentence = 2,
}

interface Token {
  readonly text: string;
  readonly breakAfter: Break;
  /** The unescaped text of a plain word, so that a word longer than the limit can be cut. */
  readonly raw?: string;
}

const ABBREVIATION =
  /^(?:(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Gen|Brig|Lt|Col|Capt|Sgt|Gov|Sen|Rep|Pres|Prof|St|Jr|Sr|No|vs|etc|Inc|Co|Corp|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$/;

function renderInline(span: Inline, escape: Escape, lineStart: boolean): string {
  if (typeof span === 'string') return escape(span, lineStart);
  if ('link' in span) return renderLink(span, escape, lineStart);
  if ('bold' in span) return span.bold.trim() === '' ? escape(span.bold, lineStart) : `**${escape(span.bold, false)}**`;
  const code = 'cite' in span ? span.cite : span.code;
  return code.includes('`') ? `\`\` ${code} \`\`` : `\`${code}\``;
}

/**
 * A link as Discord's masked link `[text](url)`, the text escaped (a `]` cannot end it early).
 * Only an http or https address becomes a link, with parentheses and spaces percent-encoded so
 * that none ends it early; any other address leaves the text alone, as plain text.
 */
function renderLink(span: LinkSpan, escape: Escape, lineStart: boolean): string {
  const url = webAddress(span.url);
  const text = span.link.trim() === '' ? span.url : span.link;
  if (url === undefined) return escape(text, lineStart);
  return `[${escape(text, false)}](${url})`;
}

/** The address in a form safe inside `(…)` of a masked link, or undefined when it is no http(s) address. */
export function webAddress(address: string): string | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
  return url.href.replace(/[()\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function tokensOf(spans: readonly Inline[], escape: Escape): Token[] {
  const tokens: Token[] = [];
  let lineStart = true;
  for (const span of spans) {
    if (typeof span !== 'string') {
      tokens.push({ text: renderInline(span, escape, lineStart), breakAfter: Break.None });
      lineStart = false;
      continue;
    }
    for (const piece of span.match(/\S+\s*|\s+/g) ?? []) {
      const word = piece.trimEnd();
      let breakAfter = Break.None;
      if (/\n\s*$/.test(piece)) breakAfter = Break.Sentence;
      else if (/\s$/.test(piece)) {
        breakAfter = /[.!?…]["'”’)\]]*$/.test(word) && !ABBREVIATION.test(word) ? Break.Sentence : Break.Word;
      }
      tokens.push({ text: escape(piece, lineStart), breakAfter, raw: piece });
      lineStart = piece.includes('\n');
    }
  }
  return tokens;
}

/**
 * Joins tokens, and when they are longer than `max` cuts them: at the end of a sentence when
 * that keeps at least half the room, else between words, and marks the cut with an ellipsis.
 * Bold words and citations are single tokens, so a cut never splits one.
 */
function cutTokens(tokens: readonly Token[], max: number, escape: Escape): string {
  const full = tokens.map((t) => t.text).join('');
  if (full.length <= max) return full;
  const budget = max - ELLIPSIS.length - 1;
  if (budget <= 0) return max >= ELLIPSIS.length ? ELLIPSIS : '';
  let length = 0;
  let fitted = 0;
  let sentenceEnd = -1;
  let wordEnd = -1;
  for (const [i, token] of tokens.entries()) {
    if (length + token.text.length > budget) break;
    length += token.text.length;
    fitted = i + 1;
    if (token.breakAfter === Break.Sentence) sentenceEnd = fitted;
    if (token.breakAfter >= Break.Word) wordEnd = fitted;
  }
  const prefixLength = (end: number) => tokens.slice(0, end).reduce((sum, t) => sum + t.text.length, 0);
  let end = fitted;
  if (sentenceEnd > 0 && prefixLength(sentenceEnd) >= budget / 2) end = sentenceEnd;
  else if (wordEnd > 0) end = wordEnd;
  if (end === 0) {
    // Not even the first word fits: cut inside it, unless it is a citation or bold word.
    const first = tokens[0];
    if (!first?.raw) return ELLIPSIS;
    return hardCut(first.raw, budget, escape) + ELLIPSIS;
  }
  const kept = tokens
    .slice(0, end)
    .map((t) => t.text)
    .join('')
    .trimEnd();
  return tokens[end - 1]?.breakAfter === Break.Sentence ? `${kept} ${ELLIPSIS}` : `${kept}${ELLIPSIS}`;
}

/**
 * The longest prefix of a raw word whose escaped form fits `max`, never ending inside an escape:
 * a character at a time, "@everyone" and "@here" whole, so that they are defused as escaped text is.
 */
function hardCut(raw: string, max: number, escape: Escape): string {
  let out = '';
  for (const unit of raw.match(/@(?:everyone|here)|[\s\S]/giu) ?? []) {
    const next = out + escape(unit, false);
    if (next.length > max) break;
    out = next;
  }
  return out;
}

function isKeep(span: Span): span is KeepSpan {
  return typeof span !== 'string' && 'keep' in span;
}

/**
 * Renders rich text as Discord markdown in at most `max` characters. Article text is escaped,
 * matched words are bold, citations are code. When it is too long the text before the first
 * `keep` span is shortened (at a sentence end if it can be) and the kept tail is shown whole;
 * citations are never cut.
 */
export function fitRichText(text: RichText, max: number): string {
  const all = tokensOf(leading(flatten(text), max), escapePiece);
  if (all.reduce((sum, t) => sum + t.text.length, 0) <= max) return all.map((t) => t.text).join('');
  const firstKeep = text.findIndex(isKeep);
  if (firstKeep < 0) return cutTokens(all, max, escapePiece);
  const head = tokensOf(leading(flatten(text.slice(0, firstKeep)), max), escapePiece);
  const tail = tokensOf(flatten(text.slice(firstKeep)), escapePiece)
    .map((t) => t.text)
    .join('');
  if (tail.length + ELLIPSIS.length > max) return cutTokens(all, max, escapePiece);
  return cutTokens(head, max - tail.length, escapePiece) + tail;
}

/**
 * The spans that can show within `max` characters: escaping only lengthens text, so spans
 * after the first `max` plain characters never do (the span that crosses the limit is kept, so
 * the cut is still seen). Keeps a huge value (thousands of lines) from being escaped whole.
 */
function leading(spans: Inline[], max: number): Inline[] {
  let length = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Inline;
    // A link shows at least its text (its address only when it is a valid one).
    length += typeof span === 'string' ? span.length : 'link' in span ? span.link.length : plainText([span]).length;
    if (length > max) return spans.slice(0, i + 1);
  }
  return spans;
}

function flatten(text: RichText): Inline[] {
  return text.flatMap((span): readonly Inline[] => (isKeep(span) ? span.keep : [span]));
}

/** Plain text (button labels, footers, choices: places Discord shows without markdown) in at most `max` characters. */
export function fitPlain(text: string, max: number): string {
  return cutTokens(tokensOf([text], noEscape), max, noEscape);
}

// ------------------------------------------------------------------------------------------
// Messages
// ------------------------------------------------------------------------------------------

/** Whether a reply is a short message (content) rather than an embed. */
function isSimple(reply: Reply): boolean {
  return reply.title === undefined && reply.fields.length === 0 && reply.footer === undefined && pageCount(reply) === 1;
}

/** A reply as a Discord message: a simple reply as content, anything else as one embed with paging buttons. */
export function renderDiscord(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const flags = reply.ephemeral ? { flags: EPHEMERAL_FLAG } : {};
  if (isSimple(reply)) {
    const components = componentsOf(reply, 0, 1, options);
    return { content: fitRichText(reply.body, MAX_CONTENT_LENGTH) || BLANK, embeds: [], components, ...flags };
  }

  const pages = pageCount(reply);
  const page = Math.max(0, Math.min(options.page ?? 0, pages - 1));
  const shown = pageOf(reply, page);
  const { embed, shownFields } = renderEmbed(reply.title, shown.body, shown.fields, shown.footer, COLOURS[reply.tone ?? 'answer']);
  if (embed.title && reply.titleUrl && isWebUrl(reply.titleUrl)) embed.url = reply.titleUrl;
  const components = componentsOf(reply, page, pages, options);
  const files = shown.fields.flatMap((field, i) =>
    field.file && (i >= shownFields || !fitsWhole(field)) ? [attachmentOf(field, field.file)] : [],
  );
  return { content: '', embeds: [embed], components, ...flags, ...(files.length > 0 ? { files } : {}) };
}

function fitsWhole(field: ReplyField): boolean {
  // Rendering only adds characters (escapes, bold markers): text longer than the limit as plain
  // text cannot fit, and is not worth rendering whole (a reload can list 400,000 skipped files).
  if (plainText(field.value).length > MAX_FIELD_VALUE_LENGTH) return false;
  return fitRichText(field.value, Number.MAX_SAFE_INTEGER).length <= MAX_FIELD_VALUE_LENGTH;
}

/** A field's value as it fits, ending, when it was cut and the whole is attached, with where to find the rest. */
function fieldValue(field: ReplyField): string {
  if (!field.file || fitsWhole(field)) return fitRichText(field.value, MAX_FIELD_VALUE_LENGTH);
  const pointer: KeepSpan = { keep: ['\nAll of them are in the attached file ', { code: field.file }, '.'] };
  return fitRichText([...flatten(field.value), pointer], MAX_FIELD_VALUE_LENGTH);
}

/** A field as a text file: its heading, then its value as plain text, cut at a line within Discord's upload limit. */
function attachmentOf(field: ReplyField, name: string): AttachmentFile {
  let text = `${field.name}\n${plainText(field.value)}\n`;
  if (Buffer.byteLength(text) > MAX_ATTACHMENT_BYTES) {
    const note = '… (cut here: the rest is over Discord’s upload limit)\n';
    const head = Buffer.from(text)
      .subarray(0, MAX_ATTACHMENT_BYTES - Buffer.byteLength(note))
      .toString('utf8');
    text = `${head.slice(0, head.lastIndexOf('\n') + 1)}${note}`;
  }
  return { name, text };
}

function renderEmbed(
  title: string | undefined,
  body: RichText,
  fields: Reply['fields'],
  footer: string | undefined,
  color: number,
): { embed: EmbedJson; shownFields: number } {
  const embed: EmbedJson = { color };
  if (title !== undefined && title.trim() !== '') embed.title = fitRichText([title], MAX_EMBED_TITLE_LENGTH);
  let renderedFields = fields.slice(0, MAX_FIELDS).map((field) => ({
    name: fitRichText([field.name], MAX_FIELD_NAME_LENGTH) || BLANK,
    value: fieldValue(field) || BLANK,
  }));
  const footerFor = (dropped: number): string | undefined => {
    const note = dropped > 0 ? `${dropped} more not shown` : '';
    if (!footer?.trim()) return note || undefined;
    return note ? `${fitPlain(footer, MAX_FOOTER_LENGTH - note.length - 3)} · ${note}` : fitPlain(footer, MAX_FOOTER_LENGTH);
  };
  let dropped = fields.length - renderedFields.length;
  let footerText = footerFor(dropped);
  const size = () =>
    (embed.title?.length ?? 0) + renderedFields.reduce((sum, f) => sum + f.name.length + f.value.length, 0) + (footerText?.length ?? 0);
  const bodyLength = fitRichText(body, MAX_EMBED_DESCRIPTION_LENGTH).length;
  // Everything together must stay within 6,000: drop whole fields (never cut a citation) rather
  // than squeeze the description below a readable size.
  while (renderedFields.length > 0 && size() + Math.min(bodyLength, MIN_DESCRIPTION) > MAX_EMBEDS_TOTAL_LENGTH) {
    renderedFields = renderedFields.slice(0, -1);
    dropped += 1;
    footerText = footerFor(dropped);
  }
  const room = Math.min(MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBEDS_TOTAL_LENGTH - size());
  const description = fitRichText(body, Math.max(0, room));
  if (description.trim() !== '') embed.description = description;
  if (renderedFields.length > 0) embed.fields = renderedFields;
  if (footerText) embed.footer = { text: footerText };
  return { embed, shownFields: renderedFields.length };
}

/** The Previous / n of N / Next row of page `page` of a paging session. */
export function pagingRow(pagingId: string, page: number, pages: number, disabled: boolean): ActionRowJson {
  return {
    type: 1,
    components: [
      {
        type: 2,
        style: 2,
        custom_id: pageButtonId(pagingId, Math.max(0, page - 1)),
        label: '◀ Previous',
        disabled: disabled || page === 0,
      },
      { type: 2, style: 2, custom_id: pageButtonId(pagingId, 'at'), label: `${page + 1} / ${pages}`, disabled: true },
      {
        type: 2,
        style: 2,
        custom_id: pageButtonId(pagingId, Math.min(pages - 1, page + 1)),
        label: 'Next ▶',
        disabled: disabled || page === pages - 1,
      },
    ],
  };
}

/**
 * The same components with the buttons that need the paging session disabled, for a message
 * whose session expired; links and action buttons carry all they need and keep working.
 */
export function disableComponents(rows: readonly ActionRowJson[]): ActionRowJson[] {
  return rows.map((row) => ({
    ...row,
    components: row.components.map((button) => (isStateless(button.custom_id) ? button : { ...button, disabled: true })),
  }));
}

/**
 * A reply's buttons within Discord's limits: its actions (and 👍 / 👎) in rows of five, then the
 * paging row with *Browse privately*; at most five rows. A button that cannot be sent as it is
 * (an id over 100 characters or used twice, a link that is not http(s)) is left out rather than refused by Discord.
 */
function componentsOf(reply: Reply, page: number, pages: number, options: RenderOptions): ActionRowJson[] {
  // Discord refuses a message whose custom ids repeat: the first button with an id wins.
  const ids = new Set<string>();
  const buttons: ButtonJson[] = (reply.actions ?? []).flatMap((action) => {
    const button = actionButton(action);
    if (!button || (button.custom_id !== undefined && ids.has(button.custom_id))) return [];
    if (button.custom_id !== undefined) ids.add(button.custom_id);
    return [button];
  });
  const session = options.pagingId;
  const disabled = options.disabled ?? false;
  if (session && options.votes && reply.vote) {
    buttons.push({ type: 2, style: 2, custom_id: voteButtonId(session, 'up'), label: '👍', disabled });
    buttons.push({ type: 2, style: 2, custom_id: voteButtonId(session, 'down'), label: '👎', disabled });
  }
  const rows: ActionRowJson[] = [];
  for (let i = 0; i < buttons.length; i += MAX_BUTTONS_PER_ROW) {
    rows.push({ type: 1, components: buttons.slice(i, i + MAX_BUTTONS_PER_ROW) });
  }
  if (session && pages > 1) {
    const row = pagingRow(session, page, pages, disabled);
    if (options.browse) row.components.push(browseButton(session, page, disabled));
    rows.push(row);
  }
  return rows.slice(0, MAX_ROWS);
}

function actionButton(action: ReplyAction): ButtonJson | undefined {
  const label = fitPlain(action.label, MAX_BUTTON_LABEL_LENGTH) || BLANK;
  if (action.kind === 'link') {
    if (!isWebUrl(action.url) || action.url.length > MAX_BUTTON_URL_LENGTH) return undefined;
    return { type: 2, style: 5, url: action.url, label, disabled: false };
  }
  const id = actionButtonId(action.action, action.payload);
  if (!id) return undefined;
  return { type: 2, style: action.style === 'primary' ? 1 : 2, custom_id: id, label, disabled: action.disabled ?? false };
}

function browseButton(session: string, page: number, disabled: boolean): ButtonJson {
  return { type: 2, style: 2, custom_id: browseButtonId(session, page), label: 'Browse privately', disabled };
}

/**
 * Autocomplete choices within Discord's limits: at most 25, names shortened between words,
 * and choices whose value is too long left out (a shortened value would mean something else).
 */
export function renderChoices(choices: readonly Choice[]): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    if (out.length === MAX_AUTOCOMPLETE_CHOICES) break;
    if (choice.value.length === 0 || choice.value.length > MAX_CHOICE_LENGTH || seen.has(choice.value)) continue;
    seen.add(choice.value);
    const name = fitPlain(choice.name.replace(/\s+/g, ' ').trim() || choice.value, MAX_CHOICE_LENGTH);
    out.push({ name, value: choice.value });
  }
  return out;
}
