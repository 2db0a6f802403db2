import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { parseArticle, splitLines } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { formatCitation, type Article } from '../../src/corpus/types.js';

const rules = compileBoilerplate(defaults.boilerplate);

function parse(text: string, source = 'f.txt', firstId = 0): Article {
  return parseArticle({ source, text }, rules, firstId);
}

/** Each passage as [first line, last line, kind, reason] for exact comparison. */
function layout(article: Article): Array<[number, number, string, string]> {
  return article.passages.map((p) => [p.line, p.endLine, p.kind, p.reason ?? '']);
}

/** A paragraph long enough (>= 25 words) to read as the start of the article body. */
const LONG_PARAGRAPH =
  'In a display of camaraderie between tyrants, the dictator has returned from his six-day trip armed with deadly drones, a bulletproof vest, and other unique gifts from his hosts.';

describe('splitLines', () => {
  it('GIVEN CRLF line endings THEN the lines are the same as with LF and carry no \\r', () => {
    const lf = 'Headline Of The Test Article\n\nFirst paragraph. It is prose.\n\nSecond paragraph. Also prose.\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(splitLines(crlf)).toEqual([
      'Headline Of The Test Article',
      '',
      'First paragraph. It is prose.',
      '',
      'Second paragraph. Also prose.',
    ]);
    expect(splitLines(crlf)).toEqual(splitLines(lf));
  });

  it('GIVEN no trailing newline THEN the last line is still a line and no empty line is added', () => {
    expect(splitLines('one\ntwo')).toEqual(['one', 'two']);
    expect(splitLines('one\ntwo\n')).toEqual(['one', 'two']);
    expect(splitLines('one\r\ntwo')).toEqual(['one', 'two']);
  });

  it('GIVEN blank lines in a row THEN each is kept so the following lines keep their numbers', () => {
    expect(splitLines('a\n\n\nb\n')).toEqual(['a', '', '', 'b']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
  });
});

describe('parseArticle line numbers', () => {
  it('GIVEN the same article with CRLF and LF endings THEN passages have the same lines and texts', () => {
    const lf = `Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nSecond paragraph. Also prose.\n`;
    const fromLf = parse(lf);
    const fromCrlf = parse(lf.replace(/\n/g, '\r\n'));
    expect(layout(fromCrlf)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
      [5, 5, 'body', ''],
    ]);
    expect(fromCrlf.passages.map((p) => p.text)).toEqual(fromLf.passages.map((p) => p.text));
    expect(fromCrlf.passages.map((p) => p.text)).toEqual(['Headline Of The Test Article', LONG_PARAGRAPH, 'Second paragraph. Also prose.']);
    expect(fromCrlf.lines).toEqual(fromLf.lines);
  });

  it('GIVEN no trailing newline THEN the last paragraph is cited at its own line', () => {
    const article = parse(`Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nThe last paragraph. It has no newline.`);
    expect(article.lines).toHaveLength(5);
    expect(formatCitation(article.passages[2]!)).toBe('f.txt:5');
    expect(article.passages[2]!.text).toBe('The last paragraph. It has no newline.');
  });

  it('GIVEN leading and repeated blank lines (some only whitespace) THEN passages keep the editor line numbers', () => {
    const article = parse(`\n\nHeadline Of The Test Article\n \t\n\n${LONG_PARAGRAPH}\n\n\n\nThe end. Really.\n`);
    expect(article.titleLine).toBe(3);
    expect(layout(article)).toEqual([
      [3, 3, 'title', ''],
      [6, 6, 'body', ''],
      [10, 10, 'body', ''],
    ]);
    expect(article.lines[3]).toBe(' \t');
  });

  it('GIVEN curly quotes and apostrophes THEN text and lines keep them verbatim', () => {
    const line = 'Kim Jong Un’s aide said the “sacred fight” would go on, and ‘nothing’ would stop it. Officials agreed.';
    const article = parse(`Kim Jong Un’s ‘Sacred Fight’ Goes On\n\n${line}\n`);
    expect(article.title).toBe('Kim Jong Un’s ‘Sacred Fight’ Goes On');
    expect(article.passages.map((p) => p.text)).toEqual(['Kim Jong Un’s ‘Sacred Fight’ Goes On', line]);
    expect(article.lines[2]).toBe(line);
  });

  it('GIVEN firstId THEN passage ids start there and are dense', () => {
    const article = parse(`Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nSource link\n`, 'f.txt', 40);
    expect(article.passages.map((p) => p.id)).toEqual([40, 41, 42]);
  });
});

describe('parseArticle titles', () => {
  it('GIVEN a breadcrumb glued to the headline above the clean headline THEN the clean line is the title and the breadcrumb is boilerplate', () => {
    const article = parse(`HomeThe LatestSome Headline Here Today\n\nSome Headline Here Today\n\n${LONG_PARAGRAPH}\n`);
    expect(article.title).toBe('Some Headline Here Today');
    expect(article.titleLine).toBe(3);
    expect(layout(article)).toEqual([
      [1, 1, 'boilerplate', 'site chrome above the headline'],
      [3, 3, 'title', ''],
      [5, 5, 'body', ''],
    ]);
  });

  it('GIVEN a site tagline and widget labels above the headline THEN the headline is the title and all above it is boilerplate', () => {
    const text = [
      "Newspaper that inspires change. Breaking stories that shake the world. Be informed, Don't Settle for Fake News.",
      '',
      'feat shape 1',
      'feat shape 2',
      '',
      'North Korea - Kim Jong Un returns home from Russia',
      '',
      LONG_PARAGRAPH,
      '',
    ].join('\n');
    const article = parse(text);
    expect(article.title).toBe('North Korea - Kim Jong Un returns home from Russia');
    expect(article.titleLine).toBe(6);
    expect(layout(article)).toEqual([
      [1, 1, 'boilerplate', 'site chrome above the headline'],
      [3, 3, 'boilerplate', 'site chrome above the headline'],
      [4, 4, 'boilerplate', 'site chrome above the headline'],
      [6, 6, 'title', ''],
      [8, 8, 'body', ''],
    ]);
  });

  it('GIVEN a byline under a headline that ends with a full stop THEN the line above the byline is the title, and the byline is not', () => {
    const text = [
      'Schools will move to a four-day week. Here is what changes.',
      '',
      'By Hannah Oyelaran | Education reporter',
      '',
      LONG_PARAGRAPH,
    ].join('\n');
    const article = parse(text);
    expect(article.title).toBe('Schools will move to a four-day week. Here is what changes.');
    expect(article.titleLine).toBe(1);
    expect(layout(article)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'heading', 'short line without sentence punctuation'],
      [5, 5, 'body', ''],
    ]);
  });

  it('GIVEN a headline that opens with "By" and a colon THEN it is the title, not a byline', () => {
    const text = ['By Land and Sea: How the New Ferry Routes Will Work', '', LONG_PARAGRAPH].join('\n');
    const article = parse(text);
    expect(article.title).toBe('By Land and Sea: How the New Ferry Routes Will Work');
    expect(article.titleLine).toBe(1);
  });

  it('GIVEN a byline with a colon after its bar or in a time THEN it is still a byline, and the line above it the title', () => {
    for (const byline of ['By Jane Doe | Updated 10:42 AM', 'By Jane Doe | Published: March 3, 2024']) {
      const article = parse(['Ferry Routes Grow.', '', byline, '', LONG_PARAGRAPH].join('\n'));
      expect(article.title).toBe('Ferry Routes Grow.');
      expect(article.titleLine).toBe(1);
    }
  });

  it('GIVEN no line that looks like a headline THEN the title is the file name without .txt and titleLine is 0', () => {
    const article = parse('The first paragraph. It is prose.\n\nThe second one. Also prose.\n', '007_abc.txt');
    expect(article.title).toBe('007_abc');
    expect(article.titleLine).toBe(0);
    expect(layout(article)).toEqual([
      [1, 1, 'body', ''],
      [3, 3, 'body', ''],
    ]);
  });

  it('GIVEN short paragraphs without a headline followed by a teaser block THEN the body stays body and no teaser is the title', () => {
    const text = [
      'Officials confirmed the summit would take place next week.',
      '',
      'The talks are expected to cover trade and security.',
      '',
      'Most Popular',
      '',
      'Belarus frees over 120 political prisoners as US lifts sanctions',
      '',
    ].join('\n');
    const article = parse(text);
    expect(article.title).not.toBe('Belarus frees over 120 political prisoners as US lifts sanctions');
    expect(layout(article)).toEqual([
      [1, 1, 'body', ''],
      [3, 3, 'body', ''],
      [5, 5, 'boilerplate', 'teaser marker'],
      [7, 7, 'boilerplate', 'teaser block'],
    ]);
  });
});

describe('parseArticle boilerplate', () => {
  it('GIVEN site chrome lines after the body THEN each is boilerplate with the pattern reason', () => {
    const chrome = [
      'Source link',
      'Please enter your comment!',
      'Please enter your name here',
      'Share With Others',
      'Share on Facebook',
      'Tweet',
      'Image: Title: Putin Kim',
      'Photo: Reuters',
      'ad-image',
      'Advertisement',
      '3 Comments',
      'Comments on North Korea - Kim Jong Un returns home from Russia',
    ];
    const article = parse(['Headline Of The Test Article', '', LONG_PARAGRAPH, '', ...chrome].join('\n'));
    expect(article.passages.slice(2).map((p) => [p.line, p.text, p.kind, p.reason])).toEqual(
      chrome.map((text, k) => [5 + k, text, 'boilerplate', 'matches a boilerplate pattern']),
    );
    expect(layout(article).slice(0, 2)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
    ]);
  });

  it('GIVEN a teaser excerpt cut off with "..." and a line without words THEN they are boilerplate with their reasons', () => {
    const article = parse(
      [
        'Headline Of The Test Article',
        '',
        LONG_PARAGRAPH,
        '',
        'Israeli courts convicted Barghouti during the Second Intifada for his role in organizing attacks that...',
        '',
        '* * *',
        '',
        '2023',
      ].join('\n'),
    );
    expect(layout(article)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
      [5, 5, 'boilerplate', 'truncated teaser'],
      [7, 7, 'boilerplate', 'no words'],
      [9, 9, 'boilerplate', 'no words'],
    ]);
  });

  it('GIVEN "Opinion" then "View All" after the body has started THEN everything to the end is boilerplate, prose included', () => {
    const text = [
      'Headline Of The Test Article',
      '',
      LONG_PARAGRAPH,
      '',
      'Opinion',
      '',
      'View All',
      '',
      'Belarus frees over 120 political prisoners as US lifts sanctions',
      '',
      LONG_PARAGRAPH.replace('dictator', 'president'),
      '',
      'Background',
    ].join('\n');
    expect(layout(parse(text))).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
      [5, 5, 'boilerplate', 'teaser marker'],
      [7, 7, 'boilerplate', 'teaser block'],
      [9, 9, 'boilerplate', 'teaser block'],
      [11, 11, 'boilerplate', 'teaser block'],
      [13, 13, 'boilerplate', 'teaser block'],
    ]);
  });

  it('GIVEN "Most Popular" (alone, or glued to the next words) after the body THEN it opens a teaser block', () => {
    const alone = parse(`Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nMost Popular\n\nThe next story. It is prose.\n`);
    expect(layout(alone).slice(2)).toEqual([
      [5, 5, 'boilerplate', 'teaser marker'],
      [7, 7, 'boilerplate', 'teaser block'],
    ]);
    const glued = parse(
      `Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nMost PopularNewspaper that inspires change\n\nThe next story. It is prose.\n`,
    );
    expect(layout(glued).slice(2)).toEqual([
      [5, 5, 'boilerplate', 'teaser marker'],
      [7, 7, 'boilerplate', 'teaser block'],
    ]);
  });

  it('GIVEN a body line that merely starts with a marker word THEN it is body and the article goes on', () => {
    const article = parse(
      `Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nOpinion polls show the ruling party ahead. Its rivals disagree.\n\nThe vote is next month. Turnout may be low.\n`,
    );
    expect(layout(article)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
      [5, 5, 'body', ''],
      [7, 7, 'body', ''],
    ]);
  });

  it('GIVEN a teaser marker at the very top above the headline THEN the article is not wiped', () => {
    const article = parse(
      'Most Popular\n\nSome Headline Here Today\n\nThe first paragraph. It is prose.\n\nSecond paragraph. Also prose.\n',
    );
    expect(article.title).toBe('Some Headline Here Today');
    expect(layout(article)).toEqual([
      [1, 1, 'boilerplate', 'site chrome above the headline'],
      [3, 3, 'title', ''],
      [5, 5, 'body', ''],
      [7, 7, 'body', ''],
    ]);
  });

  it('GIVEN a teaser marker at the very top and no headline THEN it is a navigation label and the body stays body', () => {
    const article = parse('Opinion\n\nThe first paragraph. It is prose.\n\nSecond paragraph. Also prose.\n');
    expect(layout(article)).toEqual([
      [1, 1, 'boilerplate', 'navigation label'],
      [3, 3, 'body', ''],
      [5, 5, 'body', ''],
    ]);
  });
});

describe('parseArticle passages', () => {
  it('GIVEN the same paragraph twice THEN only the first is a passage', () => {
    const article = parse(
      'Kim Jong Un declares full support of Putin before the meeting\n\nMany speculated that there would be talks of arms sales.\n\nMany speculated that there would be talks of arms sales.\n\nThe leaders met on Wednesday. They talked for hours.\n',
    );
    expect(layout(article)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
      [7, 7, 'body', ''],
    ]);
  });

  it('GIVEN a repeat that differs only in quote style and case THEN it collapses to the first', () => {
    const article = parse(
      `Headline Of The Test Article\n\nHe said it was “a first priority.” Others agreed.\n\nhe said it was "a first priority." others agreed.\n`,
    );
    expect(article.passages.map((p) => formatCitation(p))).toEqual(['f.txt:1', 'f.txt:3']);
  });

  it('GIVEN a hard-wrapped paragraph THEN it is one passage with a line range cited as FILE:3-4', () => {
    const article = parse(
      [
        'Headline Of The Test Article',
        '',
        'The delegation toured the factory where the new aircraft are',
        'assembled for the air force, officials said on Tuesday.',
        '',
        'A short line without a stop',
        'is not joined to the next one.',
        '',
        'A long sentence that ends with a full stop, right here.',
        'and a next line that starts in lower case is not joined.',
      ].join('\n'),
    );
    const wrapped = article.passages[1]!;
    expect([wrapped.line, wrapped.endLine, wrapped.kind]).toEqual([3, 4, 'body']);
    expect(wrapped.text).toBe(
      'The delegation toured the factory where the new aircraft are assembled for the air force, officials said on Tuesday.',
    );
    expect(formatCitation(wrapped)).toBe('f.txt:3-4');
    expect(article.passages.slice(2).map((p) => formatCitation(p))).toEqual(['f.txt:6', 'f.txt:7', 'f.txt:9', 'f.txt:10']);
  });

  it('GIVEN short lines without sentence punctuation and full sentences THEN the former are headings and the latter body', () => {
    const article = parse(
      `Headline Of The Test Article\n\n${LONG_PARAGRAPH}\n\nBackground\n\nWhat happens next?\n\nHe declined to comment.\n\nReconnaissance aircraft on display\n`,
    );
    expect(layout(article)).toEqual([
      [1, 1, 'title', ''],
      [3, 3, 'body', ''],
      [5, 5, 'heading', 'short line without sentence punctuation'],
      [7, 7, 'body', ''],
      [9, 9, 'body', ''],
      [11, 11, 'heading', 'short line without sentence punctuation'],
    ]);
  });

  it('GIVEN one-line and multi-line passages THEN formatCitation gives FILE:LINE and FILE:LINE-LINE', () => {
    expect(formatCitation({ source: '000_e54da9ff0ce102d3.txt', line: 7, endLine: 7 })).toBe('000_e54da9ff0ce102d3.txt:7');
    expect(formatCitation({ source: '000_e54da9ff0ce102d3.txt', line: 7 })).toBe('000_e54da9ff0ce102d3.txt:7');
    expect(formatCitation({ source: '000_e54da9ff0ce102d3.txt', line: 3, endLine: 4 })).toBe('000_e54da9ff0ce102d3.txt:3-4');
  });
});
