/**
 * One shard of `npm run start:sharded`. The ShardingManager in `src/app/sharded.ts` forks this file
 * once per shard with SHARDS / SHARD_COUNT in the environment, which discord.js's Client reads:
 * this process connects to the gateway as that one shard and answers the interactions Discord
 * routes to it. It is `npm start` for one shard, with two differences: the manager has already
 * built and saved the prebuilt index, so this loads it instead of indexing, and /reload reloads
 * every shard through the manager (src/discord/sharding.ts).
 */
import { COMMAND_HANDLERS } from '../commands/index.js';
import type { DiscordBot } from '../transports/discord/bot.js';
import { withReloadEverywhere } from '../commands/reload.js';
import { processPort, requestReloadEverywhere, serveShardReloads } from '../transports/discord/sharding.js';
import type { LibraryHolder } from '../library/holder.js';
import { createLogger } from '../platform/log.js';
import { Scheduler } from '../platform/scheduler.js';
import type { FeedbackStore } from '../feedback/store.js';
import { exitCleanlyOnSignals, exitOnFatal, loadConfigOrExit, openFeedback, openLibraryOrExit, serveLibrary } from './startup.js';

async function main(): Promise<void> {
  if (!process.send || process.env.SHARDS === undefined) {
    process.stderr.write('src/app/shard.ts is started by the sharding manager: run npm run start:sharded.\n');
    process.exit(1);
  }
  const config = loadConfigOrExit();
  const shardId = Number(process.env.SHARDS);
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] }).child({ shard: shardId });
  let bot: DiscordBot | undefined;
  let feedback: FeedbackStore | undefined;
  const stop = exitCleanlyOnSignals(log, async () => {
    await bot?.stop();
    feedback?.close();
  });
  // The manager is gone (even killed outright): a shard must not outlive it.
  process.on('disconnect', stop);

  // Listen before the slow start, so a reload asked for meanwhile is answered ("still starting").
  const port = processPort();
  let holder: LibraryHolder | undefined;
  serveShardReloads(port, () => holder?.reload(), log);
  // The manager saved the prebuilt index before starting the shards: this loads it.
  const scheduler = new Scheduler();
  holder = serveLibrary(await openLibraryOrExit(config, log, scheduler), config, log, scheduler);

  const { startDiscordBot } = await import('../transports/discord/bot.js');
  // Every shard opens the one database; SQLite serialises their writes.
  feedback = openFeedback(config, log);
  try {
    bot = await startDiscordBot({
      ...(feedback ? { feedback } : {}),
      config,
      holder,
      log,
      scheduler,
      handlers: withReloadEverywhere(COMMAND_HANDLERS, () => requestReloadEverywhere(port)),
      onFatal: (error) => exitOnFatal(log, error, () => bot?.stop()),
    });
  } catch (error) {
    log.fatal({ err: error, api: config.discordApiUrl }, 'Could not log in to Discord');
    process.exit(1);
  }
}

await main();
