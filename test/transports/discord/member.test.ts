import { describe, expect, it } from 'vitest';
import { discordSurface, requesterOf, type Member } from '../../../src/transports/discord/member.js';

const member = (overrides: Partial<Member> = {}): Member => ({
  userId: '111111111111111111',
  roleIds: [],
  canManageGuild: false,
  inGuild: true,
  ...overrides,
});
const settings = (adminUserIds: string[] = [], adminRoleIds: string[] = []) => ({ adminUserIds, adminRoleIds });

describe('requesterOf', () => {
  it('GIVEN no admin ids configured THEN members with Manage Server are admins, others not, never in DMs; a refusal names Manage Server', () => {
    expect(requesterOf(member({ canManageGuild: true }), settings())).toEqual({
      admin: true,
      admins: 'members with the Manage Server permission',
    });
    expect(requesterOf(member(), settings()).admin).toBe(false);
    expect(requesterOf(member({ canManageGuild: true, inGuild: false }), settings()).admin).toBe(false);
  });

  it('GIVEN admin users or roles configured THEN only they are admins, Manage Server alone is not, and a refusal names the bot’s admins', () => {
    const admins = settings(['222222222222222222'], ['333333333333333333']);
    expect(requesterOf(member({ userId: '222222222222222222' }), admins).admin).toBe(true);
    expect(requesterOf(member({ roleIds: ['444444444444444444', '333333333333333333'] }), admins).admin).toBe(true);
    expect(requesterOf(member({ canManageGuild: true }), admins)).toEqual({ admin: false, admins: 'the bot’s admins' });
    expect(requesterOf(member({ userId: '222222222222222222', inGuild: false }), admins).admin).toBe(false);
  });
});

describe('discordSurface', () => {
  it('GIVEN the Discord settings THEN misses are private as set and buttons live for the page timeout', () => {
    expect(discordSurface({ privateMisses: true, pageTimeoutSeconds: 90 })).toMatchObject({
      privateMisses: true,
      buttons: { liveSeconds: 90 },
    });
    expect(discordSurface({ privateMisses: false, pageTimeoutSeconds: 600 })).toMatchObject({
      privateMisses: false,
      buttons: { liveSeconds: 600 },
    });
  });
});
