import { describe, expect, it } from 'vitest';
import { sentencesHolding } from '../../src/quote/groups.js';

/** The ranges of `phrase` in `text`, found by position. */
function rangesOf(text: string, ...phrases: string[]) {
  return phrases.map((phrase) => {
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`${phrase} is not in the text`);
    return { start, end: start + phrase.length };
  });
}

/** The text with its bold ranges marked `**…**`, to compare at a glance. */
function marked({ text, bold }: { text: string; bold: ReadonlyArray<{ start: number; end: number }> }): string {
  let out = '';
  let at = 0;
  for (const range of bold) {
    out += `${text.slice(at, range.start)}**${text.slice(range.start, range.end)}**`;
    at = range.end;
  }
  return out + text.slice(at);
}

const PARAGRAPH = 'The mayor opened the bridge. “It is a new start,” she said. Traffic was light. “We waited years,” a driver said.';

describe('sentencesHolding', () => {
  it('GIVEN a range in one sentence THEN that whole sentence, the range in bold within it', () => {
    expect(marked(sentencesHolding(PARAGRAPH, rangesOf(PARAGRAPH, 'It is a new start,')))).toBe('“**It is a new start,**” she said.');
  });

  it('GIVEN ranges in sentences that are not next to each other THEN both sentences joined by " … "', () => {
    expect(marked(sentencesHolding(PARAGRAPH, rangesOf(PARAGRAPH, 'We waited years,', 'It is a new start,')))).toBe(
      '“**It is a new start,**” she said. … “**We waited years,**” a driver said.',
    );
  });

  it('GIVEN ranges in adjacent sentences THEN one slice of the paragraph, its spacing kept', () => {
    expect(marked(sentencesHolding(PARAGRAPH, rangesOf(PARAGRAPH, 'bridge', 'new start')))).toBe(
      'The mayor opened the **bridge**. “It is a **new start**,” she said.',
    );
  });

  it('GIVEN a range across a sentence end THEN both sentences; GIVEN overlapping or touching ranges THEN one bold run', () => {
    expect(marked(sentencesHolding(PARAGRAPH, rangesOf(PARAGRAPH, 'light. “We')))).toBe(
      'Traffic was **light. “We** waited years,” a driver said.',
    );
    expect(marked(sentencesHolding(PARAGRAPH, [...rangesOf(PARAGRAPH, 'Traffic was', 'was light', ' light')]))).toBe(
      '**Traffic was light**.',
    );
  });

  it('GIVEN no ranges THEN the paragraph as it is, nothing in bold', () => {
    expect(sentencesHolding(PARAGRAPH, [])).toEqual({ text: PARAGRAPH, bold: [] });
  });
});
