/**
 * The answer card and its buttons, end to end in process: the real discord.js client
 * (startDiscordBot) against the Discord-compatible server, the product's own command and action
 * handlers, over the seed articles with publication metadata on one of them (as a sidecar would
 * give it), and an in-memory feedback sink in place of the database.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildLibrary, type Library } from '../../src/library/library.js';
import { LibraryHolder } from '../../src/library/holder.js';
import { createLogger } from '../../src/platform/log.js';
import { startDiscordBot, type DiscordBot } from '../../src/transports/discord/bot.js';
import type { FeedbackSink, Vote, VoteOutcome } from '../../src/feedback/types.js';
import { snowflake, startDiscordServer, type DiscordServer, type JsonObject } from '../support/discord-server.js';
import { SEEDS_DIR } from '../support/seeds.js';
import { limitViolations } from './fixtures.js';
import { truncate } from '../../src/commands/reply.js';
import { escapeMarkdown } from '../../src/transports/discord/render.js';

const DRONES = '000_e54da9ff0ce102d3.txt';
const KIM = '004_fda3f1e6d2d72140.txt';
const DRONES_TITLE = 'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More';
const META = { url: 'https://news.example/kim-shopping-spree', publisher: 'Example News', published: '2023-09-14' };
const EXPIRED = 'These buttons have expired. Ask again to get fresh ones.';

/** Votes kept in memory, one per user per answer, as the SQLite store keeps them. */
class MemorySink implements FeedbackSink {
  readonly votes = new Map<string, Vote>();
  failing = false;
  record(vote: Vote): VoteOutcome {
    if (this.failing) return 'unavailable';
    const key = `${vote.answerId}/${vote.userId}`;
    const had = this.votes.has(key);
    this.votes.set(key, vote);
    return had ? 'changed' : 'recorded';
  }
}

let server: DiscordServer;
let bot: DiscordBot;
let library: Library;
const sink = new MemorySink();
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = await startDiscordServer();
  const config = loadConfig({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl });
  const corpus = await loadCorpus(SEEDS_DIR, config);
  // As a metadata sidecar would give it: the drones article has a URL, the others have none.
  const articles = corpus.articles.map((a) => (a.source === DRONES ? { ...a, meta: META } : a));
  library = await buildLibrary({ ...corpus, articles });
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  bot = await startDiscordBot({ config, holder: new LibraryHolder(library, async () => library), log, feedback: sink });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

async function ask(question: string, userId = snowflake()) {
  const sent = await server.sendCommand({ name: 'ask', options: { question }, userId });
  const callback = await server.waitForCallback(sent.id);
  expect(callback.body.type).toBe(4);
  const data = callback.body.data ?? {};
  return { sent, data, messageId: server.originalResponse(sent.id)?.id ?? '' };
}

async function press(customId: string, messageId: string, userId: string) {
  const click = await server.sendButton({ customId, messageId, userId });
  const callback = await server.waitForCallback(click.id);
  return { click, type: callback.body.type, data: callback.body.data ?? {} };
}

/** Each row's buttons as [label, custom id or url, disabled]. */
function buttons(data: JsonObject): Array<Array<[string, string, boolean]>> {
  return (data.components ?? []).map((row: JsonObject) =>
    row.components.map((b: JsonObject): [string, string, boolean] => [b.label, b.custom_id ?? b.url, b.disabled]),
  );
}

const line = (source: string, n: number) => library.article(source)?.lines[n - 1] ?? '';

describe('the /ask card', () => {
  it('GIVEN an answer from an article with a URL THEN the sentence, a linked title with the citation, and Show context, Open article, 👍 👎, paging with Browse privately', async () => {
    const { data } = await ask('which governor gifted the drones');
    const [embed] = data.embeds;
    expect(embed.title).toBe('which governor gifted the drones');
    expect(embed.description).toBe(
      'The **governor** of the Russian region of Primorye, bordering both North Korea and China, **gifted** these lethal presents to the North Korean leader.\n' +
        `— [${DRONES_TITLE}](${META.url}) · \`${DRONES}:7\``,
    );
    expect(embed.fields).toBeUndefined();
    expect(embed.footer).toEqual({ text: 'Example News · 2023-09-14' });
    const [actions, paging] = buttons(data);
    expect(actions).toEqual([
      ['Show context', `a:ctx:7:${DRONES}`, false],
      ['Open article', META.url, false],
      ['👍', expect.stringMatching(/^vote:[\w-]{8}:up$/), false],
      ['👎', expect.stringMatching(/^vote:[\w-]{8}:down$/), false],
    ]);
    expect(paging?.map(([label, , disabled]) => [label, disabled])).toEqual([
      ['◀ Previous', true],
      [expect.stringMatching(/^1 \/ \d$/), true],
      ['Next ▶', false],
      ['Browse privately', false],
    ]);
    expect(data.components[1].components[0].style).toBe(2);
    expect(data.components[0].components[1]).toMatchObject({ style: 5, url: META.url });
    expect(limitViolations(data)).toEqual([]);
  });

  it('GIVEN an answer from an article without metadata THEN its title is plain text and there is no link button; a quoted answer names its speaker', async () => {
    const { data } = await ask('who supports all decisions of President Putin');
    const description: string = data.embeds[0].description;
    // The answer is Kim's quotation, and the sentence alone does not say whose.
    expect(description).toMatch(
      new RegExp(`\\n— Kim Jong Un, quoted in Kim Jong Un declares full support of Putin[^\\n\\[\\]]* · \`${KIM}:13\`$`),
    );
    expect(buttons(data)[0]?.map(([label]) => label)).toEqual(['Show context', '👍', '👎']);
    expect(data.embeds[0].footer).toBeUndefined();
  });

  it('GIVEN Next on the card THEN page 2 shows the next passage under the answer, never the answer paragraph again', async () => {
    const asker = snowflake();
    const { data, messageId } = await ask('which governor gifted the drones', asker);
    const next = data.components[1].components[2].custom_id as string;
    const page = await press(next, messageId, asker);
    expect(page.type).toBe(7);
    const [field] = page.data.embeds[0].fields;
    expect(field.name).toMatch(/^More 1 of \d — Kim Jong Un’s Russian Shopping Spree/);
    expect(field.value).toMatch(new RegExp(`\\n\`${DRONES}:5\`$`));
    expect(page.data.embeds[0].description).toContain(`\`${DRONES}:7\``);
  });
});

describe('Show context', () => {
  it('GIVEN another user presses Show context on someone’s answer THEN they alone see the cited line in bold among its neighbours, titled and linked; ▶ moves a line', async () => {
    const { data, messageId } = await ask('which governor gifted the drones');
    const show = data.components[0].components[0].custom_id as string;
    const view = await press(show, messageId, snowflake());
    expect(view.type).toBe(4);
    expect(view.data.flags).toBe(64);
    const [embed] = view.data.embeds;
    expect(embed.title).toBe(DRONES_TITLE);
    expect(embed.url).toBe(META.url);
    expect(embed.description.split('\n')).toEqual([
      `\`5\` ${escapeMarkdown(truncate(line(DRONES, 5), 240))}`,
      `\`7\` **${escapeMarkdown(line(DRONES, 7))}**`,
      `\`9\` ${escapeMarkdown(truncate(line(DRONES, 9), 240))}`,
      `\`${DRONES}:7\``,
    ]);
    expect(buttons(view.data)).toEqual([
      [
        ['◀ Previous line', `a:ctxm:5:${DRONES}`, false],
        ['Next line ▶', `a:ctxm:9:${DRONES}`, false],
        ['Open article', META.url, false],
      ],
    ]);

    const viewId = server.originalResponse(view.click.id)?.id ?? '';
    const moved = await press(`a:ctxm:9:${DRONES}`, viewId, snowflake());
    expect(moved.type).toBe(7);
    expect(moved.data.embeds[0].description).toContain(`\`9\` **${line(DRONES, 9)}**`);
    expect(moved.data.embeds[0].description.endsWith(`\`${DRONES}:9\``)).toBe(true);
    expect(buttons(moved.data)[0]?.slice(0, 2)).toEqual([
      ['◀ Previous line', `a:ctxm:7:${DRONES}`, false],
      ['Next line ▶', `a:ctxm:11:${DRONES}`, false],
    ]);
  });

  it('GIVEN /quote source:… line:13 THEN the same view, in public, with the line in bold and the citation', async () => {
    const sent = await server.sendCommand({ name: 'quote', options: { source: KIM, line: 13 }, userId: snowflake() });
    const data = (await server.waitForCallback(sent.id)).body.data ?? {};
    expect(data.flags ?? 0).toBe(0);
    expect(data.embeds[0].title).toBe(library.article(KIM)?.title);
    expect(data.embeds[0].url).toBeUndefined();
    expect(data.embeds[0].description).toContain(`\`13\` **${line(KIM, 13)}**`);
    expect(data.embeds[0].description.endsWith(`\n\`${KIM}:13\``)).toBe(true);
    expect(buttons(data)).toEqual([
      [
        ['◀ Previous line', `a:ctxm:11:${KIM}`, false],
        ['Next line ▶', `a:ctxm:15:${KIM}`, false],
      ],
    ]);
  });

  it('GIVEN forged or stale action ids THEN the expired notice, privately, and the bot keeps answering', async () => {
    const { messageId } = await ask('which governor gifted the drones');
    for (const id of ['a:ctx:99999:' + DRONES, 'a:ctx:7:../../etc/passwd', 'a:zzz:1', 'a:ctx:', 'vote:nosuchid:up', 'pv:nosuchid:0']) {
      const reply = await press(id, messageId, snowflake());
      expect(reply.data, id).toMatchObject({ flags: 64, content: EXPIRED });
    }
    const forgedMove = await press('a:ctxm:0:' + DRONES, messageId, snowflake());
    expect(forgedMove.data).toMatchObject({ flags: 64, content: EXPIRED });
    expect(server.messages.get(messageId)?.embeds[0]?.title).toBe('which governor gifted the drones');
  });
});

describe('Browse privately', () => {
  it('GIVEN another user presses Browse privately THEN a private copy with paging of their own; their Next changes only their copy', async () => {
    const asker = snowflake();
    const reader = snowflake();
    const { data, messageId } = await ask('which governor gifted the drones', asker);
    const copy = await press(data.components[1].components[3].custom_id as string, messageId, reader);
    expect(copy.type).toBe(4);
    expect(copy.data.flags).toBe(64);
    expect(copy.data.embeds[0].description).toBe(data.embeds[0].description);
    const paging = copy.data.components[1].components.map((b: JsonObject) => b.label);
    expect(paging).toEqual(['◀ Previous', expect.stringMatching(/^1 \/ \d$/), 'Next ▶']);
    const copyId = server.originalResponse(copy.click.id)?.id ?? '';
    const next = await press(copy.data.components[1].components[2].custom_id as string, copyId, reader);
    expect(next.type).toBe(7);
    expect(next.data.embeds[0].fields[0].value).toContain(`\`${DRONES}:5\``);
    expect(server.messages.get(messageId)?.embeds[0]?.fields).toBeUndefined();
  });

  it('GIVEN another user presses Next on someone’s public answer THEN they get their own private copy at that page, and the answer stays', async () => {
    const { data, messageId } = await ask('which governor gifted the drones');
    const copy = await press(data.components[1].components[2].custom_id as string, messageId, snowflake());
    expect(copy.type).toBe(4);
    expect(copy.data.flags).toBe(64);
    expect(copy.data.embeds[0].fields[0].value).toContain(`\`${DRONES}:5\``);
    expect(copy.data.components[1].components[1].label).toMatch(/^2 \/ \d$/);
    expect(server.messages.get(messageId)?.embeds[0]?.fields).toBeUndefined();
  });
});

describe('votes', () => {
  it('GIVEN 👍 then 👎 by one user, and 👍 by another THEN each vote kept with the question and cited passage, the second press changes the first', async () => {
    const voter = snowflake();
    const { sent, data, messageId } = await ask('which governor gifted the drones');
    const [up, down] = [data.components[0].components[2].custom_id as string, data.components[0].components[3].custom_id as string];
    expect((await press(up, messageId, voter)).data).toMatchObject({ flags: 64, content: 'Thanks — noted.' });
    expect(sink.votes.get(`${sent.id}/${voter}`)).toMatchObject({
      answerId: sent.id,
      userId: voter,
      value: 'up',
      question: 'which governor gifted the drones',
      source: DRONES,
      line: 7,
      passage: line(DRONES, 7),
    });
    expect((await press(down, messageId, voter)).data).toMatchObject({ flags: 64, content: 'Changed your vote.' });
    expect(sink.votes.get(`${sent.id}/${voter}`)?.value).toBe('down');
    const other = snowflake();
    expect((await press(up, messageId, other)).data).toMatchObject({ content: 'Thanks — noted.' });
    expect([...sink.votes.values()].filter((v) => v.answerId === sent.id).map((v) => [v.userId, v.value])).toEqual([
      [voter, 'down'],
      [other, 'up'],
    ]);
  });

  it('GIVEN the store cannot keep a vote THEN the voter is still thanked and the loss is logged', async () => {
    const { sent, data, messageId } = await ask('which governor gifted the drones');
    sink.failing = true;
    try {
      const reply = await press(data.components[0].components[2].custom_id as string, messageId, snowflake());
      expect(reply.data).toMatchObject({ flags: 64, content: 'Thanks — noted.' });
    } finally {
      sink.failing = false;
    }
    expect(logLines.some((l) => l.msg === 'A vote could not be kept' && l.answerId === sent.id)).toBe(true);
  });
});
