/**
 * One shard of `npm run start:sharded`. The ShardingManager in `src/sharded.ts` forks this file
 * once per shard with SHARDS / SHARD_COUNT in the environment, which discord.js's Client reads:
 * this process connects to the gateway as that one shard and answers the interactions Discord
 * routes to it. It is `npm start` for one shard, with two differences: the manager has already
 * built and saved the prebuilt index, so this loads it instead of indexing, and /reload reloads
 * every shard through the manager (src/discord/sharding.ts).
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { warmUp } from './answer/ask.js';
import { COMMAND_HANDLERS } from './commands/index.js';
import { ConfigError, loadConfig, PROJECT_ROOT, type Config } from './config.js';
import type { DiscordBot } from './discord/bot.js';
import { processPort, requestReloadEverywhere, serveShardReloads, shardedHandlers } from './discord/sharding.js';
import { UserError } from './errors.js';
import type { Library } from './library.js';
import { LibraryHolder } from './library-holder.js';
import { createLogger } from './log.js';
import { openLibrary } from './prebuilt.js';
import { watchCorpus } from './watch.js';

async function main(): Promise<void> {
  if (!process.send || process.env.SHARDS === undefined) {
    process.stderr.write('src/shard.ts is started by the sharding manager: run npm run start:sharded.\n');
    process.exit(1);
  }
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const shardId = Number(process.env.SHARDS);
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] }).child({ shard: shardId });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled promise rejection'));

  let bot: DiscordBot | undefined;
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'Shutting down');
    void (bot?.stop() ?? Promise.resolve())
      .catch((error: unknown) => log.warn({ err: error }, 'Error while disconnecting'))
      .finally(() => process.exit(0));
  };
  // `on`, not `once`: Ctrl-C signals the whole process group and the manager forwards it too,
  // and a second signal must not kill the shard mid-disconnect.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // The manager is gone (even killed outright): a shard must not outlive it.
  process.on('disconnect', () => shutdown('sharding manager disconnected'));

  // Listen before the slow start, so a reload asked for meanwhile is answered ("still starting").
  const port = processPort();
  let holder: LibraryHolder | undefined;
  serveShardReloads(port, () => holder?.reload(), log);

  const options = { ...config, cacheDir: config.indexCachePath };
  let library: Library;
  const started = performance.now();
  try {
    const opened = await openLibrary(config.corpusPath, options);
    library = opened.library;
    warmUp(library);
    const { articles, skipped } = library.corpus;
    const passages = articles.reduce((sum, a) => sum + a.passages.filter((p) => p.kind !== 'boilerplate').length, 0);
    log.info(
      { corpus: config.corpusPath, articles: articles.length, passages, skipped: skipped.length, prebuilt: opened.prebuilt, ms: Math.round(performance.now() - started) },
      'Indexed the corpus',
    );
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    log.fatal({ corpus: config.corpusPath }, error.message);
    process.exit(1);
  }
  holder = new LibraryHolder(library, async () => (await openLibrary(config.corpusPath, { ...options, save: false })).library);
  const live = holder;
  library.quotes().then(
    (quotes) => log.info({ quotations: quotes.quotations.length, speakers: quotes.speakers.length }, 'Indexed the quotations'),
    (error: unknown) => log.error({ err: error }, 'Could not index the quotations'),
  );
  if (config.reload.watch) {
    // Every shard watches the folder and reloads itself; no coordination is needed.
    watchCorpus(config.corpusPath, {
      debounceMs: config.reload.debounceMs,
      onChange: () => {
        log.info({ corpus: config.corpusPath }, 'Corpus files changed: reloading');
        live.reload().then(
          (report) => log.info({ files: report.files.filter((f) => f.change !== 'unchanged'), skipped: report.skipped, passages: report.passages, ms: report.ms }, 'Reloaded the corpus'),
          (error: unknown) => log.warn({ err: error }, 'Reload after a change failed; the previous corpus keeps serving'),
        );
      },
      onError: (error) => log.warn({ err: error }, 'Cannot watch the corpus folder'),
    });
  }

  const { startDiscordBot } = await import('./discord/bot.js');
  try {
    bot = await startDiscordBot({
      config,
      holder: live,
      log,
      handlers: shardedHandlers(COMMAND_HANDLERS, () => requestReloadEverywhere(port)),
    });
  } catch (error) {
    log.fatal({ err: error, api: config.discordApiUrl }, 'Could not log in to Discord');
    process.exit(1);
  }
}

await main();
