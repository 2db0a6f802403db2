import { splitSentences } from '../text/sentences.js';
import type { QuoteGroup, QuoteHit, TextRange } from './types.js';

/** A hit with where it stands: the paragraph holding it, and what of the paragraph to show in bold. */
export interface PlacedHit {
  readonly hit: QuoteHit;
  readonly title: string;
  /** The passage (paragraph) text the hit stands in. */
  readonly passage: string;
  /** Ranges of `passage` in bold. */
  readonly bold: readonly TextRange[];
  /** The speaker as the quote index names them. */
  readonly speaker: string | null;
}

/** Joins sentences that are not adjacent in the paragraph. */
export const SENTENCE_GAP = ' … ';

/** Hits grouped by cited line, in the order the lines first appear (newest article first, then by line). */
export function groupByLine(placed: readonly PlacedHit[]): QuoteGroup[] {
  const byLine = new Map<string, PlacedHit[]>();
  for (const item of placed) {
    const key = `${item.hit.source}:${item.hit.line}`;
    const list = byLine.get(key);
    if (list) list.push(item);
    else byLine.set(key, [item]);
  }
  return [...byLine.values()].map((items) => {
    const first = items[0]!;
    const speakers = [...new Set(items.map((i) => i.speaker).filter((s): s is string => s !== null))];
    const excerpt = sentencesHolding(
      first.passage,
      items.filter((i) => i.passage === first.passage).flatMap((i) => i.bold),
    );
    return {
      source: first.hit.source,
      line: first.hit.line,
      title: first.title,
      kind: first.hit.kind === 'quotation' ? 'quotation' : 'text',
      speakers,
      count: items.length,
      ...excerpt,
    };
  });
}

/**
 * The sentences of a paragraph that the ranges fall in, with the ranges moved into that text
 * (merged where they touch). A range that crosses a sentence end takes both sentences.
 */
export function sentencesHolding(paragraph: string, ranges: readonly TextRange[]): { text: string; bold: TextRange[] } {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.length === 0) return { text: paragraph, bold: [] };
  const sentences = splitSentences(paragraph).map((s) => ({ start: s.start, end: s.start + s.text.length }));
  const chosen = sentences.filter((s) => sorted.some((r) => r.start < s.end && r.end > s.start));
  // Runs of adjacent sentences are shown as one slice of the paragraph, spacing kept.
  const runs: TextRange[] = [];
  for (const sentence of chosen.length > 0 ? chosen : [{ start: 0, end: paragraph.length }]) {
    const last = runs[runs.length - 1];
    const adjacent = last !== undefined && paragraph.slice(last.end, sentence.start).trim() === '';
    if (adjacent) runs[runs.length - 1] = { start: last.start, end: sentence.end };
    else runs.push(sentence);
  }
  let text = '';
  const bold: TextRange[] = [];
  for (const run of runs) {
    if (text !== '') text += SENTENCE_GAP;
    const base = text.length;
    text += paragraph.slice(run.start, run.end);
    for (const range of sorted) {
      const start = Math.max(range.start, run.start);
      const end = Math.min(range.end, run.end);
      if (end <= start) continue;
      const moved = { start: base + start - run.start, end: base + end - run.start };
      const previous = bold[bold.length - 1];
      if (previous && moved.start <= previous.end)
        bold[bold.length - 1] = { start: previous.start, end: Math.max(previous.end, moved.end) };
      else bold.push(moved);
    }
  }
  return { text, bold };
}
