import type { Article, Passage } from '../corpus/types.js';
import { extractQuotations, type Quotation } from '../reading/read-article.js';
import { findQuoteSpans } from '../text/marks.js';
import { plainWord } from '../text/terms.js';
import { tokenize } from '../text/tokens.js';

/**
 * The quotations of the articles quoted answers came from lately (most answers are not quoted):
 * an article read once serves the next answer from it. Few are kept, most recently used last,
 * as /quote's index holds every article's quotations already.
 */
const read = new Map<Article, readonly Quotation[]>();
const MAX_READ = 64;

/**
 * Who said the answer, when it lies inside a quotation whose speaker the article names
 * ("A train would give me back two hours a day" — Marisol Vega): a quoted sentence on its own
 * does not say whose words it is. Undefined when the answer is not quoted, the speaker is not
 * named, or quotations by two people overlap it, or the answer names the speaker itself.
 */
export function speakerOf(article: Article, passage: Passage, start: number, length: number): string | undefined {
  const end = start + length;
  const overlaps = (from: number, to: number) => from < end && start < to;
  // Most answers hold no quotation: told from the passage alone, without reading the article.
  if (!findQuoteSpans(passage.text).some((span) => overlaps(span.start, span.end))) return undefined;
  let quotations = read.get(article);
  if (quotations) read.delete(article);
  else {
    quotations = extractQuotations(article);
    if (read.size >= MAX_READ) read.delete(read.keys().next().value as Article);
  }
  read.set(article, quotations);
  const speakers = new Set(
    quotations.filter((q) => q.passageText === passage.text && overlaps(q.start, q.start + q.text.length)).map((q) => q.speaker),
  );
  const [speaker] = speakers;
  if (speakers.size !== 1 || !speaker) return undefined;
  // "O’Brien … condemned the summit, saying, “…”" names the speaker already.
  const surname = foldedWords(speaker).at(-1) ?? '';
  return foldedWords(passage.text.slice(start, end)).includes(surname) ? undefined : speaker;
}

/** The words of a text as names are compared: folded apostrophes, diacritics and case. */
function foldedWords(text: string): string[] {
  return tokenize(text).map((t) => plainWord(t.surface));
}
