/**
 * Bad, odd and hostile input, end to end: the bot is started as users start it (the compiled
 * `dist/app/start.js`, configured only by environment) against the Discord-compatible server in
 * test/support, one bot process for the whole file. Every case must get a clear, friendly
 * reply that Discord accepts at once (no 4xx, within the 3-second deadline), that can ping no
 * one (`allowed_mentions: {parse: []}`), and must leave the bot answering normally afterwards.
 * Each interaction comes from a new user, so the per-user cooldown never interferes.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/transports/console.js';
import { commandDefinition } from '../../src/commands/definitions.js';
import { pageButtonId } from '../../src/transports/discord/render.js';
import { startBot, type BotProcess } from '../support/bot-process.js';
import {
  snowflake,
  startDiscordServer,
  type CommandInit,
  type DiscordServer,
  type JsonObject,
  type RecordedRequest,
} from '../support/discord-server.js';
import { SEEDS_DIR } from '../support/seeds.js';
import { commandsTo, limitViolations, sentMessages } from './fixtures.js';

const CALLBACK = /^\/v10\/interactions\/\d+\/[^/]+\/callback$/;
const WEBHOOK = /^\/v10\/webhooks\/\d+\/[^/]+/;
const GOLD = '000_e54da9ff0ce102d3.txt:7';
const SEED = '000_e54da9ff0ce102d3.txt';
/** How the renderer shows SEED in a message (Discord markdown: `_` escaped). */
const SEED_SHOWN = '000\\_e54da9ff0ce102d3.txt';
const SEED_LINES = 28;
const MANAGE_GUILD = '32';
const ZWSP = '\u200B';
/** On every line of a file beside the corpus folder: it must never reach a reply or a log. */
const SECRET = `TOPSECRET-${randomBytes(6).toString('hex')}`;

const EMPTY_QUESTION = 'The question is empty. Ask about a person, place or event the articles mention, in your own words.';
const NO_WORDS =
  'The question has no words to search for, only signs. Ask about a person, place or event the articles mention, in your own words.';
const NOTHING_FOUND = 'I found nothing about that in the articles. Try other words, or see every article with `/sources`.';
const NO_QUOTE = 'No quotation matches that. Try fewer words, another spelling, or /sources to see the articles.';
const GIVE_SOMETHING = 'Give at least one of text, speaker, or source with line.';
const GIVE_SOURCE = 'Give the source article together with the line number. Use /sources to list them.';
const EXPIRED = 'These buttons have expired. Ask again to get fresh ones.';

let server: DiscordServer;
let bot: BotProcess;
let root: string;
let corpus: string;
/** Real words from the seed articles, 6,000 characters: Discord's max_length for /ask question. */
let longQuestion: string;
/** Real words, 300 characters: the max_length of /quote text. */
let longPhrase: string;

function maxLength(command: string, option: string): number {
  const found = commandDefinition(command)?.options?.find((o) => o.name === option);
  if (found?.maxLength === undefined) throw new Error(`/${command} ${option} has no max_length`);
  return found.maxLength;
}

function maxLengthOf(option: string): number {
  return maxLength('quote', option);
}

/** Words of the seed articles joined by spaces, exactly `length` characters long. */
async function realWords(length: number): Promise<string> {
  const text = (await Promise.all((await readdir(SEEDS_DIR)).sort().map((name) => readFile(path.join(SEEDS_DIR, name), 'utf8')))).join(' ');
  const words = text.match(/[\p{L}’']+/gu) ?? [];
  let out = '';
  for (let i = 0; out.length < length; i++) out += (out ? ' ' : '') + (words[i % words.length] ?? 'word');
  return out.slice(0, length).replace(/\s$/u, 'a');
}

/**
 * Sends an interaction and returns what the user sees. Asserts what every case needs: exactly
 * one callback attempt, accepted (no 4xx, nothing late), and nothing in it can ping.
 */
async function reply(name: string, options?: CommandInit['options'], init: Partial<CommandInit> = {}): Promise<JsonObject> {
  const sent = await command(name, options, init);
  return accepted(sent.id);
}

const { command } = commandsTo(() => server);

async function accepted(interactionId: string, type = 4): Promise<JsonObject> {
  const callback = await server.waitForCallback(interactionId);
  expect(server.callbackAttempts(interactionId).map((r) => r.status)).toEqual([callback.status]);
  expect(callback.status).toBeLessThan(300);
  expect(callback.body.type).toBe(type);
  const data = callback.body.data ?? {};
  if (type === 4 || type === 7) {
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(data)).toEqual([]);
  }
  return data;
}

/** Everything a person reads in a message: content, then title, description, fields and footer. */
function visible(data: JsonObject): string {
  const embeds: JsonObject[] = data.embeds ?? [];
  return [
    data.content ?? '',
    ...embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f: JsonObject) => [f.name, f.value]),
      e.footer?.text ?? '',
    ]),
  ].join('\n');
}

/** A short ephemeral message (a refusal or a hint), its exact text. */
function notice(data: JsonObject): string {
  expect(data.flags).toBe(64);
  expect(data.embeds ?? []).toEqual([]);
  return data.content;
}

/** Markdown characters Discord would format, not preceded by the backslash that escapes them. */
const UNESCAPED_MARKDOWN = /(^|[^\\])[`*_~|>#[\]<]/u;

beforeAll(async () => {
  // The corpus folder holds copies of the seeds; a secret file sits beside it, one level up.
  root = await mkdtemp(path.join(os.tmpdir(), 'citebot-bad-input-'));
  corpus = path.join(root, 'articles');
  await mkdir(corpus);
  for (const name of await readdir(SEEDS_DIR)) await copyFile(path.join(SEEDS_DIR, name), path.join(corpus, name));
  await writeFile(path.join(root, 'secret.txt'), Array.from({ length: 10 }, () => SECRET).join('\n'));
  longQuestion = await realWords(maxLength('ask', 'question'));
  longPhrase = await realWords(maxLength('quote', 'text'));
  server = await startDiscordServer({ heartbeatIntervalMs: 1000 });
  bot = await startBot({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, CORPUS_DIR: corpus, LOG_LEVEL: 'debug' });
});

afterEach(async () => {
  // Whatever came before, the bot still answers.
  const data = await reply('ask', { question: 'which governor gifted the drones' });
  expect(data.embeds[0].description).toContain(`\`${GOLD}\``);
});

afterAll(async () => {
  if (bot) await stopBot(bot);
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/**
 * Stops the bot with SIGTERM, letting it disconnect; a bot left running would try to reconnect
 * to the closed server for ever. SIGKILL is the fallback, sent to the bot's own pid (in every
 * log line).
 */
async function stopBot(running: BotProcess): Promise<void> {
  const pid = running.logs().find((l) => typeof l.pid === 'number')?.pid as number | undefined;
  const exited = await Promise.race([running.stop('SIGTERM'), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000))]);
  if (exited !== 'late') return;
  try {
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await running.stop('SIGKILL');
}

describe('/ask question', () => {
  it.each([
    ['empty', '', EMPTY_QUESTION],
    ['whitespace only', ' \t \n  ', EMPTY_QUESTION],
    ['only invisible characters', '\u200B\u202E\uFEFF\u2066\u00AD', EMPTY_QUESTION],
    ['only punctuation', '?!.,;:…—"\'()', NO_WORDS],
    ['only emoji', '🚀🔥😀👍🏽👨‍👩‍👧', NO_WORDS],
  ])('GIVEN %s THEN a hint that there is nothing to search, ephemeral', async (_label, question, hint) => {
    expect(notice(await reply('ask', { question }))).toBe(hint);
  });

  it('GIVEN 6,000 characters of real words (the max_length) THEN a reply, the title cut to fit', async () => {
    expect(longQuestion).toHaveLength(6000);
    const data = await reply('ask', { question: longQuestion });
    const [embed] = data.embeds;
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(longQuestion.startsWith(embed.title.replace(/…$/u, '').trimEnd())).toBe(true);
    // The articles' own words in their order: one of the three outcomes, and an answer or the closest passages cite a seed line.
    const cited = /\d{3}_[0-9a-f]{16}\.txt:\d+/u.test(JSON.stringify(embed));
    expect(embed.description.endsWith(NOTHING_FOUND) || cited).toBe(true);
  });

  it('GIVEN "Z" with 500 combining accents THEN a name the articles lack (a lone capital is one): nothing found, the echo keeps 4 marks', async () => {
    const data = await reply('ask', { question: `Z${'\u0301'.repeat(500)}` });
    expect(data.embeds[0].title).toBe(`Z${'\u0301'.repeat(4)}`);
    expect(data.embeds[0].description).toBe(NOTHING_FOUND);
  });

  it('GIVEN a lone lower-case letter drowned in accents THEN the hint to name something, ephemeral', async () => {
    expect(notice(await reply('ask', { question: `z${'\u0301'.repeat(500)}` }))).toBe(
      'That question has only common words (like "what" or "the"). Name a person, place or thing from the articles.',
    );
  });

  it('GIVEN a word drowned in combining marks THEN the answer, and the echo keeps at most 4 marks a letter', async () => {
    const data = await reply('ask', { question: `which governor gifted the d${'\u0301\u0336'.repeat(300)}rones` });
    expect(data.embeds[0].title).toBe(`which governor gifted the d${'\u0301\u0336\u0301\u0336'}rones`);
    expect(data.embeds[0].description).toContain(`\`${GOLD}\``);
  });

  it.each([
    ['Arabic', 'من أهدى الطائرات المسيّرة؟'],
    ['Hebrew', 'מי נתן את המל"טים?'],
    ['Persian, with the zero-width non-joiner its spelling needs', 'چه کسی پهپادها را هدیه داد؟ می\u200Cخواهم بدانم'],
  ])('GIVEN a question in %s (right to left) THEN it is echoed as written and nothing is found', async (_label, question) => {
    const data = await reply('ask', { question });
    expect(data.embeds[0].title).toBe(question);
    expect(data.embeds[0].description).toBe(NOTHING_FOUND);
  });

  it.each([
    ['a right-to-left override (U+202E)', 'which governor gifted the \u202Edrones'],
    ['LTR/RTL overrides, isolates and marks', '\u202Dwhich governor\u2066 gifted\u2069 the\u200F drones\u202C'],
    ['zero-width spaces and a BOM inside words', 'which governor gif\u200Bted the dro\u200Bnes\uFEFF'],
    ['a soft hyphen and a word joiner inside words', 'which governor gif\u00ADted the dro\u2060nes'],
  ])('GIVEN %s THEN the gold answer, echoed without the invisible characters', async (_label, question) => {
    const data = await reply('ask', { question });
    expect(data.embeds[0].title).toBe('which governor gifted the drones');
    expect(data.embeds[0].description).toContain(`\`${GOLD}\``);
  });

  it('GIVEN an emoji joined with zero-width joiners THEN the answer, the emoji echoed whole', async () => {
    const data = await reply('ask', { question: 'which governor gifted the drones 👨\u200D👩\u200D👧' });
    expect(data.embeds[0].title).toBe('which governor gifted the drones 👨\u200D👩\u200D👧');
    expect(data.embeds[0].description).toContain(`\`${GOLD}\``);
  });

  it('GIVEN markdown and a code fence THEN the echoed question is escaped, nothing formats', async () => {
    const data = await reply('ask', {
      question: '```js\nalert(1)\n``` **bold** __u__ > quote ~~gone~~ ||spoiler|| # head [link](http://x.y) sourdough',
    });
    const title: string = data.embeds[0].title;
    expect(title).toBe(
      '\\`\\`\\`js alert(1) \\`\\`\\` \\*\\*bold\\*\\* \\_\\_u\\_\\_ \\> quote \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| \\# head \\[link\\](http://x.y) sourdough',
    );
    expect(title).not.toMatch(UNESCAPED_MARKDOWN);
    expect(data.embeds[0].description).toBe(NOTHING_FOUND);
  });

  it('GIVEN @everyone, @here, a user and a role mention with a question THEN the gold answer; the echo is defused and nothing can ping', async () => {
    const data = await reply('ask', { question: '@everyone @here <@123> <@&456> which governor gifted the drones' });
    const title: string = data.embeds[0].title;
    expect(title).toBe(`@${ZWSP}everyone @${ZWSP}here \\<@123\\> \\<@&456\\> which governor gifted the drones`);
    expect(title).not.toMatch(/@everyone|@here|(^|[^\\])<@/u);
    expect(data.embeds[0].description).toContain(`\`${GOLD}\``);
  });

  it('GIVEN only mentions THEN a hint that mentions are not searched, ephemeral', async () => {
    expect(notice(await reply('ask', { question: '@everyone <@123> <@&456> <#789> @here' }))).toBe(
      'That question has only mentions, and mentions are not searched. Ask about a person, place or event the articles mention, in your own words.',
    );
  });
});

describe('/quote text', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '   \t '],
    ['only invisible characters', '\u200B\u202E'],
  ])('GIVEN %s THEN the hint to give text, speaker or source with line', async (_label, text) => {
    expect(notice(await reply('quote', { text }))).toBe(GIVE_SOMETHING);
  });

  it.each([
    ['only punctuation', '?!.,;', '“?!.,;” has no words to search for.'],
    ['only emoji', '🚀🔥', '“🚀🔥” has no words to search for.'],
  ])('GIVEN %s THEN it says there are no words to search for', async (_label, text, message) => {
    expect(notice(await reply('quote', { text }))).toBe(message);
  });

  it('GIVEN 300 characters of real words (the max_length) THEN "no quotation", the title cut to fit', async () => {
    expect(longPhrase).toHaveLength(300);
    const data = await reply('quote', { text: longPhrase });
    expect(data.embeds[0].title.length).toBeLessThanOrEqual(256);
    expect(data.embeds[0].title).toMatch(/^Quotations with “.+…$/u);
    expect(data.embeds[0].description).toBe(NO_QUOTE);
  });

  it('GIVEN a combining-mark flood THEN "no quotation", echoed with at most 4 marks', async () => {
    const data = await reply('quote', { text: `Z${'\u0301'.repeat(299)}` });
    expect(data.embeds[0].title).toBe(`Quotations with “Z${'\u0301'.repeat(4)}”`);
    expect(data.embeds[0].description).toBe(NO_QUOTE);
  });

  it('GIVEN right-to-left text with an override mark THEN "no quotation", echoed without the mark', async () => {
    const data = await reply('quote', { text: 'الطائرات\u202E' });
    expect(data.embeds[0].title).toBe('Quotations with “الطائرات”');
    expect(data.embeds[0].description).toBe(NO_QUOTE);
  });

  it('GIVEN zero-width characters inside the words THEN the quotation is still found', async () => {
    const data = await reply('quote', { text: 'overtly engag\u200Bing\u202E' });
    expect(data.embeds[0].title).toBe('1 quotation with “overtly engaging”');
    expect(data.embeds[0].fields[0].value).toContain('**overtly engaging**');
    expect(data.embeds[0].fields[0].value).toContain('`000_e54da9ff0ce102d3.txt:15`');
  });

  it('GIVEN the phrase in markdown THEN the title is escaped and the quotation found, with only the matched words in bold', async () => {
    const data = await reply('quote', { text: '**overtly engaging**' });
    expect(data.embeds[0].title).toBe('1 quotation with “\\*\\*overtly engaging\\*\\*”');
    expect(data.embeds[0].fields[0].value).toContain('saying, “Russia is now **overtly engaging** with a country');
  });

  it('GIVEN a code fence THEN the echo is escaped on one line', async () => {
    const data = await reply('quote', { text: '```js\nx\n```' });
    expect(data.embeds[0].title).toBe('Quotations with “\\`\\`\\`js x \\`\\`\\`”');
    expect(data.embeds[0].description).toBe(NO_QUOTE);
  });

  it('GIVEN mentions THEN "no quotation", the echo defused and escaped', async () => {
    const data = await reply('quote', { text: '@everyone <@123> <@&456> @here' });
    expect(data.embeds[0].title).toBe(`Quotations with “@${ZWSP}everyone \\<@123\\> \\<@&456\\> @${ZWSP}here”`);
    expect(data.embeds[0].description).toBe(NO_QUOTE);
  });

  it('GIVEN a one-letter word THEN only that word is bold, not the letter inside other words (regression)', async () => {
    const data = await reply('quote', { text: 'a' });
    const value: string = data.embeds[0].fields[0].value;
    expect(value).toContain('engaging with **a** country');
    expect(value).not.toMatch(/\w\*\*a\*\*|\*\*a\*\*\w/iu);
  });

  it('GIVEN different case, spacing, punctuation and apostrophe THEN the phrase is bold where the search found it (regression)', async () => {
    const data = await reply('quote', { text: "AND   that's VERY!!" });
    expect(data.embeds[0].fields[0].value).toContain('**And that’s very** problematic');
  });
});

describe('/quote speaker', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '  '],
  ])('GIVEN %s THEN the hint to give text, speaker or source with line', async (_label, speaker) => {
    expect(notice(await reply('quote', { speaker }))).toBe(GIVE_SOMETHING);
  });

  it.each([
    ['only punctuation', '!!!', '“!!!” is not a name to search for.'],
    ['only emoji', '🚀', '“🚀” is not a name to search for.'],
  ])('GIVEN %s THEN it says that is not a name', async (_label, speaker, message) => {
    expect(notice(await reply('quote', { speaker }))).toBe(message);
  });

  it.each([
    ['100 characters (the max_length)', 'O'.repeat(maxLengthOf('speaker')), `Quotations by ${'O'.repeat(100)}`],
    ['a combining-mark flood', `Z${'\u0301'.repeat(99)}`, `Quotations by Z${'\u0301'.repeat(4)}`],
    ['right-to-left text with an override mark', 'פוטין\u202E', 'Quotations by פוטין'],
    ['@everyone', '@everyone', `Quotations by @${ZWSP}everyone`],
    ['a user mention and @here', '<@123> @here', `Quotations by \\<@123\\> @${ZWSP}here`],
  ])('GIVEN %s THEN "no quotation", echoed safely', async (_label, speaker, title) => {
    const data = await reply('quote', { speaker });
    expect(data.embeds[0].title).toBe(title);
    expect(data.embeds[0].description).toBe(NO_QUOTE);
  });

  it.each([
    ['markdown', '**Putin**'],
    ['a zero-width space inside the name', 'Pu\u200Btin'],
  ])('GIVEN a name in %s THEN the quotations, under the name the articles give', async (_label, speaker) => {
    const data = await reply('quote', { speaker });
    expect(data.embeds[0].title).toBe('5 quotations by Vladimir Putin');
    expect(data.embeds[0].description).toBeUndefined();
    expect(data.embeds[0].fields.map((f: { value: string }) => f.value.split('\n')[0])).toEqual([
      '`004_fda3f1e6d2d72140.txt:21`',
      '`004_fda3f1e6d2d72140.txt:23`',
    ]);
  });
});

describe('/quote source and line', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '   '],
  ])('GIVEN a source that is %s with a line THEN the hint to give the source', async (_label, source) => {
    expect(notice(await reply('quote', { source, line: 3 }))).toBe(GIVE_SOURCE);
  });

  it.each([
    ['100 characters (the max_length)', 'a'.repeat(100), `“${'a'.repeat(79)}…”`],
    ['only punctuation', '?!', '“?!”'],
    ['only emoji', '🚀', '“🚀”'],
    ['a combining-mark flood', `Z${'\u0301'.repeat(99)}`, `“Z${'\u0301'.repeat(4)}”`],
    ['right-to-left with an override mark', '\u202Etxt.000', '“txt.000”'],
    ['markdown', '**x**`y`', '“\\*\\*x\\*\\*\\`y\\`”'],
    ['@everyone', '@everyone', `“@${ZWSP}everyone”`],
  ])('GIVEN a source of %s THEN "not an article", echoed safely', async (_label, source, shown) => {
    expect(notice(await reply('quote', { source, line: 3 }))).toBe(`${shown} is not an article in the corpus. Use /sources to list them.`);
  });

  it.each([
    ['../../etc/passwd', '“../../etc/passwd”'],
    ['/etc/passwd', '“/etc/passwd”'],
    [`seeds/${SEED}`, `“seeds/${SEED_SHOWN}”`],
    ['../secret.txt', '“../secret.txt”'],
    ['..\\secret.txt', '“..\\\\secret.txt”'],
    ['~/secret.txt', '“\\~/secret.txt”'],
    ['file:///etc/passwd', '“file:///etc/passwd”'],
  ])('GIVEN source %s (a path) THEN refused, nothing of any file shown', async (source, shown) => {
    const data = await reply('quote', { source, line: 1 });
    expect(notice(data)).toBe(`${shown} is not an article in the corpus. Use /sources to list them.`);
    expect(visible(data)).not.toContain(SECRET);
    expect(visible(data)).not.toMatch(/root:|governor of the Russian region/u);
  });

  it.each([
    ['0', 0],
    ['negative', -5],
  ])("GIVEN line %s (below the definition's minimum, which a client may skip) THEN the minimum is named", async (_label, line) => {
    expect(notice(await reply('quote', { source: SEED, line }))).toBe('line must be at least 1.');
  });

  it('GIVEN line 2^31 - 1 with a valid source THEN "out of range", with the number of lines', async () => {
    const line = 2 ** 31 - 1;
    expect(notice(await reply('quote', { source: SEED, line }))).toBe(
      `${SEED_SHOWN} has ${SEED_LINES} lines; line ${line} is out of range.`,
    );
  });

  it('GIVEN a valid source and line THEN the line itself (the control case)', async () => {
    const data = await reply('quote', { source: SEED, line: 7 });
    expect(data.embeds[0].title).toBe('Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More');
    expect(data.embeds[0].description).toContain('`7` **The autocrat’s shopping spree');
    expect(data.embeds[0].description.endsWith(`\`${GOLD}\``)).toBe(true);
  });
});

describe('autocomplete', () => {
  it.each([
    ['source', ''],
    ['source', '../../etc/passwd'],
    ['source', '🚀'],
    ['source', `Z${'\u0301'.repeat(99)}`],
    ['source', '\u202E'],
    ['speaker', ''],
    ['speaker', '@everyone'],
    ['speaker', '<@123>'],
    ['speaker', '```'],
    ['speaker', `Z${'\u0301'.repeat(99)}`],
  ])('GIVEN /quote %s:%j being typed THEN choices Discord accepts', async (focused, value) => {
    const sent = await server.sendAutocomplete({ name: 'quote', options: { [focused]: value }, userId: snowflake() });
    const data = await accepted(sent.id, 8);
    const choices: JsonObject[] = data.choices;
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    if (value === '../../etc/passwd') expect(choices).toEqual([]);
  });
});

describe('stale registrations and stale buttons', () => {
  it('GIVEN a command the bot does not have THEN it says so, ephemerally', async () => {
    expect(notice(await reply('ask-v2', { question: 'which governor gifted the drones' }))).toBe(
      'I don’t know /ask-v2: it is left from an older version of citebot. An admin can update the commands with npm run deploy.',
    );
  });

  it('GIVEN /ask with an option it does not have THEN the option is ignored and the question answered', async () => {
    const data = await reply('ask', { question: 'which governor gifted the drones', verbose: true, lang: 'fr' });
    expect(data.embeds[0].description).toContain(`\`${GOLD}\``);
  });

  it('GIVEN /sources with an option it does not have THEN the list of articles', async () => {
    const data = await reply('sources', { page: 2 });
    expect(data.embeds[0].title).toBe('3 articles');
  });

  it.each([
    ['a paging session the bot never had', () => pageButtonId(randomBytes(6).toString('base64url'), 1)],
    ['the page-number button of an unknown session', () => pageButtonId(randomBytes(6).toString('base64url'), 'at')],
    ['a custom id that is not a page button', () => `page:../../etc:${'9'.repeat(20)}`],
    ['a 100-character custom id', () => 'x'.repeat(100)],
  ])('GIVEN a button with %s on a message the bot does not know THEN "expired", ephemeral', async (_label, customId) => {
    const sent = await server.sendButton({ customId: customId(), userId: snowflake() });
    expect(notice(await accepted(sent.id))).toBe(EXPIRED);
  });
});

describe('Discord failing', () => {
  it('GIVEN a 500 on the interaction callback THEN discord.js retries and the reply arrives', async () => {
    server.failNext({ method: 'POST', pathPattern: CALLBACK, status: 500 });
    const sent = await server.sendCommand({ name: 'ask', options: { question: 'which governor gifted the drones' }, userId: snowflake() });
    const callback = await server.waitForCallback(sent.id);
    expect(server.callbackAttempts(sent.id).map((r) => r.status)).toEqual([500, 204]);
    expect(callback.body.data?.embeds[0].description).toContain(`\`${GOLD}\``);
    expect(callback.body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a 502 on the edit of a deferred /reload THEN discord.js retries and the report arrives', async () => {
    server.failNext({ method: 'PATCH', pathPattern: WEBHOOK, status: 502 });
    const sent = await server.sendCommand({ name: 'reload', permissions: MANAGE_GUILD, userId: snowflake() });
    expect((await server.waitForCallback(sent.id)).body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await server.waitForWebhook(sent.token, 'PATCH', { timeoutMs: 10_000 });
    const attempts = server.requests.filter((r) => WEBHOOK.test(r.path) && r.path.includes(sent.token));
    expect(attempts.map((r) => `${r.method} ${r.status}`)).toEqual(['PATCH 502', 'PATCH 200']);
    expect(edit.body?.allowed_mentions).toEqual({ parse: [] });
    expect(edit.body?.embeds[0].title).toBe('Reloaded the articles');
    expect(edit.body?.embeds[0].description).toMatch(
      /^3 articles, \d+ passages, \d+ quotations, in \d+ ms\.\nFiles: 0 added, 0 changed, 0 removed, 3 unchanged\.$/u,
    );
  });
});

describe('the console reads the same options', () => {
  it.each([
    [
      'a line number beyond 2^53 (regression: it was read as 1e+23)',
      `/quote source:${SEED} line:99999999999999999999999`,
      'line is out of range.',
    ],
    ['a negative line number', `/quote source:${SEED} line:-5`, 'line must be at least 1.'],
    ['a line number that is not a number', `/quote source:${SEED} line:seven`, 'line must be a whole number.'],
    ['an unknown command', '/summarize everything', 'There is no /summarize command. /help lists the commands.'],
  ])('GIVEN %s THEN a message saying what is wrong', (_label, line, message) => {
    expect(() => parseCommandLine(line)).toThrow(message);
  });
});

describe('everything the bot sent', () => {
  it('THEN every message could ping no one and kept Discord’s limits; nothing was refused but the injected faults', () => {
    const messages = sentMessages(server.requests);
    expect(messages.length).toBeGreaterThan(100);
    for (const { request, message } of messages) {
      expect(message.allowed_mentions, `${request.method} ${request.path}`).toEqual({ parse: [] });
      expect(limitViolations(message), `${request.method} ${request.path}`).toEqual([]);
    }
    const injected = (r: RecordedRequest) => (r.status === 500 && CALLBACK.test(r.path)) || (r.status === 502 && WEBHOOK.test(r.path));
    expect(
      server.requests
        .filter((r) => r.status >= 400 && !injected(r))
        .map((r) => `${r.method} ${r.path} ${r.status} ${JSON.stringify(r.response)}`),
    ).toEqual([]);
    expect(server.requests.filter(injected)).toHaveLength(2);
  });

  it('THEN nothing failed inside the bot and the secret beside the corpus never reached a log', () => {
    expect(bot.logs().filter((l) => l.level >= 50)).toEqual([]);
    expect(bot.stderr()).not.toContain(SECRET);
  });
});
