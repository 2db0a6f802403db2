/**
 * `npm start`: the composition root. Configuration → corpus → index → Discord, or the local
 * console when no DISCORD_TOKEN is set. Logs go to standard error (readable lines in a terminal,
 * JSON otherwise); replies in the console go to standard output (bold in a terminal).
 */
import { runConsole } from '../transports/console.js';
import type { DiscordBot } from '../transports/discord/bot.js';
import { createLogger } from '../platform/log.js';
import { exitWhenOutputCloses } from '../platform/output.js';
import { Scheduler } from '../platform/scheduler.js';
import {
  exitCleanlyOnSignals,
  exitOnFatal,
  loadConfigOrExit,
  openFeedback,
  openLibraryOrExit,
  refuseArguments,
  serveLibrary,
} from './startup.js';
import type { FeedbackStore } from '../feedback/store.js';

async function main(): Promise<void> {
  refuseArguments(process.argv.slice(2));
  const config = loadConfigOrExit();
  // A person at a terminal reads log lines; a pipe or a file gets JSON lines for programs.
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken], format: process.stderr.isTTY ? 'human' : 'json' });
  let bot: DiscordBot | undefined;
  let feedback: FeedbackStore | undefined;
  exitCleanlyOnSignals(log, async () => {
    await bot?.stop();
    feedback?.close();
  });

  // One scheduler per process: commands queued in Discord hold back a reload's background slices.
  const scheduler = new Scheduler();
  const holder = serveLibrary(await openLibraryOrExit(config, log, scheduler), config, log, scheduler);

  if (!config.discordToken) {
    process.stderr.write('No DISCORD_TOKEN set: serving the commands in this console instead (try /help; end input to quit).\n');
    exitWhenOutputCloses();
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      holder,
      log,
      prompt: process.stdin.isTTY === true,
      ansi: process.stdout.isTTY === true,
    });
    return;
  }
  // Loaded only when needed: the console never pays for discord.js.
  const { startDiscordBot } = await import('../transports/discord/bot.js');
  feedback = openFeedback(config, log);
  try {
    bot = await startDiscordBot({
      config,
      holder,
      log,
      scheduler,
      ...(feedback ? { feedback } : {}),
      onFatal: (error) => exitOnFatal(log, error, () => bot?.stop()),
    });
  } catch (error) {
    log.fatal({ err: error, api: config.discordApiUrl }, 'Could not log in to Discord');
    process.exit(1);
  }
}

await main();
