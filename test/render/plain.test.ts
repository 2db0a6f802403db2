import { describe, expect, it } from 'vitest';
import { renderReplyPlain, richTextPlain, terminalSafe } from '../../src/render/plain.js';
import { highlighted, notice, pageCount, pageOf, plainText, type Reply } from '../../src/commands/reply.js';

describe('highlighted', () => {
  it('GIVEN highlight ranges THEN bold spans between the plain text, overlaps skipped', () => {
    expect(
      highlighted('who gifted the drones', [
        { start: 15, end: 21 },
        { start: 4, end: 10 },
        { start: 5, end: 8 },
      ]),
    ).toEqual(['who ', { bold: 'gifted' }, ' the ', { bold: 'drones' }]);
  });
});

describe('renderReplyPlain', () => {
  const reply: Reply = {
    title: 'which governor gifted the drones',
    body: [
      'The governor ',
      { bold: 'gifted' },
      ' these *lethal* presents.',
      { keep: ['\n— Title · ', { cite: '000_e54da9ff0ce102d3.txt:7' }] },
    ],
    fields: [],
    footer: 'Confidence 100%',
    ephemeral: true,
    pages: [
      { fields: [{ name: 'Passage 1 of 2', value: ['First.', { keep: ['\n', { cite: 'a.txt:7' }] }] }] },
      { fields: [{ name: 'Passage 2 of 2', value: ['Second.\nOn two lines.', { keep: ['\n', { cite: 'a.txt:5' }] }] }] },
    ],
  };

  it('GIVEN a paged reply THEN every page at once, citations as FILE:LINE, bold as **word**, nothing escaped', () => {
    expect(renderReplyPlain(reply)).toBe(
      [
        'which governor gifted the drones',
        'The governor **gifted** these *lethal* presents.',
        '— Title · 000_e54da9ff0ce102d3.txt:7',
        '',
        'Passage 1 of 2',
        '  First.',
        '  a.txt:7',
        '',
        'Passage 2 of 2',
        '  Second.',
        '  On two lines.',
        '  a.txt:5',
        '',
        'Confidence 100%',
      ].join('\n'),
    );
  });

  it('GIVEN a notice THEN just its words', () => {
    expect(renderReplyPlain(notice('Nothing was reloaded.'))).toBe('Nothing was reloaded.');
  });

  it('GIVEN pages THEN pageOf shows each page over the reply, and plainText drops all formatting', () => {
    expect(pageCount(reply)).toBe(2);
    expect(pageOf(reply, 1).fields[0]?.name).toBe('Passage 2 of 2');
    expect(pageOf(reply, 9).fields[0]?.name).toBe('Passage 2 of 2');
    expect(pageOf(reply, 0).footer).toBe('Confidence 100%');
    expect(plainText(reply.body)).toBe('The governor gifted these *lethal* presents.\n— Title · 000_e54da9ff0ce102d3.txt:7');
    expect(richTextPlain([{ code: '/sources' }])).toBe('/sources');
  });
});

describe('terminalSafe', () => {
  it('GIVEN every control character THEN C0 (but \\n and \\t) and DEL as control pictures, C1 as \\xNN, everything else unchanged', () => {
    expect(terminalSafe('a\u0000b\u0007c\u0008d\re\u001b[2Jf')).toBe('a␀b␇c␈d␍e␛[2Jf');
    expect(terminalSafe('line\nnext\tcell')).toBe('line\nnext\tcell');
    expect(terminalSafe('\u001b]52;c;aGk=\u0007 \u001b]0;title\u001b\\')).toBe('␛]52;c;aGk=␇ ␛]0;title␛\\');
    expect(terminalSafe('del\u007f csi\u009b31m nel\u0085 apc\u009f')).toBe('del␡ csi\\x9b31m nel\\x85 apc\\x9f');
    expect(terminalSafe('Kim’s “sacred” fight — café ✓ \u00a0nbsp')).toBe('Kim’s “sacred” fight — café ✓ \u00a0nbsp');
  });
});

describe('links in plain text', () => {
  it('GIVEN a link THEN text (url); GIVEN the address as text or blank THEN the address once', () => {
    expect(richTextPlain(['See ', { link: 'the article', url: 'https://news.example.com/a' }, '.'])).toBe(
      'See the article (https://news.example.com/a).',
    );
    expect(richTextPlain([{ link: 'https://news.example.com/a', url: 'https://news.example.com/a' }])).toBe('https://news.example.com/a');
    expect(plainText([{ link: '', url: 'https://news.example.com/a' }])).toBe('https://news.example.com/a');
  });
});
