import { describe, expect, it } from 'vitest';
import { mayReload, renderReload } from '../../src/commands/reload.js';
import type { Requester } from '../../src/commands/types.js';

const member = (overrides: Partial<Extract<Requester, { kind: 'discord' }>> = {}): Requester => ({
  kind: 'discord',
  userId: '111111111111111111',
  roleIds: [],
  canManageGuild: false,
  inGuild: true,
  ...overrides,
});
const config = (adminUserIds: string[] = [], adminRoleIds: string[] = []) => ({
  discord: {
    adminUserIds,
    adminRoleIds,
    cooldownSeconds: 0,
    pageTimeoutSeconds: 600,
    privateMisses: true,
    reconnectMaxDelaySeconds: 30,
    reconnectGiveUpSeconds: 300,
  },
});

describe('mayReload', () => {
  it('GIVEN no admin ids configured THEN members with Manage Server may, others may not; never in DMs; the console always', () => {
    expect(mayReload(member({ canManageGuild: true }), config())).toBe(true);
    expect(mayReload(member(), config())).toBe(false);
    expect(mayReload(member({ canManageGuild: true, inGuild: false }), config())).toBe(false);
    expect(mayReload({ kind: 'console' }, config())).toBe(true);
  });

  it('GIVEN admin users or roles configured THEN only they may', () => {
    const admins = config(['222222222222222222'], ['333333333333333333']);
    expect(mayReload(member({ userId: '222222222222222222' }), admins)).toBe(true);
    expect(mayReload(member({ roleIds: ['444444444444444444', '333333333333333333'] }), admins)).toBe(true);
    expect(mayReload(member({ canManageGuild: true }), admins)).toBe(false);
  });
});

describe('renderReload', () => {
  it('GIVEN a report THEN totals, the changed files by kind, and skipped files with why', () => {
    const reply = renderReload({
      files: [
        { source: 'a.txt', change: 'added' },
        { source: 'b.txt', change: 'changed' },
        { source: 'c.txt', change: 'unchanged' },
        { source: 'd.txt', change: 'removed' },
      ],
      skipped: [{ source: 'e.txt', reason: 'empty file' }],
      articles: 3,
      passages: 42,
      quotations: 7,
      ms: 12,
    });
    expect(reply.body).toEqual([
      '3 articles, 42 passages, 7 quotations, in 12 ms.\nFiles: 1 added, 1 changed, 1 removed, 1 unchanged, 1 skipped.',
    ]);
    expect(reply.fields).toEqual([
      { name: 'Added', value: [{ code: 'a.txt' }] },
      { name: 'Changed', value: [{ code: 'b.txt' }] },
      { name: 'Removed', value: [{ code: 'd.txt' }] },
      { name: 'Skipped (1)', value: [{ code: 'e.txt' }, ': empty file'], file: 'skipped-files.txt' },
    ]);
    expect(reply.ephemeral).toBe(true);
  });
});
