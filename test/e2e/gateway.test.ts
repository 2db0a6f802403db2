/**
 * The gateway going away, end to end: the bot process against the local Discord-compatible
 * server with its gateway down (every WebSocket connection reset). Attempts are spaced
 * further and further apart, and after `discord.reconnectGiveUpSeconds` the bot says why and
 * exits 1, instead of retrying every half second for ever.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnBot, startBot, type BotProcess, type LogLine } from '../support/bot-process.js';
import { snowflake, startDiscordServer, type DiscordServer } from '../support/discord-server.js';

let server: DiscordServer;
let bot: BotProcess | undefined;
let dir: string;
let configFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-e2e-gateway-'));
  configFile = path.join(dir, 'citebot.json');
  // Short bounds, so that the whole outage fits in a test: waits of 1 s, then 2 s, giving up after 6 s.
  await writeFile(configFile, JSON.stringify({ discord: { reconnectMaxDelaySeconds: 2, reconnectGiveUpSeconds: 6 } }));
  server = await startDiscordServer({ heartbeatIntervalMs: 1000 });
});

afterEach(async () => {
  await bot?.stop('SIGKILL');
  bot = undefined;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return { DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, CITEBOT_CONFIG: configFile, LOG_LEVEL: 'info' };
}

/** The waits the bot announced before its attempts, in order. */
function announcedDelays(logs: readonly LogLine[]): number[] {
  return logs.filter((l) => l.msg === 'Discord gateway unreachable; trying again').map((l) => l.delayMs as number);
}

/** Each wait doubles from 1 s up to the 2 s ceiling. */
function expectBackoff(delays: readonly number[]): void {
  expect(delays.length).toBeGreaterThanOrEqual(2);
  expect(delays).toEqual(delays.map((_, i) => Math.min(2000, 1000 * 2 ** i)));
}

describe('a gateway that cannot be reached', () => {
  it(
    'GIVEN the gateway is down at start THEN attempts back off, and after the bound the bot says why and exits 1',
    { timeout: 60_000 },
    async () => {
      server.setGatewayDown(true);
      bot = spawnBot(env());
      expect(await bot.exited).toBe(1);
      const logs = bot.logs();
      const delays = announcedDelays(logs);
      expectBackoff(delays);
      // One attempt before the first wait and at most one after each: not two a second.
      expect(server.refusedGatewayConnections).toBeGreaterThanOrEqual(delays.length);
      expect(server.refusedGatewayConnections).toBeLessThanOrEqual(delays.length + 1);
      const fatal = logs.find((l) => l.level === 60);
      expect(fatal?.msg).toBe('Could not log in to Discord');
      expect((fatal?.err as { message?: string } | undefined)?.message).toMatch(
        /^Could not reach the Discord gateway for 6 s \(\d+ attempts, shard 0\); giving up\.$/,
      );
      expect(bot.stderr()).not.toContain(server.token);
    },
  );

  it(
    'GIVEN the gateway goes down while connected THEN the same backoff, and the bot exits 1 with the reason',
    { timeout: 60_000 },
    async () => {
      bot = await startBot(env());
      server.setGatewayDown(true);
      server.dropConnections();
      expect(await bot.exited).toBe(1);
      const logs = bot.logs();
      expectBackoff(announcedDelays(logs));
      expect(logs.filter((l) => l.level === 60).map((l) => l.msg)).toEqual([
        expect.stringMatching(/^Could not reach the Discord gateway for 6 s \(\d+ attempts, shard 0\); giving up\.$/),
      ]);
    },
  );

  it(
    'GIVEN the gateway comes back within the bound THEN the bot connects again and answers, and does not give up',
    { timeout: 60_000 },
    async () => {
      bot = await startBot(env());
      server.setGatewayDown(true);
      server.dropConnections();
      const down = await bot.waitForLog((l) => l.msg === 'Discord gateway unreachable; trying again');
      server.setGatewayDown(false);
      // A reset connection ends the session: the bot identifies again, after discord.js's ~5 s identify throttle.
      // The session that counts is one made after the bot found the gateway down: the first session's
      // ready can be logged after the test's own clock read the drop, and the command then went unheard.
      await bot.waitForLog((l) => l.msg === 'Gateway session ready' && (l.time as number) > (down.time as number), 30_000);
      const sent = await server.sendCommand({ name: 'help', userId: snowflake() });
      expect((await server.waitForCallback(sent.id)).body.type).toBe(4);
      // Past the bound, still running: being back reset the outage.
      const gaveUp = bot
        .waitForLog((l) => l.level === 60, 6_000)
        .then(
          () => true,
          () => false,
        );
      expect(await gaveUp).toBe(false);
      expect(bot.child.exitCode).toBeNull();
    },
  );

  it(
    'GIVEN Discord closes the gateway with a code that cannot be resumed (4004, the token was reset) THEN the bot says so and exits 1',
    { timeout: 60_000 },
    async () => {
      bot = await startBot(env());
      server.dropConnections(4004);
      expect(await bot.exited).toBe(1);
      expect(
        bot
          .logs()
          .filter((l) => l.level === 60)
          .map((l) => l.msg),
      ).toEqual(['Discord closed the gateway connection of shard 0 for good (close code 4004).']);
      expect(bot.stderr()).not.toContain(server.token);
    },
  );
});
