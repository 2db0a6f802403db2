/**
 * No interaction is lost to Discord's 3-second window on a busy machine: a burst of /ask from
 * as many users, sent faster than the bot can answer them, while a process spins on the CPU
 * beside it. The local Discord server refuses a first response after 3 s ("Unknown
 * interaction"), as Discord does; the bot must defer what it cannot answer within about 2 s
 * and answer those by editing. Uses the load benchmark's harness with a smaller, bounded burst.
 */
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadTest } from '../../bench/load.js';
import { SEEDS_DIR } from '../support/seeds.js';

/** Copies of the seed articles: enough passages that a burst of /ask takes the bot several seconds. */
const COPIES = 40;
let corpus: string;

beforeAll(async () => {
  corpus = await mkdtemp(path.join(os.tmpdir(), 'citebot-burst-'));
  const seeds = (await readdir(SEEDS_DIR)).filter((name) => name.endsWith('.txt'));
  for (let copy = 0; copy < COPIES; copy++) {
    for (const name of seeds) await copyFile(path.join(SEEDS_DIR, name), path.join(corpus, `${String(copy).padStart(2, '0')}_${name}`));
  }
});

afterAll(async () => {
  if (corpus) await rm(corpus, { recursive: true, force: true });
});

describe('a burst on a busy machine', () => {
  it('GIVEN 500 /ask at once beside a CPU hog THEN none is refused as "Unknown interaction" and every one is answered with a citation', async () => {
    const figures = await runLoadTest({
      interactions: 500,
      batchSize: 100,
      batchIntervalMs: 20,
      hogs: 1,
      corpusDir: corpus,
      reload: false,
    });
    console.log(`[burst] ${JSON.stringify(figures)}`);
    expect(figures.failures).toEqual({});
    expect(figures.answered).toBe(500);
    // The burst outlasts the window, so the test is only meaningful if the bot had to defer.
    expect(figures.deferred).toBeGreaterThan(0);
  }, 180_000);
});
