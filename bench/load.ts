/**
 * Load test: a burst of /ask interactions with a /reload in the middle, end to end. Starts the
 * Discord-compatible test server and the bot as users start it (the compiled `dist/app/start.js`, configured
 * only by environment) on a temporary corpus big enough that a reload takes a moment (the seed
 * articles plus the `small` benchmark corpus), then sends `interactions` /ask commands from as
 * many different users, in batches sent at once without waiting for answers, and an admin's
 * /reload once half of them are out.
 *
 * The server enforces Discord's 3-second deadline for the first response, as Discord does, so
 * an interaction the bot answers too late is refused (10062 "Unknown interaction") and counts
 * as lost. Answered: the callback was accepted and carries a citation (`FILE:LINE`), or the
 * bot deferred it (accepted callback type 5) and then edited the deferred reply with one; the
 * second kind is also counted as deferred. Lost: no answer within 10 s, or one without a
 * citation (an error or a refusal). Latency is from sending INTERACTION_CREATE to the answer's
 * arrival (the callback, or the edit of a deferred one). Peak memory is the bot process's
 * VmHWM. The prebuilt-index cache is turned off for the bot (through CITEBOT_CONFIG), so that
 * the run leaves nothing in .cache.
 *
 * A busy machine is part of the test: `hogs` processes (default 1) spin on the CPU beside the
 * bot for the whole run, as other work on a shared host would.
 *
 * CLI: `npx tsx bench/load.ts [N] [HOGS]` prints the figures as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBot, type BotProcess } from '../test/support/bot-process.js';
import { SEEDS_DIR } from '../test/support/seeds.js';
import { snowflake, startDiscordServer, type DiscordServer, type RecordedRequest } from '../test/support/discord-server.js';
import { buildBenchCorpora } from './corpora.js';

/** Questions the seed articles answer with a citation. */
const QUESTIONS = [
  'who gifted the drones',
  'where did Kim Jong Un meet Putin',
  'what did James O’Brien say about Russia',
  'which weapons did Russia show Kim',
  'what did Kim receive from the governor of Primorye',
];
/** How long an interaction may go without a first response before it counts as lost. */
const ANSWER_TIMEOUT_MS = 10_000;
/**
 * How long a deferred one may wait for its edit. Discord accepts it for 15 minutes; discord.js
 * sends edits at most 50 a second (its global limit, which Discord does not apply to interaction
 * webhooks), so a burst of 1,000 deferred answers takes about 20 s to deliver.
 */
const DEFERRED_ANSWER_TIMEOUT_MS = 60_000;
const CALLBACK = /^\/v\d+\/interactions\/(\d+)\/[^/]+\/callback$/;
const CITATION = /`[^`\s]+\.txt:\d+(?:-\d+)?`/;
/** The Manage Server permission, which /reload asks for. */
const MANAGE_GUILD = '32';

export interface LoadOptions {
  /** /ask interactions to send (default 1000). */
  readonly interactions?: number;
  /** Interactions sent at once, without waiting for answers (default 50). */
  readonly batchSize?: number;
  /** Pause between batches (default 50 ms: 1,000 interactions a second at the default batch size). */
  readonly batchIntervalMs?: number;
  /** Progress messages (default: none). */
  readonly log?: (message: string) => void;
  /** More environment for the bot, e.g. NODE_OPTIONS=--max-old-space-size=256 to see how it fares with less memory. */
  readonly botEnv?: Readonly<Record<string, string>>;
  /** Processes spinning on the CPU beside the bot for the whole run (default 1). */
  readonly hogs?: number;
  /** The corpus folder to serve (default: the seeds and the `small` benchmark corpus, built if missing). */
  readonly corpusDir?: string;
  /** Whether to send a /reload halfway (default true). */
  readonly reload?: boolean;
}

export interface LoadFigures {
  readonly interactions: number;
  /** Answered with a citation, at once or by editing a deferred reply. */
  readonly answered: number;
  /** Of the answered, those the bot deferred first and answered by editing. */
  readonly deferred: number;
  /** No answer within 10 s, or an answer without a citation: lost. */
  readonly failed: number;
  /** Why the failed ones failed, e.g. {"Unknown interaction (late)": 3}. */
  readonly failures: Readonly<Record<string, number>>;
  /** From INTERACTION_CREATE to the accepted callback, over the answered ones. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The bot process's peak resident memory (VmHWM). */
  readonly peakRssMb: number;
  /** Reloads that completed and reported (the deferred reply was edited with the report). */
  readonly reloads: number;
  /** The reload's own duration as it reported it. */
  readonly reloadMs: number | undefined;
  /** From sending /reload to its report. */
  readonly reloadRoundTripMs: number | undefined;
  /** Articles in the corpus. */
  readonly articles: number;
  /** From the first interaction sent to the last answer. */
  readonly wallMs: number;
  /** CPU hogs that ran beside the bot. */
  readonly hogs: number;
}

interface Pending {
  readonly sentAt: number;
  answeredAt?: number;
  outcome?: string;
  deferred?: boolean;
}

/** Processes that keep a CPU core busy until killed. */
function startHogs(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

/**
 * A corpus folder that takes a moment to reload: the seeds and the `small` benchmark corpus
 * (built if missing), or, when that cannot be built, the seeds copied 200 times.
 */
async function makeLoadCorpus(log: (message: string) => void): Promise<{ dir: string; articles: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-load-'));
  const seeds = (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt'));
  for (const name of seeds) await copyFile(path.join(SEEDS_DIR, name), path.join(dir, name));
  let articles = seeds.length;
  try {
    const [small] = await buildBenchCorpora({ sizes: ['small'], log });
    if (!small) throw new Error('no corpus returned');
    for (const name of (await readdir(small.dir)).filter((n) => n.endsWith('.txt'))) {
      await copyFile(path.join(small.dir, name), path.join(dir, name));
      articles++;
    }
  } catch (error) {
    log(`The small benchmark corpus is not available (${(error as Error).message}); using 200 copies of the seeds`);
    for (let copy = 1; copy <= 200; copy++) {
      for (const name of seeds) await copyFile(path.join(SEEDS_DIR, name), path.join(dir, `copy${String(copy).padStart(3, '0')}_${name}`));
      articles += seeds.length;
    }
  }
  return { dir, articles };
}

/** Disables the prebuilt-index cache for the bot (config by environment: CITEBOT_CONFIG names an override file). */
async function writeConfigOverride(dir: string): Promise<string> {
  const file = path.join(dir, 'config.json');
  await writeFile(file, JSON.stringify({ indexCacheDir: '' }));
  return file;
}

/**
 * The pid of the node process running the bot: every log line carries it; failing that, the
 * spawned process's child (when a wrapper started it), from /proc.
 */
async function botPid(bot: BotProcess): Promise<number> {
  const logged = bot.logs().find((l) => typeof l.pid === 'number')?.pid;
  if (typeof logged === 'number') return logged;
  const spawned = bot.child.pid ?? 0;
  try {
    const children = (await readFile(`/proc/${spawned}/task/${spawned}/children`, 'utf8')).trim().split(/\s+/u);
    return Number(children[0]) || spawned;
  } catch {
    return spawned;
  }
}

/** The bot's peak resident memory in MB, from /proc (Linux); 0 where there is no /proc. */
async function peakRssMb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `onRequest` once for every REST request the server records, right when it is recorded:
 * a single waiter whose probe never matches (so it is called on every change), reading the
 * requests past a cursor. One waiter instead of a thousand `waitForCallback`s, each of which
 * would scan every request on every change. Returns a function that stops it.
 */
function watchRequests(server: DiscordServer, onRequest: (request: RecordedRequest, at: number) => void): () => void {
  let cursor = 0;
  let stopped = false;
  const drain = () => {
    const now = performance.now();
    while (cursor < server.requests.length) onRequest(server.requests[cursor++]!, now);
  };
  server
    .waitForRequest(() => {
      if (!stopped) drain();
      return stopped;
    }, 2_147_483_647)
    .catch(() => undefined);
  return () => {
    drain();
    stopped = true;
  };
}

/** Sends the burst and the reload against a running server and bot; see the file comment. */
async function burst(
  server: DiscordServer,
  options: { interactions: number; batchSize: number; batchIntervalMs: number; reload: boolean },
  log: (message: string) => void,
) {
  const pending = new Map<string, Pending>();
  const byToken = new Map<string, Pending>();
  let reload: { id: string; token: string; sentAt: number; reportedAt?: number; report?: string } | undefined;
  const stop = watchRequests(server, (request, at) => {
    const callback = CALLBACK.exec(request.path);
    if (callback && request.method === 'POST') {
      const entry = pending.get(callback[1] ?? '');
      if (!entry || entry.outcome === 'answered') return;
      if (request.status >= 300) {
        // Rejected (e.g. 10062 after the deadline): discord.js may still try again (an apology).
        const kind = (request.body as { type?: number } | null)?.type === 5 ? 'deferral' : 'answer';
        entry.outcome ??= `${(request.response as { message?: string } | null)?.message ?? request.status} (HTTP ${request.status}, ${kind})`;
        return;
      }
      const body = request.body as { type?: number; data?: { content?: string; embeds?: Array<{ description?: string }> } } | null;
      if (body?.type === 5) {
        entry.deferred = true;
        return;
      }
      const data = body?.data;
      const cited = CITATION.test(data?.embeds?.[0]?.description ?? '');
      entry.answeredAt = at;
      entry.outcome = cited ? 'answered' : `no citation: ${(data?.content || data?.embeds?.[0]?.description || '').slice(0, 60)}`;
      return;
    }
    const edit = /^\/v\d+\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(request.path);
    const editing = edit && request.method === 'PATCH' ? byToken.get(edit[1] ?? '') : undefined;
    if (editing?.deferred && editing.outcome === undefined) {
      const embed = (request.body as { content?: string; embeds?: Array<{ description?: string }> } | null)?.embeds?.[0];
      editing.answeredAt = at;
      editing.outcome =
        request.status < 300 && CITATION.test(embed?.description ?? '') ? 'answered' : `edit without citation (HTTP ${request.status})`;
      return;
    }
    if (reload && request.method === 'PATCH' && request.status < 300 && request.path.includes(reload.token)) {
      const embed = (request.body as { embeds?: Array<{ title?: string; description?: string }> } | null)?.embeds?.[0];
      if (embed?.title === 'Reloaded the articles') {
        reload.reportedAt = at;
        reload.report = embed.description;
      }
    }
  });

  const started = performance.now();
  try {
    for (let sent = 0; sent < options.interactions; sent += options.batchSize) {
      if (options.reload && reload === undefined && sent >= options.interactions / 2) {
        const sentAt = performance.now();
        const interaction = await server.sendCommand({ name: 'reload', permissions: MANAGE_GUILD, userId: snowflake() });
        reload = { id: interaction.id, token: interaction.token, sentAt };
        log(`/reload sent after ${sent} interactions`);
      }
      const batch = Array.from({ length: Math.min(options.batchSize, options.interactions - sent) }, (_, i) => sent + i);
      await Promise.all(
        batch.map(async (n) => {
          const sentAt = performance.now();
          const interaction = await server.sendCommand({
            name: 'ask',
            options: { question: QUESTIONS[n % QUESTIONS.length] ?? '' },
            userId: snowflake(),
          });
          const entry: Pending = { sentAt };
          pending.set(interaction.id, entry);
          byToken.set(interaction.token, entry);
        }),
      );
      if (options.batchIntervalMs > 0) await sleep(options.batchIntervalMs);
    }
    // Wait until every interaction is settled (answered, or given up on after its 10 s, 60 s when deferred).
    const deadline = performance.now() + DEFERRED_ANSWER_TIMEOUT_MS;
    const timeoutOf = (p: Pending) => (p.deferred ? DEFERRED_ANSWER_TIMEOUT_MS : ANSWER_TIMEOUT_MS);
    while (performance.now() < deadline) {
      const open = [...pending.values()].some((p) => p.outcome === undefined && performance.now() - p.sentAt < timeoutOf(p));
      if (!open && (reload === undefined || reload.reportedAt !== undefined)) break;
      await sleep(20);
    }
    if (reload && reload.reportedAt === undefined) {
      // A reload on a big corpus may outlast the burst: give it its own time.
      const until = performance.now() + 60_000;
      while (reload.reportedAt === undefined && performance.now() < until) await sleep(50);
    }
  } finally {
    stop();
  }
  return { pending, reload, started };
}

/** Runs the load test; see the file comment. */
export async function runLoadTest(options: LoadOptions = {}): Promise<LoadFigures> {
  const settings = {
    interactions: options.interactions ?? 1000,
    batchSize: options.batchSize ?? 50,
    batchIntervalMs: options.batchIntervalMs ?? 50,
    reload: options.reload ?? true,
  };
  const log = options.log ?? (() => undefined);
  const ownCorpus = options.corpusDir === undefined;
  const corpus =
    options.corpusDir !== undefined
      ? { dir: options.corpusDir, articles: (await readdir(options.corpusDir)).filter((n) => n.endsWith('.txt')).length }
      : await makeLoadCorpus(log);
  const hogCount = options.hogs ?? 1;
  let hogs: ChildProcess[] = [];
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'citebot-load-config-'));
  const server = await startDiscordServer();
  let bot: BotProcess | undefined;
  try {
    bot = await startBot({
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      CORPUS_DIR: corpus.dir,
      CITEBOT_CONFIG: await writeConfigOverride(configDir),
      LOG_LEVEL: 'info',
      ...options.botEnv,
    });
    const pid = await botPid(bot);
    // A few answers first, so the figures are the steady state rather than the first answer's.
    for (const question of QUESTIONS) {
      const sent = await server.sendCommand({ name: 'ask', options: { question }, userId: snowflake() });
      await server.waitForCallback(sent.id, 10_000);
    }
    hogs = startHogs(hogCount);
    log(
      `${corpus.articles} articles, ${hogCount} CPU hog(s); sending ${settings.interactions} /ask in batches of ${settings.batchSize} every ${settings.batchIntervalMs} ms${settings.reload ? ', /reload halfway' : ''}`,
    );
    const { pending, reload, started } = await burst(server, settings, log);
    for (const hog of hogs) hog.kill('SIGKILL');

    const latencies: number[] = [];
    let deferred = 0;
    const failures: Record<string, number> = {};
    let lastAnswer = started;
    for (const entry of pending.values()) {
      if (entry.outcome === 'answered' && entry.answeredAt !== undefined) {
        latencies.push(entry.answeredAt - entry.sentAt);
        if (entry.deferred) deferred++;
        lastAnswer = Math.max(lastAnswer, entry.answeredAt);
      } else {
        const reason =
          entry.outcome ??
          (entry.deferred
            ? `deferred, no edit within ${DEFERRED_ANSWER_TIMEOUT_MS / 1000} s`
            : `no callback within ${ANSWER_TIMEOUT_MS / 1000} s`);
        failures[reason] = (failures[reason] ?? 0) + 1;
      }
    }
    latencies.sort((a, b) => a - b);
    const reloadMs = /in (\d+) ms\./.exec(reload?.report ?? '')?.[1];
    return {
      interactions: pending.size,
      answered: latencies.length,
      deferred,
      failed: pending.size - latencies.length,
      failures,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies[latencies.length - 1] ?? 0,
      peakRssMb: await peakRssMb(pid),
      reloads: reload?.reportedAt !== undefined ? 1 : 0,
      reloadMs: reloadMs === undefined ? undefined : Number(reloadMs),
      reloadRoundTripMs: reload?.reportedAt !== undefined ? reload.reportedAt - reload.sentAt : undefined,
      articles: corpus.articles,
      wallMs: lastAnswer - started,
      hogs: hogCount,
    };
  } finally {
    for (const hog of hogs) hog.kill('SIGKILL');
    await bot?.stop();
    await server.close();
    if (ownCorpus) await rm(corpus.dir, { recursive: true, force: true });
    await rm(configDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1000);
  const hogs = Number(process.argv[3] ?? 1);
  const figures = await runLoadTest({
    interactions: Number.isInteger(n) && n > 0 ? n : 1000,
    hogs: Number.isInteger(hogs) && hogs >= 0 ? hogs : 1,
    log: (m) => process.stderr.write(`[load] ${m}\n`),
  });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
