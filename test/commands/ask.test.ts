import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.js';
import { askCommand, renderAsk } from '../../src/commands/ask.js';
import type { CommandContext } from '../../src/commands/types.js';
import type { Library } from '../../src/library/library.js';
import { withoutDiscordMarkup } from '../../src/transports/discord/markup.js';
import { renderDiscord } from '../../src/transports/discord/render.js';
import { pageOf, plainText } from '../../src/commands/reply.js';
import { loadTopics } from '../../src/answer/topics.js';
import { ACTION_HANDLERS } from '../../src/commands/index.js';
import { seedLibrary } from '../support/seeds.js';

describe('renderAsk', () => {
  it('GIVEN which governor gifted the drones THEN a card: the sentence, one attribution line, Show context; further passages behind Next, never the answer paragraph or a headline', async () => {
    const library = await seedLibrary();
    const result = ask(library, 'which governor gifted the drones');
    const reply = renderAsk(result, { ephemeral: false, article: (source) => library.article(source) });
    expect(reply.title).toBe('which governor gifted the drones');
    expect(plainText(reply.body)).toBe(
      'The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal presents to the North Korean leader.\n' +
        '— Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More · 000_e54da9ff0ce102d3.txt:7',
    );
    expect(reply.body).toContainEqual({ bold: 'gifted' });
    expect(reply.footer).toBeUndefined();
    expect(pageOf(reply, 0).fields).toEqual([]);
    const citations = (reply.pages ?? []).slice(1).map((page) =>
      plainText(page.fields?.[0]?.value ?? [])
        .split('\n')
        .at(-1),
    );
    expect(citations[0]).toBe('000_e54da9ff0ce102d3.txt:5');
    expect(citations).not.toContain('000_e54da9ff0ce102d3.txt:7');
    const headlines = result.passages.filter((p) => library.article(p.source)?.titleLine === p.line).map((p) => `${p.source}:${p.line}`);
    for (const headline of headlines) expect(citations).not.toContain(headline);
    expect(reply.actions).toEqual([{ kind: 'run', label: 'Show context', action: 'ctx', payload: '7:000_e54da9ff0ce102d3.txt' }]);
    expect(reply.vote).toMatchObject({ question: 'which governor gifted the drones', source: '000_e54da9ff0ce102d3.txt', line: 7 });
  });

  it('GIVEN an answer with its speaker (a quoted sentence) THEN the attribution line says who said it, then where', async () => {
    const library = await seedLibrary();
    const result = ask(library, 'which governor gifted the drones');
    const quoted = { ...result, answer: { ...result.answer!, speaker: 'Oleg Kozhemyako' } };
    const reply = renderAsk(quoted, { ephemeral: false, article: (source) => library.article(source) });
    expect(plainText(reply.body).split('\n').at(-1)).toBe(
      '— Oleg Kozhemyako, quoted in Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More · 000_e54da9ff0ce102d3.txt:7',
    );
  });

  it('GIVEN who gifted the drones, whose ranking holds the headline THEN the headline is not offered as a passage', async () => {
    const library = await seedLibrary();
    const result = ask(library, 'who gifted the drones');
    const headlines = result.passages.filter((p) => library.article(p.source)?.titleLine === p.line);
    expect(headlines.map((p) => `${p.source}:${p.line}`)).toEqual(['000_e54da9ff0ce102d3.txt:3']);
    const reply = renderAsk(result, { ephemeral: false, article: (source) => library.article(source) });
    const shown = (reply.pages ?? []).flatMap((page) => page.fields ?? []).map((field) => plainText(field.value).split('\n').at(-1));
    expect(shown).toHaveLength(result.passages.length - 2);
    expect(shown).not.toContain('000_e54da9ff0ce102d3.txt:3');
  });

  it('GIVEN the cited article has metadata THEN its title links to the URL, an Open article button, publisher and date in the footer', async () => {
    const library = await seedLibrary();
    const result = ask(library, 'which governor gifted the drones');
    const meta = { url: 'https://news.example/kim-shopping', publisher: 'Example News', published: '2023-09-14' };
    const article = (source: string) => {
      const found = library.article(source);
      return found && { ...found, meta };
    };
    const reply = renderAsk(result, { ephemeral: false, article });
    expect(reply.body.at(-1)).toEqual({
      keep: [
        '\n— ',
        { link: 'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More', url: meta.url },
        ' · ',
        { cite: '000_e54da9ff0ce102d3.txt:7' },
      ],
    });
    expect(reply.actions?.[1]).toEqual({ kind: 'link', label: 'Open article', url: meta.url });
    expect(reply.footer).toBe('Example News · 2023-09-14');
    expect(renderDiscord(reply).embeds?.[0]?.description).toContain(
      '— [Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More](https://news.example/kim-shopping) · `000_e54da9ff0ce102d3.txt:7`',
    );
  });

  it('GIVEN private THEN ephemeral; GIVEN nothing relevant THEN the shared "found nothing" words', async () => {
    const library = await seedLibrary();
    expect(renderDiscord(renderAsk(ask(library, 'which governor gifted the drones'), { ephemeral: true })).flags).toBe(64);
    const none = renderAsk(ask(library, 'how to bake sourdough bread'), { ephemeral: false });
    expect(plainText(none.body)).toBe('I found nothing about that in the articles. Try other words, or see every article with /sources.');
    expect(none.pages).toBeUndefined();
  });

  it('GIVEN a miss with suggestions and titles THEN a button for each question and the titles listed; asked privately THEN the buttons ask privately', async () => {
    const result = ask(await seedLibrary(), 'how to bake sourdough bread');
    const options = { ephemeral: true, suggestions: ['What did James O’Brien say?'], titles: ['A headline'] };
    const reply = renderAsk(result, options);
    expect(plainText(reply.body)).toBe('I found nothing about that in the articles. Try other words, or see every article with /sources.');
    expect(reply.fields.map((f) => [f.name, plainText(f.value)])).toEqual([['Some of the articles', '• A headline']]);
    expect(reply.actions).toEqual([
      { kind: 'run', label: 'What did James O’Brien say?', action: 'ask', payload: 'What did James O’Brien say?', style: 'primary' },
    ]);
    expect(renderAsk(result, { ...options, askedPrivately: true }).actions?.[0]).toMatchObject({ action: 'askp' });
  });

  it('GIVEN a long message ending in a question THEN the heading is the question searched and the body says so', async () => {
    const long = `${'Some context about my week, which was long. '.repeat(10)}Which governor gifted the drones?`;
    const reply = renderAsk(ask(await seedLibrary(), long), { ephemeral: false });
    expect(reply.title).toBe('Which governor gifted the drones?');
    expect(plainText(reply.body).startsWith('(I searched the last question of your message.)\n')).toBe(true);
  });
});

describe('suggestion actions', () => {
  const action = (name: string) => ACTION_HANDLERS.get(name);

  it('GIVEN a pressed suggestion THEN /ask runs with its question, privately for askp; GIVEN a payload no suggestion has THEN undefined', async () => {
    const ctx = {} as CommandContext;
    expect(await action('ask')?.run('What did James O’Brien say?', ctx)).toEqual({
      invoke: { command: 'ask', options: { question: 'What did James O’Brien say?' } },
    });
    expect(await action('askp')?.run('Who?', ctx)).toEqual({ invoke: { command: 'ask', options: { question: 'Who?', private: true } } });
    expect(await action('ask')?.run('  ', ctx)).toBeUndefined();
    expect(await action('ask')?.run('x'.repeat(81), ctx)).toBeUndefined();
  });
});

describe('askCommand', () => {
  // As the Discord transport passes it: its markup is taken out of what is searched.
  const contextOf = (library: Library) =>
    ({ holder: { current: library }, withoutMarkup: withoutDiscordMarkup }) as unknown as CommandContext;

  it('GIVEN Discord mentions with a question THEN the same answer as without them, and the echo keeps them', async () => {
    const library = await seedLibrary();
    const reply = await askCommand.run({ question: '@everyone <@123> <#456> which governor gifted the drones' }, contextOf(library));
    expect(reply.title).toBe('@everyone <@123> <#456> which governor gifted the drones');
    expect(reply.body).toEqual(renderAsk(ask(library, 'which governor gifted the drones'), { ephemeral: false }).body);
  });

  it('GIVEN a question nothing relates to THEN it is private where the surface keeps misses private, unless the asker chose', async () => {
    const library = await seedLibrary();
    const on = (privateMisses: boolean) =>
      ({ holder: { current: library }, surface: { howToType: '', privateMisses } }) as unknown as CommandContext;
    const miss = 'how long should sourdough bread rise';
    expect(ask(library, miss).outcome).toBe('nothing');
    expect((await askCommand.run({ question: miss }, on(true))).ephemeral).toBe(true);
    expect((await askCommand.run({ question: miss }, on(false))).ephemeral).toBe(false);
    expect((await askCommand.run({ question: miss, private: false }, on(true))).ephemeral).toBe(false);
    expect((await askCommand.run({ question: 'which governor gifted the drones' }, on(true))).ephemeral).toBe(false);
  });

  it('GIVEN a partly typed question THEN completions from the articles; another option THEN none', async () => {
    const library = await seedLibrary();
    await loadTopics(library.corpus);
    const choices = await askCommand.autocomplete?.({ name: 'question', value: 'what did Vladimir P' }, {}, contextOf(library));
    expect(choices).toEqual([{ name: 'what did Vladimir Putin', value: 'what did Vladimir Putin' }]);
    expect(await askCommand.autocomplete?.({ name: 'private', value: '' }, {}, contextOf(library))).toEqual([]);
  });

  it('GIVEN articles whose topics are still being read THEN no choices rather than a wait', async () => {
    const library = await seedLibrary();
    const fresh = { ...library, corpus: { ...library.corpus } } as Library;
    expect(await askCommand.autocomplete?.({ name: 'question', value: 'Kim' }, {}, contextOf(fresh))).toEqual([]);
  });

  it('GIVEN only mentions THEN a UserError saying mentions are not searched', async () => {
    const library = await seedLibrary();
    expect(() => askCommand.run({ question: '@everyone <@123> @here' }, contextOf(library))).toThrow(
      'That question has only mentions, and mentions are not searched. Ask about a person, place or event the articles mention, in your own words.',
    );
  });
});
