import { describe, expect, it } from 'vitest';
import { QUOTES_PER_PAGE, quoteCommand, renderGroups } from '../../src/commands/quote.js';
import type { QuoteGroup } from '../../src/quote/lookup.js';
import type { CommandContext } from '../../src/commands/types.js';
import { MAX_CHOICE_LENGTH, pageOf, plainText, type Reply } from '../../src/commands/reply.js';
import { buildLibrary, type Library } from '../../src/library/library.js';
import { renderReplyJson } from '../../src/render/json.js';
import { renderReplyPlain } from '../../src/render/plain.js';
import { seedLibrary } from '../support/seeds.js';

const A004 = '004_fda3f1e6d2d72140.txt';
const A000 = '000_e54da9ff0ce102d3.txt';
const TITLE_004 = 'Kim Jong Un declares full support of Putin during his ‘sacred fight’ before meeting about military alliances';
const TITLE_000 = 'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More';

const contextOf = (library: Library) => ({ holder: { current: library } }) as unknown as CommandContext;
const quote = async (options: Record<string, string>): Promise<Reply> => quoteCommand.run(options, contextOf(await seedLibrary()));

describe('/quote speaker:', () => {
  it('GIVEN speaker:Putin THEN "5 quotations by Vladimir Putin": the article title once, each cited line once with its whole sentence, the quoted words in bold', async () => {
    const reply = await quote({ speaker: 'Putin' });
    expect(reply.title).toBe('5 quotations by Vladimir Putin');
    expect(reply.body).toEqual([]);
    expect(reply.pages).toBeUndefined();
    expect(reply.fields).toEqual([
      {
        name: TITLE_004,
        value: [
          { cite: `${A004}:21` },
          '\n',
          'When directly asked by reporters, Putin said that “',
          { bold: 'all the questions would be addressed' },
          '” before adding that Kim was interested in “',
          { bold: 'rocket technology' },
          '” and suggested he could help him in his endeavors to “',
          { bold: 'develop space.' },
          '”',
        ],
      },
      {
        name: '',
        value: [
          { cite: `${A004}:23` },
          '\n',
          'He insisted that Russia was looking to deepen military alliances with North Korea “',
          { bold: 'within the framework of the current rules,' },
          '” adding “',
          { bold: 'There are certain restrictions, and Russia abides by them.' },
          '”',
        ],
      },
    ]);
    expect(renderReplyPlain(reply)).toBe(
      [
        '5 quotations by Vladimir Putin',
        '',
        TITLE_004,
        `  ${A004}:21`,
        '  When directly asked by reporters, Putin said that “**all the questions would be addressed**” before adding that Kim was interested in “**rocket technology**” and suggested he could help him in his endeavors to “**develop space.**”',
        '',
        `  ${A004}:23`,
        '  He insisted that Russia was looking to deepen military alliances with North Korea “**within the framework of the current rules,**” adding “**There are certain restrictions, and Russia abides by them.**”',
      ].join('\n'),
    );
  });

  it('GIVEN speaker:Putin THEN the JSON for programs is unchanged: one result per quotation, kind, citation, words and speaker', async () => {
    expect(renderReplyJson(await quote({ speaker: 'Putin' }))).toEqual({
      results: [
        { kind: 'quotation', source: A004, line: 21, text: 'all the questions would be addressed', speaker: 'Vladimir Putin' },
        { kind: 'quotation', source: A004, line: 21, text: 'rocket technology', speaker: 'Vladimir Putin' },
        { kind: 'quotation', source: A004, line: 21, text: 'develop space.', speaker: 'Vladimir Putin' },
        { kind: 'quotation', source: A004, line: 23, text: 'within the framework of the current rules,', speaker: 'Vladimir Putin' },
        {
          kind: 'quotation',
          source: A004,
          line: 23,
          text: 'There are certain restrictions, and Russia abides by them.',
          speaker: 'Vladimir Putin',
        },
      ],
    });
  });

  it('GIVEN speaker and text THEN only the speaker’s quotations holding the phrase, the phrase in bold, both in the title', async () => {
    const reply = await quote({ speaker: 'Kim', text: 'Russia' });
    expect(renderReplyPlain(reply)).toBe(
      [
        '2 quotations by Kim Jong Un with “Russia”',
        '',
        TITLE_004,
        `  ${A004}:13`,
        '  Kim continued, “**Russia** is now rising to the sacred struggle to defend its state sovereignty and protect its security.”',
        '',
        `  ${A004}:15`,
        '  He vowed that North Korea would “always stand with **Russia** in the fight against imperialism” and that they view their relationship with Russia as a “first priority.”',
      ].join('\n'),
    );
  });

  it('GIVEN a speaker with no quotation of the phrase THEN the "no quotation" notice, what was asked as the title', async () => {
    const reply = await quote({ speaker: 'Putin', text: 'first priority' });
    expect(reply.title).toBe('Quotations with “first priority” by Putin');
    expect(renderReplyPlain(reply)).toBe(
      'Quotations with “first priority” by Putin\nNo quotation matches that. Try fewer words, another spelling, or /sources to see the articles.',
    );
    expect(reply.tone).toBe('notice');
  });
});

describe('/quote text:', () => {
  it('GIVEN text:overtly engaging THEN "1 quotation with …": the speaker beside the citation, the whole sentence, the phrase in bold', async () => {
    const reply = await quote({ text: 'overtly engaging' });
    expect(renderReplyPlain(reply)).toBe(
      [
        '1 quotation with “overtly engaging”',
        '',
        TITLE_000,
        `  ${A000}:15 · James O’Brien`,
        '  James O’Brien, head of the Office of Sanctions Coordination at the U.S. State Department, condemned the summit, saying, “Russia is now **overtly engaging** with a country that the U.N. has sanctioned. And that’s very problematic for Russia’s global position.”',
      ].join('\n'),
    );
  });

  it('GIVEN a phrase nobody is quoted saying THEN "N lines with …", saying so, each line’s sentence holding it with the phrase in bold', async () => {
    const reply = await quote({ text: 'drones' });
    expect(renderReplyPlain(reply)).toBe(
      [
        '2 lines with “drones”',
        'Nobody is quoted saying that, but these lines of the articles contain it.',
        '',
        TITLE_000,
        `  ${A000}:5`,
        '  In a display of camaraderie between tyrants, North Korean dictator Kim Jong Un has returned from his six-day trip to Russia armed with deadly kamikaze **drones**, a bulletproof vest, and other unique gifts.',
        '',
        `  ${A000}:7`,
        '  The autocrat’s shopping spree included five explosive kamikaze **drones**, a Geranium-25 aircraft-type reconnaissance drone, and a state-of-the-art bulletproof vest, as reported by Fox News.',
      ].join('\n'),
    );
    // Programs still get each whole line.
    expect(renderReplyJson(reply)).toMatchObject({
      results: [
        { kind: 'text', source: A000, line: 5, speaker: null, text: expect.stringMatching(/^In a display.*across the globe\.$/u) },
        { kind: 'text', source: A000, line: 7, speaker: null },
      ],
    });
  });

  it('GIVEN more cited lines than a page holds THEN five lines a page, each page naming the article of its first line, quotations counted in the title', async () => {
    const reply = await quote({ text: 'the' });
    expect(reply.title).toBe('8 quotations with “the”');
    expect(
      reply.pages?.map((page) => page.fields?.map((f) => `${f.name === '' ? '' : `${f.name.slice(0, 12)}… `}${citeOf(f.value)}`)),
    ).toEqual([
      [`Kim Jong Un … ${A004}:13`, `${A004}:15`, `${A004}:19`, `${A004}:21`, `${A004}:23`],
      [`Kim Jong Un’… ${A000}:13`, `${A000}:15`],
    ]);
    expect(pageOf(reply, 0).fields).toHaveLength(QUOTES_PER_PAGE);
    expect(renderReplyPlain(reply)).toContain(
      `  ${A004}:23 · Vladimir Putin\n  He insisted that Russia was looking to deepen military alliances with North Korea “within **the** framework of **the** current rules,” adding “There are certain restrictions, and Russia abides by them.”`,
    );
  });
});

describe('renderGroups', () => {
  const group = (line: number, speakers: string[], text: string, bold: string): QuoteGroup => ({
    source: 'a.txt',
    line,
    title: 'Harbour Bridge Reopens',
    kind: 'quotation',
    speakers,
    count: 1,
    text,
    bold: [{ start: text.indexOf(bold), end: text.indexOf(bold) + bold.length }],
  });
  const groups = [
    group(3, ['Kim Jong Un'], '“We stand with you,” Kim Jong Un said.', 'We stand with you,'),
    group(5, ['Kim Yo Jong'], 'Kim Yo Jong added: “The bridge is open.”', 'The bridge is open.'),
    group(7, [], 'A sign read “Closed for good.”', 'Closed for good.'),
  ];

  it('GIVEN a speaker search that finds two people THEN both named in the title and each beside its citation', () => {
    expect(renderReplyPlain(renderGroups({ speaker: 'Kim' }, groups.slice(0, 2)))).toBe(
      [
        '2 quotations by Kim Jong Un and Kim Yo Jong',
        '',
        'Harbour Bridge Reopens',
        '  a.txt:3 · Kim Jong Un',
        '  “**We stand with you,**” Kim Jong Un said.',
        '',
        '  a.txt:5 · Kim Yo Jong',
        '  Kim Yo Jong added: “**The bridge is open.**”',
      ].join('\n'),
    );
  });

  it('GIVEN a text search with a quotation whose speaker the article does not give THEN "speaker not named" beside its citation', () => {
    const reply = renderGroups({ text: 'x' }, groups);
    expect(reply.title).toBe('3 quotations with “x”');
    expect(reply.fields.map((f) => plainText(f.value).split('\n')[0])).toEqual([
      'a.txt:3 · Kim Jong Un',
      'a.txt:5 · Kim Yo Jong',
      'a.txt:7 · speaker not named',
    ]);
  });
});

function citeOf(value: readonly unknown[]): string {
  const first = value[0];
  return typeof first === 'object' && first !== null && 'cite' in first ? String(first.cite) : '';
}

describe('/quote source: suggestions', () => {
  it('GIVEN a title too long for a suggestion THEN its label is cut, the file name given back whole; GIVEN a file name too long THEN it is not offered', async () => {
    const seeds = await seedLibrary();
    const choices = await quoteCommand.autocomplete?.({ name: 'source', value: '004' }, {}, contextOf(seeds));
    expect(choices).toHaveLength(1);
    expect(choices?.[0]?.value).toBe(A004);
    expect(choices?.[0]?.name.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
    expect(choices?.[0]?.name).toMatch(new RegExp(`^${A004} — Kim Jong Un declares .*…$`));
    const long = `${'a-very-long-article-name-'.repeat(5)}.txt`;
    const original = seeds.article(A000)!;
    const renamed = { ...original, source: long, passages: original.passages.map((p) => ({ ...p, source: long })) };
    const library = await buildLibrary({ ...seeds.corpus, articles: [renamed, seeds.article(A004)!] });
    const offered = await quoteCommand.autocomplete?.({ name: 'source', value: '' }, {}, contextOf(library));
    expect(offered?.map((c) => c.value)).toEqual([A004]);
  });
});

describe('/quote source: a pasted citation', () => {
  it('GIVEN source:FILE:LINE or a cited range FILE:LINE-END THEN the line, as with source and line apart', async () => {
    const apart = await quoteCommand.run({ source: A004, line: 13 }, contextOf(await seedLibrary()));
    expect(await quote({ source: `${A004}:13` })).toEqual(apart);
    expect(await quote({ source: ` ${A004}:13-15 ` })).toEqual(apart);
    expect(await quote({ source: `\`${A004} : 13\`` })).toEqual(apart);
    await expect(quote({ source: `${A004}:99999999999` })).rejects.toThrow(/line 99999999999 is out of range/);
  });

  it('GIVEN a pasted citation and line: THEN the line when they agree, and a plain error when they do not', async () => {
    const library = await seedLibrary();
    const apart = await quoteCommand.run({ source: A004, line: 13 }, contextOf(library));
    expect(await quoteCommand.run({ source: `${A004}:13`, line: 13 }, contextOf(library))).toEqual(apart);
    await expect(quoteCommand.run({ source: `${A004}:13`, line: 14 }, contextOf(library))).rejects.toThrow(
      'source names line 13 and line says 14: give the line once.',
    );
    // A cited range covers the line asked for inside it.
    const fourteen = await quoteCommand.run({ source: A004, line: 14 }, contextOf(library));
    expect(await quoteCommand.run({ source: `${A004}:13-15`, line: 14 }, contextOf(library))).toEqual(fourteen);
    await expect(quoteCommand.run({ source: `${A004}:13-15`, line: 16 }, contextOf(library))).rejects.toThrow(
      'source names lines 13–15 and line says 16: give the line once.',
    );
  });
});

describe('/quote text: a phrase in quotation marks', () => {
  it('GIVEN text:"phrase" (straight or curly marks) THEN the same as the phrase typed bare, shown once quoted', async () => {
    const bare = await quote({ text: 'overtly engaging' });
    expect(bare.title).toBe('1 quotation with “overtly engaging”');
    for (const text of ['"overtly engaging"', '“overtly engaging”', "'overtly engaging'", '‘overtly engaging’']) {
      expect(await quote({ text }), text).toEqual(bare);
    }
    // Two quoted phrases are not one, in either kind of marks, and marks around nothing are not a phrase: the marks stay.
    expect((await quote({ text: '"overtly" and "engaging"' })).title).toBe('Quotations with “"overtly" and "engaging"”');
    expect((await quote({ text: "'overtly' and 'engaging'" })).title).toBe("Quotations with “'overtly' and 'engaging'”");
    await expect(quote({ text: '" "' })).rejects.toThrow('“" "” has no words to search for.');
  });
});
