import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { ActionRowJson } from '../render/discord.js';
import type { Reply } from '../render/reply.js';

/** Discord accepts edits through an interaction's token for 15 minutes; a little less to be safe. */
const TOKEN_LIFETIME_MS = 14.5 * 60_000;
/** Paged replies remembered at once; the oldest are forgotten first (their buttons then say "expired"). */
const MAX_SESSIONS = 2_000;

/** Changes the components of the message showing a paged reply (the last interaction's `editReply`). */
export type ComponentEditor = (components: ActionRowJson[]) => Promise<unknown>;

export interface PageSession {
  readonly id: string;
  readonly reply: Reply;
  /** Only this user may page. */
  readonly userId: string;
  page: number;
}

interface Entry extends PageSession {
  timer: NodeJS.Timeout | undefined;
  editor: ComponentEditor | undefined;
  editorSince: number;
}

/**
 * The paged replies whose buttons still work. A session ends `timeoutMs` after its last use:
 * its buttons are then disabled on the message, and a click on an old button finds no session
 * and gets a friendly "expired" message. Kept in memory: after a restart every old button is
 * expired, which is the same friendly message.
 */
export class PageSessions {
  private readonly sessions = new Map<string, Entry>();

  constructor(
    private readonly timeoutMs: number,
    private readonly log: Logger,
    /** Renders the disabled buttons of a session's current page. */
    private readonly disabledComponents: (session: PageSession) => ActionRowJson[],
  ) {}

  /** Remembers a paged reply; its buttons carry the returned id. */
  open(reply: Reply, userId: string): string {
    const id = randomBytes(6).toString('base64url');
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    this.sessions.set(id, { id, reply, userId, page: 0, timer: undefined, editor: undefined, editorSince: 0 });
    return id;
  }

  get(id: string): PageSession | undefined {
    return this.sessions.get(id);
  }

  /** The message now shows the session (sent or updated by an interaction): restart its timeout. */
  touch(id: string, editor: ComponentEditor): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    entry.editor = editor;
    entry.editorSince = Date.now();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.expire(id), this.timeoutMs);
    entry.timer.unref();
  }

  /** Ends a session now and disables its buttons on the message. */
  async expire(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.forget(id);
    if (!entry.editor || Date.now() - entry.editorSince > TOKEN_LIFETIME_MS) {
      this.log.debug({ pagingId: id }, 'Paging expired; the message can no longer be edited');
      return;
    }
    try {
      await entry.editor(this.disabledComponents(entry));
      this.log.debug({ pagingId: id }, 'Paging expired; buttons disabled');
    } catch (error) {
      this.log.warn({ err: error, pagingId: id }, 'Could not disable the buttons of an expired reply');
    }
  }

  /** Forgets a session without touching its message (it was never sent). */
  forget(id: string): void {
    const entry = this.sessions.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.sessions.delete(id);
  }

  /** Stops every timer (shutdown). */
  clear(): void {
    for (const id of [...this.sessions.keys()]) this.forget(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
