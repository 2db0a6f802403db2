/**
 * One-off measurement of the prebuilt index at scale: opens a corpus folder twice with a fresh
 * cache folder, first building and saving the index, then loading it, and prints the times,
 * the file's size and the heap. Not part of `npm run bench` (it takes minutes at 10 M words).
 *
 * CLI: `node --expose-gc --import tsx bench/prebuilt-size.ts CORPUS_DIR [CACHE_DIR]`
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/log.js';
import { openLibrary } from '../src/library/prebuilt.js';

const corpusDir = process.argv[2];
if (!corpusDir) throw new Error('usage: bench/prebuilt-size.ts CORPUS_DIR [CACHE_DIR]');
const cacheDir = process.argv[3] ?? (await mkdtemp(path.join(os.tmpdir(), 'citebot-prebuilt-')));
const config = loadConfig({});
const log = createLogger({ level: 'info' });
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};

let started = performance.now();
const built = await openLibrary(corpusDir, { ...config, cacheDir, log });
const buildMs = Math.round(performance.now() - started);
const words = built.library.corpus.articles.reduce((sum, a) => sum + a.lines.join(' ').split(/\s+/u).filter(Boolean).length, 0);
const [file] = (await readdir(cacheDir)).filter((n) => n.endsWith('.jsonl'));
const bytes = file ? (await stat(path.join(cacheDir, file))).size : 0;
const builtHeap = heapMb();
const passages = built.library.index.size;

started = performance.now();
const loaded = await openLibrary(corpusDir, { ...config, cacheDir, log });
const loadMs = Math.round(performance.now() - started);
process.stdout.write(
  `${JSON.stringify({ words, articles: built.library.corpus.articles.length, passages, builtAndSavedMs: buildMs, prebuilt: [built.prebuilt, loaded.prebuilt], fileMb: Math.round(bytes / 2 ** 20), loadMs, heapAfterBuildMb: builtHeap, heapAfterLoadMb: heapMb() })}\n`,
);
if (!process.argv[3]) await rm(cacheDir, { recursive: true, force: true });
