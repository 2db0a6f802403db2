import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.js';
import { loadConfig } from '../src/config.js';
import { openLibrary } from '../src/prebuilt.js';
import { article, makeTempCorpus, type TempCorpus } from './support/temp-corpus.js';

const config = loadConfig({});
let corpus: TempCorpus;
let cache: TempCorpus;

beforeEach(async () => {
  corpus = await makeTempCorpus({
    'a.txt': article('Harbour Bridge Reopens After Repairs', 'Repairs to the harbour bridge were finished on Tuesday after fourteen months of work.'),
    'b.txt': article('Council Approves New Library', 'The city council approved the new public library with a vote of seven to two.'),
  });
  cache = await makeTempCorpus();
});
afterEach(async () => {
  await corpus.cleanup();
  await cache.cleanup();
});

const open = (overrides: Partial<typeof config> = {}) => openLibrary(corpus.dir, { ...config, ...overrides, cacheDir: cache.dir });

describe('prebuilt index', () => {
  it('GIVEN a first start THEN it builds from text and saves; GIVEN the next THEN it loads the saved index and answers the same', async () => {
    const first = await open();
    expect(first.prebuilt).toBe(false);
    expect((await readdir(cache.dir)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = await open();
    expect(second.prebuilt).toBe(true);
    for (const question of ['when were the bridge repairs finished', 'council vote on the library', 'harbor bridge']) {
      expect(ask(second.library, question)).toEqual(ask(first.library, question));
    }
    expect(second.library.corpus.articles).toEqual(first.library.corpus.articles);
  });

  it('GIVEN a changed file THEN the saved index is not used (never stale)', async () => {
    await open();
    await corpus.write('b.txt', article('Council Rejects New Library', 'The city council rejected the new public library by a vote of two to seven.'));
    const reopened = await open();
    expect(reopened.prebuilt).toBe(false);
    expect(ask(reopened.library, 'council library vote').answer?.text).toBe('The city council rejected the new public library by a vote of two to seven.');
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
    const [saved] = (await readdir(cache.dir)).filter((f) => f.endsWith('.json'));
    await writeFile(path.join(cache.dir, saved as string), '{"key": "trunc');
    const reopened = await open();
    expect(reopened.prebuilt).toBe(false);
    expect(reopened.library.corpus.articles.map((a) => a.source)).toEqual(['a.txt', 'b.txt']);
  });
});
