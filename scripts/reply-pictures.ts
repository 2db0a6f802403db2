/**
 * `npm run pictures`: the README's pictures of real replies. Runs the example commands on the
 * seed articles through the real handlers and the Discord renderer, writes each payload as
 * Discord would receive it to docs/payloads/NAME.json, then draws it in a Discord-like dark
 * theme and screenshots it with headless Chromium (Debian's `chromium`, driven by
 * playwright-core) to docs/images/NAME.png.
 *
 * A development tool, not part of the tests: it needs a browser. `--payloads-only` skips the
 * pictures; `--out DIR` and `--images DIR` write elsewhere (e.g. to keep a "before").
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMAND_HANDLERS, type CommandContext, type RawOptions } from '../src/commands/index.js';
import { loadCorpus } from '../src/corpus/load.js';
import { LibraryHolder } from '../src/library/holder.js';
import { buildLibrary } from '../src/library/library.js';
import { loadConfig, PROJECT_ROOT } from '../src/platform/config.js';
import { createLogger } from '../src/platform/log.js';
import { discordSurface, requesterOf } from '../src/transports/discord/member.js';
import { withoutDiscordMarkup } from '../src/transports/discord/markup.js';
import { renderDiscord, type DiscordMessage } from '../src/transports/discord/render.js';

/** The exchanges shown in the README and listed, before and after, in notes. */
const EXAMPLES: ReadonlyArray<{ name: string; typed: string; command: string; options: RawOptions }> = [
  { name: 'ask-drones', typed: '/ask who gifted the drones', command: 'ask', options: { question: 'who gifted the drones' } },
  {
    name: 'ask-boiling-point',
    typed: '/ask what is the boiling point of water',
    command: 'ask',
    options: { question: 'what is the boiling point of water' },
  },
  { name: 'quote-speaker-putin', typed: '/quote speaker:Putin', command: 'quote', options: { speaker: 'Putin' } },
  {
    name: 'quote-source-line',
    typed: '/quote source:004_fda3f1e6d2d72140.txt line:13',
    command: 'quote',
    options: { source: '004_fda3f1e6d2d72140.txt', line: 13 },
  },
];

async function payloads(): Promise<Array<{ name: string; typed: string; message: DiscordMessage }>> {
  const config = loadConfig({});
  const library = await buildLibrary(await loadCorpus(path.join(PROJECT_ROOT, 'seeds'), config));
  // As a bot that has been up a moment: the questions it suggests after a miss are found in the background.
  await library.suggestions();
  const ctx: CommandContext = {
    holder: new LibraryHolder(library, async () => library),
    log: createLogger({ level: 'silent' }),
    requester: requesterOf({ userId: '1', roleIds: [], canManageGuild: false, inGuild: true }, config.discord),
    surface: discordSurface(config.discord),
    withoutMarkup: withoutDiscordMarkup,
  };
  const out = [];
  for (const example of EXAMPLES) {
    const handler = COMMAND_HANDLERS.get(example.command);
    if (!handler) throw new Error(`No /${example.command}`);
    const reply = await handler.run(example.options, ctx);
    out.push({
      name: example.name,
      typed: example.typed,
      message: renderDiscord(reply, { pagingId: 'example', votes: true, browse: !reply.ephemeral }),
    });
  }
  return out;
}

/** The lines a person sees: content, then each embed's title, description, fields and footer. */
export function visibleLines(message: DiscordMessage): number {
  const parts: string[] = [];
  if (message.content) parts.push(message.content);
  for (const embed of message.embeds ?? []) {
    if (embed.title) parts.push(embed.title);
    if (embed.description) parts.push(embed.description);
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
    if (embed.footer) parts.push(embed.footer.text);
  }
  const buttonRows = (message.components ?? []).length;
  return parts.join('\n').split('\n').length + buttonRows;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Discord's markdown, as much of it as the bot writes: escapes, bold, code, masked links, line breaks. */
function markdown(text: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE000`;
  let out = text.replace(/\\([\\*_`~|>#\-.[\]()<@:])/g, (_m, c: string) => hold(escapeHtml(c)));
  out = escapeHtml(out)
    .replace(/`([^`]+)`/g, (_m, code: string) => hold(`<code>${code}</code>`))
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, (_m, label: string, url: string) => hold(`<a href="${url}">${label}</a>`))
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/\n/g, '<br>');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => held[Number(i)] ?? '');
}

function html(typed: string, message: DiscordMessage): string {
  const embeds = (message.embeds ?? [])
    .map((embed) => {
      const colour = `#${(embed.color ?? 0x5865f2).toString(16).padStart(6, '0')}`;
      const fields = (embed.fields ?? [])
        .map((f) => `<div class="field"><div class="fname">${markdown(f.name)}</div><div>${markdown(f.value)}</div></div>`)
        .join('');
      return `<div class="embed" style="border-left-color:${colour}">${embed.title ? `<div class="title">${markdown(embed.title)}</div>` : ''}${
        embed.description ? `<div class="desc">${markdown(embed.description)}</div>` : ''
      }${fields}${embed.footer ? `<div class="footer">${escapeHtml(embed.footer.text)}</div>` : ''}</div>`;
    })
    .join('');
  const rows = (message.components ?? [])
    .map(
      (row) =>
        `<div class="row">${row.components
          .map((b) => {
            const button = b as { label?: string; style?: number; disabled?: boolean; emoji?: { name?: string } };
            const style =
              button.style === 1
                ? 'primary'
                : button.style === 5
                  ? 'link'
                  : button.style === 3
                    ? 'success'
                    : button.style === 4
                      ? 'danger'
                      : 'secondary';
            return `<span class="button ${style}${button.disabled ? ' disabled' : ''}">${escapeHtml(`${button.emoji?.name ?? ''} ${button.label ?? ''}`.trim())}${style === 'link' ? ' ↗' : ''}</span>`;
          })
          .join('')}</div>`,
    )
    .join('');
  const content = message.content ? `<div class="content">${markdown(message.content)}</div>` : '';
  const only = message.flags === 64 ? '<div class="ephemeral">👁 Only you can see this</div>' : '';
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #313338; color: #dbdee1; font: 15px/1.375 "gg sans", "Noto Sans", "DejaVu Sans", sans-serif; }
    .msg { display: flex; gap: 16px; padding: 16px 20px; width: 660px; }
    .avatar { width: 40px; height: 40px; border-radius: 50%; background: #5865f2; flex: none; }
    .name { color: #f2f3f5; font-weight: 600; } .bot { background: #5865f2; color: #fff; font-size: 10px; padding: 1px 4px; border-radius: 3px; margin-left: 4px; vertical-align: 2px; }
    .typed { color: #949ba4; font-size: 13px; margin-bottom: 2px; } .typed b { color: #c9cdfb; font-weight: 500; }
    .embed { background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 16px 12px; margin-top: 4px; max-width: 520px; }
    .title { color: #f2f3f5; font-weight: 600; margin-top: 8px; } .desc, .field { margin-top: 8px; font-size: 14px; }
    .fname { font-weight: 600; color: #f2f3f5; } .footer { margin-top: 8px; font-size: 12px; color: #b5bac1; }
    code { background: #1e1f22; border-radius: 3px; padding: 0 3px; font-size: 85%; font-family: "DejaVu Sans Mono", monospace; }
    a { color: #00a8fc; text-decoration: none; } .content { margin-top: 2px; }
    .row { display: flex; gap: 8px; margin-top: 8px; }
    .button { border-radius: 3px; padding: 2px 16px; font-size: 14px; line-height: 28px; color: #fff; background: #4e5058; }
    .primary { background: #5865f2; } .success { background: #248046; } .danger { background: #da373c; } .disabled { opacity: .5; }
    .ephemeral { font-size: 12px; color: #949ba4; margin-top: 4px; }
  </style><div class="msg"><div class="avatar"></div><div><div class="typed">used <b>${escapeHtml(typed)}</b></div>
  <div><span class="name">citebot</span><span class="bot">APP</span></div>${content}${embeds}${rows}${only}</div></div>`;
}

async function main(): Promise<void> {
  const args = parseArgs({
    options: { 'payloads-only': { type: 'boolean', default: false }, out: { type: 'string' }, images: { type: 'string' } },
  });
  const payloadDir = path.resolve(args.values.out ?? path.join(PROJECT_ROOT, 'docs', 'payloads'));
  const imageDir = path.resolve(args.values.images ?? path.join(PROJECT_ROOT, 'docs', 'images'));
  await mkdir(payloadDir, { recursive: true });
  const made = await payloads();
  for (const { name, typed, message } of made) {
    await writeFile(
      path.join(payloadDir, `${name}.json`),
      JSON.stringify({ typed, lines: visibleLines(message), message }, null, 2) + '\n',
    );
    process.stdout.write(`${typed}: ${visibleLines(message)} lines\n`);
  }
  if (args.values['payloads-only']) return;
  const { chromium } = await import('playwright-core');
  // Debian's Chromium, without the background requests a closed network refuses.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    await mkdir(imageDir, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 720, height: 400 }, deviceScaleFactor: 1 });
    for (const { name, typed, message } of made) {
      await page.setContent(html(typed, message));
      const shown = page.locator('.msg');
      await shown.screenshot({ path: path.join(imageDir, `${name}.png`) });
      // Lines of text as drawn at this width (wrapped), the measure of how much screen a reply takes.
      const drawn = await page.evaluate(() =>
        Math.round((document.querySelector('.msg > div:last-child')?.getBoundingClientRect().height ?? 0) / 20.6),
      );
      process.stdout.write(`${typed}: about ${drawn} lines drawn at 660 px\n`);
    }
  } finally {
    await browser.close();
  }
}

await main();
