import { readFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.js';
import { loadConfig, projectPath } from '../../src/platform/config.js';
import { CorpusError } from '../../src/corpus/load.js';
import type { Library } from '../../src/library/library.js';
import { deadlinePerMillionWords, LibraryHolder, ReloadTimeoutError } from '../../src/library/holder.js';
import { openLibrary } from '../../src/library/prebuilt.js';
import { article, makeTempCorpus, type TempCorpus } from '../support/temp-corpus.js';

const config = loadConfig({});
let corpus: TempCorpus;
let outside: TempCorpus;
let holder: LibraryHolder;

const build = async (signal?: AbortSignal) => (await openLibrary(corpus.dir, { ...config, signal })).library;

beforeEach(async () => {
  corpus = await makeTempCorpus({
    'keep.txt': article(
      'Harbour Bridge Reopens After Repairs',
      'Repairs to the harbour bridge were finished on Tuesday after fourteen months of work.',
    ),
    'change.txt': article('Council Approves New Library', 'The city council approved the new public library with a vote of seven to two.'),
    'drop.txt': article('Ferry Service Suspended', 'The island ferry service was suspended because of the winter storms.'),
  });
  outside = await makeTempCorpus({
    'secret.txt': article('Outside Story Headline Here', 'This file lives outside the corpus folder and must never be indexed.'),
  });
  holder = new LibraryHolder(await build(), build);
});
afterEach(async () => {
  await corpus.cleanup();
  await outside.cleanup();
});

describe('reload', () => {
  it('GIVEN one added, one changed, one removed and two bad files THEN the report says so per file and the new corpus serves', async () => {
    await corpus.write('add.txt', article('Museum Opens New Wing', 'The city museum opened a new wing for modern art on Saturday.'));
    await corpus.write(
      'change.txt',
      article('Council Rejects New Library', 'The city council rejected the new public library by a vote of two to seven.'),
    );
    await corpus.remove('drop.txt');
    await corpus.write('binary.txt', Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01]));
    await corpus.write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));

    const report = await holder.reload();

    expect(report.files).toEqual([
      { source: 'add.txt', change: 'added' },
      { source: 'change.txt', change: 'changed' },
      { source: 'drop.txt', change: 'removed' },
      { source: 'keep.txt', change: 'unchanged' },
    ]);
    expect(report.skipped).toEqual([
      { source: 'binary.txt', reason: 'contains NUL bytes (binary file?)' },
      {
        source: 'latin1.txt',
        reason: 'not valid UTF-8 text (first bad byte on line 1; saved as Latin-1 or Windows-1252? save it as UTF-8)',
      },
    ]);
    expect(report).toMatchObject({ articles: 3, passages: 6 });
    expect(ask(holder.current, 'museum new wing').answer?.source).toBe('add.txt');
    expect(ask(holder.current, 'ferry service suspended').confident).toBe(false);
  });

  it('GIVEN a sidecar with good and bad details THEN the reload succeeds, the good details serve and each problem is in the report', async () => {
    await corpus.write(
      'sources.json',
      JSON.stringify({
        'keep.txt': { url: 'javascript:alert(1)', publisher: 'Harbour Gazette' },
        'change.txt': { url: 'https://council.example.org/library', published: '2024-02-30' },
        'gone.txt': { publisher: 'Nobody' },
      }),
    );
    const report = await holder.reload();
    expect(report.files.every((f) => f.change === 'unchanged')).toBe(true);
    expect(report.articlesWithMetadata).toBe(2);
    expect(report.metadataProblems).toEqual([
      { source: 'keep.txt', reason: 'url must be a web address starting with http:// or https://; it is ignored' },
      { source: 'change.txt', reason: 'published is not a date in the calendar; it is ignored' },
      { source: 'gone.txt', reason: 'no such article in the folder; its entry is ignored' },
    ]);
    expect(holder.current.article('keep.txt')?.meta).toEqual({ publisher: 'Harbour Gazette' });
    expect(holder.current.article('change.txt')?.meta).toEqual({ url: 'https://council.example.org/library' });
    expect(holder.current.article('drop.txt')?.meta).toBeUndefined();

    await corpus.write('sources.json', '[1, 2');
    const broken = await holder.reload();
    expect(broken.articles).toBe(3);
    expect(broken.articlesWithMetadata).toBe(0);
    expect(broken.metadataProblems).toEqual([{ reason: expect.stringMatching(/^not valid JSON \(/) as string }]);
    expect(ask(holder.current, 'when were the bridge repairs finished').answer?.text).toBe(
      'Repairs to the harbour bridge were finished on Tuesday after fourteen months of work.',
    );
  });

  it('GIVEN a symlink leading outside the folder and a sub-folder THEN both are skipped with reasons', async () => {
    await symlink(path.join(outside.dir, 'secret.txt'), path.join(corpus.dir, 'link.txt'));
    await corpus.write('keep2.txt', article('Another Story Headline', 'A second paragraph about the harbour.'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(corpus.dir, 'folder.txt'));
    const report = await holder.reload();
    expect(report.skipped).toEqual([
      { source: 'folder.txt', reason: 'a folder, not a file' },
      { source: 'link.txt', reason: 'a symbolic link (links are not followed; copy the file into the folder instead)' },
    ]);
    expect(ask(holder.current, 'file lives outside the corpus').confident).toBe(false);
  });

  it('GIVEN a folder with no usable article THEN the reload is refused and the old corpus keeps serving', async () => {
    const before = holder.current;
    for (const name of ['keep.txt', 'change.txt', 'drop.txt']) await corpus.remove(name);
    await corpus.write('empty.txt', '');
    await expect(holder.reload()).rejects.toThrow(CorpusError);
    await expect(holder.reload()).rejects.toThrow(
      `The corpus folder ${projectPath(corpus.dir)} has no usable .txt article (1 skipped: empty.txt: empty file).`,
    );
    expect(holder.current).toBe(before);
    expect(ask(holder.current, 'harbour bridge repairs').answer?.source).toBe('keep.txt');
  });

  it('GIVEN a missing folder THEN the reload is refused and the old corpus keeps serving', async () => {
    const before = holder.current;
    await corpus.cleanup();
    await expect(holder.reload()).rejects.toThrow(`The corpus folder ${projectPath(corpus.dir)} cannot be read (not found).`);
    expect(holder.current).toBe(before);
  });

  it('GIVEN two reloads asked at once THEN they share one rebuild and one report', async () => {
    let builds = 0;
    const counting = new LibraryHolder(holder.current, async () => {
      builds++;
      return build();
    });
    const [a, b] = [counting.reload(), counting.reload()];
    expect(counting.reloading).toBe(true);
    expect(await a).toBe(await b);
    expect(builds).toBe(1);
    expect(counting.reloading).toBe(false);
  });

  it('GIVEN questions while a reload runs THEN they are answered from the old library until the swap', async () => {
    await corpus.write(
      'change.txt',
      article('Council Rejects New Library', 'The city council rejected the new public library by a vote of two to seven.'),
    );
    const reloading = holder.reload();
    expect(ask(holder.current, 'council library vote').answer?.text).toBe(
      'The city council approved the new public library with a vote of seven to two.',
    );
    await reloading;
    expect(ask(holder.current, 'council library vote').answer?.text).toBe(
      'The city council rejected the new public library by a vote of two to seven.',
    );
  });

  it('GIVEN a build that throws THEN the error reaches the caller and the live library is untouched', async () => {
    const before = holder.current;
    const failing = new LibraryHolder(before, async () => {
      throw new Error('index exploded');
    });
    await expect(failing.reload()).rejects.toThrow('index exploded');
    expect(failing.current).toBe(before);
    expect(failing.reloading).toBe(false);
  });
});

describe('reload deadline', () => {
  it('GIVEN a build that never finishes THEN past the deadline every joined reload gets the same reason, the old library serves, and a late build never swaps', async () => {
    const before = holder.current;
    let release: (library: Library) => void = () => undefined;
    let seen: AbortSignal | undefined;
    let calls = 0;
    const stuckOnce = new LibraryHolder(
      before,
      async (signal) => {
        calls += 1;
        if (calls > 1) return build(signal);
        seen = signal;
        return new Promise<Library>((resolve) => (release = resolve));
      },
      { deadlineMs: 100 },
    );
    const first = stuckOnce.reload().catch((error: unknown) => error);
    const joined = stuckOnce.reload().catch((error: unknown) => error);
    const error = await first;
    expect(error).toBeInstanceOf(ReloadTimeoutError);
    expect((error as Error).message).toBe(
      'The reload took longer than 100 ms and was stopped; the articles from before keep serving. Check the corpus folder and try again.',
    );
    expect(await joined).toBe(error);
    expect(seen?.aborted).toBe(true);
    expect(stuckOnce.reloading).toBe(false);
    expect(stuckOnce.current).toBe(before);

    // The stuck build finishes after all: too late, it is not swapped in.
    release(await build());
    await new Promise((resolve) => setImmediate(resolve));
    expect(stuckOnce.current).toBe(before);

    // The next reload starts afresh and succeeds.
    await corpus.write('late.txt', article('Tram Line Extended', 'The tram line was extended to the airport on Monday.'));
    const report = await stuckOnce.reload();
    expect(report.files).toContainEqual({ source: 'late.txt', change: 'added' });
    expect(ask(stuckOnce.current, 'tram line airport').answer?.source).toBe('late.txt');
  });
});

describe('deadline per million words', () => {
  /** A library whose passages hold `words` words, as far as the deadline looks. */
  const servingWords = (words: number) => ({ index: { averageWords: words / 1000, size: 1000 } }) as unknown as Library;

  it('GIVEN a corpus under a million words THEN the deadline is the one given; above, it grows in proportion', () => {
    const deadline = deadlinePerMillionWords(60_000);
    expect(deadline(servingWords(40_000))).toBe(60_000);
    expect(deadline(servingWords(1_000_000))).toBe(60_000);
    expect(deadline(servingWords(3_000_000))).toBe(180_000);
  });

  it('GIVEN a holder with a deadline per million words THEN a reload is given up past the deadline of the library it serves', async () => {
    const served = holder.current;
    const words = served.index.averageWords * served.index.size;
    // 40 ms a million words: this small corpus gets the floor, 40 ms, and its stuck build is given up past it.
    const stuck = new LibraryHolder(served, () => new Promise<Library>(() => undefined), { deadlineMs: deadlinePerMillionWords(40) });
    expect(words).toBeLessThan(1_000_000);
    const error = await stuck.reload().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^The reload took longer than 40 ms/u);
  });
});

/**
 * Swaps `x.txt` in a loop, from a worker thread (so swaps land between the loader's steps),
 * among a regular file, a symbolic link to /etc/passwd and a FIFO without a writer. Each swap
 * is a rename over `x.txt`, so the name always exists. Stops when `stop[0]` is set.
 */
const SWAPPER = `
const { workerData, parentPort } = require('node:worker_threads');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { dir, pool, text, stop } = workerData;
const target = path.join(dir, 'x.txt');
const temporary = path.join(dir, 'x.swap');
const counts = { file: 0, link: 0, fifo: 0 };
let fifos = [];
let made = 0;
while (Atomics.load(stop, 0) === 0) {
  for (let i = 0; i < 5; i++) {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
    counts.file++;
    fs.symlinkSync('/etc/passwd', temporary);
    fs.renameSync(temporary, target);
    counts.link++;
  }
  if (fifos.length === 0) {
    fifos = Array.from({ length: 100 }, () => path.join(pool, 'f' + made++));
    execFileSync('mkfifo', fifos);
  }
  fs.renameSync(fifos.pop(), target);
  counts.fifo++;
}
fs.writeFileSync(temporary, text);
fs.renameSync(temporary, target);
parentPort.postMessage(counts);
`;

describe('reloads while a file is swapped for a link or a FIFO', () => {
  const RELOADS = 200;

  it(
    `GIVEN x.txt swapped in a loop among a file, a link to /etc/passwd and a FIFO THEN ${RELOADS} reloads all finish and none serves /etc/passwd`,
    { timeout: 180_000 },
    async () => {
      const passwd = new Set(
        readFileSync('/etc/passwd', 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== ''),
      );
      const text = article('Swapped File Headline', 'This is the regular content of the swapped file.');
      await corpus.write('x.txt', text);
      const pool = await makeTempCorpus();
      const stop = new Int32Array(new SharedArrayBuffer(4));
      const racing = new LibraryHolder(holder.current, build, { deadlineMs: 30_000 });
      const worker = new Worker(SWAPPER, { eval: true, workerData: { dir: corpus.dir, pool: pool.dir, text, stop } });
      const swaps = new Promise<Record<string, number>>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const outcomes = new Map<string, number>();
      const leaked: string[] = [];
      const failures: string[] = [];
      try {
        for (let i = 0; i < RELOADS; i++) {
          try {
            await racing.reload();
          } catch (error) {
            failures.push((error as Error).message);
            continue;
          }
          const { corpus: loaded } = racing.current;
          for (const a of loaded.articles) for (const line of a.lines) if (passwd.has(line)) leaked.push(`${a.source}: ${line}`);
          const x = loaded.articles.find((a) => a.source === 'x.txt');
          if (x) expect(x.lines.join('\n')).toBe(text.replace(/\n$/, ''));
          const outcome = x ? 'loaded' : (loaded.skipped.find((s) => s.source === 'x.txt')?.reason ?? 'missing');
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
      } finally {
        Atomics.store(stop, 0, 1);
      }
      const swapped = await swaps;
      await worker.terminate();
      await pool.cleanup();
      console.info(
        `swap race: ${RELOADS} reloads, swaps ${JSON.stringify(swapped)}, outcomes for x.txt ${JSON.stringify(Object.fromEntries(outcomes))}`,
      );
      expect(failures).toEqual([]);
      expect(leaked).toEqual([]);
      expect(
        [...outcomes.keys()].every((o) =>
          [
            'loaded',
            'a symbolic link (links are not followed; copy the file into the folder instead)',
            'a named pipe (FIFO), not a file',
          ].includes(o),
        ),
      ).toBe(true);
      expect(swapped.fifo).toBeGreaterThan(0);
    },
  );
});
