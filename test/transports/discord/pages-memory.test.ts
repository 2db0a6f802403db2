/**
 * Paging keeps references, not replies: a /sources of a 10,000-article corpus must cost the
 * same few hundred bytes as an /ask. Thousands of /sources go through the real discord.js
 * client against the local Discord-compatible server, and the heap is checked after garbage
 * collection.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/platform/config.js';
import { loadCorpus } from '../../../src/corpus/load.js';
import { startDiscordBot, type DiscordBot } from '../../../src/transports/discord/bot.js';
import { buildLibrary } from '../../../src/library/library.js';
import { LibraryHolder } from '../../../src/library/holder.js';
import { createLogger } from '../../../src/platform/log.js';
import { snowflake, startDiscordServer, type DiscordServer } from '../../support/discord-server.js';
import { article } from '../../support/temp-corpus.js';

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('/sources on a large corpus', () => {
  const ARTICLES = 10_000;
  const SOURCES = 2_000;
  let dir: string;
  let server: DiscordServer;
  let bot: DiscordBot;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-many-'));
    for (let i = 0; i < ARTICLES; i += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, j) =>
          writeFile(
            path.join(dir, `${String(i + j).padStart(5, '0')}.txt`),
            article(
              `Report number ${i + j} on the harbour works`,
              `The council met on day ${i + j} and agreed to repair the pier and the old lighthouse before winter.`,
            ),
          ),
        ),
      );
    }
    const config = loadConfig({});
    const library = await buildLibrary(await loadCorpus(dir, config));
    server = await startDiscordServer();
    const botConfig = { ...loadConfig({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl }) };
    bot = await startDiscordBot({
      config: { ...botConfig, discord: { ...botConfig.discord, cooldownSeconds: 0 } },
      holder: new LibraryHolder(library, async () => library),
      log: silent,
    });
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`GIVEN ${SOURCES} /sources of ${ARTICLES} articles THEN every one is paged and the heap after GC grows by a few MB, not by the lists`, async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heapAfterGc = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // The server records every request and message; dropped as we go so only the bot's memory is measured.
    const forgetServerRecords = () => {
      server.requests.length = 0;
      server.messages.clear();
    };
    const send = async (count: number) => {
      for (let sent = 0; sent < count; sent += 25) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(25, count - sent) }, () => server.sendCommand({ name: 'sources', userId: snowflake() })),
        );
        for (const interaction of batch) {
          const callback = await server.waitForCallback(interaction.id, 30_000);
          // On a busy machine the bot defers (type 5) and answers by editing: the buttons are then in the edit.
          const data =
            callback.body.type === 5
              ? (await server.waitForWebhook(interaction.token, 'PATCH', { timeoutMs: 30_000 })).body
              : callback.body.data;
          expect(data?.components?.[0]?.components?.[1]?.label).toBe(`1 / ${ARTICLES / 10}`);
        }
        forgetServerRecords();
      }
    };
    await send(100);
    const before = heapAfterGc();
    let peak = before;
    for (let round = 0; round < SOURCES / 100 - 1; round++) {
      await send(100);
      if (round % 4 === 0) peak = Math.max(peak, heapAfterGc());
    }
    const after = heapAfterGc();
    peak = Math.max(peak, after);
    console.log(
      `[pages] heap after GC: ${(before / 2 ** 20).toFixed(0)} MB after 100 /sources, ${(after / 2 ** 20).toFixed(0)} MB after ${SOURCES}, peak ${(peak / 2 ** 20).toFixed(0)} MB`,
    );
    // Kept whole, each list would be about 2 MB: 2,000 of them gigabytes.
    expect(after - before).toBeLessThan(48 * 2 ** 20);
  }, 600_000);
});
