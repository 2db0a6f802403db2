import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.js';
import { askCommand, renderAsk } from '../../src/commands/ask.js';
import type { CommandContext } from '../../src/commands/types.js';
import type { Library } from '../../src/library/library.js';
import { withoutDiscordMarkup } from '../../src/transports/discord/markup.js';
import { renderDiscord } from '../../src/transports/discord/render.js';
import { pageOf, plainText } from '../../src/commands/reply.js';
import { seedLibrary } from '../support/seeds.js';

describe('renderAsk', () => {
  it('GIVEN which governor gifted the drones THEN the answer sentence with its citation, then one passage per page, best first', async () => {
    const result = ask(await seedLibrary(), 'which governor gifted the drones');
    const reply = renderAsk(result, { ephemeral: false });
    expect(reply.title).toBe('which governor gifted the drones');
    expect(plainText(reply.body)).toBe(
      'The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal presents to the North Korean leader.\n' +
        '— Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More · 000_e54da9ff0ce102d3.txt:7',
    );
    expect(reply.body).toContainEqual({ bold: 'gifted' });
    expect(reply.pages?.length).toBe(result.passages.length);
    expect(plainText(pageOf(reply, 0).fields[0]?.value ?? []).endsWith('\n000_e54da9ff0ce102d3.txt:7')).toBe(true);
    expect(plainText(pageOf(reply, 1).fields[0]?.value ?? []).endsWith('\n000_e54da9ff0ce102d3.txt:5')).toBe(true);
    expect(reply.footer).toMatch(/^Matched: /);
  });

  it('GIVEN private THEN ephemeral; GIVEN nothing relevant THEN the shared "found nothing" words', async () => {
    const library = await seedLibrary();
    expect(renderDiscord(renderAsk(ask(library, 'which governor gifted the drones'), { ephemeral: true })).flags).toBe(64);
    const none = renderAsk(ask(library, 'how to bake sourdough bread'), { ephemeral: false });
    expect(plainText(none.body)).toBe(
      'I found nothing about that in the articles. Try other words, or see which articles I have with /sources.',
    );
    expect(none.pages).toBeUndefined();
  });
});

describe('askCommand', () => {
  // As the Discord transport passes it: its markup is taken out of what is searched.
  const contextOf = (library: Library) =>
    ({ holder: { current: library }, withoutMarkup: withoutDiscordMarkup }) as unknown as CommandContext;

  it('GIVEN Discord mentions with a question THEN the same answer as without them, and the echo keeps them', async () => {
    const library = await seedLibrary();
    const reply = await askCommand.run({ question: '@everyone <@123> <#456> which governor gifted the drones' }, contextOf(library));
    expect(reply.title).toBe('@\u200Beveryone <@123> <#456> which governor gifted the drones');
    expect(reply.body).toEqual(renderAsk(ask(library, 'which governor gifted the drones'), { ephemeral: false }).body);
  });

  it('GIVEN only mentions THEN a UserError saying mentions are not searched', async () => {
    const library = await seedLibrary();
    expect(() => askCommand.run({ question: '@everyone <@123> @here' }, contextOf(library))).toThrow(
      'That question has only mentions, and mentions are not searched. Ask about something in the articles, e.g. "which governor gifted the drones".',
    );
  });
});
