import type { AskResult, Highlight } from '../answer/ask.js';
import { formatCitation } from '../corpus/types.js';
import type { Reply, ReplyPage, RichText } from './reply.js';

/**
 * What a terminal may act on instead of showing: C0 controls but line feed and tab (ESC starts
 * the sequences that clear the screen, set the window title or write the clipboard with OSC 52;
 * CR and BS overwrite what is shown), DEL, and the C1 controls (U+009B is a one-character CSI).
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

/**
 * Text made safe to print to a terminal: each control character is shown instead of acted on,
 * as its Unicode control picture (ESC as ␛, DEL as ␡), or as `\x9b` for a C1 control, which has
 * no picture. Line feeds and tabs are kept. Only output is changed: articles keep their text as
 * written, because citations point at their lines.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\x${code.toString(16)}`;
  });
}

/** "I found nothing" is an answer too: said the same way in every transport. */
export const NOTHING_FOUND = 'I found nothing about that in the articles.';
/** Said above passages the ranking is not sure answer the question. */
export const NOT_SURE = "I'm not sure these answer it; the closest passages:";

/** Marks matched words for a terminal: `**word**`, as people write bold in plain text. */
export function markHighlights(text: string, highlights: readonly Highlight[], open = '**', close = open): string {
  let out = '';
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    out += text.slice(at, h.start) + open + text.slice(h.start, h.end) + close;
    at = h.end;
  }
  return out + text.slice(at);
}

/** An /ask result as a person reads it in a terminal (control characters shown, not acted on). */
export function renderAskPlain(result: AskResult): string {
  return terminalSafe(askPlain(result));
}

function askPlain(result: AskResult): string {
  const lines: string[] = [];
  if (result.corrections.length > 0) {
    lines.push(`(read ${result.corrections.map((c) => `"${c.from}" as "${c.to}"`).join(', ')})`);
  }
  if (!result.answer) {
    lines.push(NOTHING_FOUND);
    return lines.join('\n');
  }
  if (!result.confident) lines.push(NOT_SURE);
  const [best, ...more] = result.passages;
  lines.push(markHighlights(result.answer.text, result.answer.highlights));
  lines.push(`  — ${result.answer.title} (${formatCitation(result.answer)})`);
  if (best && best.text !== result.answer.text) {
    lines.push('', `From ${formatCitation(best)}:`, `  ${markHighlights(best.text, best.highlights)}`);
  }
  if (more.length > 0) {
    lines.push('', 'Also relevant:');
    for (const p of more) lines.push(`  ${formatCitation(p)} — ${p.title}`, `    ${truncate(p.text, 200)}`);
  }
  if (best && best.matchedWords.length > 0) lines.push('', `Matched: ${best.matchedWords.join(', ')}`);
  return lines.join('\n');
}

/** Cuts at a word boundary and marks the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

/**
 * A reply (of any command) as plain text for the console: every page at once, citations as
 * `FILE:LINE`, control characters from articles, titles and file names shown, not acted on.
 */
export function renderReplyPlain(reply: Reply): string {
  return terminalSafe(replyPlain(reply));
}

function replyPlain(reply: Reply): string {
  const blocks: string[] = [];
  const head = [reply.title, richTextPlain(reply.body)].filter((part): part is string => part !== undefined && part.trim() !== '');
  if (head.length > 0) blocks.push(head.join('\n'));
  const pages: readonly ReplyPage[] = reply.pages && reply.pages.length > 0 ? reply.pages : [{ fields: reply.fields }];
  for (const page of pages) {
    if (page.body && page.body !== reply.body) blocks.push(richTextPlain(page.body));
    for (const field of page.fields ?? []) {
      const value = richTextPlain(field.value)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n');
      blocks.push(`${field.name}\n${value}`);
    }
  }
  if (reply.footer) blocks.push(reply.footer);
  return blocks.join('\n\n');
}

/** Rich text for a terminal: matched words as `**word**`, citations as they are. */
export function richTextPlain(text: RichText): string {
  return text
    .map((span) => {
      if (typeof span === 'string') return span;
      if ('keep' in span) return richTextPlain(span.keep);
      return 'bold' in span ? `**${span.bold}**` : 'cite' in span ? span.cite : span.code;
    })
    .join('');
}
