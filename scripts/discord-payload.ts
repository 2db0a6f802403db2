/**
 * Prints the Discord message JSON the bot would send for one command over the seed articles (or
 * CORPUS_DIR), and how many lines it shows, e.g.
 *   npx tsx scripts/discord-payload.ts ask question="who gifted the drones"
 *   npx tsx scripts/discord-payload.ts quote source=004_fda3f1e6d2d72140.txt line=13
 * Buttons that need a paging session carry the placeholder session id `SESSION`, and 👍 / 👎 are
 * shown as when the bot keeps votes. For the before/after payloads in docs/payloads/.
 */
import { loadConfig } from '../src/platform/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import { buildLibrary } from '../src/library/library.js';
import { LibraryHolder } from '../src/library/holder.js';
import { createLogger } from '../src/platform/log.js';
import { COMMAND_HANDLERS, type RawOptions } from '../src/commands/index.js';
import { renderDiscord, type DiscordMessage } from '../src/transports/discord/render.js';
import { withoutDiscordMarkup } from '../src/transports/discord/markup.js';

/** Characters in a line of an embed on a phone, roughly. */
const WRAP = 45;
const [name, ...args] = process.argv.slice(2);
const handler = name ? COMMAND_HANDLERS.get(name) : undefined;
if (!handler) {
  console.error(`usage: discord-payload.ts COMMAND [option=value …]; commands: ${[...COMMAND_HANDLERS.keys()].join(', ')}`);
  process.exit(2);
}
const options: Record<string, string | number | boolean> = {};
for (const arg of args) {
  const at = arg.indexOf('=');
  const key = arg.slice(0, at);
  const raw = arg.slice(at + 1);
  const kind = handler.definition.options?.find((o) => o.name === key)?.kind;
  options[key] = kind === 'integer' ? Number(raw) : kind === 'boolean' ? raw === 'true' : raw;
}

const config = loadConfig();
const library = await buildLibrary(await loadCorpus(config.corpusPath, config));
const holder = new LibraryHolder(library, () => Promise.reject(new Error('no reloads here')));
const log = createLogger({ level: 'silent' });
const reply = await handler.run(options as RawOptions, {
  holder,
  config,
  log,
  requester: { kind: 'discord', userId: '1', roleIds: [], canManageGuild: false, inGuild: true },
  withoutMarkup: withoutDiscordMarkup,
});
const message = renderDiscord(reply, { pagingId: 'SESSION', votes: true, browse: !reply.ephemeral });
process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
process.stderr.write(`${lineCount(message)} lines, ${lineCount(message, WRAP)} wrapped at ${WRAP} characters\n`);

/**
 * The lines the message shows, before wrapping: content lines; per embed its title, description
 * lines, each field's name and value lines, and the footer; one per row of buttons. With
 * `wrap`, a line longer than that many characters counts as several (about a phone's width).
 */
function lineCount(m: DiscordMessage, wrap = Infinity): number {
  const lines = (text: string | undefined) =>
    text ? text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / wrap)), 0) : 0;
  let n = lines(m.content);
  for (const embed of m.embeds ?? []) {
    n += lines(embed.title) + lines(embed.description) + lines(embed.footer?.text);
    for (const field of embed.fields ?? []) n += lines(field.name) + lines(field.value);
  }
  return n + (m.components?.length ?? 0);
}
