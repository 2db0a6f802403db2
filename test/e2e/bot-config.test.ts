/**
 * The Discord settings of config/default.json, end to end: paging buttons that expire, the
 * per-user cooldown, and /reload limited to configured admin roles. The bot reads them from a
 * CITEBOT_CONFIG file, as an operator would set them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../support/bot-process.js';
import { snowflake, startDiscordServer, type DiscordServer, type JsonObject } from '../support/discord-server.js';

let server: DiscordServer;
let bot: BotProcess;
let dir: string;
const adminRole = snowflake();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-e2e-config-'));
  const configFile = path.join(dir, 'citebot.json');
  await writeFile(configFile, JSON.stringify({ discord: { adminRoleIds: [adminRole], pageTimeoutSeconds: 1, cooldownSeconds: 60 } }));
  server = await startDiscordServer();
  // The role exists in the server, as a role an admin created ("citebot admins").
  const everyone = server.guild.data.roles[0];
  if (!everyone) throw new Error('the test server has no @everyone role');
  server.guild.data.roles.push({ ...everyone, id: adminRole, name: 'citebot admins', permissions: '0', position: 2 });
  bot = await startBot({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, CITEBOT_CONFIG: configFile, LOG_LEVEL: 'debug' });
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('paging timeout', () => {
  it('GIVEN pageTimeoutSeconds passes THEN the paging buttons are disabled on the message, Show context is not, and a late click is told they expired', async () => {
    const asker = snowflake();
    const sent = await server.sendCommand({ name: 'ask', options: { question: 'which governor gifted the drones' }, userId: asker });
    const first = (await server.waitForCallback(sent.id)).body.data ?? {};
    const next = first.components[1].components[2].custom_id as string;

    const edit = await server.waitForWebhook(sent.token, 'PATCH', { timeoutMs: 10_000 });
    expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
    // Paging, Browse and votes need the session and are disabled; Show context carries all it needs and keeps working.
    expect((edit.body?.components as JsonObject[]).map((row) => row.components.map((b: JsonObject) => [b.label, b.disabled]))).toEqual([
      [
        ['Show context', false],
        ['👍', true],
        ['👎', true],
      ],
      [
        ['◀ Previous', true],
        [expect.stringMatching(/^1 \/ \d$/), true],
        ['Next ▶', true],
        ['Browse privately', true],
      ],
    ]);
    const message = server.originalResponse(sent.id);
    expect(message?.embeds[0]?.description).toContain('000_e54da9ff0ce102d3.txt:7');

    const late = await server.sendButton({ customId: next, messageId: message?.id ?? '', userId: asker });
    expect((await server.waitForCallback(late.id)).body.data).toMatchObject({
      flags: 64,
      content: 'These buttons have expired. Ask again to get fresh ones.',
    });
  });
});

describe('cooldown', () => {
  it('GIVEN one user asks twice within cooldownSeconds THEN the second is told to wait, ephemerally; /help is never held back', async () => {
    const user = snowflake();
    const first = await server.sendCommand({ name: 'ask', options: { question: 'which governor gifted the drones' }, userId: user });
    expect((await server.waitForCallback(first.id)).body.data?.embeds).toHaveLength(1);
    const second = await server.sendCommand({ name: 'ask', options: { question: 'which governor gifted the drones' }, userId: user });
    expect((await server.waitForCallback(second.id)).body.data).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/^You’re going fast: try again in \d+ s\.$/),
    });
    const help = await server.sendCommand({ name: 'help', userId: user });
    expect((await server.waitForCallback(help.id)).body.data?.embeds[0].title).toBe(
      'citebot answers questions about the news articles it has read',
    );
  });
});

describe('/reload with adminRoleIds', () => {
  it('GIVEN a member with the admin role but no Manage Server THEN reloaded', async () => {
    const sent = await server.sendCommand({ name: 'reload', userId: snowflake(), permissions: '0', roles: [adminRole] });
    expect((await server.waitForCallback(sent.id)).body.type).toBe(5);
    const edit = await server.waitForWebhook(sent.token, 'PATCH');
    expect(edit.body?.embeds[0].title).toBe('Reloaded the articles');
  });

  it('GIVEN a member with Manage Server but not the admin role THEN refused', async () => {
    const sent = await server.sendCommand({ name: 'reload', userId: snowflake(), permissions: String(0x20) });
    expect((await server.waitForCallback(sent.id)).body.data).toMatchObject({
      flags: 64,
      content: 'Only the bot’s admins can reload the articles. Nothing was reloaded.',
    });
  });
});
