/**
 * Discord interaction round trip: starts the Discord-compatible test server and the bot as
 * users start it (the compiled `dist/app/start.js` on the seed articles), sends /ask interactions one at a
 * time and measures from sending INTERACTION_CREATE on the gateway to receiving the bot's
 * interaction callback over REST. Both ends run on this machine, so the figure is the bot's
 * own latency (discord.js parsing, the answer, rendering, the REST call), not Discord's.
 *
 * CLI: `npx tsx bench/interaction.ts [N]` prints `{"n", "p50Ms", "p99Ms", "meanMs"}`.
 */
import { pathToFileURL } from 'node:url';
import { startBot } from '../test/support/bot-process.js';
import { snowflake, startDiscordServer } from '../test/support/discord-server.js';

const QUESTIONS = [
  'who gifted the drones',
  'where did Kim Jong Un meet Putin',
  'what did James O’Brien say about the summit',
  'which weapons did Russia show Kim',
  'how long was the trip',
];
const WARMUP = 5;

export interface InteractionLatency {
  readonly n: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** p50/p99 of `n` sequential /ask round trips (after a few unmeasured warm-up ones). */
export async function measureInteractionLatency(n: number): Promise<InteractionLatency> {
  const server = await startDiscordServer();
  const bot = await startBot({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, LOG_LEVEL: 'info' }).catch(
    async (error: unknown) => {
      await server.close();
      throw error;
    },
  );
  const samples: number[] = [];
  try {
    for (let i = 0; i < WARMUP + n; i++) {
      const started = performance.now();
      // A new user each time: the per-user cooldown is part of the product, not of this measure.
      const sent = await server.sendCommand({
        name: 'ask',
        options: { question: QUESTIONS[i % QUESTIONS.length] ?? '' },
        userId: snowflake(),
      });
      await server.waitForCallback(sent.id, 10_000);
      if (i >= WARMUP) samples.push(performance.now() - started);
    }
  } finally {
    await bot.stop();
    await server.close();
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(q * samples.length) - 1))] ?? 0;
  return { n: samples.length, p50Ms: at(0.5), p99Ms: at(0.99), meanMs: samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 200);
  process.stdout.write(`${JSON.stringify(await measureInteractionLatency(Number.isInteger(n) && n > 0 ? n : 200))}\n`);
}
