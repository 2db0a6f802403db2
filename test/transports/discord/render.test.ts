import { describe, expect, it } from 'vitest';
import {
  disableComponents,
  escapeMarkdown,
  fitPlain,
  fitRichText,
  MAX_ATTACHMENT_BYTES,
  MAX_CHOICE_LENGTH,
  MAX_CONTENT_LENGTH,
  MAX_EMBEDS_TOTAL_LENGTH,
  MAX_EMBED_DESCRIPTION_LENGTH,
  MAX_EMBED_TITLE_LENGTH,
  MAX_FIELDS,
  MAX_FIELD_VALUE_LENGTH,
  pageButtonId,
  parsePageButtonId,
  renderChoices,
  renderDiscord,
  webAddress,
  type EmbedJson,
} from '../../../src/transports/discord/render.js';
import {
  MAX_CHOICES,
  MAX_CHOICE_LENGTH as COMMAND_CHOICE_LENGTH,
  notice,
  type Inline,
  type Reply,
  type RichText,
} from '../../../src/commands/reply.js';
import { limitViolations } from '../../e2e/fixtures.js';

function embedSize(embed: EmbedJson): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** A deterministic pseudo-random source, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('escapeMarkdown', () => {
  it('GIVEN every character Discord formats with THEN each is escaped and shows as written', () => {
    expect(escapeMarkdown('*bold* _it_ `code` ~~strike~~ ||spoiler|| > quote # heading')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\| \\> quote \\# heading',
    );
  });

  it('GIVEN backslashes, masked links and mentions THEN they are escaped too', () => {
    expect(escapeMarkdown('a\\b [x](http://y) <@123> <#456>')).toBe('a\\\\b \\[x\\](http://y) \\<@123\\> \\<\\#456\\>');
    // Article text or an echoed question with @everyone / @here shows them as text, not as mentions.
    expect(escapeMarkdown('@everyone and @Here')).toBe('@\u200Beveryone and @\u200BHere');
  });

  it('GIVEN list markers at the start of a line THEN they are escaped, and the same characters inside a line are not', () => {
    expect(escapeMarkdown('- one\n+ two\n12. three\nstate-of-the-art 3.5 a - b')).toBe(
      '\\- one\n\\+ two\n12\\. three\nstate-of-the-art 3.5 a - b',
    );
  });
});

describe('fitRichText', () => {
  const sentence = (i: number) => `Sentence number ${i} says something about drones.`;
  const long = Array.from({ length: 100 }, (_, i) => sentence(i + 1)).join(' ');

  it('GIVEN list markers THEN only those that start a line are escaped', () => {
    expect(fitRichText(['a - b and 12. c\n- d\n3. e'], 100)).toBe('a - b and 12. c\n\\- d\n3\\. e');
  });

  it('GIVEN text within the limit THEN it is rendered whole: escaped, matched words bold, citations as code', () => {
    expect(fitRichText(['Kim *met* ', { bold: 'Putin' }, ' at ', { cite: 'a_b.txt:7' }], 100)).toBe(
      'Kim \\*met\\* **Putin** at `a_b.txt:7`',
    );
  });

  it('GIVEN text over the limit THEN it is cut after a sentence and the cut is marked', () => {
    const out = fitRichText([long], 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toMatch(/drones\. …$/);
    expect(out.startsWith(`${sentence(1)} ${sentence(2)}`)).toBe(true);
  });

  it('GIVEN abbreviations such as U.S. and Ms. THEN they are not taken for sentence ends', () => {
    const text = `${'x'.repeat(60)} was met by Ms. Vale of the U.S. State Department and talked for a long while about it.`;
    const out = fitRichText([text], 100);
    expect(out).not.toMatch(/Ms\. …$|U\.S\. …$/);
    expect(out.endsWith('…')).toBe(true);
  });

  it('GIVEN no sentence end in the first half THEN it is cut between words', () => {
    const out = fitRichText(['Short. ' + 'word '.repeat(100)], 120);
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out).toMatch(/word…$/);
  });

  it('GIVEN one word longer than the limit THEN it is cut inside the word, never inside an escape', () => {
    const out = fitRichText(['_'.repeat(50)], 21);
    expect(out).toBe('\\_'.repeat(9) + '…');
    expect(out.length).toBeLessThanOrEqual(21);
  });

  it('GIVEN one word longer than the limit holding @everyone THEN it is cut with @everyone still defused, or before it', () => {
    const word = `@everyone${'x'.repeat(2100)}`;
    const out = fitRichText([word], 40);
    expect(out).toMatch(/^@\u200Beveryonex+…$/u);
    expect(out.length).toBeLessThanOrEqual(40);
    // No room for it whole: it is left out rather than cut into a mention.
    expect(fitRichText([`ab@everyone${'x'.repeat(2100)}`], 8)).toBe('ab…');
  });

  it('GIVEN a kept tail THEN the text before it is shortened and the tail (the citation) is shown whole', () => {
    const text: RichText = [long, { keep: ['\n', { cite: '000_e54da9ff0ce102d3.txt:7' }] }];
    const out = fitRichText(text, MAX_FIELD_VALUE_LENGTH);
    expect(out.length).toBeLessThanOrEqual(MAX_FIELD_VALUE_LENGTH);
    expect(out).toMatch(/drones\. …\n`000_e54da9ff0ce102d3\.txt:7`$/);
  });

  it('GIVEN random texts with citations and bold words THEN the result fits and every citation is whole or absent', () => {
    const next = random(42);
    for (let round = 0; round < 400; round++) {
      const spans: RichText = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => {
        const pick = next();
        if (pick < 0.25) return { cite: `file_${round}_${i}.txt:${1 + Math.floor(next() * 300)}` };
        if (pick < 0.45) return { bold: `word*${i}` };
        return 'Lorem ipsum *dolor* sit_amet. '.repeat(1 + Math.floor(next() * 8));
      });
      const max = 5 + Math.floor(next() * 400);
      const out = fitRichText(spans, max);
      expect(out.length).toBeLessThanOrEqual(max);
      for (const span of spans) {
        if (typeof span === 'string' || !('cite' in span)) continue;
        const code = `\`${span.cite}\``;
        // Whole, or no trace of it (a cut citation would leave a prefix such as "`file_3_1.tx").
        if (!out.includes(code)) expect(out).not.toContain(code.slice(0, code.indexOf(':') + 1));
      }
      expect(out).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
    }
  });
});

describe('renderDiscord', () => {
  const answer: Reply = {
    title: 'which governor gifted the drones',
    body: ['The governor ', { bold: 'gifted' }, ' these.', { keep: ['\n— Title · ', { cite: 'a.txt:7' }] }],
    fields: [{ name: 'Passage 1 of 3 — Title', value: ['First passage.', { keep: ['\n', { cite: 'a.txt:7' }] }] }],
    footer: 'Confidence 100%',
    ephemeral: false,
    pages: [1, 2, 3].map((n) => ({
      fields: [{ name: `Passage ${n} of 3 — Title`, value: [`Passage ${n}.`, { keep: ['\n', { cite: `a.txt:${n * 2}` }] }] }],
    })),
    tone: 'answer',
  };

  it('GIVEN a simple notice THEN plain content, ephemeral, no embed', () => {
    expect(renderDiscord(notice('No *such* article.'))).toEqual({
      content: 'No \\*such\\* article.',
      embeds: [],
      components: [],
      flags: 64,
    });
  });

  it('GIVEN an answer with pages THEN one embed showing the page, and Previous / n of N / Next buttons for this session', () => {
    const message = renderDiscord(answer, { page: 1, pagingId: 'abc123' });
    expect(message.flags).toBeUndefined();
    expect(message.embeds?.[0]).toEqual({
      color: 0x5865f2,
      title: 'which governor gifted the drones',
      description: 'The governor **gifted** these.\n— Title · `a.txt:7`',
      fields: [{ name: 'Passage 2 of 3 — Title', value: 'Passage 2.\n`a.txt:4`' }],
      footer: { text: 'Confidence 100%' },
    });
    expect(message.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, custom_id: 'page:abc123:0', label: '◀ Previous', disabled: false },
          { type: 2, style: 2, custom_id: 'page:abc123:at', label: '2 / 3', disabled: true },
          { type: 2, style: 2, custom_id: 'page:abc123:2', label: 'Next ▶', disabled: false },
        ],
      },
    ]);
  });

  it('GIVEN the first and last pages THEN Previous, respectively Next, is disabled; expired THEN all are', () => {
    const buttons = (page: number, disabled = false) =>
      renderDiscord(answer, { page, pagingId: 'x', disabled }).components?.[0]?.components.map((b) => b.disabled);
    expect(buttons(0)).toEqual([true, true, false]);
    expect(buttons(2)).toEqual([false, true, true]);
    expect(buttons(1, true)).toEqual([true, true, true]);
    const rows = renderDiscord(answer, { page: 1, pagingId: 'x' }).components ?? [];
    expect(disableComponents(rows)[0]?.components.every((b) => b.disabled)).toBe(true);
  });

  it('GIVEN a paged reply without a paging session THEN no buttons', () => {
    expect(renderDiscord(answer).components).toEqual([]);
  });

  it('GIVEN far too much for one message THEN every limit holds: title, description, 25 fields, field values, 6,000 in all', () => {
    const paragraph = 'A sentence about the summit in Vladivostok. '.repeat(200);
    const huge: Reply = {
      title: 'T'.repeat(400),
      body: [paragraph.repeat(3), { keep: ['\n', { cite: 'x.txt:1' }] }],
      fields: Array.from({ length: 40 }, (_, i) => ({
        name: `Field ${i} ${'n'.repeat(300)}`,
        value: [paragraph, { keep: ['\n', { cite: `x.txt:${i + 2}` }] }],
      })),
      footer: 'f'.repeat(3000),
      ephemeral: false,
    };
    const [embed] = renderDiscord(huge).embeds ?? [];
    if (!embed) throw new Error('no embed');
    expect(embed.title?.length).toBeLessThanOrEqual(MAX_EMBED_TITLE_LENGTH);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION_LENGTH);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(MAX_FIELDS);
    for (const field of embed.fields ?? []) {
      expect(field.value.length).toBeLessThanOrEqual(MAX_FIELD_VALUE_LENGTH);
      expect(field.value).toMatch(/\n`x\.txt:\d+`$/);
    }
    expect(embedSize(embed)).toBeLessThanOrEqual(MAX_EMBEDS_TOTAL_LENGTH);
    expect(embed.description).toMatch(/\n`x\.txt:1`$/);
    expect(embed.footer?.text).toMatch(/ · \d+ more not shown$/);
  });

  it('GIVEN a message of more than 2,000 characters THEN the content is cut to fit', () => {
    const content = renderDiscord(notice('Word and more words. '.repeat(200))).content ?? '';
    expect(content.length).toBeLessThanOrEqual(MAX_CONTENT_LENGTH);
    expect(content).toMatch(/words\. …$/);
  });
});

describe('renderChoices', () => {
  it('GIVEN more than 25 choices, long names, long values and duplicates THEN at most 25, names cut, the others left out', () => {
    const choices = [
      { name: 'n'.repeat(20) + ' ' + 'word '.repeat(40), value: 'long-name' },
      { name: 'too long a value', value: 'v'.repeat(MAX_CHOICE_LENGTH + 1) },
      { name: 'duplicate', value: 'long-name' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `Choice ${i}`, value: `c${i}` })),
    ];
    const out = renderChoices(choices);
    expect(out).toHaveLength(25);
    expect(out[0]?.value).toBe('long-name');
    expect(out[0]?.name.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
    expect(out[0]?.name.endsWith('…')).toBe(true);
    expect(out.map((c) => c.value)).not.toContain('v'.repeat(MAX_CHOICE_LENGTH + 1));
    expect(out[1]).toEqual({ name: 'Choice 0', value: 'c0' });
  });

  it('GIVEN as many choices as commands may offer, each value as long as they may be THEN every one is kept whole', () => {
    const choices = Array.from({ length: MAX_CHOICES }, (_, i) => ({ name: `${i}`, value: `${i}`.padEnd(COMMAND_CHOICE_LENGTH, 'v') }));
    expect(renderChoices(choices)).toEqual(choices);
  });
});

describe('page button ids', () => {
  it('GIVEN an id made by pageButtonId THEN parsePageButtonId reads it back; other ids are not page buttons', () => {
    expect(parsePageButtonId(pageButtonId('Ab-_9', 4))).toEqual({ pagingId: 'Ab-_9', page: 4 });
    expect(parsePageButtonId(pageButtonId('Ab', 'at'))).toBeNull();
    expect(parsePageButtonId('sources')).toBeNull();
    expect(pageButtonId('x'.repeat(16), 9999).length).toBeLessThanOrEqual(100);
  });
});

describe('fitPlain', () => {
  it('GIVEN plain text for places without markdown THEN it is cut but not escaped', () => {
    expect(fitPlain('a_b *c*', 100)).toBe('a_b *c*');
    expect(fitPlain('one two three four', 10)).toBe('one two…');
    expect(fitPlain('_'.repeat(20), 10)).toBe('_'.repeat(8) + '…');
  });
});

describe('a field too long for Discord, with a file name', () => {
  const skipped = (count: number): Reply => ({
    title: 'Reloaded the articles',
    body: ['1 articles, 2 passages, in 3 ms.'],
    fields: [
      {
        name: `Skipped (${count})`,
        value: Array.from({ length: count }, (_, i): Inline[] => [
          ...(i > 0 ? ['\n'] : []),
          { code: `bad-${String(i).padStart(4, '0')}.txt` },
          ': empty file',
        ]).flat(),
        file: 'skipped-files.txt',
      },
    ],
    ephemeral: true,
  });

  it('GIVEN 300 skipped files THEN the field is cut at a whole entry and points to the attached file, which lists all 300', () => {
    const message = renderDiscord(skipped(300));
    const value = message.embeds?.[0]?.fields?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(MAX_FIELD_VALUE_LENGTH);
    expect(value).toMatch(/^`bad-0000\.txt`: empty file\n`bad-0001\.txt`: empty file\n/);
    expect(value).toMatch(/`bad-\d{4}\.txt`: empty file …\nAll of them are in the attached file `skipped-files\.txt`\.$/);
    expect(message.files).toHaveLength(1);
    const [file] = message.files ?? [];
    expect(file?.name).toBe('skipped-files.txt');
    const lines = file?.text.split('\n') ?? [];
    expect(lines[0]).toBe('Skipped (300)');
    expect(lines.slice(1, -1)).toEqual(Array.from({ length: 300 }, (_, i) => `bad-${String(i).padStart(4, '0')}.txt: empty file`));
    expect(limitViolations(message)).toEqual([]);
  });

  it('GIVEN 3 skipped files THEN they are shown whole and nothing is attached', () => {
    const message = renderDiscord(skipped(3));
    expect(message.embeds?.[0]?.fields?.[0]?.value).toBe(
      '`bad-0000.txt`: empty file\n`bad-0001.txt`: empty file\n`bad-0002.txt`: empty file',
    );
    expect(message.files).toBeUndefined();
  });

  it('GIVEN a list over the upload limit THEN the file is cut at a line and says so', () => {
    const message = renderDiscord(skipped(400_000));
    const text = message.files?.[0]?.text ?? '';
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES);
    expect(text).toMatch(/\nbad-\d+\.txt: empty file\n… \(cut here: the rest is over Discord’s upload limit\)\n$/);
  });
});

describe('links', () => {
  it('GIVEN a link THEN a masked link, its text escaped so that no bracket or star ends or formats it', () => {
    expect(fitRichText(['Read ', { link: 'Kim [sic] *visits*', url: 'https://news.example.com/a' }, '.'], 200)).toBe(
      'Read [Kim \\[sic\\] \\*visits\\*](https://news.example.com/a).',
    );
  });

  it('GIVEN an address with parentheses or spaces THEN they are percent-encoded so the link ends where it should', () => {
    expect(fitRichText([{ link: 'Wiki', url: 'https://en.example.org/wiki/Kim_(name))' }], 200)).toBe(
      '[Wiki](https://en.example.org/wiki/Kim_%28name%29%29)',
    );
    expect(webAddress('https://example.com/a b')).toBe('https://example.com/a%20b');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'not a url', 'https://'])(
    'GIVEN the address %s THEN no link: the text alone, escaped',
    (url) => {
      expect(fitRichText([{ link: 'The *article*', url }], 200)).toBe('The \\*article\\*');
    },
  );

  it('GIVEN a link with blank text THEN the address is its text', () => {
    expect(fitRichText([{ link: ' ', url: 'https://example.com/a' }], 200)).toBe('[https://example.com/a](https://example.com/a)');
  });

  it('GIVEN text over the limit before a link THEN the link is kept whole or left out, never cut', () => {
    const text = ['word '.repeat(30), { link: 'The article', url: 'https://example.com/a' }];
    expect(fitRichText(text, 120)).toBe(`${'word '.repeat(23).trimEnd()}…`);
    expect(fitRichText([{ keep: [{ link: 'The article', url: 'https://example.com/a' }] }], 200)).toBe(
      '[The article](https://example.com/a)',
    );
  });
});
