import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/log.js';
import { INDEX_PACKAGES, openLibrary, packageVersions, readPrebuiltFile, writePrebuiltFile } from '../../src/library/prebuilt.js';
import { article, makeTempCorpus, type TempCorpus } from '../support/temp-corpus.js';

const config = loadConfig({});
let corpus: TempCorpus;
let cache: TempCorpus;

beforeEach(async () => {
  corpus = await makeTempCorpus({
    'a.txt': article(
      'Harbour Bridge Reopens After Repairs',
      'Repairs to the harbour bridge were finished on Tuesday after fourteen months of work.',
    ),
    'b.txt': article('Council Approves New Library', 'The city council approved the new public library with a vote of seven to two.'),
  });
  cache = await makeTempCorpus();
});
afterEach(async () => {
  await corpus.cleanup();
  await cache.cleanup();
});

let logged: Array<{ level: number; msg: string; reason?: string; file?: string }> = [];
const log = createLogger({
  level: 'info',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(JSON.parse(chunk.toString()) as (typeof logged)[number]);
      done();
    },
  }),
});
beforeEach(() => {
  logged = [];
});

const open = (overrides: Partial<typeof config> = {}) => openLibrary(corpus.dir, { ...config, ...overrides, cacheDir: cache.dir, log });
const savedFiles = async () => (await readdir(cache.dir)).filter((f) => f.endsWith('.jsonl'));
const warnings = () => logged.filter((l) => l.level === 40).map((l) => `${l.msg}: ${l.reason ?? ''}`);

/** Rewrites a saved file's lines, recomputing the end record's checksum unless told not to (a forger who knows the format). */
async function rewrite(
  file: string,
  change: (records: Array<Record<string, unknown>>) => void,
  options: { fixChecksum: boolean } = { fixChecksum: true },
): Promise<void> {
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  change(records);
  const end = records.pop() as { sha256: string };
  const body = records.map((r) => `${JSON.stringify(r)}\n`).join('');
  if (options.fixChecksum) end.sha256 = createHash('sha256').update(body).digest('hex');
  await writeFile(file, `${body}${JSON.stringify(end)}\n`);
}

describe('prebuilt index', () => {
  it('GIVEN a first start THEN it builds from text and saves; GIVEN the next THEN it loads the saved index and answers the same', async () => {
    const first = await open();
    expect(first.prebuilt).toBe(false);
    expect((await readdir(cache.dir)).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
    const second = await open();
    expect(second.prebuilt).toBe(true);
    for (const question of ['when were the bridge repairs finished', 'council vote on the library', 'harbor bridge']) {
      expect(ask(second.library, question)).toEqual(ask(first.library, question));
    }
    expect(second.library.corpus.articles).toEqual(first.library.corpus.articles);
  });

  it('GIVEN a changed file THEN the saved index is not used (never stale)', async () => {
    await open();
    await corpus.write(
      'b.txt',
      article('Council Rejects New Library', 'The city council rejected the new public library by a vote of two to seven.'),
    );
    const reopened = await open();
    expect(reopened.prebuilt).toBe(false);
    expect(ask(reopened.library, 'council library vote').answer?.text).toBe(
      'The city council rejected the new public library by a vote of two to seven.',
    );
  });

  it('GIVEN a saved index and then a changed metadata sidecar THEN the saved index is used with the details as they are now', async () => {
    await corpus.write('sources.json', JSON.stringify({ 'a.txt': { publisher: 'Harbour Gazette', published: '2024-03-05' } }));
    const first = await open();
    expect(first.prebuilt).toBe(false);
    expect(first.library.article('a.txt')?.meta).toEqual({ publisher: 'Harbour Gazette', published: '2024-03-05' });
    // The details are not part of the saved file: they are read from the sidecar at every start.
    const [saved] = await savedFiles();
    expect(await readFile(path.join(cache.dir, saved as string), 'utf8')).not.toContain('Harbour Gazette');

    await corpus.write('sources.json', JSON.stringify({ 'b.txt': { url: 'https://council.example.org/library' } }));
    const second = await open();
    expect(second.prebuilt).toBe(true);
    expect(second.library.corpus.articles.map((a) => [a.source, a.meta])).toEqual([
      ['a.txt', undefined],
      ['b.txt', { url: 'https://council.example.org/library' }],
    ]);
    expect(second.library.article('b.txt')?.meta).toEqual({ url: 'https://council.example.org/library' });

    await corpus.write('sources.json', '{ not json');
    const third = await open();
    expect(third.prebuilt).toBe(true);
    expect(third.library.corpus.articles.every((a) => a.meta === undefined)).toBe(true);
    expect(third.library.corpus.metadataProblems?.map((p) => p.reason)).toEqual([expect.stringMatching(/^not valid JSON \(/)]);
    expect(warnings()).toEqual([]);
  });

  it('GIVEN other boilerplate settings THEN the saved index is not used', async () => {
    await open();
    const reopened = await open({ boilerplate: { ...config.boilerplate, linePatterns: [...config.boilerplate.linePatterns, '^repairs'] } });
    expect(reopened.prebuilt).toBe(false);
    // The paragraph now counts as boilerplate: only the headline can still be cited.
    expect(ask(reopened.library, 'bridge repairs finished').passages.map((p) => `${p.source}:${p.line}`)).toEqual(['a.txt:1']);
  });

  it('GIVEN a corrupt saved index THEN it builds from text instead of failing', async () => {
    await open();
    const [saved] = (await readdir(cache.dir)).filter((f) => f.endsWith('.jsonl'));
    await writeFile(path.join(cache.dir, saved as string), '{"key": "trunc');
    const reopened = await open();
    expect(reopened.prebuilt).toBe(false);
    expect(reopened.library.corpus.articles.map((a) => a.source)).toEqual(['a.txt', 'b.txt']);
  });

  it('GIVEN a file that is JSON but of the wrong shape THEN it is logged and rebuilt, and replaced by a good one', async () => {
    await open();
    const [saved] = await savedFiles();
    await rewrite(path.join(cache.dir, saved as string), (records) => {
      const article = records.find((r) => r.kind === 'article') as { passages: Array<{ line: unknown }> };
      (article.passages[0] as { line: unknown }).line = 'seven';
    });
    const reopened = await open();
    expect(reopened.prebuilt).toBe(false);
    expect(warnings()).toEqual([
      expect.stringMatching(/^The prebuilt index cannot be used; indexing the corpus from its text: line \d+ has the wrong shape/),
    ]);
    expect((await open()).prebuilt).toBe(true);
  });

  it('GIVEN article text changed in the file and its checksum forged THEN the stored text hash no longer matches: rebuilt, the tampered text never served', async () => {
    await open();
    const [saved] = await savedFiles();
    await rewrite(path.join(cache.dir, saved as string), (records) => {
      for (const record of records) {
        if (record.kind !== 'article') continue;
        for (const passage of record.passages as Array<{ text: string }>)
          passage.text = passage.text.replace('fourteen months', 'one week');
      }
    });
    const reopened = await open();
    expect(reopened.prebuilt).toBe(false);
    expect(warnings()).toEqual([expect.stringContaining('the text of a.txt is not the text it was saved with')]);
    expect(ask(reopened.library, 'when were the bridge repairs finished').answer?.text).toContain('fourteen months');
  });

  it('GIVEN saved words that point past their passage or at a term that does not exist, checksum forged THEN it is rebuilt, and answers as before', async () => {
    const before = ask((await open()).library, 'when were the bridge repairs finished');
    const [saved] = await savedFiles();
    const file = path.join(cache.dir, saved as string);
    const original = await readFile(file, 'utf8');
    const tamper = async (change: (passage: [number[], number[], number[], number[]]) => void, reason: string) => {
      await writeFile(file, original);
      await rewrite(file, (records) => {
        const words = records.find((r) => r.kind === 'words') as { entries: Array<[number[], number[], number[], number[]]> };
        change(words.entries[0] as [number[], number[], number[], number[]]);
      });
      logged = [];
      const reopened = await open();
      expect(reopened.prebuilt).toBe(false);
      expect(warnings()).toEqual([expect.stringContaining(reason)]);
      expect(ask(reopened.library, 'when were the bridge repairs finished')).toEqual(before);
    };
    await tamper(([, ends]) => (ends[0] = 1_000_000), 'word 0 is not inside the text');
    await tamper(
      ([, , counts, terms]) => (
        (counts[0] = 1),
        (terms.length = 0),
        terms.push(...new Array<number>(counts.reduce((a, b) => a + b, 0)).fill(9_999_999))
      ),
      'has an unknown term',
    );
    await tamper(([starts]) => starts.pop(), 'word arrays differ in length');
    await tamper(([, , counts]) => (counts[0] = 0.5), 'has a bad term count');
  });

  it('GIVEN index statistics changed and the checksum left THEN the checksum does not match', async () => {
    await open();
    const [saved] = await savedFiles();
    await rewrite(
      path.join(cache.dir, saved as string),
      (records) => {
        const counts = records.find((r) => r.kind === 'documentFrequency') as { entries: Array<[string, number]> };
        for (const entry of counts.entries) entry[1] = 1_000;
      },
      { fixChecksum: false },
    );
    expect((await open()).prebuilt).toBe(false);
    expect(warnings()).toEqual([expect.stringContaining('its checksum does not match its content')]);
  });

  it('GIVEN a file cut short THEN it is rejected, not half served', async () => {
    await open();
    const [saved] = await savedFiles();
    const file = path.join(cache.dir, saved as string);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    await writeFile(file, `${lines.slice(0, -2).join('\n')}\n`);
    expect((await open()).prebuilt).toBe(false);
    expect(warnings()).toEqual([expect.stringContaining('it ends before its end record')]);
  });

  it('GIVEN a file with another key inside (saved for other packages or code) THEN it is stale: rebuilt', async () => {
    await open();
    const [saved] = await savedFiles();
    await rewrite(path.join(cache.dir, saved as string), (records) => {
      (records[0] as { key: string }).key = 'f'.repeat(64);
    });
    expect((await open()).prebuilt).toBe(false);
    expect(warnings()).toEqual([expect.stringContaining('it was saved for other files, settings, code or packages')]);
  });

  it('GIVEN a directory at the index path THEN each start builds, logs why it cannot save, and leaves no temporary file', async () => {
    await open();
    const [saved] = await savedFiles();
    const file = path.join(cache.dir, saved as string);
    await rm(file);
    await mkdir(path.join(file, 'inside'), { recursive: true });
    for (let start = 0; start < 2; start++) {
      logged = [];
      expect((await open()).prebuilt).toBe(false);
      expect(warnings()).toEqual([
        expect.stringMatching(/^The prebuilt index cannot be used; indexing the corpus from its text: EISDIR/),
        expect.stringMatching(/^Could not save the prebuilt index; the next start indexes the corpus again: /),
      ]);
      expect((await readdir(cache.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  });

  it('GIVEN a cache folder that cannot be made THEN the save failure is logged and the start goes on', async () => {
    await writeFile(path.join(cache.dir, 'blocked'), 'a file where the folder should be');
    const opened = await openLibrary(corpus.dir, { ...config, cacheDir: path.join(cache.dir, 'blocked', 'cache'), log });
    expect(opened.prebuilt).toBe(false);
    expect(warnings()).toEqual([
      expect.stringMatching(/^The prebuilt index cannot be used; indexing the corpus from its text: ENOTDIR/),
      expect.stringMatching(/^Could not save the prebuilt index; the next start indexes the corpus again: ENOTDIR/),
    ]);
  });

  it('GIVEN indexes under older keys and a dead process’s temporary file THEN a save keeps only the current index', async () => {
    await writeFile(path.join(cache.dir, `index-${'a'.repeat(32)}.json`), '{}');
    await writeFile(path.join(cache.dir, `index-${'b'.repeat(32)}.jsonl`), '{}');
    await writeFile(path.join(cache.dir, `index-${'c'.repeat(32)}.jsonl.999999999.tmp`), '{}');
    await writeFile(path.join(cache.dir, 'notes.txt'), 'not ours');
    await open();
    const names = await readdir(cache.dir);
    expect(names.filter((n) => n !== 'notes.txt')).toEqual(await savedFiles());
    expect(names).toContain('notes.txt');
    expect(await savedFiles()).toHaveLength(1);
  });

  it('GIVEN the packages that shape the index THEN the key reads each one’s installed version', async () => {
    const versions = await packageVersions();
    expect(Object.keys(versions)).toEqual([...INDEX_PACKAGES]);
    const minisearch = JSON.parse(await readFile(path.join('node_modules', 'minisearch', 'package.json'), 'utf8')) as { version: string };
    expect(versions.minisearch).toBe(minisearch.version);
    expect(Object.values(versions)).not.toContain('missing');
  });

  it('GIVEN a library written as JSON Lines THEN it reads back to the same articles and index, a line a record', async () => {
    const first = await open();
    const file = path.join(cache.dir, 'round-trip.jsonl');
    const saved = { key: 'e'.repeat(64), articles: first.library.corpus.articles, index: first.library.index.snapshot() };
    await writePrebuiltFile(file, saved);
    const read = await readPrebuiltFile(file);
    expect(read.key).toBe(saved.key);
    expect(read.index).toEqual(JSON.parse(JSON.stringify(saved.index)));
    expect(read.articles).toEqual(saved.articles.map((a) => ({ ...a, lines: [] })));
    const lines = (await readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(lines.map((l) => l.kind)).toEqual([
      'header',
      'article',
      'article',
      'engine',
      'documentIds',
      'fieldLength',
      'terms',
      'documentFrequency',
      'vocabulary',
      'words',
      'end',
    ]);
  });
});
