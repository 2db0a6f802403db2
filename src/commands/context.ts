/**
 * The context of a cited line: the article's title as heading, the line in bold among the lines
 * around it, its citation, and buttons to move by line. Shown by *Show context* under an answer
 * (privately, to whoever presses it) and by `/quote source:… line:…`.
 */
import { createHash } from 'node:crypto';
import { isHeadline, type Article } from '../corpus/types.js';
import type { Library } from '../library/library.js';
import { cite, isWebUrl, MAX_ACTION_PAYLOAD_LENGTH, truncate, type Inline, type Reply, type ReplyAction } from './reply.js';
import type { ActionHandler } from './types.js';

/** Non-blank lines shown before and after the cited one. */
export const CONTEXT_LINES = 1;
/** Lines around the cited one are shortened so that the cited line keeps the room. */
const AROUND_LENGTH = 240;
/**
 * The cited line is bold, and bold text is never cut inside: a longer line is shortened here so
 * that it shows whole where a message holds a few thousand characters, even with every
 * character escaped.
 */
const CITED_LENGTH = 1_800;
/** Action names: `ctx` opens a view (a new private message), `ctxm` moves one (replaces it). */
export const SHOW_CONTEXT = 'ctx';
const MOVE_CONTEXT = 'ctxm';

/**
 * The payload of a context button: `LINE:FILE`, or `LINE:#HASH` for a file name too long to
 * travel in a button (a hash of the name, looked up among the articles when pressed).
 */
export function contextPayload(source: string, line: number): string {
  const plain = `${line}:${source}`;
  return plain.length <= MAX_ACTION_PAYLOAD_LENGTH ? plain : `${line}:#${nameHash(source)}`;
}

function nameHash(source: string): string {
  return createHash('sha256').update(source).digest('base64url').slice(0, 22);
}

/** A *Show context* button for a citation. */
export function showContextAction(source: string, line: number): ReplyAction {
  return { kind: 'run', label: 'Show context', action: SHOW_CONTEXT, payload: contextPayload(source, line) };
}

/** An *Open article* link button, when the article's metadata has a web address. */
export function openArticleAction(article: Article | undefined): ReplyAction[] {
  const url = article?.meta?.url;
  return url && isWebUrl(url) ? [{ kind: 'link', label: 'Open article', url }] : [];
}

/**
 * The view of line `line` of `article` (1-based, within the file: callers check). Blank lines are
 * skipped around it, and ◀ ▶ move to the previous or next non-blank line.
 */
export function contextView(article: Article, line: number, options: { ephemeral: boolean }): Reply {
  const filled = (n: number) => (article.lines[n - 1] ?? '').trim() !== '';
  const before: number[] = [];
  for (let n = line - 1; n >= 1 && before.length < CONTEXT_LINES; n--) if (filled(n)) before.unshift(n);
  const after: number[] = [];
  for (let n = line + 1; n <= article.lines.length && after.length < CONTEXT_LINES; n++) if (filled(n)) after.push(n);
  const text = (n: number) => article.lines[n - 1] ?? '';
  const shown = text(line);
  const body: Inline[] = [];
  for (const n of before) body.push({ code: String(n) }, ` ${truncate(text(n), AROUND_LENGTH)}\n`);
  body.push({ code: String(line) }, ' ', shown.trim() === '' ? '(blank line)' : { bold: truncate(shown, CITED_LENGTH) }, '\n');
  for (const n of after) body.push({ code: String(n) }, ` ${truncate(text(n), AROUND_LENGTH)}\n`);
  const note = lineNote(article, line);
  const previous = before.at(-1);
  const next = after[0];
  const move = (label: string, to: number | undefined): ReplyAction => ({
    kind: 'run',
    label,
    action: MOVE_CONTEXT,
    payload: contextPayload(article.source, to ?? line),
    ...(to === undefined ? { disabled: true } : {}),
  });
  return {
    title: article.title,
    ...(article.meta?.url && isWebUrl(article.meta.url) ? { titleUrl: article.meta.url } : {}),
    // The lines before are cut first when it is too long; the cited line and its citation stay.
    body: [...body, { keep: [...(note ? [`(${note})\n`] : []), cite({ source: article.source, line })] }],
    fields: [],
    ephemeral: options.ephemeral,
    tone: 'answer',
    actions: [move('◀ Previous line', previous), move('Next line ▶', next), ...openArticleAction(article)],
  };
}

/** What readers should know about a line: that it is website chrome rather than article text. */
function lineNote(article: Article, line: number): string | undefined {
  const passage = article.passages.find((p) => line >= p.line && line <= p.endLine);
  if (passage?.kind === 'boilerplate') return 'website boilerplate (navigation, ads or comments), not article text';
  if (isHeadline(article, line)) return 'the headline';
  return undefined;
}

/** Reads a context payload against the library serving now; undefined when it names no line of an article. */
function readPayload(library: Library, payload: string): { article: Article; line: number } | undefined {
  const match = /^(\d{1,7}):(.+)$/su.exec(payload);
  if (!match) return undefined;
  const name = match[2] ?? '';
  const article = name.startsWith('#')
    ? library.corpus.articles.find(
        (a) => a.source.length + match[1]!.length + 1 > MAX_ACTION_PAYLOAD_LENGTH && nameHash(a.source) === name.slice(1),
      )
    : library.article(name);
  const line = Number(match[1]);
  if (!article || line < 1 || line > article.lines.length) return undefined;
  return { article, line };
}

function contextAction(name: string, respond: ActionHandler['respond']): ActionHandler {
  return {
    name,
    respond,
    run(payload, ctx) {
      const target = readPayload(ctx.holder.current, payload);
      return target ? contextView(target.article, target.line, { ephemeral: true }) : undefined;
    },
  };
}

/** *Show context*: anyone may press it on anyone's answer; the view is theirs alone. */
export const showContextHandler = contextAction(SHOW_CONTEXT, 'reply');
/** ◀ ▶ in a context view: the same view, one line on. */
export const moveContextHandler = contextAction(MOVE_CONTEXT, 'update');
