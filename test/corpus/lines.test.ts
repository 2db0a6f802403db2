import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { lineAt } from '../../src/corpus/lines.js';
import { countWords } from '../../src/corpus/normalize.js';

describe('lineAt', () => {
  const article = parseArticle(
    {
      source: 'wrapped.txt',
      text: [
        'A headline about the wrapped paragraph',
        '',
        '  The delegation toured the factory where the new aircraft are',
        '  assembled for the air force; “the quotation starts on this line and',
        '  here,” officials said on Tuesday.',
      ].join('\n'),
    },
    compileBoilerplate(defaults.boilerplate),
  );
  const passage = article.passages.find((p) => p.endLine > p.line);

  it('GIVEN a hard-wrapped paragraph THEN an offset is cited on the file line it stands on', () => {
    if (!passage) throw new Error('the paragraph was not read as one passage');
    expect([passage.line, passage.endLine]).toEqual([3, 5]);
    expect(lineAt(article, passage, 0)).toBe(3);
    expect(lineAt(article, passage, passage.text.indexOf('“the'))).toBe(4);
    expect(lineAt(article, passage, passage.text.indexOf('here,'))).toBe(5);
  });

  it('GIVEN no article lines THEN each line counts as empty, and a one-line passage is its own line', () => {
    if (!passage) throw new Error('the paragraph was not read as one passage');
    expect(lineAt(undefined, passage, 1)).toBe(4);
    const title = article.passages[0]!;
    expect(lineAt(undefined, title, 10)).toBe(title.line);
  });
});

describe('countWords', () => {
  it('GIVEN inner apostrophes, numbers and punctuation THEN runs of letters or digits are words', () => {
    expect(countWords('O’Neill’s 5 drones — “peace plan”, rock’n’roll!')).toBe(6);
    expect(countWords('— …')).toBe(0);
  });
});
