import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildQuoteIndex,
  buildQuoteIndexInSlices,
  findBySpeaker,
  findByText,
  lookupLine,
  lookupQuotes,
  QuoteError,
  suggestSources,
  suggestSpeakers,
  type QuoteGroup,
  type QuoteHit,
  type QuoteIndex,
  type QuoteQuery,
} from '../../src/quote/lookup.js';
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate, type BoilerplateRules } from '../../src/corpus/boilerplate.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { formatCitation, type Article, type Corpus } from '../../src/corpus/types.js';

const root = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const config = JSON.parse(readFileSync(root('config/default.json'), 'utf8')) as { boilerplate: BoilerplateRules; maxFileBytes: number };
const rules = compileBoilerplate(config.boilerplate);

const A004 = '004_fda3f1e6d2d72140.txt';
const A000 = '000_e54da9ff0ce102d3.txt';
const A001 = '001_dee9a08cf77086df.txt';

/** `kind FILE:LINE speaker` — compact, exact, and easy to read in a failing assertion. */
const cite = (hits: readonly QuoteHit[]): string[] => hits.map((h) => `${h.kind} ${formatCitation(h)} ${h.speaker ?? 'null'}`);

/** A group's text with its bold ranges marked `**…**`. */
function marked({ text, bold }: QuoteGroup): string {
  let out = '';
  let at = 0;
  for (const range of bold) {
    out += `${text.slice(at, range.start)}**${text.slice(range.start, range.end)}**`;
    at = range.end;
  }
  return out + text.slice(at);
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuoteError);
    return (error as Error).message;
  }
  throw new Error('expected a QuoteError');
}

/** A corpus built in memory, with modification times chosen by the test; its folder does not exist. */
function memoryCorpus(files: ReadonlyArray<{ source: string; text: string; mtimeMs: number }>): Corpus {
  let nextId = 0;
  const articles: Article[] = files.map((file) => {
    const article = parseArticle(file, rules, nextId);
    nextId += article.passages.length;
    return article;
  });
  return { dir: '/nonexistent/corpus/folder', articles, skipped: [] };
}

describe('lookups on the seed articles', () => {
  let corpus: Corpus;
  let index: QuoteIndex;
  const ask = (query: QuoteQuery): string[] => cite(lookupQuotes(index, corpus, query).results);

  beforeAll(async () => {
    corpus = await loadCorpus(root('seeds'), { boilerplate: config.boilerplate, maxFileBytes: config.maxFileBytes });
    index = buildQuoteIndex(corpus);
  });

  it('GIVEN the index built in slices (as the bot builds it) THEN it finds what the one built at once finds, word forms numbered alike', async () => {
    const sliced = await buildQuoteIndexInSlices(corpus);
    const queries: QuoteQuery[] = [
      { text: 'aircraft-making' },
      { text: 'the' },
      { speaker: 'Kim Jong Un' },
      { text: 'drones', speaker: 'Putin' },
    ];
    for (const query of queries) expect(cite(lookupQuotes(sliced, corpus, query).results), JSON.stringify(query)).toEqual(ask(query));
    expect(sliced.passages.map((p) => [...p.words])).toEqual(index.passages.map((p) => [...p.words]));
    expect(sliced.quotations.length).toBeGreaterThan(0);
  });

  describe('by text', () => {
    it('finds the quotation containing a phrase, with its speaker', () => {
      expect(ask({ text: 'aircraft-making' })).toEqual([`quotation ${A000}:13 Denis Manturov`]);
      expect(ask({ text: 'fight against imperialism' })).toEqual([`quotation ${A004}:15 Kim Jong Un`]);
    });

    it('ignores case, quote style, spacing and punctuation', () => {
      for (const text of [
        "that's very problematic",
        'that’s very problematic',
        'THAT’S   very, problematic!',
        '"that\'s very problematic."',
        'aircraft making',
      ]) {
        const hits = findByText(index, text);
        expect(hits.length, text).toBe(1);
      }
      expect(ask({ text: "that's very problematic" })).toEqual([`quotation ${A000}:15 James O’Brien`]);
    });

    it('matches whole words in order, not a bag of words', () => {
      expect(ask({ text: "problematic very that's" })).toEqual([]);
      expect(ask({ text: 'aircraft-mak' })).toEqual([]);
    });

    it('returns the quotation text verbatim', () => {
      const [hit] = lookupQuotes(index, corpus, { text: 'first priority' }).results;
      expect(hit).toEqual({ kind: 'quotation', source: A004, line: 15, text: 'first priority.', speaker: 'Kim Jong Un' });
    });

    it('returns article text that is not a quotation as kind "text", verbatim', () => {
      const hits = lookupQuotes(index, corpus, { text: 'cheering' }).results;
      expect(cite(hits)).toEqual([`text ${A001}:13 null`]);
      expect(hits[0]!.text).toBe(readFileSync(root(`seeds/${A001}`), 'utf8').split('\n')[12]);
    });

    it('never returns site chrome or teasers', () => {
      for (const text of ['Source link', 'Please enter your comment', 'Share With Others', 'incredible happiness', 'Most Popular']) {
        expect(ask({ text }), text).toEqual([]);
      }
    });

    it('returns the headline as article text: it is a line of the article', () => {
      expect(ask({ text: 'sacred fight' })).toEqual([`text ${A004}:1 null`]);
    });

    it('returns an article’s headline only when none of its other lines has the phrase, whatever other articles have', () => {
      const two = buildQuoteIndex(
        memoryCorpus([
          { source: 'a.txt', mtimeMs: 2_000, text: 'Harbour lights return to the old town\n\nThe council met on Monday.\n' },
          { source: 'b.txt', mtimeMs: 1_000, text: 'A headline for another article here\n\nThe harbour lights return each winter.\n' },
          { source: 'c.txt', mtimeMs: 500, text: 'Harbour lights return in spring again\n\nThe harbour lights return, they said.\n' },
        ]),
      );
      expect(cite(findByText(two, 'harbour lights return'))).toEqual(['text a.txt:1 null', 'text b.txt:3 null', 'text c.txt:3 null']);
    });

    it('returns nothing when nothing matches', () => {
      expect(ask({ text: 'hypersonic giraffes' })).toEqual([]);
    });
  });

  describe('by speaker', () => {
    it("finds O'Brien's quotation and nobody else's, however the name is typed", () => {
      for (const speaker of ["O'Brien", 'O’Brien', 'obrien', 'OBRIEN', 'James O’Brien', "james o'brien", 'Mr. O’Brien']) {
        expect(ask({ speaker }), speaker).toEqual([`quotation ${A000}:15 James O’Brien`]);
      }
    });

    it('matches by surname, full name or title + name, in line order', () => {
      const putin = [21, 21, 21, 23, 23].map((line) => `quotation ${A004}:${line} Vladimir Putin`);
      expect(ask({ speaker: 'Putin' })).toEqual(putin);
      expect(ask({ speaker: 'President Putin' })).toEqual(putin);
      expect(ask({ speaker: 'vladimir putin' })).toEqual(putin);
      expect(ask({ speaker: 'Pat Ryder' })).toEqual([`quotation ${A004}:19 Pat Ryder`]);
      expect(ask({ speaker: 'Manturov' })).toEqual([`quotation ${A000}:13 Denis Manturov`]);
    });

    it('combines speaker and text: both must match', () => {
      expect(ask({ speaker: 'Kim', text: 'first priority' })).toEqual([`quotation ${A004}:15 Kim Jong Un`]);
      expect(ask({ speaker: 'Putin', text: 'first priority' })).toEqual([]);
      expect(ask({ speaker: 'Nobody Known' })).toEqual([]);
    });
  });

  describe('by line', () => {
    it('returns that exact line verbatim', () => {
      expect(lookupLine(corpus, A004, 13)).toEqual({
        kind: 'line',
        source: A004,
        line: 13,
        text: readFileSync(root(`seeds/${A004}`), 'utf8').split('\n')[12],
        speaker: null,
      });
    });

    it('shows a blank line as blank and says so', () => {
      expect(lookupLine(corpus, A004, 24)).toEqual({
        kind: 'line',
        source: A004,
        line: 24,
        text: '',
        speaker: null,
        note: `Line 24 of ${A004} is blank.`,
      });
    });

    it('says when a line is site chrome rather than article text', () => {
      expect(lookupLine(corpus, A000, 21).note).toBe(
        `Line 21 of ${A000} is website boilerplate (navigation, ads or comments), not article text.`,
      );
    });

    it('refuses paths and unknown names with a clear message', () => {
      expect(errorOf(() => lookupLine(corpus, '../etc/passwd', 1))).toBe(
        '“../etc/passwd” is not an article in the corpus. Use /sources to list them.',
      );
      expect(errorOf(() => lookupLine(corpus, '/etc/passwd', 1))).toBe(
        '“/etc/passwd” is not an article in the corpus. Use /sources to list them.',
      );
      expect(errorOf(() => lookupLine(corpus, `seeds/${A004}`, 1))).toBe(
        `“seeds/${A004}” is not an article in the corpus. Use /sources to list them.`,
      );
      expect(errorOf(() => lookupLine(corpus, `..\\${A004}`, 1))).toBe(
        `“..\\${A004}” is not an article in the corpus. Use /sources to list them.`,
      );
      expect(errorOf(() => lookupLine(corpus, 'missing.txt', 1))).toBe(
        '“missing.txt” is not an article in the corpus. Use /sources to list them.',
      );
    });

    it('suggests the article a near-miss name meant', () => {
      expect(errorOf(() => lookupLine(corpus, '004_fda3f1e6d2d72140', 3))).toBe(
        `“004_fda3f1e6d2d72140” is not an article in the corpus. Did you mean ${A004}? Use /sources to list them.`,
      );
      // The start of one name only, at least three characters.
      expect(errorOf(() => lookupLine(corpus, '004', 3))).toBe(
        `“004” is not an article in the corpus. Did you mean ${A004}? Use /sources to list them.`,
      );
      expect(errorOf(() => lookupLine(corpus, '00', 3))).toBe('“00” is not an article in the corpus. Use /sources to list them.');
    });

    it('says how many lines the article has when a line is out of range', () => {
      expect(errorOf(() => lookupLine(corpus, A004, 99))).toBe(`${A004} has 46 lines; line 99 is out of range.`);
      expect(errorOf(() => lookupLine(corpus, A004, 0))).toBe(`${A004} has 46 lines; line 0 is out of range.`);
      expect(errorOf(() => lookupLine(corpus, A004, -3))).toBe(`${A004} has 46 lines; line -3 is out of range.`);
      expect(errorOf(() => lookupLine(corpus, A004, 2.5))).toBe(`Line numbers are whole numbers; “2.5” is not one. ${A004} has 46 lines.`);
      expect(errorOf(() => lookupLine(corpus, A004, Number.NaN))).toBe(
        `Line numbers are whole numbers; “NaN” is not one. ${A004} has 46 lines.`,
      );
    });
  });

  describe('lookupQuotes requests', () => {
    it('requires at least one option', () => {
      expect(errorOf(() => lookupQuotes(index, corpus, {}))).toBe('Give at least one of text, speaker, or source with line.');
      expect(errorOf(() => lookupQuotes(index, corpus, { text: '   ', speaker: '' }))).toBe(
        'Give at least one of text, speaker, or source with line.',
      );
    });

    it('requires source and line together, and on their own', () => {
      expect(errorOf(() => lookupQuotes(index, corpus, { source: A004 }))).toBe(`Give a line number together with the source “${A004}”.`);
      expect(errorOf(() => lookupQuotes(index, corpus, { line: 13 }))).toBe(
        'Give the source article together with the line number. Use /sources to list them.',
      );
      expect(errorOf(() => lookupQuotes(index, corpus, { text: 'Putin', source: A004, line: 13 }))).toBe(
        'Look up a line (source with line) on its own, or search by text and speaker — not both at once.',
      );
      expect(ask({ source: A004, line: 13 })).toEqual([`line ${A004}:13 null`]);
    });

    it('refuses searches with nothing to search for, echoing the input cleaned of control characters (a transport defuses its own markup)', () => {
      expect(errorOf(() => lookupQuotes(index, corpus, { text: '!!! …' }))).toBe('“!!! …” has no words to search for.');
      expect(errorOf(() => lookupQuotes(index, corpus, { speaker: '42 / 7' }))).toBe('“42 / 7” is not a name to search for.');
      expect(errorOf(() => lookupQuotes(index, corpus, { source: '@everyone\n', line: 1 }))).toBe(
        '“@everyone” is not an article in the corpus. Use /sources to list them.',
      );
      expect(errorOf(() => lookupQuotes(index, corpus, { text: 'x'.repeat(301) }))).toBe(
        'That text is too long to search for; use a phrase of at most 300 characters.',
      );
    });
  });

  describe('suggestions', () => {
    it('lists known speakers, most quoted first', () => {
      expect(suggestSpeakers(index, '')).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Denis Manturov', 'James O’Brien', 'Pat Ryder']);
    });

    it('matches the start of any name part first, then any part of the name', () => {
      expect(suggestSpeakers(index, 'put')).toEqual(['Vladimir Putin']);
      expect(suggestSpeakers(index, "o'b")).toEqual(['James O’Brien']);
      expect(suggestSpeakers(index, 'kim j')).toEqual(['Kim Jong Un']);
      expect(suggestSpeakers(index, 'p')).toEqual(['Vladimir Putin', 'Pat Ryder']);
      expect(suggestSpeakers(index, 'rien')).toEqual(['James O’Brien']);
      expect(suggestSpeakers(index, 'zzz')).toEqual([]);
      expect(suggestSpeakers(index, '', 2)).toEqual(['Kim Jong Un', 'Vladimir Putin']);
    });

    it('suggests article names by prefix, substring, then headline words', () => {
      expect(suggestSources(corpus, '004')).toEqual([A004]);
      expect(suggestSources(corpus, 'e54da')).toEqual([A000]);
      expect(suggestSources(corpus, 'returns home')).toEqual([A001]);
      expect([...suggestSources(corpus, '')].sort()).toEqual([A000, A001, A004]);
    });
  });
});

describe('lookups on an in-memory corpus', () => {
  const article = (body: string): string => `A headline for this test article\n\n${body}\n`;
  const corpus = memoryCorpus([
    {
      source: 'a-old.txt',
      mtimeMs: 1_000,
      text: article('“Prices will fall next year, and wages will rise,” said Finance Minister Elena Sokolova.'),
    },
    {
      source: 'b-new.txt',
      mtimeMs: 3_000,
      text: article(
        '“Inflation is under control for the first time in years,” Sokolova told parliament.\n\n“We expect growth of two percent,” she said.',
      ),
    },
    { source: 'c-same.txt', mtimeMs: 1_000, text: article('“The budget is balanced at last after many years,” Elena Sokolova said.') },
    { source: 'd-music.txt', mtimeMs: 500, text: article('“Music is the freedom of the soul, always,” said the composer Antonín Dvořák.') },
  ]);
  const index = buildQuoteIndex(corpus);

  it('orders a speaker’s quotations newest article first, then file name descending, then line', () => {
    expect(cite(findBySpeaker(index, 'Sokolova'))).toEqual([
      'quotation b-new.txt:3 Sokolova',
      'quotation b-new.txt:5 Sokolova',
      'quotation c-same.txt:3 Elena Sokolova',
      'quotation a-old.txt:3 Elena Sokolova',
    ]);
    expect(cite(findBySpeaker(index, 'Elena Sokolova'))).toHaveLength(4);
  });

  it('ignores diacritics in names and phrases', () => {
    expect(cite(findBySpeaker(index, 'dvorak'))).toEqual(['quotation d-music.txt:3 Antonín Dvořák']);
    expect(cite(findBySpeaker(index, 'ANTONIN DVOŘÁK'))).toEqual(['quotation d-music.txt:3 Antonín Dvořák']);
    expect(cite(findByText(index, 'FREEDOM of the soul'))).toEqual(['quotation d-music.txt:3 Antonín Dvořák']);
    expect(suggestSpeakers(index, 'dvo')).toEqual(['Antonín Dvořák']);
  });

  it('lists a one-word speaker under the full name known from other articles', () => {
    expect(suggestSpeakers(index, 'sok')).toEqual(['Elena Sokolova']);
  });

  it('answers line lookups from memory (the corpus folder does not exist)', () => {
    expect(lookupLine(corpus, 'b-new.txt', 5).text).toBe('“We expect growth of two percent,” she said.');
    expect(errorOf(() => lookupLine(corpus, '../b-new.txt', 1))).toBe(
      '“../b-new.txt” is not an article in the corpus. Use /sources to list them.',
    );
  });

  it('GIVEN a speaker search THEN groups by cited line, naming the speaker as the index lists them, while the results keep each article’s own name', () => {
    const result = lookupQuotes(index, corpus, { speaker: 'Sokolova' });
    expect(cite(result.results)[0]).toBe('quotation b-new.txt:3 Sokolova');
    expect(result.groups?.map((g) => [`${g.source}:${g.line}`, g.speakers, g.count, g.title, marked(g)])).toEqual([
      [
        'b-new.txt:3',
        ['Elena Sokolova'],
        1,
        'A headline for this test article',
        '“**Inflation is under control for the first time in years,**” Sokolova told parliament.',
      ],
      ['b-new.txt:5', ['Elena Sokolova'], 1, 'A headline for this test article', '“**We expect growth of two percent,**” she said.'],
      [
        'c-same.txt:3',
        ['Elena Sokolova'],
        1,
        'A headline for this test article',
        '“**The budget is balanced at last after many years,**” Elena Sokolova said.',
      ],
      [
        'a-old.txt:3',
        ['Elena Sokolova'],
        1,
        'A headline for this test article',
        '“**Prices will fall next year, and wages will rise,**” said Finance Minister Elena Sokolova.',
      ],
    ]);
  });

  it('GIVEN a hard-wrapped paragraph THEN each quotation is grouped at the line its quote mark is on, with its whole sentence across the wrap', () => {
    const wrapped = memoryCorpus([
      {
        source: 'wrapped.txt',
        mtimeMs: 0,
        text: article(
          [
            'The minister spoke first. “The bridges will open in a week and the',
            'tolls will go,” said Elena Sokolova. Later she added, “We have the money',
            'for it now.”',
          ].join('\n'),
        ),
      },
    ]);
    const result = lookupQuotes(buildQuoteIndex(wrapped), wrapped, { speaker: 'Sokolova' });
    expect(result.groups?.map((g) => [`${g.source}:${g.line}`, marked(g)])).toEqual([
      ['wrapped.txt:3', '“**The bridges will open in a week and the tolls will go,**” said Elena Sokolova.'],
      ['wrapped.txt:4', 'Later she added, “**We have the money for it now.**”'],
    ]);
  });

  it('GIVEN a text search THEN the phrase is in bold where it was found; nothing found THEN no groups', () => {
    const result = lookupQuotes(index, corpus, { text: 'the first time' });
    expect(result.groups?.map(marked)).toEqual(['“Inflation is under control for **the first time** in years,” Sokolova told parliament.']);
    expect(lookupQuotes(index, corpus, { text: 'hypersonic giraffes' }).groups).toEqual([]);
  });

  it('caps suggestions at 25 names of at most 100 characters', () => {
    const surnames = Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(65 + (i % 26))}${'abcdefghij'[Math.floor(i / 26)]}ovak`);
    const paragraphs = surnames.map((surname) => `“We will finish the work on time,” Anna ${surname} said.`);
    const longName = Array.from({ length: 12 }, (_, i) => `Name${'abcdefghijkl'[i]}longword`.replace(/\d/g, '')).join(' ');
    paragraphs.push(`“This is the longest name in the corpus,” ${longName} said.`);
    const big = memoryCorpus([{ source: 'many.txt', mtimeMs: 0, text: article(paragraphs.join('\n\n')) }]);
    const bigIndex = buildQuoteIndex(big);
    const all = suggestSpeakers(bigIndex, '', 100);
    expect(all).toHaveLength(25);
    const long = suggestSpeakers(bigIndex, 'namea');
    expect(long).toHaveLength(1);
    expect(long[0]!.length).toBe(100);
    expect(long[0]!.endsWith('…')).toBe(true);
    expect(longName.length).toBeGreaterThan(100);
  });
});
