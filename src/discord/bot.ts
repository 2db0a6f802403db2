import { Client, Events, GatewayIntentBits, InteractionWebhook } from 'discord.js';
import { COMMAND_HANDLERS, type CommandHandler } from '../commands/index.js';
import type { Config } from '../config.js';
import type { LibraryHolder } from '../library-holder.js';
import type { Logger } from '../log.js';
import { pagingRow } from '../render/discord.js';
import { createDispatcher } from './dispatch.js';
import { PageSessions } from './pages.js';

export interface DiscordBotOptions {
  readonly config: Readonly<Config>;
  readonly holder: LibraryHolder;
  readonly log: Logger;
  readonly handlers?: ReadonlyMap<string, CommandHandler>;
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
  const client = new Client({
    // Slash commands need no privileged intent; Guilds gives the roles the /reload check reads.
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.discordApiUrl },
    // Article text can contain @everyone or <@id>: nothing the bot sends may ping anyone.
    allowedMentions: { parse: [] },
  });
  const pages = new PageSessions(
    config.discord.pageTimeoutSeconds * 1000,
    log,
    (session) => [pagingRow(session.id, session.page, session.pages, true)],
    (target, components) => new InteractionWebhook(client as Client<true>, target.applicationId, target.token).editMessage('@original', { components }),
  );
  const dispatch = createDispatcher({ holder: options.holder, config, log, handlers: options.handlers ?? COMMAND_HANDLERS, pages });

  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.tag, applicationId: ready.application.id, guilds: ready.guilds.cache.size }, 'Connected to Discord');
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord.js error'));
  client.on(Events.Warn, (message) => log.warn({ source: 'discord.js' }, message));
  client.on(Events.Debug, (message) => log.trace({ source: 'discord.js' }, message));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Gateway connection lost; reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'Gateway session resumed'));
  client.on(Events.ShardError, (error, shardId) => log.warn({ err: error, shardId }, 'Gateway error'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ shardId, code: event.code }, 'Gateway disconnected for good'));

  try {
    await client.login(config.discordToken);
  } catch (error) {
    pages.clear();
    await client.destroy();
    throw error;
  }
  return {
    client,
    async stop() {
      pages.clear();
      await client.destroy();
    },
  };
}
