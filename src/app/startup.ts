/**
 * Startup steps shared by `npm start` (src/app/start.ts), each shard (src/app/shard.ts) and the sharding
 * manager (src/app/sharded.ts): configuration, opening the corpus, serving it with reloads.
 */
import { warmUp } from '../answer/ask.js';
import { loadTopics } from '../answer/topics.js';
import { ConfigError, loadConfig, loadEnvFile, type Config } from '../platform/config.js';
import { FeedbackStore } from '../feedback/store.js';
import { UserError } from '../platform/errors.js';
import type { Library } from '../library/library.js';
import { deadlinePerMillionWords, LibraryHolder } from '../library/holder.js';
import type { Logger } from '../platform/log.js';
import type { Scheduler } from '../platform/scheduler.js';
import { openLibrary } from '../library/prebuilt.js';
import { watchCorpus } from '../platform/watch.js';
import { METADATA_FILE } from '../corpus/metadata.js';

/** Loads `.env` and the configuration; on a configuration error prints it (keys, never values) and exits 1. */
/**
 * The bot (`npm start`, `npm run start:sharded`) is configured by the environment and .env alone.
 * An argument it was given would be ignored without a word ("--corpus /news" served seeds/), so
 * it stops and says what to set.
 */
export function refuseArguments(args: readonly string[], command = 'npm start'): void {
  if (args.length === 0) return;
  const help = args.includes('--help') || args.includes('-h');
  const corpusAt = args.indexOf('--corpus');
  const folder = corpusAt >= 0 ? args[corpusAt + 1] : undefined;
  const lines = [
    help
      ? 'npm start serves citebot on Discord when DISCORD_TOKEN is set, else in this console.'
      : `${command} takes no arguments (given: ${args.join(' ')}).`,
    'It is set up by the environment or a .env file (every key in .env.example), for example:',
    `  CORPUS_DIR=${folder ?? '/path/to/articles'} ${command}`,
    'One-off questions from a shell: npm run cli -- ask --corpus <folder> "your question" (npm run cli -- --help).',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(help ? 0 : 2);
}

export function loadConfigOrExit(): Readonly<Config> {
  loadEnvFile();
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/**
 * Opens the corpus (from the prebuilt index when it matches, saving it when built) and logs
 * what was indexed. An unusable corpus stops the process with a clear message rather than
 * starting empty.
 */
export async function openLibraryOrExit(config: Readonly<Config>, log: Logger, scheduler?: Scheduler): Promise<Library> {
  const started = performance.now();
  // A large corpus takes a while: say that it is being read, so an operator does not wait on silence.
  log.info({ corpus: config.corpusPath }, 'Opening the corpus');
  try {
    const opened = await openLibrary(config.corpusPath, { ...config, cacheDir: config.indexCachePath, log, pause: scheduler?.pause });
    const { articles, skipped, metadataProblems = [] } = opened.library.corpus;
    log.info(
      {
        corpus: config.corpusPath,
        articles: articles.length,
        passages: opened.library.index.size,
        skipped: skipped.length,
        prebuilt: opened.prebuilt,
        ms: Math.round(performance.now() - started),
      },
      'Indexed the corpus',
    );
    for (const file of skipped) log.warn({ source: file.source, reason: file.reason }, 'Skipped a corpus file');
    for (const problem of metadataProblems)
      log.warn({ file: METADATA_FILE, ...problem }, 'A problem in the metadata sidecar; the articles load without those details');
    return opened.library;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    log.fatal({ corpus: config.corpusPath }, error.message);
    process.exit(1);
  }
}

/**
 * Serves a library: warms it up, extracts its quotations in the background, and returns the
 * holder that reloads it (from the text, without saving: serialising would pause a serving
 * bot), reloading on file changes too when `reload.watch` is set.
 */
export function serveLibrary(library: Library, config: Readonly<Config>, log: Logger, scheduler?: Scheduler): LibraryHolder {
  warmUp(library);
  const holder = new LibraryHolder(
    library,
    async (signal) =>
      (
        await openLibrary(config.corpusPath, {
          ...config,
          cacheDir: config.indexCachePath,
          save: false,
          signal,
          log,
          pause: scheduler?.pause,
        })
      ).library,
    { deadlineMs: deadlinePerMillionWords(config.reload.timeoutSeconds * 1000) },
  );
  // /quote waits for the quotations; /ask never does.
  library.quotes().then(
    (quotes) => log.info({ quotations: quotes.quotations.length, speakers: quotes.speakers.length }, 'Indexed the quotations'),
    (error: unknown) => log.error({ err: error }, 'Could not index the quotations'),
  );
  const topicsStarted = performance.now();
  loadTopics(library.corpus, scheduler?.pause).then(
    (topics) =>
      log.info(
        { topics: topics.byKey.length, ms: Math.round(performance.now() - topicsStarted) },
        'Read the topics to suggest while typing',
      ),
    (error: unknown) => log.error({ err: error }, 'Could not read the topics to suggest while typing'),
  );
  library.suggestions().then(
    (questions) => log.info({ questions }, 'Found questions to suggest'),
    (error: unknown) => log.error({ err: error }, 'Could not find questions to suggest'),
  );
  if (config.reload.watch) {
    watchCorpus(config.corpusPath, {
      debounceMs: config.reload.debounceMs,
      alsoNames: [METADATA_FILE],
      onChange: () => {
        log.info({ corpus: config.corpusPath }, 'Corpus files changed: reloading');
        holder.reload().then(
          (report) =>
            log.info(
              {
                files: report.files.filter((f) => f.change !== 'unchanged'),
                skipped: report.skipped,
                metadataProblems: report.metadataProblems,
                passages: report.passages,
                quotations: report.quotations,
                ms: report.ms,
              },
              'Reloaded the corpus',
            ),
          (error: unknown) => log.warn({ err: error }, 'Reload after a change failed; the previous corpus keeps serving'),
        );
      },
      onError: (error) => log.warn({ err: error }, 'Cannot watch the corpus folder'),
    });
  }
  return holder;
}

/**
 * The votes store for 👍/👎 under answers, or undefined when feedback is off (`feedback.path`
 * empty): then no vote buttons are worth showing. Never fails: a database that cannot be opened
 * gives a store that logs it once and answers `unavailable`.
 */
export function openFeedback(config: Pick<Config, 'feedbackPath'>, log: Logger): FeedbackStore | undefined {
  if (config.feedbackPath === undefined) {
    log.info('Feedback is off (feedback.path is empty)');
    return undefined;
  }
  return new FeedbackStore(config.feedbackPath, log);
}

/** The longest a shutdown waits for the client to disconnect before exiting anyway. */
const SHUTDOWN_DEADLINE_MS = 4_000;

/**
 * Stops cleanly on SIGINT/SIGTERM (and on `extraEvents`, e.g. a shard's manager going away):
 * runs `stop` once, then exits 0. `on`, not `once`: a second Ctrl-C while disconnecting must
 * not kill the process half-way.
 */
export function exitCleanlyOnSignals(log: Logger, stop: () => Promise<void>): () => void {
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'Shutting down');
    // Supervisors wait a few seconds before SIGKILL (docker 10 s, systemd 90 s, pm2 1.6 s after SIGINT):
    // a disconnect that hangs (gateway unreachable) must not turn a clean stop into a kill.
    setTimeout(() => {
      log.warn({ ms: SHUTDOWN_DEADLINE_MS }, 'Disconnecting took too long; exiting without waiting for it');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void stop()
      .catch((error: unknown) => log.warn({ err: error }, 'Error while disconnecting'))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled promise rejection'));
  return () => shutdown('requested');
}

const FATAL_EXIT_GRACE_MS = 5_000;

/** Logs why the bot lost Discord for good, disconnects, and exits 1 (a supervisor restarts it). */
export function exitOnFatal(log: Logger, error: Error, stop: () => Promise<void> | undefined): void {
  log.fatal({ err: error }, error.message);
  // Disconnecting can itself hang (a shard destroyed mid-handshake): the exit must not wait on it for long.
  setTimeout(() => process.exit(1), FATAL_EXIT_GRACE_MS).unref();
  void Promise.resolve(stop())
    .catch((stopError: unknown) => log.warn({ err: stopError }, 'Error while disconnecting'))
    .finally(() => process.exit(1));
}
