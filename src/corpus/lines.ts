import type { Article, Passage } from '../corpus/types.js';

/**
 * The file line on which a character of a passage stands. A hard-wrapped paragraph is one
 * passage whose text joins its trimmed lines with single spaces; this undoes that joining so a
 * quotation that starts on its second line is cited there.
 */
export function lineAt(article: Article, passage: Passage, offset: number): number {
  let at = 0;
  for (let line = passage.line; line <= passage.endLine; line++) {
    const length = (article.lines[line - 1] ?? '').trim().length;
    if (offset < at + length + 1) return line;
    at += length + 1;
  }
  return passage.endLine;
}
