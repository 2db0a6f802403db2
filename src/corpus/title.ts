import { isTeaserMarker, lineChromeReason, looksLikeProse, type CompiledBoilerplate } from './boilerplate.js';
import { countWords, foldPunctuation, normalizeForMatch } from './normalize.js';

/** Words in a line that surely opens the article body rather than a site tagline. */
const ARTICLE_PARAGRAPH_WORDS = 25;

export interface DetectedTitle {
  /** 0-based index into the lines, or -1 when no line looks like a headline. */
  readonly index: number;
  readonly text: string;
}

/**
 * Finds the headline among the lines above the first paragraph of prose.
 *
 * Scraped pages put chrome there too: a breadcrumb glued to the headline
 * ("HomeThe LatestKim Jong Un's…"), a site tagline, stray widget labels. A headline is a
 * line of a few words without a closing full stop; when one such line ends with another
 * (the breadcrumb case), the shorter, cleaner one is the headline.
 */
export function detectTitle(lines: readonly string[], rules: CompiledBoilerplate): DetectedTitle {
  const candidates: number[] = [];
  let sawProse = false;
  /** The last line above that may be a headline, chrome aside. */
  let above = -1;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (text === '') continue;
    // A byline sits under the headline: the line above it is one, full stop or not ("…this fall. Here is what changes.").
    if (isByline(text)) {
      if (candidates.length === 0 && above >= 0 && !sawProseBefore(lines, above)) candidates.push(above);
      continue;
    }
    // After a sentence of text, a teaser marker opens links to other stories: no headline of ours below it.
    if (sawProse && isTeaserMarker(text, rules)) break;
    sawProse ||= looksLikeProse(text) || (countWords(text) >= 6 && /[.!?]["'”’)]?$/u.test(text));
    // A short tagline can read like prose; the article starts at the first real paragraph.
    if (looksLikeProse(text) && countWords(text) >= ARTICLE_PARAGRAPH_WORDS) break;
    if (lineChromeReason(text, rules) || isTeaserMarker(text, rules)) continue;
    above = i;
    if (isHeadlineLike(text)) candidates.push(i);
  }
  if (candidates.length === 0) return { index: -1, text: '' };

  for (const i of candidates) {
    const inner = normalizeForMatch(lines[i] ?? '');
    const isSuffixOfAnother = candidates.some((j) => {
      const outer = normalizeForMatch(lines[j] ?? '');
      return j !== i && outer.length > inner.length && outer.endsWith(inner);
    });
    if (isSuffixOfAnother) return { index: i, text: (lines[i] ?? '').trim() };
  }
  const first = candidates[0] ?? -1;
  return { index: first, text: (lines[first] ?? '').trim() };
}

/**
 * "By Hannah Oyelaran | Education reporter", "BY JOHN SMITH, Associated Press": who wrote the
 * article, not its headline. A colon before any bar, comma or dash is a headline's ("By Land and
 * Sea: the new ferry routes"); after one, or in a time, it is the byline's ("| Updated 10:42").
 */
function isByline(text: string): boolean {
  return (
    /^(?:By|BY)\s+\p{Lu}/u.test(text) &&
    countWords(text) <= 12 &&
    !/[.!?]["'”’)]?$/u.test(text) &&
    !/^(?:By|BY)\s+[^|,–—:]*:(?!\d)/u.test(text)
  );
}

/** Whether a line of prose comes before line `index`: then that line is a paragraph of the body, no headline. */
function sawProseBefore(lines: readonly string[], index: number): boolean {
  return lines.slice(0, index).some((line) => looksLikeProse(line.trim()));
}

function isHeadlineLike(text: string): boolean {
  const words = countWords(text);
  const folded = foldPunctuation(text);
  return words >= 4 && words <= 30 && !/\.["')]?$/u.test(folded);
}
