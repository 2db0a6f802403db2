import { Client, Events, GatewayIntentBits, InteractionWebhook, type RateLimitData } from 'discord.js';
import { ACTION_HANDLERS, COMMAND_HANDLERS, type ActionHandler, type CommandHandler } from '../../commands/index.js';
import type { FeedbackSink } from '../../feedback/types.js';
import type { Config } from '../../platform/config.js';
import type { LibraryHolder } from '../../library/holder.js';
import type { Logger } from '../../platform/log.js';
import type { Scheduler } from '../../platform/scheduler.js';
import { disableComponents, pagingRow } from './render.js';
import { createDispatcher } from './dispatch.js';
import { GatewayPacer } from './gateway.js';
import { PageSessions } from './pages.js';

export interface DiscordBotOptions {
  readonly config: Readonly<Config>;
  readonly holder: LibraryHolder;
  readonly log: Logger;
  readonly handlers?: ReadonlyMap<string, CommandHandler>;
  /** What action buttons call, by name; the product's own by default. */
  readonly actions?: ReadonlyMap<string, ActionHandler>;
  /** Where 👍 / 👎 on answers are kept; without it answers have no vote buttons. */
  readonly feedback?: FeedbackSink;
  /** The process's scheduler, told about queued commands so that a reload waits for them. */
  readonly scheduler?: Scheduler;
  /**
   * Called once the bot has lost Discord for good after logging in (the gateway unreachable for
   * longer than `discord.reconnectGiveUpSeconds`, or closed with a code that cannot be resumed);
   * the process should log it and exit. Before login, such a failure rejects startDiscordBot.
   */
  readonly onFatal?: (error: Error) => void;
}

export interface DiscordBot {
  readonly client: Client;
  /** Disconnects from the gateway and stops every timer. */
  stop(): Promise<void>;
}

/**
 * Logs in to Discord (or the Discord-compatible API at `config.discordApiUrl`; discord.js asks
 * it for the gateway address) and answers slash commands until stopped. Resolves once logged in.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, log } = options;
  if (!config.discordToken) throw new Error('startDiscordBot needs config.discordToken');
  const pacer = new GatewayPacer(
    { maxDelayMs: config.discord.reconnectMaxDelaySeconds * 1000, giveUpAfterMs: config.discord.reconnectGiveUpSeconds * 1000 },
    log,
  );
  const logRateLimit = rateLimitLogger(log);
  const client = new Client({
    // Slash commands need no privileged intent; Guilds gives the roles the /reload check reads.
    intents: [GatewayIntentBits.Guilds],
    rest: {
      api: config.discordApiUrl,
      // Asked before every rate-limit wait, including the 429s that the REST `rateLimited` event
      // misses (interaction callbacks, a route's first 429); false means wait, as by default.
      rejectOnRateLimit: (limit) => {
        logRateLimit(limit);
        return false;
      },
    },
    ws: { buildStrategy: pacer.buildStrategy },
    // Article text can contain @everyone or <@id>: nothing the bot sends may ping anyone.
    allowedMentions: { parse: [] },
  });
  const pages = new PageSessions(
    config.discord.pageTimeoutSeconds * 1000,
    log,
    (session) => (session.rows ? disableComponents(session.rows) : [pagingRow(session.id, session.page, session.pages, true)]),
    (target, components) =>
      new InteractionWebhook(client as Client<true>, target.applicationId, target.token).editMessage('@original', { components }),
  );
  const dispatch = createDispatcher({
    holder: options.holder,
    config,
    log,
    handlers: options.handlers ?? COMMAND_HANDLERS,
    actions: options.actions ?? ACTION_HANDLERS,
    pages,
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
  });

  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.tag, applicationId: ready.application.id, guilds: ready.guilds.cache.size }, 'Connected to Discord');
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord.js error'));
  client.on(Events.Warn, (message) => log.warn({ source: 'discord.js' }, message));
  client.on(Events.Debug, (message) => log.trace({ source: 'discord.js' }, message));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Gateway connection lost; reconnecting'));
  client.on(Events.ShardReady, (shardId) => log.info({ shardId }, 'Gateway session ready'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'Gateway session resumed'));
  client.on(Events.ShardError, (error, shardId) => log.warn({ err: error, shardId }, 'Gateway error'));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    log.warn({ shardId, code: event.code }, 'Gateway disconnected for good');
    if (loggedIn)
      options.onFatal?.(new Error(`Discord closed the gateway connection of shard ${shardId} for good (close code ${event.code}).`));
  });

  let loggedIn = false;
  const stop = async () => {
    pacer.stop();
    pages.clear();
    await client.destroy();
  };
  const login = client.login(config.discordToken);
  // A login that never reaches the gateway does not reject by itself: the pacer's deadline ends it.
  login.catch(() => undefined);
  const outcome = await Promise.race([login.then(() => undefined), pacer.gaveUp]).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  if (outcome) {
    await stop();
    throw outcome;
  }
  loggedIn = true;
  void pacer.gaveUp.then((error) => options.onFatal?.(error));
  return { client, stop };
}

/** Rate-limit waits below this are routine (a burst of edits) and logged at debug; longer ones warn. */
const NOTABLE_RATE_LIMIT_MS = 1_000;

/**
 * Logs each rate-limit wait once: discord.js may ask about one wait twice (on the 429, then
 * before retrying), and every request queued behind a global limit asks too. The route is
 * logged, never the URL (an interaction's URL holds its token).
 */
function rateLimitLogger(log: Logger): (limit: RateLimitData) => void {
  const waitingUntil = new Map<string, number>();
  return (limit) => {
    const waitMs = Math.max(0, Math.round(Math.max(limit.retryAfter, limit.timeToReset)));
    const key = limit.global ? 'global' : `${limit.method.toUpperCase()} ${limit.route}`;
    const now = Date.now();
    if ((waitingUntil.get(key) ?? 0) > now) return;
    waitingUntil.set(key, now + waitMs);
    if (waitingUntil.size > 1_000) for (const [k, until] of waitingUntil) if (until <= now) waitingUntil.delete(k);
    const fields = { global: limit.global, scope: limit.scope, method: limit.method.toUpperCase(), route: limit.route, waitMs };
    if (waitMs >= NOTABLE_RATE_LIMIT_MS || limit.global) log.warn(fields, 'Waiting out a Discord rate limit');
    else log.debug(fields, 'Waiting out a Discord rate limit');
  };
}
