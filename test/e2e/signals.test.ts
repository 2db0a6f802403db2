/**
 * SIGTERM and SIGINT stop the bot cleanly at any moment, whichever process of `npm start` a
 * supervisor signals: npm itself (systemd's default, a terminal's Ctrl-C) or the node process
 * running the bot (pm2, docker with `node dist/app/start.js`). The bot runs compiled, exactly as
 * `npm start` runs it (dist/ is built by the tests' global setup, so no signal lands on tsc),
 * against the local Discord-compatible server, on a corpus large enough that indexing,
 * extracting quotations and reloading each take a few seconds; every case asserts that the signal came while that work was under way (its "done" log line is absent).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnNpmStart, type BotProcess } from '../support/bot-process.js';
import { snowflake, startDiscordServer, type DiscordServer } from '../support/discord-server.js';
import { SEEDS_DIR } from '../support/seeds.js';

/** Copies of the seed articles (quotation-rich): about 1.4 M words, a few seconds of each kind of work. */
const COPIES = 1_000;
const MANAGE_GUILD = String(0x20);

let server: DiscordServer;
let scratch: string;
let corpus: string;
let configFile: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'citebot-signals-'));
  corpus = path.join(scratch, 'articles');
  await mkdir(corpus);
  const seeds = (await readdir(SEEDS_DIR)).filter((name) => name.endsWith('.txt'));
  for (let copy = 0; copy < COPIES; copy++) {
    await Promise.all(
      seeds.map((name) => copyFile(path.join(SEEDS_DIR, name), path.join(corpus, `${String(copy).padStart(4, '0')}_${name}`))),
    );
  }
  configFile = path.join(scratch, 'config.json');
  // A cache of its own: the first start saves the index, later starts load it and get to the moment sooner.
  await writeFile(configFile, JSON.stringify({ indexCacheDir: path.join(scratch, 'cache') }));
  server = await startDiscordServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Moment = 'indexing' | 'extracting quotations' | 'reloading';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `npm start` and resolves once the bot is busy with `moment`, with the pid of the node process. */
async function reach(bot: BotProcess, moment: Moment): Promise<{ nodePid: number; done: string }> {
  const opening = await bot.waitForLog((l) => l.msg === 'Opening the corpus', 60_000);
  const nodePid = Number(opening.pid);
  if (moment === 'indexing') {
    // Reading 3,000 files comes first; half a second in, it is parsing or indexing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { nodePid, done: 'Indexed the corpus' };
  }
  await bot.waitForLog((l) => l.msg === 'Connected to Discord', 60_000);
  if (moment === 'extracting quotations') return { nodePid, done: 'Indexed the quotations' };
  await bot.waitForLog((l) => l.msg === 'Indexed the quotations', 60_000);
  const reload = await server.sendCommand({ name: 'reload', permissions: MANAGE_GUILD, userId: snowflake() });
  expect((await server.waitForCallback(reload.id)).body.type).toBe(5);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { nodePid, done: 'Reloaded the corpus' };
}

describe('signals under npm start', () => {
  it.each<[Moment, 'npm' | 'node', NodeJS.Signals]>([
    ['indexing', 'npm', 'SIGTERM'],
    ['indexing', 'node', 'SIGINT'],
    ['extracting quotations', 'npm', 'SIGTERM'],
    ['extracting quotations', 'node', 'SIGTERM'],
    ['reloading', 'npm', 'SIGINT'],
    ['reloading', 'node', 'SIGTERM'],
  ])(
    'GIVEN the bot is %s WHEN %s gets %s THEN the client is closed and both exit 0',
    async (moment, target, signal) => {
      const connectionsBefore = server.connections.length;
      const bot = spawnNpmStart({
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.apiUrl,
        CORPUS_DIR: corpus,
        CITEBOT_CONFIG: configFile,
        LOG_LEVEL: 'info',
      });
      try {
        const { nodePid, done } = await reach(bot, moment);
        const npmPid = bot.child.pid ?? 0;
        expect(nodePid).not.toBe(npmPid);
        const signalled = performance.now();
        process.kill(target === 'npm' ? npmPid : nodePid, signal);
        const code = await bot.exited;
        const ms = Math.round(performance.now() - signalled);
        console.log(`[signals] ${signal} to ${target} while ${moment}: npm exited ${code} after ${ms} ms`);
        expect(code).toBe(0);
        expect(isAlive(nodePid)).toBe(false);
        const messages = bot.logs().map((l) => l.msg);
        expect(messages).toContain('Shutting down');
        expect(messages).not.toContain(done);
        // A client that had connected said goodbye (close code 1000) rather than vanishing.
        for (const connection of server.connections.slice(connectionsBefore)) expect(connection.closeCode).toBe(1000);
      } finally {
        await bot.stop('SIGKILL');
      }
    },
    120_000,
  );
});
