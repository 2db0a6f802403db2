/**
 * Sharding (`npm run start:sharded`): the pieces shared by the manager process (`src/app/sharded.ts`)
 * and its shard processes (`src/app/shard.ts`).
 *
 * A shard owns only the guilds Discord routes to it, and each holds its own library, so a
 * /reload received by one shard must reload every shard. It does so over the ShardingManager's
 * IPC channel, with messages of its own (never eval):
 *
 *   asking shard ──reload-all──▶ manager ──reload──▶ every shard (the asking one too)
 *   asking shard ◀─reload-all-done── manager ◀─reloaded── every shard
 *
 * The manager gathers one outcome per shard (a shard that is down, exits, or does not answer in
 * time is a named failure, not a hang) and the asking shard answers the interaction once.
 * Reload requests that arrive while one is running join it, as LibraryHolder.reload() does.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { ShardReloadOutcome } from '../../commands/reload.js';
import { UserError } from '../../platform/errors.js';
import type { ReloadReport } from '../../library/holder.js';
import { newErrorId, type Logger } from '../../platform/log.js';

// ---------------------------------------------------------------------------------------------
// The recommended shard count
// ---------------------------------------------------------------------------------------------

export interface GatewayBotInfo {
  /** The number of shards Discord recommends. */
  readonly shards: number;
  /** How many shards may identify at once (session_start_limit.max_concurrency). */
  readonly maxConcurrency: number;
}

/**
 * Asks `GET /gateway/bot` of the configured API. discord.js's own `totalShards: 'auto'` asks
 * discord.com whatever the client's `rest.api` is, so the manager asks here and passes a number.
 */
export async function fetchGatewayBot(apiUrl: string, token: string): Promise<GatewayBotInfo> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: Math.max(1, info.shards), maxConcurrency: Math.max(1, info.session_start_limit.max_concurrency) };
}

// ---------------------------------------------------------------------------------------------
// The shard processes
// ---------------------------------------------------------------------------------------------

export interface ShardFleetOptions {
  /** The script each shard process runs. */
  readonly file: string;
  readonly token: string;
  readonly gateway: GatewayBotInfo;
  /** Node options for the shard processes (e.g. the tsx loader). */
  readonly execArgv: readonly string[];
  readonly log: Logger;
  /** How long a shard may take to load the index and connect (default 120 s). */
  readonly spawnTimeoutMs?: number;
  /** How long a shard may take to disconnect after the signal before it is killed (default 10 s). */
  readonly stopTimeoutMs?: number;
  readonly reloadTimeoutMs?: number;
}

/** Discord allows `max_concurrency` identifies per 5 s; discord.js's own spawn waits 5.5 s between shards. */
const IDENTIFY_WINDOW_MS = 5500;

/**
 * The shard processes, under discord.js's ShardingManager (process mode), with the /reload
 * routing between them. A shard that dies after the start is started again by discord.js.
 */
export class ShardFleet {
  private readonly manager: ShardingManager;
  private stopping = false;

  constructor(private readonly options: ShardFleetOptions) {
    const { log, gateway } = options;
    const manager = new ShardingManager(options.file, {
      token: options.token,
      totalShards: gateway.shards,
      shardList: Array.from({ length: gateway.shards }, (_, i) => i),
      mode: 'process',
      execArgv: options.execArgv,
      // Off while starting, so a shard that cannot start is not restarted forever.
      respawn: false,
    });
    const router = new ShardReloadRouter({
      shards: () => manager.shards.values(),
      log,
      ...(options.reloadTimeoutMs ? { timeoutMs: options.reloadTimeoutMs } : {}),
    });
    manager.on('shardCreate', (shard) => {
      router.attach(shard);
      shard.on('spawn', (child) => log.debug({ shardId: shard.id, pid: (child as ChildProcess).pid }, 'Started a shard process'));
      shard.on('ready', () => log.info({ shardId: shard.id }, 'Shard connected'));
      shard.on('death', (child) => {
        if (this.stopping) return;
        const { exitCode, signalCode } = child as ChildProcess;
        log.warn({ shardId: shard.id, exitCode, signal: signalCode, respawn: manager.respawn }, 'A shard process exited');
      });
      // Emitted when a restart fails; without a listener EventEmitter would throw it.
      shard.on('error', (error) => log.error({ err: error, shardId: shard.id }, 'Could not restart a shard'));
    });
    this.manager = manager;
  }

  /**
   * Starts every shard, `max_concurrency` at a time, and resolves once all are connected (or
   * `stop` was called). When one cannot start, stops the others and rejects.
   */
  async start(): Promise<void> {
    const { shards, maxConcurrency } = this.options.gateway;
    const timeout = this.options.spawnTimeoutMs ?? 120_000;
    try {
      for (let first = 0; first < shards && !this.stopping; first += maxConcurrency) {
        const group = Array.from({ length: Math.min(maxConcurrency, shards - first) }, (_, i) => first + i);
        const more = first + maxConcurrency < shards;
        await Promise.all([
          ...group.map((id) => this.manager.createShard(id).spawn(timeout)),
          more ? sleep(IDENTIFY_WINDOW_MS) : undefined,
        ]);
      }
    } catch (error) {
      if (this.stopping) return;
      await this.stop('SIGTERM');
      throw error;
    }
    if (!this.stopping) this.manager.respawn = true;
  }

  /** Signals every shard process and resolves once all have exited (killing any that take too long). */
  async stop(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    this.manager.respawn = false;
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000;
    await Promise.all([...this.manager.shards.values()].map((shard) => stopChild(shard.process, signal, timeoutMs)));
  }
}

function stopChild(child: ChildProcess | null, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

// ---------------------------------------------------------------------------------------------
// The messages
// ---------------------------------------------------------------------------------------------

type Outcome = ShardReloadOutcome extends infer O ? (O extends unknown ? Omit<O, 'shard'> : never) : never;

/** Messages carry a `citebot` key, so they never clash with discord.js's own (`_eval`, `_ready`, …). */
export type ShardingMessage =
  /** Shard → manager: reload every shard, please. */
  | { readonly citebot: 'reload-all'; readonly id: string }
  /** Manager → shard: reload yourself. */
  | { readonly citebot: 'reload'; readonly id: string }
  /** Shard → manager: my outcome. */
  | { readonly citebot: 'reloaded'; readonly id: string; readonly outcome: Outcome }
  /** Manager → asking shard: every shard's outcome, by shard id. */
  | { readonly citebot: 'reload-all-done'; readonly id: string; readonly outcomes: readonly ShardReloadOutcome[] };

function isMessage<K extends ShardingMessage['citebot']>(message: unknown, kind: K): message is Extract<ShardingMessage, { citebot: K }> {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { citebot?: unknown }).citebot === kind &&
    typeof (message as { id?: unknown }).id === 'string'
  );
}

// ---------------------------------------------------------------------------------------------
// Manager side
// ---------------------------------------------------------------------------------------------

/** What the router needs of a discord.js `Shard`. */
export interface ShardLink {
  readonly id: number;
  send(message: unknown): Promise<unknown>;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'death', listener: () => void): unknown;
}

export interface ReloadRouterOptions {
  /** Every shard, current or not yet spawned (`[...manager.shards.values()]`). */
  readonly shards: () => Iterable<ShardLink>;
  readonly log: Logger;
  /** How long one shard may take to reload before it is reported as not answering. */
  readonly timeoutMs?: number;
}

export const DEFAULT_SHARD_RELOAD_TIMEOUT_MS = 120_000;

/**
 * The manager's half: answers `reload-all` from any shard by asking every shard to reload and
 * sending back all outcomes. Call `attach` for each shard as it is created.
 */
export class ShardReloadRouter {
  private running: Promise<ShardReloadOutcome[]> | undefined;
  /** Pending answers by `${request id}:${shard id}`. */
  private readonly pending = new Map<string, (outcome: Outcome) => void>();

  constructor(private readonly options: ReloadRouterOptions) {}

  attach(shard: ShardLink): void {
    shard.on('message', (message) => {
      if (isMessage(message, 'reloaded')) {
        this.pending.get(`${message.id}:${shard.id}`)?.(message.outcome);
      } else if (isMessage(message, 'reload-all')) {
        const { id } = message;
        void this.reloadAll().then((outcomes) =>
          shard.send({ citebot: 'reload-all-done', id, outcomes } satisfies ShardingMessage).catch((error: unknown) => {
            this.options.log.warn({ err: error, shardId: shard.id }, 'Could not send the reload outcomes to the shard that asked');
          }),
        );
      }
    });
    shard.on('death', () => {
      for (const [key, settle] of this.pending) {
        if (key.endsWith(`:${shard.id}`)) settle({ ok: false, reason: 'its process exited during the reload', userError: false });
      }
    });
  }

  /** Reloads every shard (joining a reload under way); never rejects. */
  reloadAll(): Promise<ShardReloadOutcome[]> {
    this.running ??= this.reloadEveryShard().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async reloadEveryShard(): Promise<ShardReloadOutcome[]> {
    const id = randomUUID();
    const shards = [...this.options.shards()].sort((a, b) => a.id - b.id);
    this.options.log.info({ shards: shards.map((s) => s.id) }, 'Reloading every shard');
    const outcomes = await Promise.all(
      shards.map(async (shard): Promise<ShardReloadOutcome> => ({ shard: shard.id, ...(await this.reloadShard(shard, id)) })),
    );
    const failed = outcomes.filter((o) => !o.ok).map((o) => o.shard);
    this.options.log.info({ reloaded: outcomes.length - failed.length, shards: outcomes.length, failed }, 'Reloaded the shards');
    return outcomes;
  }

  private reloadShard(shard: ShardLink, id: string): Promise<Outcome> {
    const key = `${id}:${shard.id}`;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_SHARD_RELOAD_TIMEOUT_MS;
    return new Promise<Outcome>((resolve) => {
      const settle = (outcome: Outcome) => {
        if (!this.pending.has(key)) return;
        this.pending.delete(key);
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(
        () => settle({ ok: false, reason: `it did not answer within ${Math.round(timeoutMs / 1000)} s`, userError: false }),
        timeoutMs,
      );
      this.pending.set(key, settle);
      shard
        .send({ citebot: 'reload', id } satisfies ShardingMessage)
        .catch(() => settle({ ok: false, reason: 'it is not running', userError: false }));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Shard side
// ---------------------------------------------------------------------------------------------

/** The shard's end of the IPC channel to the manager. */
export interface ManagerPort {
  send(message: unknown): Promise<void>;
  /** Adds a listener; returns its removal. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/** This process's IPC channel (a process forked by the ShardingManager). */
export function processPort(proc: NodeJS.Process = process): ManagerPort {
  return {
    send: (message) =>
      new Promise<void>((resolve, reject) => {
        if (!proc.send || !proc.connected) {
          reject(new Error('No IPC channel to the sharding manager'));
          return;
        }
        proc.send(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
      }),
    onMessage(listener) {
      proc.on('message', listener);
      return () => proc.off('message', listener);
    },
  };
}

/**
 * The shard's half: reloads this shard's library when the manager asks and answers with the
 * outcome. `reload` returns undefined while the shard is still starting (it reads the articles
 * as they are now anyway). Returns the listener's removal.
 */
export function serveShardReloads(port: ManagerPort, reload: () => Promise<ReloadReport> | undefined, log: Logger): () => void {
  return port.onMessage((message) => {
    if (!isMessage(message, 'reload')) return;
    const { id } = message;
    void (async (): Promise<Outcome> => {
      const started = reload();
      if (!started)
        return { ok: false, reason: 'it is still starting (it reads the articles as they are now when it has started)', userError: false };
      try {
        const report = await started;
        log.info(
          { articles: report.articles, passages: report.passages, ms: report.ms, skipped: report.skipped.length },
          'Reloaded the corpus',
        );
        return { ok: true, report };
      } catch (error) {
        if (error instanceof UserError) {
          log.warn({ reason: error.message }, 'Reload failed; the previous corpus keeps serving');
          return { ok: false, reason: error.message, userError: true };
        }
        const errorId = newErrorId();
        log.error({ err: error, errorId }, 'Reload failed; the previous corpus keeps serving');
        return { ok: false, reason: `an unexpected error (error id ${errorId})`, userError: false };
      }
    })().then((outcome) =>
      port.send({ citebot: 'reloaded', id, outcome } satisfies ShardingMessage).catch((error: unknown) => {
        log.warn({ err: error }, 'Could not send the reload outcome to the sharding manager');
      }),
    );
  });
}

/** Margin over the router's per-shard timeout, so the router's named failures arrive first. */
const REQUEST_MARGIN_MS = 15_000;

/** Asks the manager to reload every shard; resolves with every shard's outcome, in shard order. */
export function requestReloadEverywhere(
  port: ManagerPort,
  timeoutMs = DEFAULT_SHARD_RELOAD_TIMEOUT_MS + REQUEST_MARGIN_MS,
): Promise<ShardReloadOutcome[]> {
  const id = randomUUID();
  return new Promise<ShardReloadOutcome[]>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      stopListening();
    };
    const stopListening = port.onMessage((message) => {
      if (!isMessage(message, 'reload-all-done') || message.id !== id) return;
      finish();
      resolve([...message.outcomes].sort((a, b) => a.shard - b.shard));
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`The sharding manager did not answer a reload request within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    port.send({ citebot: 'reload-all', id } satisfies ShardingMessage).catch((error: unknown) => {
      finish();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The /reload a shard runs
// ---------------------------------------------------------------------------------------------
