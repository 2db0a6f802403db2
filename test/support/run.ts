import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/platform/config.js';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The compiled file of a project entry point (`src/app/cli.ts` → `dist/app/cli.js`): the global
 * setup builds dist/ once, and node starts it in a fraction of the time a transpiler takes.
 */
export function compiledEntry(script: string): string {
  if (!/^src\/.+\.ts$/.test(script)) throw new Error(`Not a source entry point: ${script}`);
  return path.join(PROJECT_ROOT, 'dist', script.slice('src/'.length).replace(/\.ts$/, '.js'));
}

/** Runs a project entry point (e.g. `src/app/cli.ts`), compiled, with only the given environment. */
export function runScript(script: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand(process.execPath, [compiledEntry(script), ...args], options);
}

export interface RunOptions {
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a command in the project folder with only the given environment (plus PATH and HOME), to its end. */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
