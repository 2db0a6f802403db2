/**
 * `npm run deploy` registers the slash commands by bulk overwrite, against the
 * Discord-compatible server, which validates them as Discord does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLANK_ENV } from '../support/bot-process.js';
import { runCommand, type RunResult } from '../support/run.js';
import { startDiscordServer, type DiscordServer } from '../support/discord-server.js';

let server: DiscordServer;

function npmDeploy(env: NodeJS.ProcessEnv): Promise<RunResult> {
  return runCommand('npm', ['run', '--silent', 'deploy'], { env: { ...BLANK_ENV, ...env } });
}

/** Exactly what Discord must receive: a change here is a change users see. */
const EXPECTED_COMMANDS = [
  {
    name: 'ask',
    description: 'Ask a question about the news articles; the answer cites file and line.',
    options: [
      {
        type: 3,
        name: 'question',
        description: 'What you want to know, e.g. which governor gifted the drones',
        required: true,
        autocomplete: true,
        max_length: 6000,
      },
      { type: 5, name: 'private', description: 'Show the answer only to you', required: false },
    ],
  },
  {
    name: 'quote',
    description: 'Find quotations: by their words, by who said them, or by article and line.',
    options: [
      { type: 3, name: 'text', description: 'Words from the quotation, e.g. overtly engaging', required: false, max_length: 300 },
      { type: 3, name: 'speaker', description: 'Who said it', required: false, autocomplete: true, max_length: 100 },
      {
        type: 3,
        name: 'source',
        description: 'The article file, e.g. 004_fda3f1e6d2d72140.txt',
        required: false,
        autocomplete: true,
        max_length: 100,
      },
      { type: 4, name: 'line', description: 'A line number in that article', required: false, min_value: 1 },
    ],
  },
  { name: 'sources', description: 'List the articles the answers come from.' },
  {
    name: 'reload',
    description: 'Re-read the article folder (server managers only).',
    default_member_permissions: '32',
    contexts: [0],
    dm_permission: false,
  },
  { name: 'help', description: 'How to ask citebot, with examples.' },
];

beforeAll(async () => {
  server = await startDiscordServer();
});

afterAll(async () => {
  await server?.close();
});

describe('npm run deploy', () => {
  const env = () => ({ DISCORD_TOKEN: server.token, DISCORD_CLIENT_ID: server.applicationId, DISCORD_API_URL: server.apiUrl });

  it('GIVEN DISCORD_GUILD_ID THEN one PUT of every command definition to that server', async () => {
    const run = await npmDeploy({ ...env(), DISCORD_GUILD_ID: server.guild.id });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Registered 5 commands to server ${server.guild.id}: /ask, /quote, /sources, /reload, /help\n`);
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => [r.path, r.status])).toEqual([
      [`/v10/applications/${server.applicationId}/guilds/${server.guild.id}/commands`, 200],
    ]);
    expect(puts[0]?.headers.authorization).toBe(`Bot ${server.token}`);
    expect(puts[0]?.body).toEqual(EXPECTED_COMMANDS);
    expect(server.commands.get(server.guild.id)?.map((c) => c.name)).toEqual(['ask', 'quote', 'sources', 'reload', 'help']);
  });

  it('GIVEN no DISCORD_GUILD_ID THEN the commands are registered globally', async () => {
    const run = await npmDeploy(env());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Registered 5 commands globally/);
    const put = server.requests.filter((r) => r.method === 'PUT').at(-1);
    expect(put?.path).toBe(`/v10/applications/${server.applicationId}/commands`);
    expect(put?.body).toEqual(EXPECTED_COMMANDS);
  });

  it('GIVEN no DISCORD_CLIENT_ID THEN it says what is missing and exits 1 without a request', async () => {
    const before = server.requests.length;
    const run = await npmDeploy({ DISCORD_TOKEN: server.token, DISCORD_CLIENT_ID: '', DISCORD_API_URL: server.apiUrl });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm run deploy needs DISCORD_CLIENT_ID (see .env.example).');
    expect(server.requests.length).toBe(before);
  });

  it('GIVEN a wrong token THEN Discord’s 401 is reported, never the token', async () => {
    const token = 'MTExMTExMTExMTExMTExMTEx.wrong.token-value';
    const run = await npmDeploy({ ...env(), DISCORD_TOKEN: token });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Registering the commands failed: 401: Unauthorized');
    expect(run.stderr).not.toContain(token);
  });
});
