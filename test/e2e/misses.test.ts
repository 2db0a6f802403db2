/**
 * Helpful misses, /ask autocomplete and /help per role, end to end: the compiled bot against the
 * Discord-compatible test server, on the seed articles plus the stress article.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../support/bot-process.js';
import { snowflake, startDiscordServer, type DiscordServer, type JsonObject } from '../support/discord-server.js';
import { commandsTo, makeCorpus } from './fixtures.js';

const MANAGE_GUILD = String(0x20);
/** What the bot found the seeds answer confidently at a line quoting the person (see src/answer/suggest.ts), as it logged them. */
let SUGGESTED: string[] = [];

let server: DiscordServer;
let bot: BotProcess;
let corpus: string;

const { command, callbackData } = commandsTo(() => server);

async function choicesFor(question: string): Promise<JsonObject[]> {
  const sent = await server.sendAutocomplete({ name: 'ask', options: { question }, userId: snowflake() });
  const callback = await server.waitForCallback(sent.id);
  expect(callback.body.type).toBe(8);
  return callback.body.data?.choices as JsonObject[];
}

beforeAll(async () => {
  corpus = await makeCorpus();
  server = await startDiscordServer({ heartbeatIntervalMs: 1000 });
  bot = await startBot({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, CORPUS_DIR: corpus });
  const found = await bot.waitForLog((line) => line.msg === 'Found questions to suggest');
  SUGGESTED = (found.questions as string[] | undefined) ?? [];
  // The seeds quote people whose questions the ranking answers confidently where they are quoted.
  expect(SUGGESTED).toHaveLength(2);
  await bot.waitForLog((line) => line.msg === 'Read the topics to suggest while typing');
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await server?.close();
  if (corpus) await rm(corpus, { recursive: true, force: true });
});

describe('a miss', () => {
  it('GIVEN a question the articles do not answer THEN a private "nothing" with buttons that ask questions they answer, and the newest articles; pressing one answers it', async () => {
    const sent = await command('ask', { question: 'what is the boiling point of water' });
    const data = await callbackData(sent.id);
    expect(data.flags).toBe(64);
    const [embed] = data.embeds;
    expect(embed.title).toBe('what is the boiling point of water');
    expect(embed.description).toBe('I found nothing about that in the articles. Try other words, or see every article with `/sources`.');
    expect(embed.fields.map((f: JsonObject) => f.name)).toEqual(['Some of the articles']);
    const buttons: JsonObject[] = data.components.flatMap((row: JsonObject) => row.components);
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual(SUGGESTED.map((q) => [q, `a:ask:${q}`]));

    // Pressed by someone else in the channel: /ask runs with that question for them, and answers.
    const messageId = server.originalResponse(sent.id)?.id ?? '';
    const click = await server.sendButton({ customId: `a:ask:${SUGGESTED[0]}`, messageId, userId: snowflake() });
    const answer = await callbackData(click.id);
    expect(answer.flags ?? 0).toBe(0);
    expect(answer.embeds[0].title).toBe(SUGGESTED[0]);
    expect(answer.embeds[0].description).toContain('`000_e54da9ff0ce102d3.txt:15`');
  });

  it('GIVEN private:true THEN the suggestions ask privately too; GIVEN a forged suggestion button THEN it is told the buttons expired', async () => {
    const sent = await command('ask', { question: 'what is the boiling point of water', private: true });
    const data = await callbackData(sent.id);
    const [first] = data.components[0].components;
    expect(first.custom_id).toBe(`a:askp:${SUGGESTED[0]}`);
    const messageId = server.originalResponse(sent.id)?.id ?? '';
    const answer = await callbackData((await server.sendButton({ customId: first.custom_id, messageId, userId: snowflake() })).id);
    expect(answer.flags).toBe(64);
    expect(answer.embeds[0].description).toContain('`000_e54da9ff0ce102d3.txt:15`');
    const forged = await callbackData(
      (await server.sendButton({ customId: `a:ask:${'x'.repeat(90)}`, messageId, userId: snowflake() })).id,
    );
    expect(forged).toMatchObject({ flags: 64, content: 'These buttons have expired. Ask again to get fresh ones.' });
  });

  it('GIVEN the asker presses a suggestion at once THEN the per-user cooldown holds, as for a typed /ask', async () => {
    const userId = snowflake();
    const sent = await command('ask', { question: 'what is the boiling point of water' }, { userId });
    await callbackData(sent.id);
    const messageId = server.originalResponse(sent.id)?.id ?? '';
    const pressed = await callbackData((await server.sendButton({ customId: `a:ask:${SUGGESTED[0]}`, messageId, userId })).id);
    expect(pressed.content ?? pressed.embeds?.[0]?.description).toMatch(/^You’re going fast: try again in [1-3] s\.$/);
  });

  it('GIVEN private:false THEN the miss is shown to everyone', async () => {
    const data = await callbackData((await command('ask', { question: 'what is the boiling point of water', private: false })).id);
    expect(data.flags ?? 0).toBe(0);
  });
});

describe('a long question', () => {
  it('GIVEN 1,500 characters ending in a question THEN its last question is searched, shown as the title and said', async () => {
    const context = Array.from(
      { length: 16 },
      (_, i) => `I read item number ${i + 1} of the news this week and have been thinking about it a great deal.`,
    );
    const question = [...context, 'Which governor gifted the drones?'].join(' ');
    expect(question.length).toBeGreaterThan(1_400);
    const data = await callbackData((await command('ask', { question })).id);
    const [embed] = data.embeds;
    expect(embed.title).toBe('Which governor gifted the drones?');
    expect(embed.description).toMatch(/^\(I searched the last question of your message\.\)\n/);
    expect(embed.description).toContain('`000_e54da9ff0ce102d3.txt:7`');
  });
});

describe('/ask autocomplete', () => {
  it('GIVEN "Kim" THEN names of the articles that complete it, at most 25 choices of at most 100 characters', async () => {
    const choices = await choicesFor('Kim');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'Kim Jong Un', value: 'Kim Jong Un' });
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('GIVEN "who gifted the drone" THEN the typed text is kept and its last word completed', async () => {
    expect((await choicesFor('who gifted the drone')).map((c) => c.value)).toEqual(['who gifted the drones']);
  });

  it('GIVEN a question of 95 characters THEN no completion is longer than 100 characters', async () => {
    const choices = await choicesFor(`${'a '.repeat(46)}Ru`);
    for (const choice of choices) expect(String(choice.value).length).toBeLessThanOrEqual(100);
  });
});

describe('/help', () => {
  it('GIVEN a member THEN no /reload; GIVEN a member with Manage Server THEN /reload is listed', async () => {
    const names = (data: JsonObject) => data.embeds[0].fields.map((f: JsonObject) => f.name as string);
    const member = await callbackData((await command('help')).id);
    expect(names(member)).not.toContain('/reload');
    expect(names(member)).toContain('Checking a citation');
    const manager = await callbackData((await command('help', undefined, { permissions: MANAGE_GUILD })).id);
    expect(names(manager)).toContain('/reload');
    const citation = manager.embeds[0].fields.find((f: JsonObject) => f.name === 'Checking a citation');
    expect(citation.value).toBe(
      'A citation such as `000_e54da9ff0ce102d3.txt:7` is an article file and a line of it. `/quote source:FILE line:N` shows that line with the lines around it; `/sources` lists the files.',
    );
  });
});
