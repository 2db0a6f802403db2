import { describe, expect, it } from 'vitest';
import { contextView, showContextHandler } from '../../src/commands/context.js';
import { MAX_ACTION_PAYLOAD_LENGTH, plainText } from '../../src/commands/reply.js';
import type { CommandContext } from '../../src/commands/types.js';
import type { Library } from '../../src/library/library.js';
import { buildLibrary } from '../../src/library/library.js';
import { seedLibrary } from '../support/seeds.js';

const SEED = '000_e54da9ff0ce102d3.txt';
const contextOf = (library: Library) => ({ holder: { current: library } }) as unknown as CommandContext;

describe('contextView', () => {
  it('GIVEN line 7 THEN the non-blank lines 5 and 9 around it, line 7 in bold, the citation last, ◀ to 5 and ▶ to 9', async () => {
    const library = await seedLibrary();
    const article = library.article(SEED)!;
    const view = contextView(article, 7, { ephemeral: true });
    expect(view.title).toBe(article.title);
    expect(view.body).toContainEqual({ bold: article.lines[6] });
    expect(
      plainText(view.body)
        .split('\n')
        .map((l) => l.slice(0, 3)),
    ).toEqual(['5 I', '7 T', '9 A', `${SEED.slice(0, 3)}`]);
    expect(plainText(view.body).endsWith(`\n${SEED}:7`)).toBe(true);
    expect(view.actions?.map((a) => (a.kind === 'run' ? [a.payload, a.disabled ?? false] : a.url))).toEqual([
      [`5:${SEED}`, false],
      [`9:${SEED}`, false],
    ]);
  });

  it('GIVEN the first and the last line THEN ◀ or ▶ is disabled; GIVEN a blank line THEN it says so', async () => {
    const library = await seedLibrary();
    const article = library.article(SEED)!;
    const first = contextView(article, 1, { ephemeral: true }).actions ?? [];
    expect(first[0]).toMatchObject({ payload: `1:${SEED}`, disabled: true });
    const last = contextView(article, article.lines.length, { ephemeral: true }).actions ?? [];
    expect(last[1]).toMatchObject({ disabled: true });
    expect(plainText(contextView(article, 2, { ephemeral: true }).body)).toContain('2 (blank line)');
  });

  it('GIVEN forged payloads THEN the Show context action declines them (undefined), never throws', async () => {
    const ctx = contextOf(await seedLibrary());
    for (const payload of ['', '7', `0:${SEED}`, `99999:${SEED}`, '7:../seeds/x.txt', `x:${SEED}`, `7:${SEED}\u0000`]) {
      expect(await showContextHandler.run(payload, ctx), payload).toBeUndefined();
    }
    expect(await showContextHandler.run(`7:${SEED}`, ctx)).toMatchObject({ ephemeral: true, title: expect.any(String) });
  });

  it('GIVEN a file name too long for an action payload THEN the payload carries a hash of it, which the action finds again', async () => {
    const seeds = await seedLibrary();
    const long = `${'a-very-long-article-name-'.repeat(5)}.txt`;
    const original = seeds.article(SEED)!;
    const renamed = { ...original, source: long, passages: original.passages.map((p) => ({ ...p, source: long })) };
    const library = await buildLibrary({ ...seeds.corpus, articles: [renamed] });
    const [previous] = contextView(renamed, 7, { ephemeral: true }).actions ?? [];
    const payload = previous?.kind === 'run' ? previous.payload : '';
    expect(payload).toMatch(/^5:#[\w-]{22}$/);
    expect(long.length + 2).toBeGreaterThan(MAX_ACTION_PAYLOAD_LENGTH);
    expect(payload.length).toBeLessThanOrEqual(MAX_ACTION_PAYLOAD_LENGTH);
    const view = await showContextHandler.run(payload, contextOf(library));
    expect(view && 'body' in view ? plainText(view.body).endsWith(`\n${long}:5`) : view).toBe(true);
  });
});
