/**
 * The person behind an interaction and what Discord offers them, in the commands' terms
 * (Requester, Surface): roles, permissions and the bot's Discord settings stay on this side.
 */
import type { Requester, Surface } from '../../commands/index.js';
import type { Config } from '../../platform/config.js';

/** What the permission check reads of an interaction. */
export interface Member {
  readonly userId: string;
  /** The member's role ids (empty outside a server). */
  readonly roleIds: readonly string[];
  /** Whether the member has Manage Server (or Administrator) in this channel. */
  readonly canManageGuild: boolean;
  /** False in DMs and private channels. */
  readonly inGuild: boolean;
}

/**
 * Who may reload. Discord hides /reload from members without Manage Server
 * (`default_member_permissions`), but a server can override that in its settings, so the bot
 * checks again: when the config names admin users or roles, only they may; otherwise members
 * with Manage Server may. Never outside a server.
 */
export function requesterOf(member: Member, settings: Pick<Config['discord'], 'adminUserIds' | 'adminRoleIds'>): Requester {
  const { adminUserIds, adminRoleIds } = settings;
  const named = adminUserIds.length > 0 || adminRoleIds.length > 0;
  const listed = adminUserIds.includes(member.userId) || member.roleIds.some((role) => adminRoleIds.includes(role));
  const admin = member.inGuild && (named ? listed : member.canManageGuild);
  return { admin, admins: named ? 'the bot’s admins' : 'members with the Manage Server permission' };
}

/** Discord's side of the commands: slash commands typed in the message box, buttons that expire, misses kept private if so set. */
export function discordSurface(settings: Pick<Config['discord'], 'pageTimeoutSeconds' | 'privateMisses'>): Surface {
  return {
    howToType: 'Type / in the message box and pick a citebot command.',
    privateMisses: settings.privateMisses,
    buttons: { liveSeconds: settings.pageTimeoutSeconds },
  };
}
