/**
 * Builds dist/ once before any test file runs, when a source is newer than the last build. The
 * tests that run citebot as users do (`npm start`, `npm run deploy`) start the compiled code;
 * their npm pre-scripts then find it up to date instead of running tsc side by side.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/platform/config.js';

export default function setup(): void {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('Building dist/ failed (node scripts/build.mjs); see the messages above.');
}
