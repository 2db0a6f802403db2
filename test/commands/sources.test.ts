import { describe, expect, it } from 'vitest';
import { publication, sourcesCommand } from '../../src/commands/sources.js';
import type { CommandContext } from '../../src/commands/types.js';
import { plainText, type Reply } from '../../src/commands/reply.js';
import { loadConfig } from '../../src/platform/config.js';
import { openLibrary } from '../../src/library/prebuilt.js';
import { renderReplyPlain } from '../../src/render/plain.js';
import { renderDiscord } from '../../src/transports/discord/render.js';
import { article, makeTempCorpus } from '../support/temp-corpus.js';

const config = loadConfig({});

/** /sources over a folder of two articles, with the given sidecar. */
async function sourcesOf(sidecar: unknown): Promise<Reply> {
  const corpus = await makeTempCorpus({
    'a.txt': article('Harbour Bridge Reopens After Repairs', 'Repairs to the harbour bridge were finished on Tuesday.'),
    'b.txt': article('Council Approves New Library', 'The city council approved the new public library.'),
    'sources.json': JSON.stringify(sidecar),
  });
  try {
    const { library } = await openLibrary(corpus.dir, config);
    const ctx = { holder: { current: library } } as unknown as CommandContext;
    return await sourcesCommand.run({}, ctx);
  } finally {
    await corpus.cleanup();
  }
}

describe('/sources with publication details', () => {
  it('GIVEN a linked publisher and date for one article and none for the other THEN the first shows them, the second as before', async () => {
    const reply = await sourcesOf({
      'a.txt': { url: 'https://harbour.example.com/bridge', publisher: 'Harbour *Gazette*', published: '2024-03-05' },
    });
    expect(reply.fields).toEqual([
      {
        name: 'Harbour Bridge Reopens After Repairs',
        value: [
          { code: 'a.txt' },
          ' · 2 passages',
          '\n',
          { link: 'Harbour *Gazette*', url: 'https://harbour.example.com/bridge' },
          ' · ',
          '2024-03-05',
        ],
      },
      { name: 'Council Approves New Library', value: [{ code: 'b.txt' }, ' · 2 passages'] },
    ]);
    expect(renderDiscord(reply).embeds?.[0]?.fields).toEqual([
      {
        name: 'Harbour Bridge Reopens After Repairs',
        value: '`a.txt` · 2 passages\n[Harbour \\*Gazette\\*](https://harbour.example.com/bridge) · 2024-03-05',
      },
      { name: 'Council Approves New Library', value: '`b.txt` · 2 passages' },
    ]);
    expect(renderReplyPlain(reply)).toContain(
      'Harbour Bridge Reopens After Repairs\n  a.txt · 2 passages\n  Harbour *Gazette* (https://harbour.example.com/bridge) · 2024-03-05',
    );
  });

  it('GIVEN a bad address in the sidecar THEN /sources shows no link for it, only the valid details', async () => {
    const reply = await sourcesOf({ 'b.txt': { url: 'javascript:alert(1)', publisher: 'Council News' } });
    expect(plainText(reply.fields[1]?.value ?? [])).toBe('b.txt · 2 passages\nCouncil News');
  });
});

describe('publication', () => {
  it('GIVEN each combination of details THEN the line shows what is known', () => {
    expect(publication(undefined)).toEqual([]);
    expect(publication({})).toEqual([]);
    expect(publication({ url: 'https://news.example.com/a' })).toEqual([
      '\n',
      { link: 'news.example.com', url: 'https://news.example.com/a' },
    ]);
    expect(publication({ publisher: 'Example News' })).toEqual(['\n', 'Example News']);
    expect(publication({ published: '2023-09-18' })).toEqual(['\n', '2023-09-18']);
    expect(publication({ publisher: 'Example News', published: '2023-09-18' })).toEqual(['\n', 'Example News', ' · ', '2023-09-18']);
  });
});
