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
  /** Length of the longest marker, normalized. */
  readonly longestMarker: number;
}

export function compileBoilerplate(rules: BoilerplateRules): CompiledBoilerplate {
  const teaserMarkers = rules.teaserMarkers.map((marker) => normalizeForMatch(marker));
  return {
    linePatterns: rules.linePatterns.map((source) => new RegExp(source, 'iu')),
    teaserMarkers,
    longestMarker: Math.max(0, ...teaserMarkers.map((m) => m.length)),
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
  // Markers are short: of a long paragraph only the head is read. The head decides as the whole
  // line would once it reads past the longest marker by a margin and, folded, is plain ASCII:
  // then normalizing is lower-casing and collapsing spaces, character by character, and cutting
  // the line changes only the head's last characters. Other text (a final sigma, whose case
  // depends on what follows) is read whole.
  const headLength = 4 * rules.longestMarker + 64;
  if (line.length > headLength) {
    const head = teaserMarkerIn(line.slice(0, headLength), rules);
    if (head.decided) return head.marker;
  }
  return teaserMarkerIn(line, rules).marker;
}

/** Whether `line` opens a teaser block; `decided` when text after it could not change that (see `isTeaserMarker`). */
function teaserMarkerIn(line: string, rules: CompiledBoilerplate): { marker: boolean; decided: boolean } {
  const text = foldPunctuation(line).trim();
  const normalized = normalizeForMatch(text);
  const past = rules.longestMarker + 3;
  // eslint-disable-next-line no-control-regex
  const decided = text.length >= past && normalized.length >= past && /^[\x00-\x7F]*$/.test(text);
  const marker = rules.teaserMarkers.some((marker) => {
    if (normalized === marker) return true;
    if (!normalized.startsWith(marker)) return false;
    const next = text.charAt(marker.length);
    return /\p{Lu}/u.test(next);
  });
  return { marker, decided };
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
  return !/[.!?]["')]?$/u.test(trimmed) && countWords(trimmed) <= 12;
}
