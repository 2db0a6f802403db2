import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/ask.js';
import { loadConfig } from '../src/config.js';
import { CorpusError } from '../src/corpus/load.js';
import { LibraryHolder } from '../src/library-holder.js';
import { openLibrary } from '../src/prebuilt.js';
import { article, makeTempCorpus, type TempCorpus } from './support/temp-corpus.js';

const config = loadConfig({});
let corpus: TempCorpus;
let outside: TempCorpus;
let holder: LibraryHolder;

const build = async () => (await openLibrary(corpus.dir, config)).library;

beforeEach(async () => {
  corpus = await makeTempCorpus({
    'keep.txt': article('Harbour Bridge Reopens After Repairs', 'Repairs to the harbour bridge were finished on Tuesday after fourteen months of work.'),
    'change.txt': article('Council Approves New Library', 'The city council approved the new public library with a vote of seven to two.'),
    'drop.txt': article('Ferry Service Suspended', 'The island ferry service was suspended because of the winter storms.'),
  });
  outside = await makeTempCorpus({ 'secret.txt': article('Outside Story Headline Here', 'This file lives outside the corpus folder and must never be indexed.') });
  holder = new LibraryHolder(await build(), build);
});
afterEach(async () => {
  await corpus.cleanup();
  await outside.cleanup();
});

describe('reload', () => {
  it('GIVEN one added, one changed, one removed and two bad files THEN the report says so per file and the new corpus serves', async () => {
    await corpus.write('add.txt', article('Museum Opens New Wing', 'The city museum opened a new wing for modern art on Saturday.'));
    await corpus.write('change.txt', article('Council Rejects New Library', 'The city council rejected the new public library by a vote of two to seven.'));
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
      { source: 'latin1.txt', reason: 'not valid UTF-8 text' },
    ]);
    expect(report).toMatchObject({ articles: 3, passages: 6 });
    expect(ask(holder.current, 'museum new wing').answer?.source).toBe('add.txt');
    expect(ask(holder.current, 'ferry service suspended').confident).toBe(false);
  });

  it('GIVEN a symlink leading outside the folder and a sub-folder THEN both are skipped with reasons', async () => {
    await symlink(path.join(outside.dir, 'secret.txt'), path.join(corpus.dir, 'link.txt'));
    await corpus.write('keep2.txt', article('Another Story Headline', 'A second paragraph about the harbour.'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(corpus.dir, 'folder.txt'));
    const report = await holder.reload();
    expect(report.skipped).toEqual([
      { source: 'folder.txt', reason: 'a folder, not a file' },
      { source: 'link.txt', reason: 'symbolic link that leads outside the corpus folder' },
    ]);
    expect(ask(holder.current, 'file lives outside the corpus').confident).toBe(false);
  });

  it('GIVEN a folder with no usable article THEN the reload is refused and the old corpus keeps serving', async () => {
    const before = holder.current;
    for (const name of ['keep.txt', 'change.txt', 'drop.txt']) await corpus.remove(name);
    await corpus.write('empty.txt', '');
    await expect(holder.reload()).rejects.toThrow(CorpusError);
    await expect(holder.reload()).rejects.toThrow(`The corpus folder ${corpus.dir} has no usable .txt article (1 skipped: empty.txt: empty file).`);
    expect(holder.current).toBe(before);
    expect(ask(holder.current, 'harbour bridge repairs').answer?.source).toBe('keep.txt');
  });

  it('GIVEN a missing folder THEN the reload is refused and the old corpus keeps serving', async () => {
    const before = holder.current;
    await corpus.cleanup();
    await expect(holder.reload()).rejects.toThrow(`The corpus folder ${corpus.dir} cannot be read (not found).`);
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
    await corpus.write('change.txt', article('Council Rejects New Library', 'The city council rejected the new public library by a vote of two to seven.'));
    const reloading = holder.reload();
    expect(ask(holder.current, 'council library vote').answer?.text).toBe('The city council approved the new public library with a vote of seven to two.');
    await reloading;
    expect(ask(holder.current, 'council library vote').answer?.text).toBe('The city council rejected the new public library by a vote of two to seven.');
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
