/**
 * `npm run start:sharded` end to end: the manager is started as users start it (the compiled
 * `dist/app/sharded.js`, configured only by environment) against the Discord-compatible server
 * recommending two shards, and forks two shard processes that each connect through the real
 * discord.js client. Two guilds, one owned by each shard.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/platform/config.js';
import { spawnEntry, type BotProcess, type LogLine } from '../support/bot-process.js';
import { shardIdForGuild, snowflake, startDiscordServer, type DiscordServer, type JsonObject } from '../support/discord-server.js';
import { makeCorpus } from './fixtures.js';

const GOLD = '000_e54da9ff0ce102d3.txt:7';
const MANAGE_GUILD = String(0x20);
const SLOW_MS = 20_000;

/** The manager, in a process group of its own so a failed test can kill it and its shards at once. */
type ManagerProcess = BotProcess;

function startManager(env: Record<string, string>): ManagerProcess {
  return spawnEntry('src/app/sharded.ts', env);
}

/** Two guild ids, the first owned by shard 0 of 2 and the second by shard 1 ((id >> 22) is the timestamp). */
function guildIdsForTwoShards(): [string, string] {
  const now = Date.now();
  const ids = [snowflake(now), snowflake(now + 1)].sort((a, b) => shardIdForGuild(a, 2) - shardIdForGuild(b, 2));
  return [ids[0] ?? '', ids[1] ?? ''];
}

let server: DiscordServer;
let manager: ManagerProcess | undefined;
let corpus: string;
let scratch: string;
const [GUILD_A, GUILD_B] = guildIdsForTwoShards();

function shardLog(shard: number, msg: string): (line: LogLine) => boolean {
  return (line) => line.shard === shard && line.msg === msg;
}

beforeAll(async () => {
  corpus = await makeCorpus();
  // A prebuilt-index folder of its own, so the test sees the manager build it and the shards load it.
  scratch = await mkdtemp(path.join(os.tmpdir(), 'citebot-sharded-'));
  const configFile = path.join(scratch, 'config.json');
  await writeFile(configFile, JSON.stringify({ indexCacheDir: path.join(scratch, 'index') }));
  server = await startDiscordServer({
    shards: 2,
    maxConcurrency: 2,
    heartbeatIntervalMs: 1000,
    guilds: [{ id: GUILD_A }, { id: GUILD_B }],
  });
  manager = startManager({
    DISCORD_TOKEN: server.token,
    DISCORD_API_URL: server.apiUrl,
    CORPUS_DIR: corpus,
    CITEBOT_CONFIG: configFile,
    LOG_LEVEL: 'debug',
  });
  await manager.waitForLog((l) => l.role === 'manager' && l.msg === 'Every shard is connected');
}, 40_000);

afterAll(async () => {
  const child = manager?.child;
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    // Only after a failure: the whole group, manager and shards alike.
    process.kill(-child.pid, 'SIGKILL');
  }
  await server?.close();
  if (corpus) await rm(corpus, { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('npm run start:sharded', () => {
  it('GIVEN /gateway/bot recommends 2 shards THEN the manager builds the index once, both shards load it and identify as [0, 2] and [1, 2]', async () => {
    expect([GUILD_A, GUILD_B].map((id) => shardIdForGuild(id, 2))).toEqual([0, 1]);
    expect(server.requests.some((r) => r.method === 'GET' && r.path === '/v10/gateway/bot')).toBe(true);
    expect(server.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const logs = manager?.logs() ?? [];
    expect(
      logs
        .filter((l) => l.msg === 'Indexed the corpus')
        .map((l) => [l.role ?? l.shard, l.prebuilt])
        .sort(),
    ).toEqual([
      [0, true],
      [1, true],
      ['manager', false],
    ]);
    expect(await readdir(path.join(scratch, 'index'))).toHaveLength(1);
    // Each shard's client logs it once its guilds have arrived, just after the manager heard the shard was ready.
    for (const shard of [0, 1]) await manager?.waitForLog(shardLog(shard, 'Connected to Discord'));
  });

  it('GIVEN /ask in each guild THEN the shard owning the guild answers it with the gold citation', async () => {
    for (const [guildId, shard] of [
      [GUILD_A, 0],
      [GUILD_B, 1],
    ] as const) {
      const sent = await server.sendCommand({
        name: 'ask',
        options: { question: 'which governor gifted the drones' },
        guildId,
        userId: snowflake(),
      });
      expect(sent.shardId).toBe(shard);
      const callback = await server.waitForCallback(sent.id, SLOW_MS);
      expect(callback.body.type).toBe(4);
      expect(callback.body.data?.embeds[0].description).toContain(`\`${GOLD}\``);
      const answered = await manager?.waitForLog((l) => l.msg === 'Answered' && l.interactionId === sent.id);
      expect(answered?.shard).toBe(shard);
    }
  });

  let reloadToken = '';

  it('GIVEN /reload by a Manage Server member in guild A THEN every shard reloads and one reply reports both', async () => {
    await writeFile(path.join(corpus, 'zz_added.txt'), 'Lunar Base Opens\n\nThe lunar base opened on Tuesday with twelve crew members.\n');
    const sent = await server.sendCommand({ name: 'reload', guildId: GUILD_A, userId: snowflake(), permissions: MANAGE_GUILD });
    reloadToken = sent.token;
    expect(sent.shardId).toBe(0);
    expect((await server.waitForCallback(sent.id, SLOW_MS)).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await server.waitForWebhook(sent.token, 'PATCH', { timeoutMs: SLOW_MS });
    const embed: JsonObject = edit.body?.embeds[0];
    expect(embed.title).toBe('Reloaded the articles');
    expect(embed.description).toMatch(
      /^5 articles, \d+ passages, \d+ quotations, in \d+ ms\.\nFiles: 1 added, 0 changed, 0 removed, 4 unchanged\.\nReloaded on 2 of 2 shards\.$/,
    );
    expect(embed.fields).toEqual([{ name: 'Added', value: '`zz_added.txt`' }]);
    const logs = manager?.logs() ?? [];
    for (const shard of [0, 1]) expect(logs.filter(shardLog(shard, 'Reloaded the corpus'))).toHaveLength(1);

    // Shard 1 did not receive the command, yet answers from the new article.
    const ask = await server.sendCommand({
      name: 'ask',
      options: { question: 'when did the lunar base open' },
      guildId: GUILD_B,
      userId: snowflake(),
    });
    expect(ask.shardId).toBe(1);
    expect((await server.waitForCallback(ask.id, SLOW_MS)).body.data?.embeds[0].description).toContain('`zz_added.txt:3`');
  });

  it('GIVEN a shard process dies THEN the manager starts it again and its guild is answered', async () => {
    const logs = manager?.logs() ?? [];
    const pid = logs.find(shardLog(1, 'Connected to Discord'))?.pid;
    if (typeof pid !== 'number') throw new Error('no pid for shard 1');
    process.kill(pid, 'SIGKILL');
    await manager?.waitForLog((l) => l.role === 'manager' && l.msg === 'A shard process exited' && l.shardId === 1);
    await manager?.waitForLog((l) => shardLog(1, 'Connected to Discord')(l) && l.pid !== pid);
    const sent = await server.sendCommand({
      name: 'ask',
      options: { question: 'which governor gifted the drones' },
      guildId: GUILD_B,
      userId: snowflake(),
    });
    expect(sent.shardId).toBe(1);
    expect((await server.waitForCallback(sent.id, SLOW_MS)).body.data?.embeds[0].description).toContain(`\`${GOLD}\``);
  });

  it('GIVEN SIGTERM to the manager THEN every shard disconnects and it exits 0; the reload was answered exactly once and no log line held the token', async () => {
    const running = manager;
    if (!running) throw new Error('no manager');
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    const logs = running.logs();
    expect(logs.some((l) => l.role === 'manager' && l.msg === 'Every shard has stopped')).toBe(true);
    for (const shard of [0, 1]) expect(logs.some(shardLog(shard, 'Shutting down'))).toBe(true);
    const webhooks = server.requests.filter((r) => r.path.startsWith('/v10/webhooks/') && r.path.includes(reloadToken));
    expect(webhooks.map((r) => r.method)).toEqual(['PATCH']);
    expect(running.stderr()).not.toContain(server.token);
  });
});

describe('npm run start:sharded with a corpus folder that does not exist', () => {
  it('THEN the manager says so and exits 1 before asking for shards or starting any', async () => {
    const empty = await startDiscordServer({ shards: 2, maxConcurrency: 2 });
    try {
      const missing = path.join(os.tmpdir(), `citebot-missing-${process.pid}`);
      const failing = startManager({ DISCORD_TOKEN: empty.token, DISCORD_API_URL: empty.apiUrl, CORPUS_DIR: missing, LOG_LEVEL: 'info' });
      expect(await failing.exited).toBe(1);
      expect(failing.logs()).toEqual([
        expect.objectContaining({ level: 30, role: 'manager', msg: 'Opening the corpus' }),
        expect.objectContaining({
          level: 60,
          role: 'manager',
          msg: `The corpus folder ${projectPath(missing)} cannot be read (not found).`,
          corpus: missing,
        }),
      ]);
      expect(empty.requests).toEqual([]);
      expect(empty.identifies).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
