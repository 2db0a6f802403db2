import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../src/text/marks.js';

describe('quote marks and apostrophes', () => {
  const spans = (text: string): string[] => findQuoteSpans(text).map((s) => text.slice(s.start, s.end));

  it('does not take apostrophes for quotation marks', () => {
    expect(spans('Kim’s trip and O’Brien’s view: that’s what the ’90s were about, rock ’n’ roll included.')).toEqual([]);
    expect(spans("Kim's trip and O'Brien's view: that's what the '90s were about, rock 'n' roll included.")).toEqual([]);
    expect(spans('The workers’ union and the players’ association met.')).toEqual([]);
  });

  it('finds curly, straight and single quotations', () => {
    expect(spans('He said “yes” and she said "no" while they said ‘maybe’ and \'perhaps\'.')).toEqual(['yes', 'no', 'maybe', 'perhaps']);
  });

  it('lets a quotation contain apostrophes and a nested quotation', () => {
    expect(spans('“It’s Kim’s ‘sacred fight,’ not ours,” he said.')).toEqual(['It’s Kim’s ‘sacred fight,’ not ours,']);
    expect(spans('‘The workers’ state will not bow,’ he said.')).toEqual(['The workers’ state will not bow,']);
  });

  it('runs an unclosed quotation to the end of the paragraph (continued in the next)', () => {
    expect(spans('“We will rebuild every house, and we will start tomorrow.')).toEqual([
      'We will rebuild every house, and we will start tomorrow.',
    ]);
  });
});
