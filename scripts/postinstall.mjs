/**
 * postinstall: builds dist/ when TypeScript is there to build it (a plain `npm ci`). With
 * --omit=dev and no dist/ it only says so.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (script, ...args) =>
  spawnSync(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, stdio: 'inherit' }).status ?? 1;

process.exit(run('scripts/build.mjs', '--if-possible'));
