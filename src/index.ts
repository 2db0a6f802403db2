/**
 * `npm start`: the composition root. Configuration → corpus → index → Discord, or the local
 * console when no DISCORD_TOKEN is set. Logs go to standard error; replies in the console go
 * to standard output.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { warmUp } from './answer/ask.js';
import { runConsole } from './console.js';
import { ConfigError, loadConfig, PROJECT_ROOT, type Config } from './config.js';
import type { DiscordBot } from './discord/bot.js';
import { UserError } from './errors.js';
import type { Library } from './library.js';
import { LibraryHolder } from './library-holder.js';
import { createLogger, type Logger } from './log.js';
import { openLibrary } from './prebuilt.js';
import { watchCorpus } from './watch.js';

async function main(): Promise<void> {
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // ConfigError names keys, never values, so it is safe to print whole.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled promise rejection'));

  let bot: DiscordBot | undefined;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'Shutting down');
    void (bot?.stop() ?? Promise.resolve())
      .catch((error: unknown) => log.warn({ err: error }, 'Error while disconnecting'))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  // At startup a prebuilt index is used when it matches the files exactly, and saved when built;
  // reloads build from the text and do not save (serialising would pause a serving bot).
  const options = { ...config, cacheDir: config.indexCachePath };
  let library: Library;
  const started = performance.now();
  try {
    const opened = await openLibrary(config.corpusPath, options);
    library = opened.library;
    warmUp(library);
    logIndexed(log, library, config, performance.now() - started, opened.prebuilt);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    log.fatal({ corpus: config.corpusPath }, error.message);
    process.exit(1);
  }
  const holder = new LibraryHolder(library, async () => (await openLibrary(config.corpusPath, { ...options, save: false })).library);
  // Quotations are extracted in the background; /quote waits for them, /ask never does.
  library.quotes().then(
    (quotes) => log.info({ quotations: quotes.quotations.length, speakers: quotes.speakers.length }, 'Indexed the quotations'),
    (error: unknown) => log.error({ err: error }, 'Could not index the quotations'),
  );
  if (config.reload.watch) {
    watchCorpus(config.corpusPath, {
      debounceMs: config.reload.debounceMs,
      onChange: () => {
        log.info({ corpus: config.corpusPath }, 'Corpus files changed: reloading');
        holder.reload().then(
          (report) => log.info({ files: report.files.filter((f) => f.change !== 'unchanged'), skipped: report.skipped, passages: report.passages, quotations: report.quotations, ms: report.ms }, 'Reloaded the corpus'),
          (error: unknown) => log.warn({ err: error }, 'Reload after a change failed; the previous corpus keeps serving'),
        );
      },
      onError: (error) => log.warn({ err: error }, 'Cannot watch the corpus folder'),
    });
  }

  if (!config.discordToken) {
    process.stderr.write('No DISCORD_TOKEN set: serving the commands in this console instead (try /help; end input to quit).\n');
    await runConsole({ input: process.stdin, output: process.stdout, holder, config, log, prompt: process.stdin.isTTY === true });
    return;
  }
  // Loaded only when needed: the console never pays for discord.js.
  const { startDiscordBot } = await import('./discord/bot.js');
  try {
    bot = await startDiscordBot({ config, holder, log });
  } catch (error) {
    log.fatal({ err: error, api: config.discordApiUrl }, 'Could not log in to Discord');
    process.exit(1);
  }
}

function logIndexed(log: Logger, library: Library, config: Readonly<Config>, ms: number, prebuilt: boolean): void {
  const { articles, skipped } = library.corpus;
  const passages = articles.reduce((sum, a) => sum + a.passages.filter((p) => p.kind !== 'boilerplate').length, 0);
  log.info({ corpus: config.corpusPath, articles: articles.length, passages, skipped: skipped.length, prebuilt, ms: Math.round(ms) }, 'Indexed the corpus');
  for (const file of skipped) log.warn({ source: file.source, reason: file.reason }, 'Skipped a corpus file');
}

await main();
