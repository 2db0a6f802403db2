/**
 * citebot end to end: the bot is started as users start it (the compiled `dist/app/start.js`, configured
 * only by environment) and talks through the real discord.js client to the Discord-compatible
 * server in test/support. One bot process for the whole file.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/platform/config.js';
import { escapeMarkdown } from '../../src/transports/discord/render.js';
import { readReport } from '../../src/feedback/store.js';
import { startBot, type BotProcess, type LogLine } from '../support/bot-process.js';
import { snowflake, startDiscordServer, type DiscordServer, type JsonObject } from '../support/discord-server.js';
import { commandsTo, limitViolations, makeCorpus, sentMessages, STRESS_ARTICLE, STRESS_ANSWER } from './fixtures.js';

const CALLBACK = /^\/v10\/interactions\/\d+\/[^/]+\/callback$/;
const GOLD = '000_e54da9ff0ce102d3.txt:7';
const SECOND = '000_e54da9ff0ce102d3.txt:5';
const MANAGE_GUILD = String(0x20);

let server: DiscordServer;
let bot: BotProcess;
let corpus: string;
/** The bot's votes database (SQLite), beside the temporary corpus. */
let votes = '';

const { command, callbackData } = commandsTo(() => server);

beforeAll(async () => {
  corpus = await makeCorpus();
  server = await startDiscordServer({ heartbeatIntervalMs: 1000 });
  votes = path.join(corpus, '..', `${path.basename(corpus)}-votes.sqlite`);
  bot = await startBot({
    DISCORD_TOKEN: server.token,
    DISCORD_API_URL: server.apiUrl,
    CORPUS_DIR: corpus,
    LOG_LEVEL: 'trace',
    FEEDBACK_DB: votes,
  });
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await server?.close();
  if (corpus) await rm(corpus, { recursive: true, force: true });
  if (votes) for (const suffix of ['', '-wal', '-shm']) await rm(`${votes}${suffix}`, { force: true });
});

describe('/ask', () => {
  it('GIVEN which governor gifted the drones THEN a card: the answer with matched words in bold, one attribution line with the gold citation, and buttons', async () => {
    const sent = await command('ask', { question: 'which governor gifted the drones' });
    const data = await callbackData(sent.id);
    expect(data.flags ?? 0).toBe(0);
    const [embed] = data.embeds;
    expect(embed.title).toBe('which governor gifted the drones');
    expect(embed.description).toContain('**gifted**');
    expect(embed.description).toMatch(
      new RegExp(`\\n— Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More · \`${GOLD}\`$`),
    );
    // No passage repeating the answer's paragraph, no footer repeating the matched words.
    expect(embed.fields).toBeUndefined();
    expect(embed.footer).toBeUndefined();
    expect(data.components[0].components.map((b: JsonObject) => [b.label, b.custom_id])).toEqual([
      ['Show context', `a:ctx:7:000_e54da9ff0ce102d3.txt`],
      ['👍', expect.stringMatching(/^vote:[\w-]{8}:up$/)],
      ['👎', expect.stringMatching(/^vote:[\w-]{8}:down$/)],
    ]);
    const paging = data.components[1].components;
    expect(paging.map((b: JsonObject) => [b.label, b.disabled])).toEqual([
      ['◀ Previous', true],
      [expect.stringMatching(/^1 \/ \d$/), true],
      ['Next ▶', false],
      ['Browse privately', false],
    ]);
  });

  it('GIVEN private:true THEN the reply is ephemeral (flags 64)', async () => {
    const sent = await command('ask', { question: 'which governor gifted the drones', private: true });
    const data = await callbackData(sent.id);
    expect(data.flags).toBe(64);
    expect(data.embeds[0].description).toContain(GOLD);
  });

  it('GIVEN a question the articles do not answer THEN it says it found nothing, privately', async () => {
    const sent = await command('ask', { question: 'how to bake sourdough bread' });
    const data = await callbackData(sent.id);
    expect(data.flags).toBe(64);
    expect(data.embeds[0].description).toContain('I found nothing about that in the articles.');
  });

  it('GIVEN a passage of 6,000 characters with markdown characters THEN the card shows its sentence; Show context shows it shortened, escaped, with its citation whole', async () => {
    const sent = await command('ask', { question: 'who mines zephyrite' });
    const data = await callbackData(sent.id);
    const [embed] = data.embeds;
    // The answer sentence, STRESS_ANSWER, with its markdown characters escaped and matched words in bold.
    expect(STRESS_ANSWER).toContain('*star* miners');
    expect(embed.description).toMatch(
      /^The Ardent Cooperative of \\\*star\\\* (?:\*\*)?miners(?:\*\*)? .*\*\*zephyrite\*\* under the lake, said its \\_\\_chair\\_\\_ \\> Ms\. Vale\.\n/,
    );
    expect(embed.fields).toBeUndefined();
    expect(limitViolations(data)).toEqual([]);
    // The whole paragraph is behind Show context: shortened, escaped, in bold, its citation whole.
    const messageId = server.originalResponse(sent.id)?.id ?? '';
    const click = await server.sendButton({ customId: `a:ctx:3:${STRESS_ARTICLE}`, messageId, userId: snowflake() });
    const view = await callbackData(click.id);
    expect(view.flags).toBe(64);
    const description: string = view.embeds[0].description;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/^`1` Zephyrite \\\*Miners\\\* Strike Gold in the \\\| Valley\n`3` \*\*Report 1: /);
    expect(description).toContain('\\_crews of \\~Lake\\~ Ardent \\> dig with \\`picks\\` under \\#Valley\\|');
    expect(description).toMatch(new RegExp(`…\\*\\*\\n\`5\` Zephyrite prices rose[^\\n]*\\n\`${STRESS_ARTICLE}:3\`$`));
    expect(limitViolations(view)).toEqual([]);
  });

  it('GIVEN article text with @everyone and a user mention THEN it is shown escaped and nothing can ping', async () => {
    const sent = await command('ask', { question: 'did zephyrite prices rise' });
    const data = await callbackData(sent.id);
    expect(data.embeds[0].description).toContain('@\u200Beveryone in the valley \\<@123456789012345678\\> celebrated');
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('paging buttons', () => {
  it('GIVEN the asker presses Next THEN the message shows passage 2; another user gets a private copy; a stale button is explained', async () => {
    const asker = snowflake();
    const sent = await command('ask', { question: 'which governor gifted the drones' }, { userId: asker });
    const first = await callbackData(sent.id);
    const messageId = server.originalResponse(sent.id)?.id ?? '';
    const next = first.components[1].components[2].custom_id as string;

    const click = await server.sendButton({ customId: next, messageId, userId: asker });
    const update = await server.waitForCallback(click.id);
    expect(update.body.type).toBe(7);
    expect(update.body.data?.embeds[0].fields[0].value).toContain(`\`${SECOND}\``);
    expect(update.body.data?.embeds[0].fields[0].name).toMatch(/^More 1 of/);
    expect(update.body.data?.embeds[0].description).toContain(GOLD);
    expect(update.body.data?.components[1].components[1].label).toMatch(/^2 \/ \d$/);
    expect(server.messages.get(messageId)?.embeds[0]?.fields?.[0]?.value).toContain(SECOND);

    // Another user's press opens a private copy of their own at that page; the public message stays.
    const stranger = await server.sendButton({ customId: next, messageId, userId: snowflake() });
    const copy = await callbackData(stranger.id);
    expect(copy.flags).toBe(64);
    expect(copy.embeds[0].fields[0].value).toContain(`\`${SECOND}\``);
    expect(server.messages.get(messageId)?.embeds[0]?.fields?.[0]?.value).toContain(SECOND);

    const stale = await server.sendButton({ customId: 'page:gone0123:1', messageId, userId: asker });
    expect(await callbackData(stale.id)).toMatchObject({ flags: 64, content: 'These buttons have expired. Ask again to get fresh ones.' });
  });
});

describe('votes', () => {
  it('GIVEN 👍 then 👎 by one user THEN thanked, then told the vote changed, and the database holds one 👎 with the question and passage', async () => {
    const sent = await command('ask', { question: 'which governor gifted the drones' });
    const data = await callbackData(sent.id);
    const messageId = server.originalResponse(sent.id)?.id ?? '';
    const [up, down] = [data.components[0].components[1].custom_id as string, data.components[0].components[2].custom_id as string];
    const voter = snowflake();
    const first = await server.sendButton({ customId: up, messageId, userId: voter });
    expect(await callbackData(first.id)).toMatchObject({ flags: 64, content: 'Thanks — noted.' });
    const second = await server.sendButton({ customId: down, messageId, userId: voter });
    expect(await callbackData(second.id)).toMatchObject({ flags: 64, content: 'Changed your vote.' });
    expect(readReport(votes)).toEqual([
      expect.objectContaining({
        question: 'which governor gifted the drones',
        source: '000_e54da9ff0ce102d3.txt',
        line: 7,
        up: 0,
        down: 1,
      }),
    ]);
  });
});

describe('/quote', () => {
  it('GIVEN text:overtly engaging THEN the article, the citation with the speaker, and the whole sentence with the phrase in bold', async () => {
    const sent = await command('quote', { text: 'overtly engaging' });
    const data = await callbackData(sent.id);
    expect(data.embeds[0].title).toBe('1 quotation with “overtly engaging”');
    expect(data.embeds[0].fields).toEqual([
      {
        name: 'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More',
        value:
          '`000_e54da9ff0ce102d3.txt:15` · James O’Brien\nJames O’Brien, head of the Office of Sanctions Coordination at the U.S. State Department, condemned the summit, saying, “Russia is now **overtly engaging** with a country that the U.N. has sanctioned. And that’s very problematic for Russia’s global position.”',
      },
    ]);
  });

  it('GIVEN speaker:Putin THEN "5 quotations by Vladimir Putin": the article title once, each cited line once with its whole sentence, the quotations in bold', async () => {
    const sent = await command('quote', { speaker: 'Putin' });
    const data = await callbackData(sent.id);
    expect(data.components ?? []).toEqual([]);
    expect(data.embeds).toEqual([
      {
        color: 0x5865f2,
        title: '5 quotations by Vladimir Putin',
        fields: [
          {
            name: 'Kim Jong Un declares full support of Putin during his ‘sacred fight’ before meeting about military alliances',
            value:
              '`004_fda3f1e6d2d72140.txt:21`\nWhen directly asked by reporters, Putin said that “**all the questions would be addressed**” before adding that Kim was interested in “**rocket technology**” and suggested he could help him in his endeavors to “**develop space.**”',
          },
          {
            name: '\u200b',
            value:
              '`004_fda3f1e6d2d72140.txt:23`\nHe insisted that Russia was looking to deepen military alliances with North Korea “**within the framework of the current rules,**” adding “**There are certain restrictions, and Russia abides by them.**”',
          },
        ],
      },
    ]);
  });

  it('GIVEN autocomplete on source and speaker THEN type 8 with at most 25 choices Discord accepts', async () => {
    const source = await server.sendAutocomplete({ name: 'quote', options: { source: '004' }, userId: snowflake() });
    const sourceCallback = await server.waitForCallback(source.id);
    expect(sourceCallback.body.type).toBe(8);
    const choices = sourceCallback.body.data?.choices as JsonObject[];
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({
      name: expect.stringMatching(/^004_fda3f1e6d2d72140\.txt — Kim Jong Un declares/),
      value: '004_fda3f1e6d2d72140.txt',
    });
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);

    const speaker = await server.sendAutocomplete({
      name: 'quote',
      options: { text: 'russia', speaker: 'o' },
      focused: 'speaker',
      userId: snowflake(),
    });
    const speakerCallback = await server.waitForCallback(speaker.id);
    expect(speakerCallback.body.type).toBe(8);
    expect((speakerCallback.body.data?.choices as JsonObject[]).map((c) => c.value)).toContain('James O’Brien');
  });

  it('GIVEN a line number the article does not have THEN the quote engine’s message, ephemeral', async () => {
    const sent = await command('quote', { source: '004_fda3f1e6d2d72140.txt', line: 999 });
    const data = await callbackData(sent.id);
    expect(data.flags).toBe(64);
    expect(data.content).toMatch(/^004\\_fda3f1e6d2d72140\.txt has \d+ lines; line 999 is out of range\.$/);
  });
});

describe('/sources and /help', () => {
  it('GIVEN /sources THEN every article with its file name', async () => {
    const data = await callbackData((await command('sources')).id);
    expect(data.embeds[0].title).toBe('4 articles');
    expect(data.embeds[0].fields.map((f: JsonObject) => f.value)).toContain('`004_fda3f1e6d2d72140.txt` · 10 passages');
  });

  it('GIVEN /help from a member THEN the guide and every command but /reload, with examples, ephemeral', async () => {
    const data = await callbackData((await command('help')).id);
    expect(data.flags).toBe(64);
    expect(data.embeds[0].fields.map((f: JsonObject) => f.name)).toEqual([
      'Asking',
      'Private answers',
      'Buttons under an answer',
      'Checking a citation',
      '/ask question:\\<question\\> \\[private\\]',
      '/quote \\[text\\] \\[speaker\\] \\[source\\] \\[line\\]',
      '/sources',
      '/help',
    ]);
  });
});

describe('/reload', () => {
  const added = 'zz_added.txt';

  it('GIVEN a member without Manage Server THEN an ephemeral refusal and nothing is reloaded', async () => {
    await writeFile(path.join(corpus, added), 'Lunar Base Opens\n\nThe lunar base opened on Tuesday with twelve crew members.\n');
    const sent = await command('reload', undefined, { permissions: '0' });
    const data = await callbackData(sent.id);
    expect(data).toMatchObject({
      flags: 64,
      content: 'Only members with the Manage Server permission can reload the articles. Nothing was reloaded.',
    });
    expect(bot.logs().some((l) => l.msg === 'Reloaded the corpus')).toBe(false);
    expect((await callbackData((await command('sources')).id)).embeds[0].title).toBe('4 articles');
  });

  it('GIVEN a member with Manage Server THEN it defers, reloads and reports the added file', async () => {
    const sent = await command('reload', undefined, { permissions: MANAGE_GUILD });
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await server.waitForWebhook(sent.token, 'PATCH');
    expect(edit.body?.embeds[0].title).toBe('Reloaded the articles');
    expect(edit.body?.embeds[0].description).toMatch(
      /^5 articles, \d+ passages, \d+ quotations, in \d+ ms\.\nFiles: 1 added, 0 changed, 0 removed, 4 unchanged\.$/,
    );
    expect(edit.body?.embeds[0].fields).toEqual([{ name: 'Added', value: `\`${added}\`` }]);
    expect((await callbackData((await command('sources')).id)).embeds[0].title).toBe('5 articles');
    const answer = await callbackData((await command('ask', { question: 'when did the lunar base open' })).id);
    expect(answer.embeds[0].description).toContain(`\`${added}:3\``);
  });

  it('GIVEN 200 files that cannot be loaded THEN the report gives their total, and the full list as an attached text file', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `zz_empty_${String(i).padStart(3, '0')}.txt`);
    for (const name of names) await writeFile(path.join(corpus, name), '');
    try {
      const sent = await command('reload', undefined, { permissions: MANAGE_GUILD });
      const edit = await server.waitForWebhook(sent.token, 'PATCH');
      const embed = edit.body?.embeds[0];
      expect(embed.description).toMatch(/\nFiles: 0 added, 0 changed, 0 removed, \d+ unchanged, 200 skipped\.$/);
      expect(embed.fields.map((f: JsonObject) => f.name)).toEqual(['Skipped (200)']);
      expect(embed.fields[0].value).toMatch(/^`zz_empty_000\.txt`: empty file\n`zz_empty_001\.txt`: empty file\n/);
      expect(embed.fields[0].value).toMatch(/ …\nAll of them are in the attached file `skipped-files\.txt`\.$/);
      expect(edit.files.map((f) => f.name)).toEqual(['skipped-files.txt']);
      expect(edit.files[0]?.data.toString('utf8')).toBe(['Skipped (200)', ...names.map((name) => `${name}: empty file`), ''].join('\n'));
      expect(server.originalResponse(sent.id)?.attachments).toEqual([expect.objectContaining({ filename: 'skipped-files.txt' })]);
    } finally {
      for (const name of names) await rm(path.join(corpus, name));
    }
  });

  it('GIVEN the corpus folder is gone THEN the reload failure is told in the deferred reply and the old articles keep serving', async () => {
    await rename(corpus, `${corpus}-moved`);
    try {
      const sent = await command('reload', undefined, { permissions: MANAGE_GUILD });
      const edit = await server.waitForWebhook(sent.token, 'PATCH');
      // Named relative to the project: a reply in Discord does not tell where the server keeps its files.
      expect(edit.body?.content).toBe(
        `The corpus folder ${escapeMarkdown(projectPath(corpus))} cannot be read (not found). Nothing was reloaded; the articles from before keep serving.`,
      );
      expect(edit.body?.content).not.toMatch(/folder \//);
      const answer = await callbackData((await command('ask', { question: 'which governor gifted the drones' })).id);
      expect(answer.embeds[0].description).toContain(GOLD);
    } finally {
      await rename(`${corpus}-moved`, corpus);
    }
  });
});

describe('failures', () => {
  it('GIVEN /ask without its required question (a stale registration) THEN an ephemeral apology with an error id that is in the log, and the bot keeps serving', async () => {
    const sent = await command('ask');
    const data = await callbackData(sent.id);
    expect(data.flags).toBe(64);
    const errorId = /^Something went wrong \(error id ([0-9A-F]{8})\)\. It has been logged; please try again later\.$/.exec(
      data.content,
    )?.[1];
    expect(errorId).toBeDefined();
    const logged = await bot.waitForLog((l) => l.errorId === errorId);
    expect(logged).toMatchObject({ level: 50, command: 'ask', msg: 'Command failed', interactionId: sent.id });

    const after = await callbackData((await command('ask', { question: 'which governor gifted the drones' })).id);
    expect(after.embeds[0].description).toContain(GOLD);
  });

  it('GIVEN /quote with line sent as text (options of an older registration) THEN the same apology', async () => {
    const sent = await command('quote', [
      { name: 'source', type: 3, value: '004_fda3f1e6d2d72140.txt' },
      { name: 'line', type: 3, value: 'eleven' },
    ]);
    expect((await callbackData(sent.id)).content).toMatch(/^Something went wrong \(error id [0-9A-F]{8}\)/);
  });

  it('GIVEN a command the bot does not have THEN it says so, ephemerally', async () => {
    const data = await callbackData((await command('summarize')).id);
    expect(data).toMatchObject({ flags: 64 });
    expect(data.content).toMatch(/^I don’t know \/summarize/);
  });

  it('GIVEN a 429 with retry-after on the callback THEN discord.js retries and the reply arrives', async () => {
    server.failNext({ method: 'POST', pathPattern: CALLBACK, status: 429, retryAfterSeconds: 0.5 });
    const sent = await command('ask', { question: 'which governor gifted the drones' });
    const data = await callbackData(sent.id);
    expect(data.embeds[0].description).toContain(GOLD);
    expect(server.callbackAttempts(sent.id).map((r) => r.status)).toEqual([429, 204]);
  });

  it('GIVEN a global 429 on the callback and one on an edit THEN each wait is logged once, with its route and length, and the replies arrive', async () => {
    const since = Date.now();
    const isWait = (l: LogLine) => l.msg === 'Waiting out a Discord rate limit' && (l.time as number) >= since;
    server.failNext({ method: 'POST', pathPattern: CALLBACK, status: 429, retryAfterSeconds: 0.5, global: true });
    const asked = await command('ask', { question: 'which governor gifted the drones' });
    expect((await callbackData(asked.id)).embeds[0].description).toContain(GOLD);
    const callbackWait = await bot.waitForLog((l) => isWait(l) && l.route === '/interactions/:id/:token/callback');
    expect(callbackWait).toMatchObject({ level: 40, global: true, method: 'POST', waitMs: expect.any(Number) });

    server.failNext({ method: 'PATCH', pathPattern: /\/messages\/@original$/, status: 429, retryAfterSeconds: 0.5, global: true });
    const reloaded = await command('reload', undefined, { permissions: MANAGE_GUILD });
    expect((await server.waitForWebhook(reloaded.token, 'PATCH')).body?.embeds[0].title).toBe('Reloaded the articles');
    await bot.waitForLog((l) => isWait(l) && String(l.route).startsWith('/webhooks/'));
    const waits = bot.logs().filter(isWait);
    expect(waits.map((l) => [l.method, l.route])).toEqual([
      ['POST', '/interactions/:id/:token/callback'],
      ['PATCH', '/webhooks/:id/:token/messages/%40original'],
    ]);
    expect(JSON.stringify(waits)).not.toContain(asked.token);
  });

  it('GIVEN the gateway drops mid-session THEN the bot resumes (op 6) and still answers', async () => {
    const identifies = server.identifies.length;
    const resumesBefore = server.gatewayMessages.filter((m) => m.op === 6).length;
    server.dropConnections();
    const sent = await command('ask', { question: 'which governor gifted the drones' });
    await server.waitForGatewayMessage((m) => m.op === 6 && server.gatewayMessages.filter((x) => x.op === 6).length > resumesBefore);
    expect((await callbackData(sent.id)).embeds[0].description).toContain(GOLD);
    expect(server.identifies).toHaveLength(identifies);
    await bot.waitForLog((l) => l.msg === 'Gateway session resumed');
  });
});

describe('everything the bot sent', () => {
  it('THEN every message had allowed_mentions {parse: []}, kept Discord’s limits, and was accepted', async () => {
    const messages = sentMessages(server.requests);
    expect(messages.length).toBeGreaterThan(20);
    for (const { request, message } of messages) {
      expect(message.allowed_mentions, `${request.method} ${request.path}`).toEqual({ parse: [] });
      expect(limitViolations(message), `${request.method} ${request.path}`).toEqual([]);
    }
    const rejected = server.requests.filter((r) => r.status >= 400 && r.status !== 429);
    expect(rejected.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  });

  it('THEN the token never appeared in a log line, even at trace level', () => {
    expect(bot.logs().length).toBeGreaterThan(10);
    expect(bot.stderr()).not.toContain(server.token);
  });

  it('GIVEN SIGTERM THEN the bot disconnects and exits 0', async () => {
    expect(await bot.stop('SIGTERM')).toBe(0);
    expect(bot.logs().some((l) => l.msg === 'Shutting down')).toBe(true);
  });
});
