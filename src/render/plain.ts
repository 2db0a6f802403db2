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

/** How plain text is shown. */
export interface PlainOptions {
  /**
   * Bold as bold, with ANSI escape codes (SGR 1 and 22), for an interactive terminal. Without
   * it bold words are marked `**word**`, so piped output stays plain text.
   */
  readonly ansi?: boolean;
}

/** SGR 1 (bold) and 22 (normal intensity): 22 ends bold without resetting anything else. */
export const ANSI_BOLD = '\u001b[1m';
export const ANSI_NORMAL = '\u001b[22m';

/**
 * A reply (of any command) as plain text for the console: every page at once, citations as
 * `FILE:LINE`, control characters from articles, titles and file names shown, not acted on.
 * A field with an empty name continues the one before it (no heading line).
 */
export function renderReplyPlain(reply: Reply, options: PlainOptions = {}): string {
  const blocks: string[] = [];
  const head = [reply.title === undefined ? undefined : terminalSafe(reply.title), richTextPlain(reply.body, options)].filter(
    (part): part is string => part !== undefined && part.trim() !== '',
  );
  if (head.length > 0) blocks.push(head.join('\n'));
  const pages: readonly ReplyPage[] = reply.pages && reply.pages.length > 0 ? reply.pages : [{ fields: reply.fields }];
  for (const page of pages) {
    if (page.body && page.body !== reply.body) blocks.push(richTextPlain(page.body, options));
    for (const field of page.fields ?? []) {
      const value = richTextPlain(field.value, options)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n');
      blocks.push(field.name === '' ? value : `${terminalSafe(field.name)}\n${value}`);
    }
  }
  if (reply.footer) blocks.push(terminalSafe(reply.footer));
  return blocks.join('\n\n');
}

/**
 * Rich text for a terminal, control characters shown (see {@link terminalSafe}): matched words
 * as `**word**`, or in bold with `ansi`; citations as they are; links as `text (url)`.
 */
export function richTextPlain(text: RichText, options: PlainOptions = {}): string {
  return text
    .map((span): string => {
      if (typeof span === 'string') return terminalSafe(span);
      if ('keep' in span) return richTextPlain(span.keep, options);
      if ('link' in span) return terminalSafe(linkText(span));
      if ('bold' in span) return options.ansi ? `${ANSI_BOLD}${terminalSafe(span.bold)}${ANSI_NORMAL}` : `**${terminalSafe(span.bold)}**`;
      return terminalSafe('cite' in span ? span.cite : span.code);
    })
    .join('');
}
