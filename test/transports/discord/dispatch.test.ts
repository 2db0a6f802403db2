/**
 * The dispatcher's failure paths, in process: the real discord.js client (startDiscordBot)
 * against the Discord-compatible server, with handlers written to fail in the ways real ones
 * can (after deferring, while autocompleting). The product's own handlers are tested end to end
 * in test/e2e; these handlers exist only here, passed in the way the composition root passes
 * the real ones.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandHandler } from '../../../src/commands/index.js';
import { ASK, HELP, QUOTE, RELOAD } from '../../../src/commands/definitions.js';
import { defineCommand } from '../../../src/commands/types.js';
import { loadConfig } from '../../../src/platform/config.js';
import { startDiscordBot, type DiscordBot } from '../../../src/transports/discord/bot.js';
import { arrivalOf } from '../../../src/transports/discord/dispatch.js';
import { UserError } from '../../../src/platform/errors.js';
import { LibraryHolder } from '../../../src/library/holder.js';
import { createLogger } from '../../../src/platform/log.js';
import { notice } from '../../../src/commands/reply.js';
import { snowflake, startDiscordServer, type DiscordServer } from '../../support/discord-server.js';
import { seedLibrary } from '../../support/seeds.js';

let server: DiscordServer;
let bot: DiscordBot;
const logLines: Array<Record<string, unknown>> = [];

/** Handlers under the names of real commands, so that the command definitions (options) apply. */
const handlers = new Map<string, CommandHandler>([
  [
    'reload',
    defineCommand(RELOAD, {
      defer: { ephemeral: true },
      run: async (_options, ctx) => {
        // Members with Manage Server get a UserError from this failing /reload; others a fault.
        if (ctx.requester.admin) throw new UserError('The folder is being moved; try in a minute.');
        throw new TypeError("Cannot read properties of undefined (reading 'articles')");
      },
    }),
  ],
  [
    // Slow handlers: the answer is ready 2.5 s after the command, past the ~2 s the bot allows itself.
    'ask',
    defineCommand(ASK, {
      run: async (options) => {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        return notice(`Answered late: ${options.question}`, { ephemeral: false });
      },
    }),
  ],
  [
    'help',
    defineCommand(HELP, {
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        return notice('Only for you, decided late.', { ephemeral: true });
      },
    }),
  ],
  [
    'quote',
    defineCommand(QUOTE, {
      run: () => notice('unused'),
      autocomplete: () => {
        throw new RangeError('index out of range');
      },
    }),
  ],
]);

beforeAll(async () => {
  server = await startDiscordServer();
  const library = await seedLibrary();
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  const config = loadConfig({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl });
  bot = await startDiscordBot({ config, holder: new LibraryHolder(library, seedLibrary), log, handlers });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

describe('dispatch failures', () => {
  it('GIVEN a handler that fails after deferring THEN the deferred reply becomes the apology with an error id that is logged', async () => {
    const sent = await server.sendCommand({ name: 'reload', userId: snowflake(), permissions: '0' });
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await server.waitForWebhook(sent.token, 'PATCH');
    const errorId = /^Something went wrong \(error id ([0-9A-F]{8})\)/.exec(String(edit.body?.content))?.[1];
    expect(errorId).toBeDefined();
    expect(edit.body?.allowed_mentions).toEqual({ parse: [] });
    expect(logLines.find((l) => l.errorId === errorId)).toMatchObject({
      level: 50,
      msg: 'Command failed',
      command: 'reload',
      interactionId: sent.id,
      err: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'articles')" },
    });
  });

  it('GIVEN a UserError after deferring THEN its words replace the deferred reply', async () => {
    const sent = await server.sendCommand({ name: 'reload', userId: snowflake(), permissions: String(0x20) });
    expect((await server.waitForCallback(sent.id)).body.type).toBe(5);
    expect((await server.waitForWebhook(sent.token, 'PATCH')).body?.content).toBe('The folder is being moved; try in a minute.');
  });

  it('GIVEN an answer not ready within 2 s THEN the bot defers before Discord’s 3 s are up and answers by editing', async () => {
    const sent = await server.sendCommand({ name: 'ask', options: { question: 'who gifted the drones' }, userId: snowflake() });
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 0 } });
    expect((await server.waitForWebhook(sent.token, 'PATCH')).body?.content).toBe('Answered late: who gifted the drones');
    // One callback, accepted: no attempt after the window ("Unknown interaction").
    expect(server.callbackAttempts(sent.id).map((r) => r.status)).toEqual([204]);
  });

  it('GIVEN a late answer that turns out private after a public deferral THEN the public "thinking…" is deleted and the answer sent privately', async () => {
    const sent = await server.sendCommand({ name: 'help', userId: snowflake() });
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 0 } });
    const followUp = await server.waitForWebhook(sent.token, 'POST');
    expect(followUp.body).toMatchObject({ content: 'Only for you, decided late.', flags: 64 });
    const methods = server.requests.filter((r) => r.path.includes(`/webhooks/`) && r.path.includes(sent.token)).map((r) => r.method);
    expect(methods).toEqual(['DELETE', 'POST']);
  });

  it('GIVEN autocomplete that throws THEN an empty list (Discord cannot show an error there) and a log line', async () => {
    const sent = await server.sendAutocomplete({ name: 'quote', options: { speaker: 'pu' }, userId: snowflake() });
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 8, data: { choices: [] } });
    expect(logLines.find((l) => l.interactionId === sent.id)).toMatchObject({ level: 50, msg: 'Autocomplete failed', command: 'quote' });
  });

  it('GIVEN a kind of interaction citebot has no use for (a select menu) THEN a polite ephemeral answer', async () => {
    const sent = await server.sendComponent({ customId: 'menu', componentType: 3, values: ['a'], userId: snowflake() });
    expect((await server.waitForCallback(sent.id)).body.data).toMatchObject({
      flags: 64,
      content: 'citebot does not handle this kind of interaction.',
    });
  });
});

describe('arrivalOf', () => {
  // 2026-01-01T00:00:00Z as a snowflake: (ms since Discord's epoch) << 22.
  const created = Date.UTC(2026, 0, 1);
  const id = String((BigInt(created) - 1_420_070_400_000n) << 22n);

  it('GIVEN an interaction created 1 s ago THEN it arrived then', () => {
    expect(arrivalOf(id, created + 1_000)).toBe(created);
  });

  it('GIVEN a clock behind Discord (created "in the future") THEN now: a skewed clock never makes the bot defer later', () => {
    expect(arrivalOf(id, created - 5_000)).toBe(created - 5_000);
  });

  it('GIVEN a clock far ahead of Discord THEN at most 3 s ago, and an id that is not a snowflake THEN now', () => {
    expect(arrivalOf(id, created + 60_000)).toBe(created + 57_000);
    expect(arrivalOf('not-a-snowflake', created)).toBe(created);
  });
});
