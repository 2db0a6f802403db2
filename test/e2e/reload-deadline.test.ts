/**
 * A reload past its deadline, end to end: with `reload.timeoutSeconds` far below what a reload
 * takes, every /reload asked for while one runs is answered, each with the same reason, and the
 * articles from before keep serving. (Before the deadline existed, a reload stuck on a FIFO was
 * never answered, and every later /reload joined it.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../support/bot-process.js';
import { snowflake, startDiscordServer, type DiscordServer } from '../support/discord-server.js';

let server: DiscordServer;
let bot: BotProcess;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-e2e-deadline-'));
  const configFile = path.join(dir, 'citebot.json');
  // One millisecond: no reload of the seeds finishes in time.
  await writeFile(configFile, JSON.stringify({ reload: { timeoutSeconds: 0.001 } }));
  server = await startDiscordServer();
  bot = await startBot({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, CITEBOT_CONFIG: configFile, LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('/reload past its deadline', () => {
  it('GIVEN two /reload at once THEN both deferred replies are edited with the reason, and the old articles keep answering', async () => {
    const reload = () => server.sendCommand({ name: 'reload', userId: snowflake(), permissions: String(0x20) });
    const [first, second] = await Promise.all([reload(), reload()]);
    const reason =
      'The reload took longer than 1 ms and was stopped; the articles from before keep serving. Check the corpus folder and try again.';
    for (const sent of [first, second]) {
      expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 64 } });
      expect((await server.waitForWebhook(sent.token, 'PATCH')).body?.content).toBe(reason);
    }
    // The log lines come through the bot's standard output, which may trail its HTTP requests.
    const givenUp = 'Reload given up at its deadline; the previous corpus keeps serving';
    await bot.waitForLog((l) => l.msg === givenUp && bot.logs().filter((m) => m.msg === givenUp).length >= 2);
    expect(
      bot
        .logs()
        .filter((l) => l.msg === givenUp)
        .map((l) => [l.level, l.reason]),
    ).toEqual([
      [40, reason],
      [40, reason],
    ]);
    const asked = await server.sendCommand({ name: 'ask', options: { question: 'which governor gifted the drones' }, userId: snowflake() });
    expect((await server.waitForCallback(asked.id)).body.data?.embeds[0].description).toContain('000_e54da9ff0ce102d3.txt:7');
  });
});
