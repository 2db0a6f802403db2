/**
 * `npm run bench`: builds the benchmark corpora, measures citebot against the raw engine
 * (MiniSearch with stop words and stemming) and lunr on each, and writes bench/results.json.
 * Each engine runs in a child process of its own so that memory figures are its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchCorpora, type BenchCorpus } from './corpora.js';
import type { EngineFigures, EngineName } from './engine.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ENGINES: readonly EngineName[] = ['citebot', 'minisearch', 'lunr'];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function runEngine(engine: EngineName, corpus: BenchCorpus): EngineFigures {
  const questionsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'citebot-bench-')), 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(corpus.questions));
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(BENCH_DIR, 'engine.ts'), engine, corpus.dir, questionsFile],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as EngineFigures;
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined ? '' : n.toFixed(digits));

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).filter((a) => ['small', 'medium', 'large'].includes(a)) as Array<'small' | 'medium' | 'large'>;
  const corpora = await buildBenchCorpora({ log, ...(sizes.length > 0 ? { sizes } : {}) });
  const results: Record<string, unknown> = {
    node: process.version,
    cpus: os.cpus().length,
    date: new Date().toISOString().slice(0, 10),
    corpora: {},
  };
  const rows: string[] = [];
  rows.push(
    '| corpus | words | engine | startup ms | prebuilt start ms | heap MB | peak RSS MB | p50 ms | p99 ms | read in background ms | heap after it MB | warm p50 ms | warm p99 ms | known-item acc | reload ms | p99 during reload ms |',
  );
  rows.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const corpus of corpora) {
    const figures: Partial<Record<EngineName, EngineFigures>> = {};
    for (const engine of ENGINES) {
      log(`${corpus.name}: ${engine}…`);
      const f = runEngine(engine, corpus);
      figures[engine] = f;
      rows.push(
        `| ${corpus.name} | ${corpus.words} | ${engine} | ${fixed(f.startupMs, 0)} | ${fixed(f.prebuiltStartupMs, 0)} | ${fixed(f.heapMb)} | ${fixed(f.peakRssMb)} | ${fixed(f.p50Ms, 2)} | ${fixed(f.p99Ms, 2)} | ${fixed(f.backgroundReadMs, 0)} | ${fixed(f.heapAfterReadMb)} | ${fixed(f.warmP50Ms, 2)} | ${fixed(f.warmP99Ms, 2)} | ${fixed(f.accuracy * 100)}% | ${fixed(f.reloadMs, 0)} | ${fixed(f.reloadP99Ms, 2)} |`,
      );
    }
    const ours = figures.citebot;
    const raw = figures.minisearch;
    const ratios =
      ours && raw
        ? {
            p50VsRaw: ours.p50Ms / raw.p50Ms,
            p99VsRaw: ours.p99Ms / raw.p99Ms,
            startupVsRaw: ours.startupMs / raw.startupMs,
            heapVsRaw: ours.heapMb / raw.heapMb,
            heapAfterReadVsRaw: (ours.heapAfterReadMb ?? Number.NaN) / raw.heapMb,
            accuracyMinusRaw: ours.accuracy - raw.accuracy,
          }
        : undefined;
    (results.corpora as Record<string, unknown>)[corpus.name] = {
      words: corpus.words,
      files: corpus.files,
      paragraphs: corpus.paragraphs,
      questions: corpus.questions.length,
      figures,
      ratios,
    };
    if (ratios)
      log(
        `${corpus.name}: citebot/raw p50 ×${ratios.p50VsRaw.toFixed(2)}, p99 ×${ratios.p99VsRaw.toFixed(2)}, startup ×${ratios.startupVsRaw.toFixed(2)}, heap ×${ratios.heapVsRaw.toFixed(2)} (×${ratios.heapAfterReadVsRaw.toFixed(2)} after the background reading)`,
      );
  }
  try {
    const { measureInteractionLatency } = (await import('./interaction.js')) as {
      measureInteractionLatency: (n: number) => Promise<{ p50Ms: number; p99Ms: number }>;
    };
    log('Discord interaction round trip…');
    const latency = await measureInteractionLatency(200);
    results.interaction = latency;
    rows.push(
      '',
      `Discord interaction round trip (INTERACTION_CREATE → callback, 200 /ask): p50 ${latency.p50Ms.toFixed(1)} ms, p99 ${latency.p99Ms.toFixed(1)} ms`,
    );
  } catch (error) {
    log(`interaction latency not measured: ${(error as Error).message}`);
  }
  try {
    const { runLoadTest } = await import('./load.js');
    log('Load: 1,000 /ask at once with a /reload halfway…');
    const load = await runLoadTest({ interactions: 1000, log });
    results.load = load;
    rows.push(
      `Load (${load.interactions} /ask from as many users, batches of 50 every 50 ms, /reload halfway, ${load.articles} articles): ` +
        `${load.answered} answered (${load.deferred} of them deferred), ${load.failed} lost, with ${load.hogs} CPU hog(s) beside the bot, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms, ` +
        `peak RSS ${load.peakRssMb.toFixed(1)} MB, reloads ${load.reloads}${load.reloadMs === undefined ? '' : ` (${load.reloadMs} ms)`}`,
    );
  } catch (error) {
    log(`load test not run: ${(error as Error).message}`);
  }
  writeFileSync(path.join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(rows.join('\n') + '\n');
}

await main();
