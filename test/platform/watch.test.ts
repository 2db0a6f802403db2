import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchCorpus } from '../../src/platform/watch.js';
import { makeTempCorpus, type TempCorpus } from '../support/temp-corpus.js';

let corpus: TempCorpus | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  await corpus?.cleanup();
});

function nextChange(dir: string, debounceMs: number, alsoNames?: string[]): { changes: () => number; settled: Promise<void> } {
  let count = 0;
  let resolve: () => void = () => {};
  const settled = new Promise<void>((r) => (resolve = r));
  stop = watchCorpus(dir, {
    debounceMs,
    ...(alsoNames ? { alsoNames } : {}),
    onChange: () => {
      count++;
      resolve();
    },
  });
  return { changes: () => count, settled };
}

describe('watchCorpus', () => {
  it('GIVEN a burst of file writes THEN one change is reported after the burst settles', async () => {
    corpus = await makeTempCorpus();
    const watcher = nextChange(corpus.dir, 150);
    for (let i = 0; i < 5; i++) await corpus.write(`a${i}.txt`, `Headline number ${i}\n`);
    await watcher.settled;
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.changes()).toBe(1);
  });

  it('GIVEN a change to a file that is not an article THEN nothing is reported', async () => {
    corpus = await makeTempCorpus();
    const watcher = nextChange(corpus.dir, 50);
    await corpus.write('notes.md', 'not an article');
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.changes()).toBe(0);
  });

  it('GIVEN a change to the metadata sidecar named in alsoNames THEN one change is reported', async () => {
    corpus = await makeTempCorpus();
    const watcher = nextChange(corpus.dir, 50, ['sources.json']);
    await corpus.write('sources.json', '{}');
    await watcher.settled;
    expect(watcher.changes()).toBe(1);
  });
});

describe('watchCorpus when the folder is replaced', () => {
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  };

  it.each([
    ['deleted and made again', (dir: string) => (rmSync(dir, { recursive: true }), mkdirSync(dir))],
    [
      'moved away and another moved in',
      (dir: string) => (renameSync(dir, `${dir}.old`), mkdirSync(`${dir}.new`), renameSync(`${dir}.new`, dir)),
    ],
  ])('GIVEN the folder %s THEN the change is reported, and so are later changes in the new folder', async (_how, replace) => {
    corpus = await makeTempCorpus();
    const dir = corpus.dir;
    const watcher = nextChange(dir, 50);
    replace(dir);
    writeFileSync(path.join(dir, 'first.txt'), 'First headline\n');
    await until(() => watcher.changes() >= 1);
    expect(watcher.changes()).toBeGreaterThanOrEqual(1);
    const before = watcher.changes();
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(path.join(dir, 'second.txt'), 'Second headline\n');
    await until(() => watcher.changes() > before);
    expect(watcher.changes()).toBeGreaterThan(before);
    rmSync(`${dir}.old`, { recursive: true, force: true });
  });
});
