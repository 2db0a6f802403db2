/**
 * postinstall: builds dist/ when TypeScript is there to build it (a plain `npm ci`), then makes
 * the compact word-vector table once (dist/search/prepare-word-vectors.js), so that the first
 * start does not spend seconds and a gigabyte reading the vectors' JSON. With --omit=dev and no
 * dist/ it only says so; without the table (install scripts skipped) the first start makes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (script, ...args) => spawnSync(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, stdio: 'inherit' }).status ?? 1;

const built = run('scripts/build.mjs', '--if-possible');
if (built !== 0) process.exit(built);
if (existsSync(path.join(ROOT, 'dist', 'search', 'prepare-word-vectors.js'))) process.exit(run('dist/search/prepare-word-vectors.js'));
