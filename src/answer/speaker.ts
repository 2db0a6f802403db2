import type { Article, Passage } from '../corpus/types.js';
import { extractQuotations, type Quotation } from '../reading/read-article.js';
import { nameParts } from '../reading/names.js';
import { findQuoteSpans } from '../text/marks.js';

/**
 * The quotations of the articles quoted answers came from lately, most recently used last, for
 * when /quote's index (which holds them all) is not ready yet: an article is read whole, as
 * /quote reads it, so that both name the same speaker.
 */
const read = new Map<Article, readonly Quotation[]>();
const MAX_READ = 64;

/**
 * Who said the answer, when it lies inside a quotation whose speaker the article names
 * ("A train would give me back two hours a day" — Marisol Vega): a quoted sentence on its own
 * does not say whose words it is. `ready` are the article's quotations when /quote's index has
 * them. Undefined when the answer is not quoted, the speaker is not named, quotations by two
 * people overlap it, or the answer names the speaker itself.
 */
export function speakerOf(
  article: Article,
  passage: Passage,
  start: number,
  length: number,
  ready?: readonly Quotation[],
): string | undefined {
  const end = start + length;
  const overlaps = (from: number, to: number) => from < end && start < to;
  // Most answers hold no quotation: told from the passage alone, without reading the article.
  if (!findQuoteSpans(passage.text).some((span) => overlaps(span.start, span.end))) return undefined;
  const quotations = ready ?? quotationsOf(article);
  const speakers = new Set(
    quotations
      .filter((q) => q.source === passage.source && q.passageText === passage.text && overlaps(q.start, q.start + q.text.length))
      .map((q) => q.speaker),
  );
  const [speaker] = speakers;
  if (speakers.size !== 1 || !speaker) return undefined;
  // "O’Brien … condemned the summit, saying, “…”" names the speaker already: any part of the
  // name but a short one ("Un" of Kim Jong Un would be the UN).
  const said = new Set(nameParts(passage.text.slice(start, end)));
  return nameParts(speaker).some((part) => part.length >= 3 && said.has(part)) ? undefined : speaker;
}

function quotationsOf(article: Article): readonly Quotation[] {
  let quotations = read.get(article);
  if (quotations) read.delete(article);
  else {
    quotations = extractQuotations(article);
    if (read.size >= MAX_READ) read.delete(read.keys().next().value as Article);
  }
  read.set(article, quotations);
  return quotations;
}
