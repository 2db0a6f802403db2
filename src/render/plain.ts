import type { AskResult } from '../answer/ask.js';
import { formatCitation } from '../corpus/types.js';
import { linkText, type Reply, type ReplyPage, type RichText } from '../commands/reply.js';

/**
 * What a terminal may act on instead of showing: C0 controls but line feed and tab (ESC starts
 * the sequences that clear the screen, set the window title or write the clipboard with OSC 52;
 * CR and BS overwrite what is shown), DEL, and the C1 controls (U+009B is a one-character CSI).
 */
// eslint-disable-next-line no-control-regex -- these controls are what it finds
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

/** `--explain` in plain text: the outcome, and each passage's score and the features it was made of. */
export function renderExplainPlain(result: AskResult): string {
  const lines = [`outcome ${result.outcome}, confidence ${result.confidence}`];
  for (const p of result.passages) {
    const features = Object.entries(p.features)
      .filter(([, v]) => v !== 0)
      .map(([k, v]) => `${k} ${Math.round(v * 1000) / 1000}`);
    lines.push(`  ${formatCitation(p)} score ${p.score}: ${features.join(', ')}`);
  }
  return terminalSafe(lines.join('\n'));
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

/** Rich text for a terminal: matched words as `**word**`, citations as they are, links as `text (url)`. */
export function richTextPlain(text: RichText): string {
  return text
    .map((span) => {
      if (typeof span === 'string') return span;
      if ('keep' in span) return richTextPlain(span.keep);
      if ('link' in span) return linkText(span);
      return 'bold' in span ? `**${span.bold}**` : 'cite' in span ? span.cite : span.code;
    })
    .join('');
}
