import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeMetadataProblem, parseMetadata, type MetadataTargets } from '../../src/corpus/metadata.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/metadata/sources.json');
const targets: MetadataTargets = {
  articles: new Set(['000_e54da9ff0ce102d3.txt', '001_dee9a08cf77086df.txt', '004_fda3f1e6d2d72140.txt']),
  skipped: new Set(['empty.txt']),
};
const A = '000_e54da9ff0ce102d3.txt';
const parse = (value: unknown) => parseMetadata(JSON.stringify(value), targets);
const field = (key: string, value: unknown) => parse({ [A]: { [key]: value } });

describe('parseMetadata', () => {
  it('GIVEN the sample sidecar THEN each named article gets its details and there is no problem', async () => {
    const parsed = parseMetadata(await readFile(FIXTURE, 'utf8'), targets);
    expect(parsed.problems).toEqual([]);
    expect([...parsed.entries]).toEqual([
      [
        '000_e54da9ff0ce102d3.txt',
        {
          url: 'https://news.example.com/2023/09/kim-jong-un-russian-shopping-spree',
          publisher: 'Example News',
          published: '2023-09-18',
        },
      ],
      ['004_fda3f1e6d2d72140.txt', { url: 'https://daily.example.org/world/kim-putin-sacred-fight', publisher: 'Example Daily' }],
    ]);
  });

  it('GIVEN text that is not JSON THEN no entry and one problem for the whole file', () => {
    const parsed = parseMetadata('{ "000_e54da9ff0ce102d3.txt": { "url": ', targets);
    expect(parsed.entries.size).toBe(0);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.source).toBeUndefined();
    expect(parsed.problems[0]?.reason).toMatch(/^not valid JSON \(.+\)$/);
  });

  it('GIVEN JSON that is not an object THEN one problem saying what it must be', () => {
    expect(parseMetadata('[]', targets)).toEqual({
      entries: new Map(),
      problems: [{ reason: 'must be a JSON object mapping article file names to their details' }],
    });
  });

  it('GIVEN a byte order mark before the JSON THEN it is read as if there were none', () => {
    const parsed = parseMetadata(`\uFEFF${JSON.stringify({ [A]: { publisher: 'Example News' } })}`, targets);
    expect(parsed).toEqual({ entries: new Map([[A, { publisher: 'Example News' }]]), problems: [] });
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<b>x</b>'],
    ['file:///etc/passwd'],
    ['ftp://example.com/a'],
    ['example.com/article'],
    ['https://'],
  ])('GIVEN the url %s THEN it is dropped as not a web address, and the entry keeps its other values', (url) => {
    const parsed = parse({ [A]: { url, publisher: 'Example News' } });
    expect(parsed.entries.get(A)).toEqual({ publisher: 'Example News' });
    expect(parsed.problems).toEqual([{ source: A, reason: 'url must be a web address starting with http:// or https://; it is ignored' }]);
  });

  it('GIVEN a url with spaces, a line break or a password THEN each is dropped with its own reason', () => {
    expect(field('url', 'https://example.com/a b').problems).toEqual([
      { source: A, reason: 'url must not contain spaces or control characters; it is ignored' },
    ]);
    expect(field('url', 'https://example.com/a\nb').problems).toEqual([
      { source: A, reason: 'url must not contain spaces or control characters; it is ignored' },
    ]);
    expect(field('url', 'https://user:secret@example.com/a').problems).toEqual([
      { source: A, reason: 'url must not contain a user name or password; it is ignored' },
    ]);
  });

  it('GIVEN an http url THEN it is kept in its normal form', () => {
    expect(field('url', 'HTTP://Example.COM').entries.get(A)).toEqual({ url: 'http://example.com/' });
  });

  it.each([
    ['18 September 2023', 'published must be a date written YYYY-MM-DD; it is ignored'],
    ['2023-9-18', 'published must be a date written YYYY-MM-DD; it is ignored'],
    ['2023-09-18T10:00:00Z', 'published must be a date written YYYY-MM-DD; it is ignored'],
    ['2023-02-30', 'published is not a date in the calendar; it is ignored'],
    ['2023-13-01', 'published is not a date in the calendar; it is ignored'],
  ])('GIVEN the date %s THEN it is dropped: %s', (published, reason) => {
    const parsed = field('published', published);
    expect(parsed.entries.size).toBe(0);
    expect(parsed.problems).toEqual([{ source: A, reason }]);
  });

  it('GIVEN a leap day THEN it is a date', () => {
    expect(field('published', '2024-02-29').entries.get(A)).toEqual({ published: '2024-02-29' });
  });

  it('GIVEN values of the wrong type THEN each is dropped with a reason', () => {
    const parsed = parse({ [A]: { url: 42, publisher: null, published: ['2023-09-18'] } });
    expect(parsed.entries.size).toBe(0);
    expect(parsed.problems.map(describeMetadataProblem)).toEqual([
      `sources.json: ${A}: url must be a string; it is ignored`,
      `sources.json: ${A}: publisher must be a string; it is ignored`,
      `sources.json: ${A}: published must be a string; it is ignored`,
    ]);
  });

  it('GIVEN oversize values THEN they are dropped and the limit is named', () => {
    const parsed = parse({ [A]: { url: `https://example.com/${'a'.repeat(500)}`, publisher: 'P'.repeat(101) } });
    expect(parsed.entries.size).toBe(0);
    expect(parsed.problems).toEqual([
      { source: A, reason: 'url is longer than 512 characters; it is ignored' },
      { source: A, reason: 'publisher is longer than 100 characters; it is ignored' },
    ]);
  });

  it('GIVEN a url that fits as typed but not once its non-ASCII letters are encoded THEN it is dropped; one that fits is kept encoded', () => {
    const cyrillic = `https://example.com/${'Кремль'.repeat(40)}`;
    expect(cyrillic.length).toBeLessThanOrEqual(512);
    expect(field('url', cyrillic).problems).toEqual([
      { source: A, reason: 'url is longer than 512 characters once its special characters are encoded; it is ignored' },
    ]);
    expect(field('url', 'https://example.com/Кремль').entries.get(A)).toEqual({
      url: 'https://example.com/%D0%9A%D1%80%D0%B5%D0%BC%D0%BB%D1%8C',
    });
  });

  it('GIVEN a publisher with spaces around it, or blank, or on two lines THEN it is trimmed, or dropped', () => {
    expect(field('publisher', '  Example News ').entries.get(A)).toEqual({ publisher: 'Example News' });
    expect(field('publisher', '   ').problems).toEqual([{ source: A, reason: 'publisher is empty; it is ignored' }]);
    expect(field('publisher', 'Example\nNews').problems).toEqual([
      { source: A, reason: 'publisher must be one line without control characters; it is ignored' },
    ]);
  });

  it('GIVEN an unknown key THEN it is reported and ignored, and the known ones still count', () => {
    const parsed = parse({ [A]: { publised: '2023-09-18', publisher: 'Example News' } });
    expect(parsed.entries.get(A)).toEqual({ publisher: 'Example News' });
    expect(parsed.problems).toEqual([
      { source: A, reason: 'unknown key "publised" is ignored (the keys are url, publisher and published)' },
    ]);
  });

  it('GIVEN entries for files that are not articles of the corpus THEN they are reported, and a skipped file is named as such', () => {
    const parsed = parse({ 'missing.txt': { publisher: 'X' }, 'empty.txt': { publisher: 'Y' }, [A]: { publisher: 'Z' } });
    expect([...parsed.entries]).toEqual([[A, { publisher: 'Z' }]]);
    expect(parsed.problems).toEqual([
      { source: 'missing.txt', reason: 'no such article in the folder; its entry is ignored' },
      { source: 'empty.txt', reason: 'the article was skipped; its entry is ignored' },
    ]);
  });

  it('GIVEN a huge or control-laden unknown name THEN the report shows it shortened and escaped', () => {
    const parsed = parse({ [`evil\u001b[2J${'x'.repeat(200)}`]: {} });
    expect(parsed.problems).toEqual([
      { source: `evil\\u001b[2J${'x'.repeat(71)}…`, reason: 'no such article in the folder; its entry is ignored' },
    ]);
  });

  it('GIVEN an entry that is not an object THEN it is reported', () => {
    expect(parse({ [A]: 'https://example.com/' }).problems).toEqual([
      { source: A, reason: 'must be an object with url, publisher and/or published' },
    ]);
  });

  it('GIVEN an empty entry THEN the article has no details and nothing is wrong', () => {
    expect(parse({ [A]: {} })).toEqual({ entries: new Map(), problems: [] });
  });
});
