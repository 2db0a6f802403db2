/**
 * A small driver for timing and profiling /ask on a bench corpus (built by `npm run bench` first):
 * `node --expose-gc [--cpu-prof] --import tsx bench/profile-ask.ts [size]`, REPS=n for more warm passes.
 * Prints build and startup time, heap after start and after the questions, and per question CPU time, p50, p99 of the bench questions
 * right after start (cold: no passage read yet) and asked again (warm). Faster than `npm run bench`,
 * which also measures reloads and the other engines.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ask, warmUp } from '../src/answer/ask.js';
import { loadConfig } from '../src/platform/config.js';
import { openLibrary } from '../src/library/prebuilt.js';

const size = process.argv[2] ?? 'medium';
const dir = path.join('bench/corpora', size);
const manifest = JSON.parse(await readFile(path.join('bench/corpora', `${size}.manifest.json`), 'utf8')) as {
  questions: { q: string; source: string; line: number }[];
};
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
/** The JS heap and what lives outside it (typed arrays, buffers, strings read from files), as `npm run bench` counts. */
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
const base = used();
const t = performance.now();
const { library } = await openLibrary(dir, { ...loadConfig({}), cacheDir: undefined });
const buildMs = performance.now() - t;
warmUp(library);
const startupMs = performance.now() - t;
gc?.();
const heapMb = (used() - base) / 1048576;
const run = () => {
  const times: number[] = [];
  const cpu = process.cpuUsage();
  let right = 0;
  for (const q of manifest.questions) {
    const s = performance.now();
    let top;
    try {
      top = ask(library, q.q).passages[0];
    } catch {
      // A refused question (UserError) counts as a miss, timed all the same.
    }
    times.push(performance.now() - s);
    if (top && top.source === q.source && top.line === q.line) right++;
  }
  times.sort((a, b) => a - b);
  const p = (x: number) => times[Math.min(times.length - 1, Math.floor((times.length * x) / 100))]!.toFixed(2);
  const used = process.cpuUsage(cpu);
  return `cpu/q ${((used.user + used.system) / 1000 / times.length).toFixed(2)} p50 ${p(50)} p99 ${p(99)} mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(2)} acc ${right}/${manifest.questions.length}`;
};
const cold = run();
const reps = Number(process.env.REPS ?? 1);
let warm = '';
for (let i = 0; i < reps; i++) warm = run();
gc?.();
const heapAfterMb = (used() - base) / 1048576;
console.log(
  `build ${buildMs.toFixed(0)} startup ${startupMs.toFixed(0)} heap ${heapMb.toFixed(1)}MB (${heapAfterMb.toFixed(1)}MB after the questions) | cold ${cold} | warm ${warm}`,
);
