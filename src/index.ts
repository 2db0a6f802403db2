/**
 * `npm start`: the composition root. Configuration → corpus → index → Discord, or the local
 * console when no DISCORD_TOKEN is set. Logs go to standard error; replies in the console go
 * to standard output.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { withQuotes, type LibraryWithQuotes } from './commands/quote.js';
import { runConsole } from './console.js';
import { ConfigError, loadConfig, PROJECT_ROOT, type Config } from './config.js';
import { loadCorpus } from './corpus/load.js';
import type { DiscordBot } from './discord/bot.js';
import { UserError } from './errors.js';
import { buildLibrary, type Library } from './library.js';
import { LibraryHolder } from './library-holder.js';
import { createLogger, type Logger } from './log.js';

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

  // The quotation index is built with the passage index, so the first /quote is as quick as the rest.
  const build = async (): Promise<Library> => withQuotes(await buildLibrary(await loadCorpus(config.corpusPath, config)));
  let library: Library;
  const started = performance.now();
  try {
    library = await build();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    log.fatal({ corpus: config.corpusPath }, error.message);
    process.exit(1);
  }
  logIndexed(log, library, config, performance.now() - started);
  const holder = new LibraryHolder(library, build);

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

function logIndexed(log: Logger, library: Library, config: Readonly<Config>, ms: number): void {
  const { articles, skipped } = library.corpus;
  const passages = articles.reduce((sum, a) => sum + a.passages.filter((p) => p.kind !== 'boilerplate').length, 0);
  const quotations = (library as Partial<LibraryWithQuotes>).quotes?.quotations.length ?? 0;
  log.info({ corpus: config.corpusPath, articles: articles.length, passages, quotations, skipped: skipped.length, ms: Math.round(ms) }, 'Indexed the corpus');
  for (const file of skipped) log.warn({ source: file.source, reason: file.reason }, 'Skipped a corpus file');
}

await main();
