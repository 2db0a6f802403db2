import { randomBytes } from 'node:crypto';
import type { RawOptions } from '../../commands/index.js';
import type { VoteSubject } from '../../commands/reply.js';
import type { Logger } from '../../platform/log.js';
import type { ActionRowJson } from './render.js';

/** Discord accepts edits through an interaction's token for 15 minutes; a little less to be safe. */
const TOKEN_LIFETIME_MS = 14.5 * 60_000;
/**
 * Memory all paging references may take together. A reference is a few hundred bytes (no reply
 * text: pages are rendered again when asked for), so this keeps thousands; past it the least
 * recently used are forgotten first (their buttons then say "expired").
 */
export const DEFAULT_MAX_PAGING_BYTES = 4 * 1024 * 1024;
/** What a Map entry, its object, a timer and the strings' headers cost beyond the strings' characters. */
const ENTRY_OVERHEAD_BYTES = 400;

/** Where the message showing a paged reply can be edited: the last interaction's webhook. */
export interface EditTarget {
  readonly applicationId: string;
  /** The interaction token: a credential for 15 minutes, never logged. */
  readonly token: string;
}

/** Changes the components of a message (the disabled buttons of an expired session). */
export type ComponentEditor = (target: EditTarget, rows: ActionRowJson[]) => Promise<unknown>;

/**
 * A compact reference to a paged reply: enough to run the command again and render the page
 * asked for, never the reply itself (a /sources list of 10,000 articles is megabytes).
 */
export interface PageSession {
  readonly id: string;
  readonly command: string;
  readonly options: RawOptions;
  /** Only this user may page. */
  readonly userId: string;
  /** The answer votes on this message count for: the id of the interaction that first asked (private copies share it). */
  readonly answerId: string;
  /** What a vote on this message is about, as it was shown (a reload must not change what was rated). */
  readonly vote?: VoteSubject;
  /** A private copy of someone's public reply (Browse privately): shown ephemeral, no Browse button of its own. */
  readonly copy: boolean;
  /** The buttons the message shows now, to disable when the session expires. */
  rows?: ActionRowJson[];
  /** Pages the reply had when last rendered, for the disabled buttons of an expired session. */
  pages: number;
  page: number;
}

interface Entry extends PageSession {
  readonly bytes: number;
  timer: NodeJS.Timeout | undefined;
  target: EditTarget | undefined;
  targetSince: number;
}

/**
 * The paged replies whose buttons still work, bounded by the bytes they take rather than by
 * their count. A session ends `timeoutMs` after its last use: its buttons are then disabled on
 * the message, and a click on an old button finds no session and gets a friendly "expired"
 * message. Kept in memory: after a restart every old button is expired, which is the same
 * friendly message.
 */
export class PageSessions {
  // A Map iterates in insertion order; touching re-inserts, so the first entry is the least recently used.
  private readonly sessions = new Map<string, Entry>();
  private usedBytes = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly log: Logger,
    /** Renders the disabled buttons of a session's page. */
    private readonly disabledRows: (session: PageSession) => ActionRowJson[],
    /** Edits the message's components through its interaction webhook. */
    private readonly editComponents: ComponentEditor,
    private readonly maxBytes = DEFAULT_MAX_PAGING_BYTES,
  ) {}

  /** Remembers how to show a paged reply again; its buttons carry the returned id. */
  open(reference: {
    command: string;
    options: RawOptions;
    userId: string;
    pages: number;
    answerId?: string;
    vote?: VoteSubject;
    copy?: boolean;
  }): string {
    const id = randomBytes(6).toString('base64url');
    const options = Object.freeze({ ...reference.options });
    const answerId = reference.answerId ?? id;
    const bytes =
      ENTRY_OVERHEAD_BYTES +
      2 *
        (id.length +
          reference.userId.length +
          reference.command.length +
          answerId.length +
          JSON.stringify(options).length +
          (reference.vote ? JSON.stringify(reference.vote).length : 0));
    const entry: Entry = {
      id,
      command: reference.command,
      options,
      userId: reference.userId,
      answerId,
      ...(reference.vote ? { vote: reference.vote } : {}),
      copy: reference.copy ?? false,
      pages: reference.pages,
      page: 0,
      bytes,
      timer: undefined,
      target: undefined,
      targetSince: 0,
    };
    this.sessions.set(id, entry);
    this.usedBytes += bytes;
    this.evict();
    return id;
  }

  get(id: string): PageSession | undefined {
    return this.sessions.get(id);
  }

  /** The message now shows the session (sent or updated by an interaction): restart its timeout. */
  touch(id: string, target: EditTarget, rows?: ActionRowJson[]): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.usedBytes +=
      2 * (target.applicationId.length + target.token.length) -
      (entry.target ? 2 * (entry.target.applicationId.length + entry.target.token.length) : 0);
    if (rows) {
      this.usedBytes += rowBytes(rows) - rowBytes(entry.rows);
      entry.rows = rows;
    }
    entry.target = { applicationId: target.applicationId, token: target.token };
    entry.targetSince = Date.now();
    this.sessions.delete(id);
    this.sessions.set(id, entry);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.expire(id), this.timeoutMs);
    entry.timer.unref();
    this.evict();
  }

  /** Ends a session now and disables its buttons on the message. */
  async expire(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.forget(id);
    if (!entry.target || Date.now() - entry.targetSince > TOKEN_LIFETIME_MS) {
      this.log.debug({ pagingId: id }, 'Paging expired; the message can no longer be edited');
      return;
    }
    try {
      await this.editComponents(entry.target, this.disabledRows(entry));
      this.log.debug({ pagingId: id }, 'Paging expired; buttons disabled');
    } catch (error) {
      this.log.warn({ err: error, pagingId: id }, 'Could not disable the buttons of an expired reply');
    }
  }

  /** Forgets a session without touching its message (it was never sent, or is being evicted). */
  forget(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.sessions.delete(id);
    this.usedBytes -=
      entry.bytes + (entry.target ? 2 * (entry.target.applicationId.length + entry.target.token.length) : 0) + rowBytes(entry.rows);
  }

  /** Stops every timer (shutdown). */
  clear(): void {
    for (const id of [...this.sessions.keys()]) this.forget(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The memory the sessions are accounted to take, in bytes (at most the budget). */
  get bytes(): number {
    return this.usedBytes;
  }

  /** Forgets the least recently used sessions until the budget holds; their buttons then say "expired". */
  private evict(): void {
    for (const id of this.sessions.keys()) {
      if (this.usedBytes <= this.maxBytes) return;
      this.forget(id);
    }
  }
}

function rowBytes(rows: readonly ActionRowJson[] | undefined): number {
  return rows ? 2 * JSON.stringify(rows).length : 0;
}
