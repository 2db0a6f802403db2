import type { Article, Passage } from '../corpus/types.js';
import { extractQuotations, type Quotation } from '../reading/read-article.js';
import { findQuoteSpans } from '../text/marks.js';
import { plainWord } from '../text/terms.js';
import { tokenize } from '../text/tokens.js';

/**
 * Paragraphs read around a quoted answer: before it, as far back as a pronoun reaches (two
 * paragraphs, see reading/coref.ts) and one more for a quotation that goes on from an earlier
 * one; after it, one, where a quotation left open may end with its speaker. Reading the whole
 * article took a millisecond a question right after start on the bench's 0.1 M-word corpus.
 */
const BEFORE = 3;
const AFTER = 1;

/** The quotations around the passages of quoted answers lately, most recently used last. */
const read = new Map<Passage, readonly Quotation[]>();
const MAX_READ = 1_000;

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
  let quotations = read.get(passage);
  if (quotations) read.delete(passage);
  else {
    const at = article.passages.indexOf(passage);
    if (at < 0) return undefined;
    quotations = extractQuotations({ ...article, passages: article.passages.slice(Math.max(0, at - BEFORE), at + 1 + AFTER) });
    if (read.size >= MAX_READ) read.delete(read.keys().next().value as Passage);
  }
  read.set(passage, quotations);
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
