/**
 * Paces reconnections to the Discord gateway. @discordjs/ws retries a lost or refused
 * connection 0.5 s after each failure, for ever; an unreachable gateway then means two attempts
 * (and two log lines) a second until someone notices. Here each attempt after the first of an
 * outage waits twice as long as the one before (1 s, 2 s, 4 s … up to a ceiling), and an outage
 * longer than a bound gives up with a clear error, for the process to exit and its supervisor
 * to decide what next.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocketOptions } from 'discord.js';
import type { Logger } from '../../platform/log.js';

/**
 * The strategy class of the very copy of @discordjs/ws that discord.js runs (its CommonJS
 * build): an ESM `import` of discord.js's re-export loads the package's ESM build beside it, a
 * second copy of the library with state of its own.
 */
const { SimpleShardingStrategy } = createRequire(import.meta.url)('discord.js') as typeof import('discord.js');

export interface ReconnectPolicy {
  /** The longest wait between two attempts. */
  readonly maxDelayMs: number;
  /** How long the gateway may stay unreachable (from the first attempt that failed) before giving up. */
  readonly giveUpAfterMs: number;
}

/** The wait before the second attempt of an outage; each later one doubles it. */
const FIRST_DELAY_MS = 1_000;

/** The gateway stayed unreachable for longer than the policy allows. */
export class GatewayUnreachableError extends Error {
  override readonly name = 'GatewayUnreachableError';
}

interface ShardState {
  /** The shard's next request for its session is the start of a connection attempt. */
  connecting: boolean;
  /** Connection attempts since the shard was last connected. */
  attempts: number;
  /** When the gateway was last lost (performance.now()); undefined while it answers. */
  downSince: number | undefined;
  giveUp: NodeJS.Timeout | undefined;
}

type ShardingStrategyBuilder = NonNullable<WebSocketOptions['buildStrategy']>;
type WsManager = Parameters<ShardingStrategyBuilder>[0];

/** Events of @discordjs/ws's manager (its WebSocketShardEvents), each with the shard's id. */
const SHARD_CLOSED = 'closed';
const SHARD_HELLO = 'hello';
const SHARD_READY = 'ready';
const SHARD_RESUMED = 'resumed';

export class GatewayPacer {
  private readonly shards = new Map<number, ShardState>();
  private stopped = false;
  private readonly abort = new AbortController();
  private failed: (error: GatewayUnreachableError) => void = () => undefined;
  /** Settles when a shard has been unreachable for longer than `giveUpAfterMs`; never rejects. */
  readonly gaveUp: Promise<GatewayUnreachableError>;

  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly log: Logger,
  ) {
    this.gaveUp = new Promise((resolve) => (this.failed = resolve));
  }

  /**
   * The `ws.buildStrategy` option of discord.js's Client: the library's own strategy, with the
   * start of each connection attempt paced. A shard asks for its session at the start of every
   * attempt (and again on every event it receives once connected): the first such request after
   * the shard closed, or ever, is an attempt. The manager's options are a copy made for it and
   * read at each request, so the request is wrapped there.
   */
  readonly buildStrategy: ShardingStrategyBuilder = (manager) => {
    const retrieve = manager.options.retrieveSessionInfo;
    (manager.options as { retrieveSessionInfo: typeof retrieve }).retrieveSessionInfo = async (shardId) => {
      const state = this.stateOf(shardId);
      if (state.connecting) {
        state.connecting = false;
        await this.beforeConnect(shardId);
      }
      return retrieve(shardId);
    };
    const on = manager.on.bind(manager) as unknown as (event: string, listener: (payload: { shardId: number }) => void) => WsManager;
    on(SHARD_CLOSED, ({ shardId }) => (this.stateOf(shardId).connecting = true));
    on(SHARD_HELLO, ({ shardId }) => this.reached(shardId));
    on(SHARD_READY, ({ shardId }) => this.connected(shardId));
    on(SHARD_RESUMED, ({ shardId }) => this.connected(shardId));
    return new SimpleShardingStrategy(manager);
  };

  /** Waits as long as this attempt of an outage should; never returns once stopped or given up. */
  async beforeConnect(shardId: number): Promise<void> {
    if (this.stopped) return never();
    const state = this.stateOf(shardId);
    state.attempts += 1;
    if (state.downSince === undefined) {
      state.downSince = performance.now();
      state.giveUp = setTimeout(() => this.giveUp(shardId), this.policy.giveUpAfterMs);
    }
    if (state.attempts === 1) return;
    const delayMs = Math.min(this.policy.maxDelayMs, FIRST_DELAY_MS * 2 ** (state.attempts - 2));
    this.log.warn(
      { shardId, attempt: state.attempts, delayMs, downForMs: Math.round(performance.now() - state.downSince) },
      'Discord gateway unreachable; trying again',
    );
    try {
      await sleep(delayMs, undefined, { signal: this.abort.signal });
    } catch {
      return never();
    }
  }

  /**
   * The gateway answered (HELLO): it is reachable, so no giving up. Waits keep growing until the
   * shard is connected, so that a gateway that answers and then closes at once is not hammered.
   */
  reached(shardId: number): void {
    const state = this.stateOf(shardId);
    clearTimeout(state.giveUp);
    state.giveUp = undefined;
    state.downSince = undefined;
  }

  /** The shard is connected (READY or RESUMED): the next outage starts afresh. */
  connected(shardId: number): void {
    const state = this.stateOf(shardId);
    clearTimeout(state.giveUp);
    Object.assign(state, { connecting: false, attempts: 0, downSince: undefined, giveUp: undefined });
  }

  /** No more connection attempts (the client is being destroyed); pending ones never resume. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    for (const state of this.shards.values()) clearTimeout(state.giveUp);
  }

  private giveUp(shardId: number): void {
    if (this.stopped) return;
    const seconds = Math.round(this.policy.giveUpAfterMs / 1000);
    const attempts = this.stateOf(shardId).attempts;
    this.stop();
    this.failed(
      new GatewayUnreachableError(
        `Could not reach the Discord gateway for ${seconds} s (${attempts} attempts, shard ${shardId}); giving up.`,
      ),
    );
  }

  private stateOf(shardId: number): ShardState {
    let state = this.shards.get(shardId);
    if (!state) {
      state = { connecting: true, attempts: 0, downSince: undefined, giveUp: undefined };
      this.shards.set(shardId, state);
    }
    return state;
  }
}

/** A promise that never settles: a connection attempt that must not go ahead simply never starts. */
function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}
