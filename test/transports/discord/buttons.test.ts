import { describe, expect, it } from 'vitest';
import { actionButtonId, browseButtonId, pageButtonId, parseButtonId, voteButtonId } from '../../../src/transports/discord/buttons.js';
import { renderDiscord, MAX_BUTTON_LABEL_LENGTH } from '../../../src/transports/discord/render.js';
import { MAX_ACTION_NAME_LENGTH, MAX_ACTION_PAYLOAD_LENGTH, type Reply, type ReplyAction } from '../../../src/commands/reply.js';
import { ACTION_HANDLERS } from '../../../src/commands/index.js';

describe('button ids', () => {
  it('GIVEN ids made by each maker THEN parseButtonId reads them back', () => {
    expect(parseButtonId(pageButtonId('Ab-_9', 4))).toEqual({ kind: 'page', sessionId: 'Ab-_9', page: 4 });
    expect(parseButtonId(browseButtonId('Ab-_9', 2))).toEqual({ kind: 'browse', sessionId: 'Ab-_9', page: 2 });
    expect(parseButtonId(voteButtonId('Ab-_9', 'down'))).toEqual({ kind: 'vote', sessionId: 'Ab-_9', value: 'down' });
    expect(parseButtonId(actionButtonId('ctx', '13:004_fda3f1e6d2d72140.txt') ?? '')).toEqual({
      kind: 'action',
      action: 'ctx',
      payload: '13:004_fda3f1e6d2d72140.txt',
    });
  });

  it('GIVEN forged, stale or oversized ids THEN parseButtonId reads none of them', () => {
    for (const id of ['', 'page:x:at', 'page:x:-1', 'vote:x:maybe', 'pv:x:', 'a:CTX:1', 'a::1', 'sources', `a:ctx:${'x'.repeat(100)}`]) {
      expect(parseButtonId(id), id).toBeNull();
    }
  });

  it('GIVEN an action whose id would pass 100 characters or whose name is not an action name THEN it has no id', () => {
    expect(actionButtonId('ctx', 'x'.repeat(95))).toBeUndefined();
    expect(actionButtonId('Context', '1')).toBeUndefined();
    expect(actionButtonId('ctx', 'x'.repeat(94))).toHaveLength(100);
  });

  it('GIVEN the longest action name and payload commands may make THEN the button carries both, and every action handler has a name it carries', () => {
    const name = 'a'.repeat(MAX_ACTION_NAME_LENGTH);
    const payload = 'x'.repeat(MAX_ACTION_PAYLOAD_LENGTH);
    expect(parseButtonId(actionButtonId(name, payload) ?? '')).toEqual({ kind: 'action', action: name, payload });
    for (const handler of ACTION_HANDLERS.values()) expect(actionButtonId(handler.name, payload), handler.name).toBeDefined();
  });
});

describe('rendered buttons', () => {
  const base: Reply = { title: 'T', body: ['b'], fields: [], ephemeral: false };

  it('GIVEN 27 actions, a long label, a bad link and votes THEN rows of at most 5, at most 5 rows, labels within 80, bad ones left out', () => {
    const actions: ReplyAction[] = [
      { kind: 'link', label: 'Open', url: 'javascript:alert(1)' },
      { kind: 'link', label: 'Open article', url: 'https://example.com/a(b)' },
      { kind: 'run', label: 'L'.repeat(200), action: 'ctx', payload: '1:a.txt' },
      ...Array.from({ length: 25 }, (_, i): ReplyAction => ({ kind: 'run', label: `n${i}`, action: 'ctx', payload: `${i}:a.txt` })),
    ];
    const reply: Reply = { ...base, actions, vote: { question: 'q', source: 'a.txt', line: 1, passage: 'p' } };
    const rows = renderDiscord(reply, { pagingId: 'sess', votes: true }).components ?? [];
    expect(rows.length).toBe(5);
    for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(5);
    const buttons = rows.flatMap((row) => row.components);
    expect(buttons[0]).toEqual({ type: 2, style: 5, url: 'https://example.com/a(b)', label: 'Open article', disabled: false });
    expect(buttons[1]?.label.length).toBeLessThanOrEqual(MAX_BUTTON_LABEL_LENGTH);
    expect(buttons.every((b) => (b.custom_id ?? '').length <= 100)).toBe(true);
    expect(new Set(buttons.map((b) => b.custom_id ?? b.url)).size).toBe(buttons.length);
  });

  it('GIVEN a public paged answer with votes THEN actions and 👍 👎 first, then ◀ n/N ▶ and Browse privately', () => {
    const reply: Reply = {
      ...base,
      actions: [{ kind: 'run', label: 'Show context', action: 'ctx', payload: '7:a.txt' }],
      vote: { question: 'q', source: 'a.txt', line: 7, passage: 'p' },
      pages: [{}, { body: ['two'] }],
    };
    const rows = renderDiscord(reply, { pagingId: 's1', votes: true, browse: true }).components ?? [];
    expect(rows.map((row) => row.components.map((b) => [b.label, b.custom_id, b.disabled]))).toEqual([
      [
        ['Show context', 'a:ctx:7:a.txt', false],
        ['👍', 'vote:s1:up', false],
        ['👎', 'vote:s1:down', false],
      ],
      [
        ['◀ Previous', 'page:s1:0', true],
        ['1 / 2', 'page:s1:at', true],
        ['Next ▶', 'page:s1:1', false],
        ['Browse privately', 'pv:s1:0', false],
      ],
    ]);
    expect(renderDiscord(reply, {}).components).toEqual(
      [[{ type: 2, style: 2, custom_id: 'a:ctx:7:a.txt', label: 'Show context', disabled: false }]].map((components) => ({
        type: 1,
        components,
      })),
    );
  });
});

describe('linked text', () => {
  it('GIVEN a link span THEN a masked link with the text escaped and parentheses encoded; GIVEN a URL that is not http(s) THEN the text alone', () => {
    const reply = (url: string): Reply => ({
      title: 'T',
      titleUrl: url,
      body: ['— ', { link: 'A *bold* [claim]', url }, ' · ', { cite: 'a.txt:7' }],
      fields: [],
      ephemeral: false,
    });
    const good = renderDiscord(reply('https://news.example/a_(b)')).embeds?.[0];
    expect(good?.description).toBe('— [A \\*bold\\* \\[claim\\]](https://news.example/a_%28b%29) · `a.txt:7`');
    expect(good?.url).toBe('https://news.example/a_(b)');
    for (const bad of ['javascript:alert(1)', 'ftp://x.example/a', 'not a url']) {
      const embed = renderDiscord(reply(bad)).embeds?.[0];
      expect(embed?.description, bad).toBe('— A \\*bold\\* \\[claim\\] · `a.txt:7`');
      expect(embed?.url, bad).toBeUndefined();
    }
  });
});
