/**
 * The metadata sidecar end to end: the compiled bot started on the seeds with a `sources.json`
 * that holds good and bad details, talking through the real discord.js client. A bad entry is
 * logged at startup and listed by /reload; the good ones show in /sources as masked links.
 */
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../support/bot-process.js';
import { SEEDS_DIR } from '../support/seeds.js';
import { snowflake, startDiscordServer, type DiscordServer, type JsonObject } from '../support/discord-server.js';

const MANAGE_GUILD = String(0x20);
const SPREE = 'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More';

let server: DiscordServer;
let bot: BotProcess;
let corpus: string;

const sidecar = (details: unknown) => writeFile(path.join(corpus, 'sources.json'), JSON.stringify(details));

async function sourcesFields(): Promise<Array<{ name: string; value: string }>> {
  const sent = await server.sendCommand({ name: 'sources', userId: snowflake() });
  const data = (await server.waitForCallback(sent.id)).body.data ?? {};
  return data.embeds[0].fields as Array<{ name: string; value: string }>;
}

beforeAll(async () => {
  corpus = await mkdtemp(path.join(os.tmpdir(), 'citebot-e2e-meta-'));
  for (const name of await readdir(SEEDS_DIR)) await copyFile(path.join(SEEDS_DIR, name), path.join(corpus, name));
  await sidecar({
    '000_e54da9ff0ce102d3.txt': { url: 'https://news.example.com/spree_(2023)', publisher: 'Example *News*', published: '2023-09-18' },
    '004_fda3f1e6d2d72140.txt': { url: 'javascript:alert(1)', publisher: 'Example Daily' },
  });
  server = await startDiscordServer({ heartbeatIntervalMs: 1000 });
  bot = await startBot({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.apiUrl, CORPUS_DIR: corpus, LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await server?.close();
  if (corpus) await rm(corpus, { recursive: true, force: true });
});

describe('the metadata sidecar', () => {
  it('GIVEN a bad url in the sidecar THEN the start logs it, serves, and /sources links the good details', async () => {
    expect(bot.logs().filter((l) => l.file === 'sources.json')).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'A problem in the metadata sidecar; the articles load without those details',
        source: '004_fda3f1e6d2d72140.txt',
        reason: 'url must be a web address starting with http:// or https://; it is ignored',
      }),
    ]);
    const fields = await sourcesFields();
    expect(fields[0]).toEqual({
      name: SPREE,
      value: '`000_e54da9ff0ce102d3.txt` · 9 passages\n[Example \\*News\\*](https://news.example.com/spree_%282023%29) · 2023-09-18',
    });
    expect(fields[1]?.value).toMatch(/^`001_dee9a08cf77086df\.txt` · \d+ passages?$/);
    expect(fields[2]?.value).toMatch(/^`004_fda3f1e6d2d72140\.txt` · 10 passages\nExample Daily$/);
  });

  it('GIVEN a sidecar that is no longer JSON THEN /reload succeeds and lists the problem; /sources shows no details', async () => {
    await writeFile(path.join(corpus, 'sources.json'), '{ "000_e54da9ff0ce102d3.txt": ');
    const sent = await server.sendCommand({ name: 'reload', userId: snowflake(), permissions: MANAGE_GUILD });
    const edit = await server.waitForWebhook(sent.token, 'PATCH');
    const embed = edit.body?.embeds[0] as JsonObject;
    expect(embed.title).toBe('Reloaded the articles');
    expect(embed.description).toMatch(
      /^3 articles, \d+ passages, \d+ quotations, in \d+ ms\.\nFiles: 0 added, 0 changed, 0 removed, 3 unchanged\.\nPublication details from sources\.json: 0 articles\.$/,
    );
    expect(embed.fields).toEqual([
      { name: 'Metadata (1 problem in sources.json)', value: expect.stringMatching(/^not valid JSON \(.+\)$/) as string },
    ]);
    expect((await sourcesFields()).map((f) => f.value.includes('\n'))).toEqual([false, false, false]);
  });
});
