/**
 * Measures one engine on one corpus in a process of its own, so that its memory is its own.
 * Run by bench/run.ts as `node --expose-gc --import tsx bench/engine.ts ENGINE DIR QUESTIONS_JSON`;
 * prints one JSON object.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { eng as STOP_WORDS } from 'stopword';
// citebot as `npm start` runs it: compiled by tsc to dist/ (`npm run bench` builds it first), not
// the sources through tsx, whose transform adds work to every function made in a hot loop.
const compiled = (module: string): Promise<unknown> => import(new URL(`../dist/${module}`, import.meta.url).href);
const { ask, warmUp } = (await compiled('answer/ask.js')) as typeof import('../src/answer/ask.js');
const { loadConfig } = (await compiled('platform/config.js')) as typeof import('../src/platform/config.js');
const { LibraryHolder } = (await compiled('library/holder.js')) as typeof import('../src/library/holder.js');
const { openLibrary } = (await compiled('library/prebuilt.js')) as typeof import('../src/library/prebuilt.js');
type LibraryHolder = InstanceType<typeof LibraryHolder>;
import type { BenchQuestion } from './corpora.js';

export type EngineName = 'citebot' | 'minisearch' | 'lunr';

export interface EngineFigures {
  engine: EngineName;
  startupMs: number;
  heapMb: number;
  peakRssMb: number;
  p50Ms: number;
  p99Ms: number;
  accuracy: number;
  reloadMs?: number;
  reloadP99Ms?: number;
  /** Start from a prebuilt index file instead of the text. */
  prebuiltStartupMs?: number;
  /**
   * citebot reads each article for people (who "he" is) the first time a question reaches it,
   * and the bot's background quotation extraction reads them all after start. p50Ms/p99Ms are
   * the questions asked right after start (cold); these, the same questions once that reading is done.
   */
  warmP50Ms?: number;
  warmP99Ms?: number;
  /** How long the background reading of every article (quotations and people) took. */
  backgroundReadMs?: number;
  /** Memory (as heapMb) once that reading is done: what a running bot keeps. */
  heapAfterReadMb?: number;
}

interface Paragraph {
  id: number;
  source: string;
  line: number;
  text: string;
}

const stop = new Set(STOP_WORDS);

async function readParagraphs(dir: string): Promise<Paragraph[]> {
  const out: Paragraph[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) {
    const lines = (await readFile(path.join(dir, name), 'utf8')).split('\n');
    lines.forEach((text, i) => {
      if (text.trim() !== '') out.push({ id: out.length, source: name, line: i + 1, text });
    });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function timeQueries(questions: BenchQuestion[], run: (q: string) => { source: string; line: number } | undefined) {
  const times: number[] = [];
  let right = 0;
  for (const q of questions) {
    const started = performance.now();
    const top = run(q.q);
    times.push(performance.now() - started);
    if (top && top.source === q.source && top.line === q.line) right++;
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), accuracy: right / questions.length };
}

/**
 * Live memory: the JS heap and the typed arrays' memory, which lives outside it (citebot keeps
 * passage words in typed arrays), after a full collection. V8 hands freed array buffers back off
 * the main thread, so it looks again a moment later: else the builder's buffers would count.
 */
async function heapMb(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc?.();
  // External memory holds what lives outside the JS heap: typed arrays, buffers, and long
  // strings made from files (WordNet's index files were 6 MB of it, unseen by the heap).
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 1024 / 1024;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

async function measure(engine: EngineName, dir: string, questions: BenchQuestion[]): Promise<EngineFigures> {
  const baseHeap = await heapMb();
  const started = performance.now();
  let search: (q: string) => { source: string; line: number } | undefined;
  let holder: LibraryHolder | undefined;
  if (engine === 'citebot') {
    const config = loadConfig({});
    holder = new LibraryHolder(
      (await openLibrary(dir, { ...config, cacheDir: undefined })).library,
      async () => (await openLibrary(dir, { ...config, cacheDir: undefined })).library,
      // The reload is measured, never cut short, whatever its time.
      { deadlineMs: 30 * 60_000 },
    );
    warmUp(holder.current);
    const h = holder;
    search = (q) => {
      try {
        return ask(h.current, q).passages[0];
      } catch {
        return undefined; // a question of stop words only: a miss, like an empty result
      }
    };
  } else if (engine === 'minisearch') {
    // The raw engine as a user would set it up: stop words and stemming, nothing else.
    const paragraphs = await readParagraphs(dir);
    const index = new MiniSearch<Paragraph>({
      fields: ['text'],
      processTerm: (term) => (stop.has(term.toLowerCase()) ? null : stemmer(term.toLowerCase())),
    });
    index.addAll(paragraphs);
    search = (q) => {
      const top = index.search(q)[0];
      return top ? paragraphs[top.id as number] : undefined;
    };
  } else {
    const paragraphs = await readParagraphs(dir);
    const index = lunr(function () {
      this.ref('id');
      this.field('text');
      for (const p of paragraphs) this.add({ id: String(p.id), text: p.text });
    });
    search = (q) => {
      let hits: lunr.Index.Result[];
      try {
        // lunr's query syntax gives meaning to : ~ ^ + -; questions are plain words.
        hits = index.search(q.replace(/[:~^+*-]/g, ' '));
      } catch {
        hits = [];
      }
      const top = hits[0];
      return top ? paragraphs[Number(top.ref)] : undefined;
    };
  }
  const startupMs = performance.now() - started;
  const heap = (await heapMb()) - baseHeap;
  const figures: EngineFigures = { engine, startupMs, heapMb: heap, peakRssMb: 0, ...timeQueries(questions, search) };
  if (holder) {
    // What the bot does after start (src/app/startup.ts): extract quotations, reading every article.
    const readStarted = performance.now();
    await holder.current.quotes();
    figures.backgroundReadMs = performance.now() - readStarted;
    figures.heapAfterReadMb = (await heapMb()) - baseHeap;
    const warm = timeQueries(questions, search);
    figures.warmP50Ms = warm.p50Ms;
    figures.warmP99Ms = warm.p99Ms;
  }

  if (holder) {
    const reloadStarted = performance.now();
    const reloading = holder.reload();
    // Questions keep arriving while the reload runs (one every 2 ms) and are answered from the
    // live library; each is timed from when it was due, so waiting on the rebuild counts.
    const during: number[] = [];
    let done = false;
    void reloading.then(() => (done = true));
    for (let i = 0; !done; i++) {
      const due = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
      const q = questions[i % questions.length] as BenchQuestion;
      search(q.q);
      during.push(performance.now() - due - 2);
    }
    await reloading;
    figures.reloadMs = performance.now() - reloadStarted;
    during.sort((a, b) => a - b);
    figures.reloadP99Ms = percentile(during, 99);
  }
  if (engine === 'citebot') {
    // First open saves the prebuilt index, second loads it: the start of a bot whose corpus did not change.
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'citebot-bench-cache-'));
    const config = loadConfig({});
    await openLibrary(dir, { ...config, cacheDir });
    const started = performance.now();
    const reopened = await openLibrary(dir, { ...config, cacheDir });
    if (!reopened.prebuilt) throw new Error('the prebuilt index was not used');
    figures.prebuiltStartupMs = performance.now() - started;
    await rm(cacheDir, { recursive: true, force: true });
  }
  figures.peakRssMb = peakRss / 1024 / 1024;
  return figures;
}

const [engine, dir, questionsFile] = process.argv.slice(2);
const questions = JSON.parse(await readFile(questionsFile as string, 'utf8')) as BenchQuestion[];
const figures = await measure(engine as EngineName, dir as string, questions);
clearInterval(sampler);
process.stdout.write(JSON.stringify(figures) + '\n');
