import { countWords, foldPunctuation, normalizeForMatch } from './normalize.js';

/** Site-specific knowledge kept in config: generic rules live in code, the phrase lists here. */
export interface BoilerplateRules {
  /** Case-insensitive regular expressions for whole lines that are site chrome. */
  readonly linePatterns: readonly string[];
  /** Lines that open a block of unrelated teasers running to the end of the article ("Most Popular"). */
  readonly teaserMarkers: readonly string[];
}

export interface CompiledBoilerplate {
  readonly linePatterns: readonly RegExp[];
  readonly teaserMarkers: readonly string[];
}

export function compileBoilerplate(rules: BoilerplateRules): CompiledBoilerplate {
  return {
    linePatterns: rules.linePatterns.map((source) => new RegExp(source, 'iu')),
    teaserMarkers: rules.teaserMarkers.map((marker) => normalizeForMatch(marker)),
  };
}

/** Why a single line is chrome on its own, or undefined when it may be content. */
export function lineChromeReason(line: string, rules: CompiledBoilerplate): string | undefined {
  const folded = foldPunctuation(line).trim();
  if (rules.linePatterns.some((pattern) => pattern.test(folded))) return 'matches a boilerplate pattern';
  // A teaser excerpt cut off mid-sentence ("…that...") is a link to another story, never an answer.
  if (/\w(\.\.\.|…)$/u.test(folded) && !/[.!?]["']?\s/u.test(folded.slice(-60, -3))) return 'truncated teaser';
  if (!/\p{L}{2}/u.test(folded)) return 'no words';
  return undefined;
}

/**
 * Whether a line opens a teaser block. Markers are matched as the whole line or glued to the
 * next words without a space, the way scraped navigation often arrives ("Most PopularNewspaper…").
 */
export function isTeaserMarker(line: string, rules: CompiledBoilerplate): boolean {
  const text = foldPunctuation(line).trim();
  const normalized = normalizeForMatch(text);
  return rules.teaserMarkers.some((marker) => {
    if (normalized === marker) return true;
    if (!normalized.startsWith(marker)) return false;
    const next = text.charAt(marker.length);
    return /\p{Lu}/u.test(next);
  });
}

/** A line that reads like a paragraph of prose rather than a headline or a label. */
export function looksLikeProse(text: string): boolean {
  const words = countWords(text);
  const sentenceEnds = text.match(/[.!?]["'”’)]?(?=\s|$)/gu)?.length ?? 0;
  return words >= 20 || (words >= 8 && sentenceEnds >= 2);
}

/** A short line without sentence punctuation: a heading, label or fragment. */
export function looksLikeHeading(text: string): boolean {
  const trimmed = foldPunctuation(text).trim();
  return countWords(trimmed) <= 12 && !/[.!?]["')]?$/u.test(trimmed);
}
