import type { Article, Passage } from './types.js';

/**
 * The file line on which a character of a passage stands. A hard-wrapped paragraph is one
 * passage whose text joins its trimmed lines with single spaces; this undoes that joining, so
 * an answer sentence or a quotation that starts on the paragraph's second line is cited there.
 * Without the article's lines (`undefined`), each line counts as empty.
 */
export function lineAt(article: Article | undefined, passage: Passage, offset: number): number {
  if (passage.line === passage.endLine) return passage.line;
  let at = 0;
  for (let line = passage.line; line <= passage.endLine; line++) {
    const length = (article?.lines[line - 1] ?? '').trim().length;
    if (offset < at + length + 1) return line;
    at += length + 1;
  }
  return passage.endLine;
}
