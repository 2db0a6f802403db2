/**
 * Compiles src/ to dist/ with tsc when dist/ is missing or older than any source, and does
 * nothing otherwise: `npm start` runs this first (prestart), and an up-to-date check costs a
 * few milliseconds where even an incremental tsc costs seconds. Plain JavaScript, so it runs
 * before anything is compiled. tsc's messages go to standard error: standard output is the
 * console's replies.
 *
 * `--force` (npm run build) builds whatever the times say. `--if-possible` (postinstall) skips the build, with a note, when
 * TypeScript is not installed (`npm ci --omit=dev` over a dist/ built beforehand).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written after each successful build: tsc leaves its own files untouched when nothing changed. */
const STAMP = path.join(ROOT, 'dist', '.built');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestInput(entry) {
  const full = path.join(ROOT, entry);
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(full)) newest = Math.max(newest, newestInput(path.join(entry, name)));
  return newest;
}

const ifPossible = process.argv.includes('--if-possible');
const force = process.argv.includes('--force');
if (!force && existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...INPUTS.map(newestInput))) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // Installed without the dev packages: dist/ was built elsewhere (file times after a copy or a
  // checkout say nothing), and it is what runs.
  if (existsSync(path.join(ROOT, 'dist', 'app', 'start.js'))) {
    if (!ifPossible)
      process.stderr.write('citebot: running dist/ as built (TypeScript is not installed, so src/ cannot be compiled here).\n');
    process.exit(0);
  }
  process.stderr.write(
    ifPossible
      ? 'citebot: TypeScript is not installed, so dist/ was not built; build it with the dev packages (npm ci && npm run build) before installing with --omit=dev.\n'
      : 'citebot: dist/ is missing, and TypeScript is not installed to build it: run npm ci (with the dev packages), then npm run build.\n',
  );
  process.exit(ifPossible ? 0 : 1);
}
// Sources saved while tsc runs are newer than this, so the next start builds again.
const startedAt = new Date();
const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
if (result.status === 0) {
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  utimesSync(STAMP, startedAt, startedAt);
}
process.exit(result.status ?? 1);
