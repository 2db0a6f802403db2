/**
 * Starts citebot as a child process, configured only by environment, for end-to-end tests and
 * the interaction benchmark: the compiled entry point run by node (`spawnBot`, `spawnEntry`;
 * the tests' global setup builds dist/ when a source is newer), or exactly as users and
 * supervisors do, `npm start` (`spawnNpmStart`).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/platform/config.js';
import { compiledEntry } from './run.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to standard output / error so far. */
  stdout(): string;
  stderr(): string;
  /** Standard error's JSON log lines so far (other lines skipped). */
  logs(): LogLine[];
  /** Resolves with the first log line (past or future) matching `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Every setting citebot reads from the environment, blank. Tests start from this so that a
 * developer's `.env` cannot change them (dotenv never overrides a variable that is set, and
 * citebot reads an empty one as unset) — above all, cannot connect a test to the real Discord.
 */
export const BLANK_ENV: Readonly<Record<string, string>> = {
  DISCORD_TOKEN: '',
  DISCORD_CLIENT_ID: '',
  DISCORD_GUILD_ID: '',
  DISCORD_API_URL: '',
  CORPUS_DIR: '',
  LOG_LEVEL: '',
  CITEBOT_CONFIG: '',
};

/** Spawns the bot with exactly `env` over BLANK_ENV (plus PATH and HOME). */
export function spawnBot(env: Record<string, string>): BotProcess {
  return spawnEntry('src/app/start.ts', env);
}

/**
 * Spawns an entry point of the project (`src/app/start.ts`, `src/app/sharded.ts`) as its npm script
 * does, configured only by environment, in a process group of its own so that `stop` ends it
 * and its children at once.
 */
export function spawnEntry(script: string, env: Record<string, string>): BotProcess {
  // Votes go to a database of the test's own, never to the project's .data/.
  const votes = { FEEDBACK_DB: path.join(os.tmpdir(), `citebot-votes-${randomBytes(6).toString('hex')}.sqlite`) };
  return spawnCommand(process.execPath, [compiledEntry(script)], { ...votes, ...env }, script);
}

/**
 * Runs `npm start --silent` in the project folder, as a supervisor would, configured only by
 * environment. npm builds dist/ first when it is out of date (prestart), then runs the bot.
 */
export function spawnNpmStart(env: Record<string, string>): BotProcess {
  return spawnCommand('npm', ['start', '--silent'], env, 'npm start');
}

function spawnCommand(command: string, args: readonly string[], env: Record<string, string>, script: string): BotProcess {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...BLANK_ENV, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // A process group of its own, so that stop() reaches any child it starts (npm's, the shards).
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const listener of [...listeners]) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs = (): LogLine[] =>
    stderr.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    });
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    logs,
    waitForLog(predicate, timeoutMs = 20_000) {
      return new Promise<LogLine>((resolve, reject) => {
        const check = () => {
          const found = logs().find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Timed out waiting for a log line. Standard error so far:\n${stderr.slice(-3000)}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`${script} exited before the expected log line. Standard error:\n${stderr.slice(-3000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        // The whole process group: npm (and a shard manager) run the bot as a child, which a SIGKILL of the parent alone would orphan.
        try {
          if (child.pid === undefined) throw new Error('no pid');
          process.kill(-child.pid, signal);
        } catch {
          child.kill(signal);
        }
      }
      return exited;
    },
  };
}

/** Starts the bot against a Discord-compatible server and resolves once it has connected (needs LOG_LEVEL info or lower: it waits for the log line). */
export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const bot = spawnBot(env);
  try {
    await bot.waitForLog((line) => line.msg === 'Connected to Discord');
  } catch (error) {
    await bot.stop('SIGKILL');
    throw error;
  }
  return bot;
}
