/**
 * `npm run start:sharded`: runs citebot as several gateway shards, one process each, under
 * discord.js's ShardingManager, with the shard count Discord recommends (`GET /gateway/bot` of
 * DISCORD_API_URL). This process only manages: it checks the corpus and builds and saves the
 * prebuilt index once, so every shard (src/app/shard.ts) starts by loading it; starts the shards
 * (as many at once as `max_concurrency` lets identify); routes /reload between them; and on
 * SIGINT/SIGTERM stops every shard and exits 0. A shard that dies later is started again.
 */
import { fileURLToPath } from 'node:url';
import { fetchGatewayBot, ShardFleet, type GatewayBotInfo } from '../transports/discord/sharding.js';
import { createLogger } from '../platform/log.js';
import { loadConfigOrExit, openLibraryOrExit, refuseArguments } from './startup.js';

/** Run as TypeScript (tests and development run src/ with tsx) rather than compiled (dist/). */
const RUN_AS_TYPESCRIPT = import.meta.url.endsWith('.ts');
/** The shard entry beside this file: dist/app/shard.js in production, src/app/shard.ts under tsx. */
const SHARD_FILE = fileURLToPath(new URL(RUN_AS_TYPESCRIPT ? './shard.ts' : './shard.js', import.meta.url));
/** Shards run as this process does: compiled with no loader, or under tsx's loader (by absolute URL so any cwd works). */
const SHARD_EXEC_ARGV = RUN_AS_TYPESCRIPT ? ['--import', import.meta.resolve('tsx')] : [];

async function main(): Promise<void> {
  refuseArguments(process.argv.slice(2), 'npm run start:sharded');
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] }).child({ role: 'manager' });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled promise rejection'));
  const token = config.discordToken;
  if (!token) {
    log.fatal('npm run start:sharded needs DISCORD_TOKEN (see .env.example); npm start without it serves a local console');
    process.exit(1);
  }

  let fleet: ShardFleet | undefined;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'Shutting down');
    void (fleet?.stop(signal) ?? Promise.resolve())
      .catch((error: unknown) => log.warn({ err: error }, 'Error while stopping the shards'))
      .finally(() => {
        log.info('Every shard has stopped');
        process.exit(0);
      });
  };
  // `on`, not `once`: a second Ctrl-C while the shards disconnect must not kill the manager first.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  // Build and save the prebuilt index once, here, so that no shard indexes the corpus itself.
  // This also checks the corpus before any shard starts, so a bad folder fails once, clearly.
  await openLibraryOrExit(config, log);
  if (!config.indexCachePath) log.warn('indexCacheDir is empty, so there is no prebuilt index: every shard indexes the corpus itself');
  if (stopping) return;

  let gateway: GatewayBotInfo;
  try {
    gateway = await fetchGatewayBot(config.discordApiUrl, token);
  } catch (error) {
    log.fatal({ err: error, api: config.discordApiUrl }, 'Could not ask Discord for the recommended shard count');
    process.exit(1);
  }
  if (stopping) return;
  log.info({ shards: gateway.shards, maxConcurrency: gateway.maxConcurrency }, 'Starting the shards Discord recommends');

  fleet = new ShardFleet({ file: SHARD_FILE, token, gateway, execArgv: SHARD_EXEC_ARGV, log });
  try {
    await fleet.start();
  } catch (error) {
    if (stopping) return;
    log.fatal({ err: error }, 'A shard could not start; stopped every shard');
    process.exit(1);
  }
  if (!stopping) log.info({ shards: gateway.shards }, 'Every shard is connected');
}

await main();
