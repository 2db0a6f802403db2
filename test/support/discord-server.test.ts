/**
 * Proves the fake Discord server is good enough for the real, unmodified discord.js client:
 * if these pass, bot end-to-end tests exercise discord.js itself, not a mock of it.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DiscordServer, shardIdForGuild, snowflake, startDiscordServer } from './discord-server.js';

const CALLBACK_PATH = /^\/v10\/interactions\/\d+\/[^/]+\/callback$/;

let server: DiscordServer;
let clients: Client[] = [];

async function startClient(options: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl }, ...options });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(server.token);
  await ready;
  return client;
}

/** Runs `fn` on the next interaction; the returned promise rejects if the handler throws, so no bot error goes unseen. */
function handleNext<T>(client: Client, fn: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      fn(interaction).then(resolve, reject);
    });
  });
}

beforeEach(async () => {
  server = await startDiscordServer({ heartbeatIntervalMs: 200 });
});

afterEach(async () => {
  // Clients first: a live client would keep reconnecting to the closed server.
  await Promise.all(clients.map((client) => client.destroy()));
  clients = [];
  await server.close();
});

describe('gateway', () => {
  it('identifies and reaches ClientReady from READY + GUILD_CREATE', async () => {
    const client = await startClient();

    expect(client.user?.id).toBe(server.botUser.id);
    expect(client.application?.id).toBe(server.applicationId);
    const guild = client.guilds.cache.get(server.guild.id);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(server.guild.textChannelId)?.isTextBased()).toBe(true);
    expect(guild?.roles.everyone.id).toBe(server.guild.id);
    expect(guild?.members.me?.id).toBe(server.botUser.id);

    expect(server.identifies).toHaveLength(1);
    expect(server.identifies[0]).toMatchObject({ token: server.token, intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    expect(server.connections).toEqual([
      expect.objectContaining({ query: { v: '10', encoding: 'json' }, shard: [0, 1], ready: true, open: true }),
    ]);
    const gatewayBot = server.requests.find((r) => r.path === '/v10/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${server.token}`);
  });

  it('acknowledges heartbeats, so discord.js never declares the connection a zombie', async () => {
    const client = await startClient();
    const heartbeats = () => server.gatewayMessages.filter((m) => m.op === 1);
    // @discordjs/ws replaces a heartbeat with a reconnect when the previous one was not acked,
    // so a second heartbeat on the same connection proves the first ACK arrived.
    await server.waitForGatewayMessage(() => heartbeats().length >= 2);
    expect(new Set(heartbeats().map((m) => m.connectionId)).size).toBe(1);
    expect(server.gatewayMessages.some((m) => m.op === 6)).toBe(false);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('lets a dropped client RESUME and replays the interaction sent while it was away', async () => {
    const client = await startClient();
    const sessionId = server.connections[0]?.sessionId;
    const resumed = once(client, Events.ShardResume);
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply('still here');
    });

    server.dropConnections();
    const sent = await server.sendCommand({ name: 'ping' });

    const resume = await server.waitForGatewayMessage((m) => m.op === 6);
    expect(resume.d).toMatchObject({ token: server.token, session_id: sessionId });
    expect(await resumed).toEqual([0, expect.any(Number)]);
    await handled;
    expect((await server.waitForCallback(sent.id)).body).toMatchObject({ type: 4, data: { content: 'still here' } });
    // Resumed, not re-identified.
    expect(server.identifies).toHaveLength(1);

    // And the session keeps working afterwards.
    const again = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply('after resume');
    });
    const later = await server.sendCommand({ name: 'ping' });
    await again;
    expect((await server.waitForCallback(later.id)).body.data?.content).toBe('after resume');
  });

  it('resumes on the same socket after a resumable INVALID_SESSION', async () => {
    await startClient();
    const connectionId = server.connections[0]?.id;
    server.sendInvalidSession(true);
    const resume = await server.waitForGatewayMessage((m) => m.op === 6);
    expect(resume.connectionId).toBe(connectionId);
    await server.waitForReady(1);
    expect(server.identifies).toHaveLength(1);
  });

  it('routes guilds and interactions to the owning shard', async () => {
    await server.close();
    const now = Date.now();
    // (id >> 22) is the timestamp, so consecutive milliseconds land on different shards of two.
    const guildIds = [snowflake(now), snowflake(now + 1)];
    server = await startDiscordServer({
      heartbeatIntervalMs: 200,
      guilds: guildIds.map((id, i) => ({ id, name: `Guild ${i}` })),
      // discord.js waits ~5 s between identifies in one concurrency bucket (shardId % max_concurrency).
      maxConcurrency: 2,
    });
    const client = await startClient({ shards: [0, 1], shardCount: 2 });

    expect(server.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const id of guildIds) {
      expect(client.guilds.cache.get(id)?.shardId).toBe(shardIdForGuild(id, 2));
    }

    const onShardOne = guildIds.find((id) => shardIdForGuild(id, 2) === 1) ?? '';
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply(`shard ${interaction.guild?.shardId}`);
    });
    const sent = await server.sendCommand({ name: 'ping', guildId: onShardOne });
    expect(sent.shardId).toBe(1);
    await handled;
    expect((await server.waitForCallback(sent.id)).body.data?.content).toBe('shard 1');
  });

  it("spawns the recommended shard count from /gateway/bot with shards: 'auto'", async () => {
    await server.close();
    server = await startDiscordServer({ heartbeatIntervalMs: 200, shards: 2, maxConcurrency: 2 });
    const client = await startClient({ shards: 'auto' });
    expect(client.options.shardCount).toBe(2);
    expect(server.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('rejects a wrong token the way Discord does', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl } });
    clients.push(client);
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(server.requests.at(-1)).toMatchObject({ path: '/v10/gateway/bot', status: 401 });
  });
});

describe('interactions', () => {
  it('delivers a slash command and records an ephemeral reply exactly', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
      return interaction;
    });
    const sent = await server.sendCommand({ name: 'ping', options: { verbose: true } });

    const interaction = await handled;
    expect(interaction.id).toBe(sent.id);
    expect(interaction.commandName).toBe('ping');
    expect(interaction.options.getBoolean('verbose')).toBe(true);
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.channel?.id).toBe(server.guild.textChannelId);
    expect(interaction.user.id).toBe(server.defaultUser.id);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(interaction.appPermissions.has(PermissionFlagsBits.EmbedLinks)).toBe(true);

    const callback = await server.waitForCallback(sent.id);
    expect(callback.body).toEqual({ type: 4, data: { content: 'pong', tts: false, enforce_nonce: false, flags: 64 } });
    expect(callback.query).toEqual({ with_response: 'false' });
    expect(callback.headers.authorization).toBeUndefined();
    expect(callback.status).toBe(204);
    expect(server.originalResponse(sent.id)).toMatchObject({ content: 'pong', flags: 64 });
  });

  it('delivers a DM command (no guild, no member) and accepts the reply', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply('hello in DM');
      return interaction;
    });
    const sent = await server.sendCommand({ name: 'ping', dm: true });

    const interaction = await handled;
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.member).toBeNull();
    expect(interaction.user.id).toBe(server.defaultUser.id);
    expect(interaction.channelId).toBe(sent.payload.channel_id);
    expect(sent.payload).toMatchObject({ context: 1, authorizing_integration_owners: { '0': '0' } });
    expect(server.originalResponse(sent.id)?.content).toBe('hello in DM');
  });

  it('answers with_response=true with an interaction callback response', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      return interaction.reply({ content: 'with response', withResponse: true });
    });
    const sent = await server.sendCommand({ name: 'ping' });

    const response = await handled;
    expect(response.interaction.id).toBe(sent.id);
    expect(response.resource?.message?.content).toBe('with response');
    expect(response.resource?.message?.id).toBe(server.originalResponse(sent.id)?.id);
    expect((await server.waitForCallback(sent.id)).query).toEqual({ with_response: 'true' });
  });

  it('supports deferReply + editReply through the interaction webhook', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      return interaction.editReply({ content: 'the answer [1]' });
    });
    const sent = await server.sendCommand({ name: 'ask', options: { question: 'what happened?' } });

    const edited = await handled;
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 0 } });
    const patch = await server.waitForWebhook(sent.token, 'PATCH');
    expect(patch.path).toBe(`/v10/webhooks/${server.applicationId}/${sent.token}/messages/@original`);
    expect(patch.body).toMatchObject({ content: 'the answer [1]' });
    const original = server.originalResponse(sent.id);
    expect(original).toMatchObject({ content: 'the answer [1]', flags: 0 });
    expect(edited.id).toBe(original?.id);
    expect(edited.content).toBe('the answer [1]');
  });

  it('creates follow-up messages with fresh ids', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply('first');
      return interaction.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
    });
    const sent = await server.sendCommand({ name: 'ping' });

    const followUp = await handled;
    const post = await server.waitForWebhook(sent.token, 'POST');
    expect(post.query).toMatchObject({ wait: 'true' });
    expect(post.body).toMatchObject({ content: 'second', flags: 64 });
    expect(followUp.id).not.toBe(server.originalResponse(sent.id)?.id);
    expect(server.messages.get(followUp.id)).toMatchObject({ content: 'second', flags: 64 });
    expect(followUp.createdTimestamp).toBeGreaterThan(0);
  });

  it('sends autocomplete with one focused option and records the choices', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: `${focused.value}ate change`, value: 'climate' }]);
      return focused;
    });
    const sent = await server.sendAutocomplete({ name: 'ask', options: { topic: 'clim' } });

    expect(await handled).toMatchObject({ name: 'topic', value: 'clim', focused: true });
    expect((await server.waitForCallback(sent.id)).body).toEqual({
      type: 8,
      data: { choices: [{ name: 'climate change', value: 'climate' }] },
    });
  });

  it('delivers a button click on the bot’s reply and applies the update', async () => {
    const client = await startClient();
    const replied = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('sources').setLabel('Sources').setStyle(ButtonStyle.Secondary),
      );
      await interaction.reply({ content: 'answer', components: [row] });
    });
    const command = await server.sendCommand({ name: 'ask' });
    await replied;
    const original = server.originalResponse(command.id);
    expect(original?.components).toHaveLength(1);

    const updated = handleNext(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: 'answer\n[1] source.txt:3', components: [] });
      return interaction;
    });
    const click = await server.sendButton({ customId: 'sources', messageId: original?.id ?? '' });

    const button = await updated;
    expect(button.customId).toBe('sources');
    expect(button.message.id).toBe(original?.id);
    expect((await server.waitForCallback(click.id)).body).toMatchObject({
      type: 7,
      data: { content: 'answer\n[1] source.txt:3', components: [] },
    });
    expect(server.messages.get(original?.id ?? '')).toMatchObject({ content: 'answer\n[1] source.txt:3', components: [] });
  });

  it('parses multipart replies with attached files', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply({ content: 'sources attached', files: [{ attachment: Buffer.from('line 1\n'), name: 'sources.txt' }] });
    });
    const sent = await server.sendCommand({ name: 'ask' });

    await handled;
    const callback = await server.waitForCallback(sent.id);
    expect(callback.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'sources attached' } });
    expect(callback.files).toEqual([
      { field: 'files[0]', name: 'sources.txt', contentType: expect.any(String), data: Buffer.from('line 1\n') },
    ]);
    expect(server.originalResponse(sent.id)?.attachments).toEqual([expect.objectContaining({ filename: 'sources.txt', size: 7 })]);
  });

  it('attaches files to a deferred reply edited through the webhook, and refuses a file over the upload limit', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'report', files: [{ attachment: Buffer.from('a.txt: empty\n'), name: 'skipped-files.txt' }] });
      return interaction
        .followUp({ content: 'too big', files: [{ attachment: Buffer.alloc(10 * 1024 * 1024 + 1), name: 'big.txt' }] })
        .catch((error: unknown) => error);
    });
    const sent = await server.sendCommand({ name: 'reload' });

    const error = await handled;
    const edit = await server.waitForWebhook(sent.token, 'PATCH');
    expect(edit.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(edit.body).toMatchObject({ content: 'report', attachments: [{ id: '0' }] });
    expect(edit.files).toEqual([
      { field: 'files[0]', name: 'skipped-files.txt', contentType: expect.any(String), data: Buffer.from('a.txt: empty\n') },
    ]);
    expect(server.originalResponse(sent.id)?.attachments).toEqual([expect.objectContaining({ filename: 'skipped-files.txt', size: 13 })]);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 413, code: 40005 });
  });

  it('works with commands registered through the REST API', async () => {
    const client = await startClient();
    expect((await client.application?.fetch())?.name).toBe(server.botUser.username);
    const registered = await client.application?.commands.set([
      { name: 'ask', description: 'Ask a question', options: [{ type: 3, name: 'question', description: 'What', required: true }] },
    ]);
    const command = registered?.first();
    expect(command?.name).toBe('ask');
    expect(server.commands.get('global')?.map((c) => c.id)).toEqual([command?.id]);

    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply('ok');
      return interaction.commandId;
    });
    await server.sendCommand({ name: 'ask', options: { question: 'q' } });
    expect(await handled).toBe(command?.id);
  });
});

describe('failures', () => {
  it('makes discord.js retry an interaction callback after a 429', async () => {
    const client = await startClient();
    server.failNext({ method: 'POST', pathPattern: CALLBACK_PATH, status: 429, retryAfterSeconds: 1 });
    const handled = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
    });
    const sent = await server.sendCommand({ name: 'ping' });

    await handled;
    const callback = await server.waitForCallback(sent.id);
    expect(callback.body).toEqual({ type: 4, data: { content: 'pong', tts: false, enforce_nonce: false, flags: 64 } });
    const attempts = server.callbackAttempts(sent.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]?.response).toEqual({ message: 'You are being rate limited.', retry_after: 1, global: false });
  });

  it('makes discord.js retry a webhook edit after 5xx responses', async () => {
    const client = await startClient();
    server.failNext({ method: 'PATCH', pathPattern: /\/messages\/@original$/, status: 502, times: 2 });
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      await interaction.editReply('done');
    });
    const sent = await server.sendCommand({ name: 'ping' });

    await handled;
    const patches = server.requests.filter((r) => r.method === 'PATCH' && r.path.includes(sent.token));
    expect(patches.map((r) => r.status)).toEqual([502, 502, 200]);
    expect(server.originalResponse(sent.id)?.content).toBe('done');
  });

  it('answers a second acknowledgement and an over-long message like Discord', async () => {
    const client = await startClient();
    const handled = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.deferReply();
      return interaction.editReply('x'.repeat(2001)).catch((error: unknown) => error);
    });
    const sent = await server.sendCommand({ name: 'ping' });

    const error = await handled;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035, status: 400 });

    const again = await fetch(`${server.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'twice' } }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ message: 'Interaction has already been acknowledged.', code: 40060 });
  });

  it('requires the bot token on bot routes and 404s unknown routes', async () => {
    const unauthenticated = await fetch(`${server.apiUrl}/v10/users/@me`);
    expect(unauthenticated.status).toBe(401);
    const unknown = await fetch(`${server.apiUrl}/v10/channels/1/messages`, {
      headers: { authorization: `Bot ${server.token}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(server.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/v10/users/@me', 401],
      ['GET', '/v10/channels/1/messages', 404],
    ]);
  });
});
