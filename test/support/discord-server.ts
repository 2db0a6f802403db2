/**
 * A Discord-compatible REST + gateway server for end-to-end tests.
 *
 * Nothing in CI can reach Discord, so tests run the real, unmodified discord.js client
 * against this server on 127.0.0.1. It implements only what a slash-command bot touches
 * (gateway identify/resume/heartbeat, interaction callbacks, interaction webhooks, command
 * registration) but implements those faithfully enough that discord.js cannot tell the
 * difference, and it reproduces Discord's failure modes (401s, 429s with the real headers,
 * "already acknowledged", the 3-second callback deadline, message limits) so tests can
 * exercise the bot's error handling.
 *
 * Typical use:
 *   const server = await startDiscordServer({ heartbeatIntervalMs: 1000 });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiUrl } });
 *   await client.login(server.token);
 *   const { id } = await server.sendCommand({ name: 'ping' });
 *   const callback = await server.waitForCallback(id);
 *   ...
 *   await client.destroy(); // before server.close(), or discord.js keeps reconnecting
 *   await server.close();
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type {
  APIApplication,
  APIApplicationCommand,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIGuildMember,
  APIInteractionGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIUser,
  ApplicationFlags,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  RoleFlags,
  UserFlags,
  GatewayReadyDispatchData,
  RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** Loose JSON object: request bodies come from the code under test, so their shape is what tests assert. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = { [key: string]: any };

export interface GuildSeed {
  /** Choose ids with {@link snowflake} to control which shard owns the guild ((id >> 22) % shardCount). */
  id?: string;
  name?: string;
  ownerId?: string;
  textChannelName?: string;
  preferredLocale?: string;
}

export interface DiscordServerOptions {
  /** The only token accepted (REST 401 / gateway close 4004 otherwise). */
  token?: string;
  /** Recommended shard count reported by GET /gateway/bot; discord.js uses it only with `shards: 'auto'`. */
  shards?: number;
  /**
   * session_start_limit.max_concurrency. discord.js waits ~5 s between identifies of shards in
   * the same bucket (shardId % maxConcurrency) and between re-identifies of one shard, so
   * multi-shard tests should raise this to the shard count.
   */
  maxConcurrency?: number;
  /** HELLO heartbeat_interval. Discord uses 41250; tests want something small so heartbeats actually happen. */
  heartbeatIntervalMs?: number;
  /**
   * Discord rejects initial interaction responses later than 3 s after the interaction was
   * sent ("Unknown interaction", 10062). Keep the real value so a bot that forgets to defer
   * slow work fails in tests; 0 disables the check.
   */
  interactionDeadlineMs?: number;
  applicationId?: string;
  botUser?: Partial<APIUser>;
  /** Guilds the bot is in. Default: one guild with one text channel. */
  guilds?: GuildSeed[];
  /**
   * Privileged intents (GuildMembers 1<<1, GuildPresences 1<<8, MessageContent 1<<15) that are
   * "enabled in the developer portal". Requesting others closes the gateway with 4014, as Discord does.
   * Default: all three allowed.
   */
  allowedPrivilegedIntents?: number;
}

export interface UploadedFile {
  /** Multipart field name, e.g. "files[0]". */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path without the /api prefix, e.g. "/v10/webhooks/1/tok/messages/@original". */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or payload_json of a multipart body; null when there was none. */
  body: JsonObject | null;
  files: UploadedFile[];
  /** The status this server answered with (after fault injection), so tests can see retries. */
  status: number;
  /** What this server answered with (null for 204). */
  response: unknown;
}

export interface InteractionCallbackBody {
  type: number;
  data?: JsonObject;
}

export interface CallbackRequest extends RecordedRequest {
  body: InteractionCallbackBody;
}

export interface FaultRule {
  method?: string;
  /** Matched against RecordedRequest.path, e.g. /\/interactions\/\d+\/[^/]+\/callback$/. */
  pathPattern: RegExp;
  status: number;
  /** For 429: seconds the client must wait (fractions allowed to keep tests fast). Default 1. */
  retryAfterSeconds?: number;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** For 429: mark as the global rate limit (X-RateLimit-Global), which blocks every route in @discordjs/rest. */
  global?: boolean;
  /** Override the JSON error body. */
  body?: JsonObject;
}

/** A gateway payload received from a client (heartbeats included, so tests can see liveness). */
export interface GatewayMessage {
  connectionId: number;
  shard: [number, number] | null;
  op: number;
  d: unknown;
}

export interface IdentifyPayload {
  token: string;
  intents: number;
  properties: JsonObject;
  shard?: [number, number];
  compress?: boolean;
  large_threshold?: number;
  presence?: JsonObject;
}

export interface ConnectionInfo {
  id: number;
  /** Query string the client connected with (v, encoding, compress). */
  query: Record<string, string>;
  shard: [number, number] | null;
  sessionId: string | null;
  /** True once READY or RESUMED has been sent on this socket. */
  ready: boolean;
  open: boolean;
  closeCode: number | null;
}

export interface InteractionInit {
  /** 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
  type: number;
  data: JsonObject;
  guildId?: string;
  channelId?: string;
  /** Send as a DM with the bot instead of in a guild (routed to shard 0). */
  dm?: boolean;
  userId?: string;
  user?: Partial<APIUser>;
  /** The invoking member's resolved permissions in the channel (bitfield). */
  permissions?: bigint | string;
  roles?: string[];
  /** The bot's permissions in the channel (bitfield). */
  appPermissions?: bigint | string;
  locale?: string;
  /** Required for component interactions: the message carrying the component. */
  message?: APIMessage;
  /** Raw fields merged last, for anything the builders do not cover. */
  overrides?: JsonObject;
}

export type OptionInput = APIApplicationCommandInteractionDataOption[] | Record<string, string | number | boolean>;

export interface CommandInit extends Omit<InteractionInit, 'type' | 'data'> {
  name: string;
  /** Either raw options or {name: value} (string → 3, integer → 4, other number → 10, boolean → 5). */
  options?: OptionInput;
  /** Defaults to the id of a registered command with this name, else a fresh snowflake. */
  commandId?: string;
  /** 1 chat input (default), 2 user, 3 message. */
  commandType?: number;
}

export interface AutocompleteInit extends Omit<CommandInit, 'commandType'> {
  /** Name of the focused option when `options` is a {name: value} record with several entries. */
  focused?: string;
}

export interface ComponentInit extends Omit<InteractionInit, 'type' | 'data' | 'message'> {
  customId: string;
  /** 2 button (default), 3 string select, 5-8 other selects. */
  componentType?: number;
  values?: string[];
  /** A message the server knows (e.g. the bot's earlier reply), by id … */
  messageId?: string;
  /** … or a full message object. Default: a fresh bot message in the channel. */
  message?: APIMessage;
}

export interface SentInteraction {
  id: string;
  token: string;
  applicationId: string;
  shardId: number;
  /** The exact INTERACTION_CREATE payload sent. */
  payload: JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Snowflakes
// ---------------------------------------------------------------------------------------------

const DISCORD_EPOCH = 1420070400000n;
let snowflakeIncrement = 0n;

/** Ids must be real snowflakes: discord.js derives createdAt from them and @discordjs/rest's bucket logic matches \d{17,19}. */
export function snowflake(timestampMs: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(timestampMs) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | snowflakeIncrement).toString();
}

/** Discord's guild → shard formula. */
export function shardIdForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

// ---------------------------------------------------------------------------------------------
// Constants (numeric literals with names; discord-api-types enums are type-only here)
// ---------------------------------------------------------------------------------------------

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.Autocomplete]: [8],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

const MessageFlag = { Ephemeral: 64, Loading: 128 } as const;
/** Largest file Discord accepts in a server without boosts (and what INTERACTION_CREATE says as attachment_size_limit). */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

const P = (bit: number): bigint => 1n << BigInt(bit);
/** Roughly Discord's default @everyone permissions. */
const DEFAULT_MEMBER_PERMISSIONS =
  P(0) |
  P(6) |
  P(9) |
  P(10) |
  P(11) |
  P(14) |
  P(15) |
  P(16) |
  P(18) |
  P(20) |
  P(21) |
  P(25) |
  P(26) |
  P(31) |
  P(35) |
  P(36) |
  P(37) |
  P(38) |
  P(39) |
  P(46);
/** What a text bot is typically invited with. */
const DEFAULT_BOT_PERMISSIONS = P(6) | P(10) | P(11) | P(14) | P(15) | P(16) | P(18) | P(31) | P(38);

/**
 * Default for every waitFor*: below vitest's default 5 s testTimeout, so a stuck test fails with
 * this server's dump of recent traffic instead of a bare "Test timed out".
 */
export const DEFAULT_WAIT_MS = 4000;

const toPermissionString = (value: bigint | string | undefined, fallback: bigint): string =>
  (value === undefined ? fallback : BigInt(value)).toString();

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  textChannelId: string;
  botRoleId: string;
  preferredLocale: string;
  /** The full GUILD_CREATE payload (mutable: tweak before the client connects). */
  data: GatewayGuildCreateDispatchData;
}

interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  /** Everything dispatched on this session, so RESUME can replay what the client missed. */
  history: DispatchPayload[];
  connection: Connection | null;
  invalidated: boolean;
}

interface Connection {
  id: number;
  socket: WebSocket;
  query: Record<string, string>;
  session: Session | null;
  ready: boolean;
  closeCode: number | null;
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId: string | null;
  user: APIUser;
  payload: JsonObject;
  deliveredAt: number | null;
  callback: InteractionCallbackBody | null;
  originalMessageId: string | null;
  componentMessageId: string | null;
  messageIds: Set<string>;
}

interface Waiter {
  check: () => boolean;
  fail: (error: Error) => void;
}

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

const discordError = (status: number, code: number, message: string, errors?: JsonObject): HttpError =>
  new HttpError(status, errors ? { message, code, errors } : { message, code });

const invalidFormBody = (path: string, code: string, message: string): HttpError => {
  // Discord nests field errors by path: {"data": {"content": {"_errors": [...]}}}
  const errors: JsonObject = {};
  let cursor = errors;
  const parts = path.split('.');
  parts.forEach((part, index) => {
    cursor[part] = index === parts.length - 1 ? { _errors: [{ code, message }] } : {};
    cursor = cursor[part] as JsonObject;
  });
  return discordError(400, 50035, 'Invalid Form Body', errors);
};

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

export class DiscordServer {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guilds: FakeGuild[];
  /** A regular guild member used as the default invoker of interactions. */
  readonly defaultUser: APIUser;

  /** Gateway connections reset while the gateway was down (see setGatewayDown). */
  refusedGatewayConnections = 0;
  private gatewayDown = false;

  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload received from clients. */
  readonly gatewayMessages: GatewayMessage[] = [];
  /** The `d` of every IDENTIFY, in order. */
  readonly identifies: IdentifyPayload[] = [];
  /** Messages as Discord would now show them (after edits), by id. */
  readonly messages = new Map<string, APIMessage>();
  /** Registered commands: key "global" or the guild id. */
  readonly commands = new Map<string, APIApplicationCommand[]>();

  private readonly options: Required<
    Pick<DiscordServerOptions, 'shards' | 'maxConcurrency' | 'heartbeatIntervalMs' | 'interactionDeadlineMs' | 'allowedPrivilegedIntents'>
  >;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly connectionsById = new Map<number, Connection>();
  private readonly sessions = new Map<string, Session>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly waiters = new Set<Waiter>();
  private readonly faults: (FaultRule & { remaining: number })[] = [];
  private nextConnectionId = 1;
  private port = 0;
  private closed = false;

  constructor(options: DiscordServerOptions = {}) {
    this.token = options.token ?? 'MTAwMDAwMDAwMDAwMDAwMDAw.fake.test-token';
    this.applicationId = options.applicationId ?? options.botUser?.id ?? snowflake();
    this.options = {
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
      allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS,
    };
    this.botUser = {
      id: this.applicationId,
      username: 'citebot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      flags: 0 as UserFlags,
      public_flags: 0 as UserFlags,
      ...options.botUser,
    };
    this.defaultUser = {
      id: snowflake(),
      username: 'tester',
      global_name: 'Tester',
      discriminator: '0',
      avatar: null,
      public_flags: 0 as UserFlags,
    };
    this.guilds = (options.guilds ?? [{}]).map((seed) => this.buildGuild(seed));

    this.http = createServer((req, res) => void this.handleHttp(req, res));
    this.http.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/gateway' && path !== '/gateway/') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      if (this.gatewayDown) {
        // An unreachable gateway, as the client sees one: the connection is reset (ECONNRESET).
        this.refusedGatewayConnections += 1;
        socket.destroy();
        this.notify();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws, req));
    });
  }

  /** @internal use {@link startDiscordServer} */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  /** Pass as `rest: { api }`; discord.js appends `/v10/...`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Currently open gateway sockets. */
  get connections(): ConnectionInfo[] {
    return [...this.connectionsById.values()].filter((c) => c.closeCode === null).map((c) => this.describeConnection(c));
  }

  /** The first guild, which the builders use when no guildId is given. */
  get guild(): FakeGuild {
    const guild = this.guilds[0];
    if (!guild) throw new Error('This server was started with guilds: [], so there is no default guild');
    return guild;
  }

  // ------------------------------------------------------------------ waiting

  /** Resolves with the first request (already recorded or future) matching `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.find(predicate), timeoutMs, 'a matching REST request');
  }

  /**
   * Resolves with the interaction callback Discord accepted (2xx), skipping attempts this
   * server rejected (429, 500, …), because that is what the user ends up seeing.
   */
  waitForCallback(interactionId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<CallbackRequest> {
    const pattern = new RegExp(`^/v\\d+/interactions/${interactionId}/[^/]+/callback$`);
    return this.waitFor(
      () => this.requests.find((r) => r.method === 'POST' && pattern.test(r.path) && r.status < 300) as CallbackRequest | undefined,
      timeoutMs,
      `the callback for interaction ${interactionId}`,
    );
  }

  /** Every callback attempt for an interaction, including rejected ones. */
  callbackAttempts(interactionId: string): RecordedRequest[] {
    const pattern = new RegExp(`^/v\\d+/interactions/${interactionId}/[^/]+/callback$`);
    return this.requests.filter((r) => r.method === 'POST' && pattern.test(r.path));
  }

  /**
   * Resolves with the nth (1-based) successful request on an interaction's webhook
   * (editReply = PATCH .../messages/@original, followUp = POST, deleteReply = DELETE).
   */
  waitForWebhook(token: string, method?: string, options: { nth?: number; timeoutMs?: number } = {}): Promise<RecordedRequest> {
    const nth = options.nth ?? 1;
    const prefix = new RegExp(`^/v\\d+/webhooks/\\d+/${escapeRegExp(token)}(/|$)`);
    return this.waitFor(
      () =>
        this.requests.filter((r) => prefix.test(r.path) && (method === undefined || r.method === method.toUpperCase()) && r.status < 300)[
          nth - 1
        ],
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      `webhook request #${nth} ${method ?? ''} for token ${token.slice(0, 12)}…`,
    );
  }

  waitForGatewayMessage(predicate: (message: GatewayMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<GatewayMessage> {
    return this.waitFor(() => this.gatewayMessages.find(predicate), timeoutMs, 'a matching gateway payload');
  }

  /**
   * Resolves once `count` gateway sockets have been sent READY (or RESUMED). That is the
   * server's view: the client may not have processed READY yet. Do not `client.destroy()` on
   * this signal alone: @discordjs/ws 1.2.3 hangs forever in destroy() if called while a shard
   * awaits READY, and the shard then reconnects on its own. Wait for the client's
   * ClientReady / ShardReady / ShardResume before destroying it.
   */
  waitForReady(count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<ConnectionInfo[]> {
    return this.waitFor(
      () => {
        const ready = this.connections.filter((c) => c.ready);
        return ready.length >= count ? ready : undefined;
      },
      timeoutMs,
      `${count} ready gateway connection(s)`,
    );
  }

  // ------------------------------------------------------------------ fault injection

  /** Make the next matching request(s) fail, to test the bot's (and @discordjs/rest's) retry behaviour. */
  failNext(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  // ------------------------------------------------------------------ gateway control

  /**
   * Close every gateway socket mid-session. Non-1000 codes (default 4000, "unknown error")
   * make discord.js RESUME after ~500 ms; 1000 makes it re-identify, which its identify
   * throttle delays ~5 s; 1006 drops the TCP connection without a close frame. Sessions
   * survive, and events sent meanwhile are replayed on RESUME.
   */
  dropConnections(code = 4000): void {
    for (const connection of this.connectionsById.values()) {
      if (connection.closeCode !== null) continue;
      if (code === 1006) connection.socket.terminate();
      else connection.socket.close(code, 'dropped by test');
    }
  }

  /**
   * Takes the gateway down (every new WebSocket connection is reset, as when the gateway cannot
   * be reached) or brings it back. REST keeps working. Open sockets are left alone:
   * `dropConnections` closes them.
   */
  setGatewayDown(down: boolean): void {
    this.gatewayDown = down;
  }

  /** Op 9. Non-resumable also forgets the session, so the client must identify again (discord.js then waits ~5 s for its identify throttle). */
  sendInvalidSession(resumable: boolean): void {
    for (const connection of this.openConnections()) {
      if (!resumable && connection.session) {
        connection.session.invalidated = true;
        connection.session.connection = null;
        connection.session = null;
        connection.ready = false;
      }
      this.sendRaw(connection, { op: Op.InvalidSession, d: resumable });
    }
    this.notify();
  }

  /** Op 7: Discord asks clients to reconnect and resume (e.g. before a gateway restart). */
  requestReconnect(): void {
    for (const connection of this.openConnections()) this.sendRaw(connection, { op: Op.Reconnect, d: null });
  }

  /**
   * Send any dispatch event to the session that owns `guildId` (or shard 0). If that session is
   * momentarily disconnected, the event is queued and replayed when the client resumes.
   */
  async dispatch(event: string, data: unknown, target: { guildId?: string; shardId?: number } = {}): Promise<number> {
    const session = await this.waitFor(
      () => this.sessionFor(target),
      DEFAULT_WAIT_MS,
      `a gateway session for ${target.guildId ? `guild ${target.guildId}` : `shard ${target.shardId ?? 0}`}`,
    );
    this.dispatchOn(session, event, data);
    return session.shard[0];
  }

  // ------------------------------------------------------------------ interactions

  /**
   * Build a complete INTERACTION_CREATE and deliver it to the shard that owns the guild
   * (shard 0 for DMs). Waits (up to DEFAULT_WAIT_MS) for such a session to exist, so it can be called
   * right after `client.login()`.
   */
  async sendInteraction(init: InteractionInit): Promise<SentInteraction> {
    const id = snowflake();
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const dm = init.dm === true;
    const guild = dm ? null : this.findGuild(init.guildId);
    const user: APIUser = {
      ...this.defaultUser,
      ...(init.userId ? { id: init.userId, username: `user${init.userId.slice(-4)}`, global_name: null } : {}),
      ...init.user,
    };
    const locale = init.locale ?? 'en-US';
    const payload: JsonObject = {
      id,
      application_id: this.applicationId,
      type: init.type,
      data: init.data,
      token,
      version: 1,
      app_permissions: toPermissionString(init.appPermissions, DEFAULT_BOT_PERMISSIONS),
      locale,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    let channelId: string;
    if (guild) {
      channelId = init.channelId ?? guild.textChannelId;
      const channel = guild.data.channels.find((c) => c.id === channelId);
      if (!channel) throw new Error(`Guild ${guild.id} has no channel ${channelId}`);
      const member: APIInteractionGuildMember = {
        ...guildMember(user, init.roles ?? [], new Date(Date.now() - 86_400_000).toISOString()),
        permissions: toPermissionString(init.permissions, DEFAULT_MEMBER_PERMISSIONS),
      };
      Object.assign(payload, {
        guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
        guild_id: guild.id,
        guild_locale: guild.preferredLocale,
        channel,
        channel_id: channelId,
        member,
        authorizing_integration_owners: { '0': guild.id },
        context: 0,
      });
    } else {
      channelId = init.channelId ?? snowflake();
      Object.assign(payload, {
        channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [user] },
        channel_id: channelId,
        user,
        authorizing_integration_owners: { '0': '0' },
        context: 1,
      });
    }
    if (init.message) payload.message = init.message;
    Object.assign(payload, init.overrides);

    const state: InteractionState = {
      id,
      token,
      type: init.type,
      channelId,
      guildId: guild?.id ?? null,
      user,
      payload,
      deliveredAt: null,
      callback: null,
      originalMessageId: null,
      componentMessageId: init.message?.id ?? null,
      messageIds: new Set(),
    };
    this.interactions.set(id, state);
    this.interactionsByToken.set(token, state);
    const shardId = await this.dispatch('INTERACTION_CREATE', payload, guild ? { guildId: guild.id } : { shardId: 0 });
    return { id, token, applicationId: this.applicationId, shardId, payload };
  }

  /** A slash command invocation, e.g. sendCommand({ name: 'ask', options: { question: 'why?' } }). */
  sendCommand(init: CommandInit): Promise<SentInteraction> {
    const { name, options, commandId, commandType, ...rest } = init;
    const data: JsonObject = {
      id: commandId ?? this.registeredCommandId(name, rest.guildId) ?? snowflake(),
      name,
      type: commandType ?? 1,
    };
    if (options !== undefined) data.options = toOptions(options);
    if (rest.guildId) data.guild_id = rest.guildId;
    return this.sendInteraction({ ...rest, type: InteractionType.ApplicationCommand, data });
  }

  /** Autocomplete while the user types; exactly one option is marked focused and carries the partial input. */
  sendAutocomplete(init: AutocompleteInit): Promise<SentInteraction> {
    const { name, options, commandId, focused, ...rest } = init;
    let list = toOptions(options ?? []);
    if (!containsFocused(list)) {
      const target = focused ?? (list.length === 1 ? list[0]?.name : undefined);
      if (!target) throw new Error('sendAutocomplete needs exactly one focused option (pass `focused` or raw options with focused: true)');
      list = list.map((o) =>
        o.name === target && 'value' in o ? { ...o, type: 3, value: String(o.value), focused: true } : o,
      ) as typeof list;
      if (!containsFocused(list)) throw new Error(`No option named ${target} to focus`);
    }
    const data: JsonObject = {
      id: commandId ?? this.registeredCommandId(name, rest.guildId) ?? snowflake(),
      name,
      type: 1,
      options: list,
    };
    return this.sendInteraction({ ...rest, type: InteractionType.Autocomplete, data });
  }

  /** A click on a button (or a select-menu choice) on `messageId`/`message`. */
  sendComponent(init: ComponentInit): Promise<SentInteraction> {
    const { customId, componentType, values, messageId, message, ...rest } = init;
    let target = message;
    if (!target && messageId) {
      target = this.messages.get(messageId);
      if (!target) throw new Error(`Unknown message ${messageId}: pass a message object instead`);
    }
    if (!target) {
      const guild = rest.dm ? null : this.findGuild(rest.guildId);
      target = this.storeMessage(
        this.newMessage({ channelId: rest.channelId ?? guild?.textChannelId ?? snowflake(), content: 'A message with components' }),
      );
    }
    const data: JsonObject = { custom_id: customId, component_type: componentType ?? 2 };
    if (values) data.values = values;
    return this.sendInteraction({
      ...rest,
      channelId: rest.channelId ?? target.channel_id,
      type: InteractionType.MessageComponent,
      data,
      message: target,
    });
  }

  sendButton(init: Omit<ComponentInit, 'componentType' | 'values'>): Promise<SentInteraction> {
    return this.sendComponent({ ...init, componentType: 2 });
  }

  /** The message the user now sees as the interaction's original response, if any. */
  originalResponse(interactionId: string): APIMessage | undefined {
    const id = this.interactions.get(interactionId)?.originalMessageId;
    return id ? this.messages.get(id) : undefined;
  }

  // ------------------------------------------------------------------ shutdown

  /** Shut down everything so vitest can exit. Destroy discord.js clients first, or they keep reconnecting. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.fail(new Error('DiscordServer closed while waiting'));
    this.waiters.clear();
    for (const connection of this.connectionsById.values()) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // =============================================================================================
  // REST
  // =============================================================================================

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    let path = url.pathname.startsWith('/api/') ? url.pathname.slice(4) : url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep the raw path; it will 404
    }
    const record: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: null,
      files: [],
      status: 0,
      response: null,
    };
    let result: RouteResult;
    try {
      const raw = await readBody(req);
      Object.assign(record, await parseBody(raw, req.headers['content-type']));
      result = this.injectFault(record) ?? this.route(record, url.pathname.startsWith('/api/'));
    } catch (error) {
      result =
        error instanceof HttpError
          ? { status: error.status, body: error.body }
          : { status: 500, body: { message: `fake Discord server bug: ${String(error)}`, code: 0 } };
    }
    record.status = result.status;
    record.response = result.body ?? null;
    this.requests.push(record);
    this.notify();

    const headers: Record<string, string> = { ...result.headers };
    if (result.body === undefined) {
      res.writeHead(result.status, headers);
      res.end();
      return;
    }
    headers['content-type'] = 'application/json';
    res.writeHead(result.status, headers);
    res.end(JSON.stringify(result.body));
  }

  private injectFault(record: RecordedRequest): RouteResult | null {
    const rule = this.faults.find(
      (f) => f.remaining > 0 && (f.method === undefined || f.method.toUpperCase() === record.method) && f.pathPattern.test(record.path),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.status !== 429) {
      return { status: rule.status, body: rule.body ?? { message: `${rule.status}: injected failure`, code: 0 } };
    }
    const retryAfter = rule.retryAfterSeconds ?? 1;
    // Headers as Discord sends them; @discordjs/rest reads Retry-After (BurstHandler, used for
    // interaction callbacks) or X-RateLimit-* (SequentialHandler, everything else).
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': retryAfter.toFixed(3),
      'x-ratelimit-bucket': 'fakebucket' + Buffer.from(record.path).toString('hex').slice(-16),
      'x-ratelimit-scope': rule.global ? 'global' : 'user',
    };
    if (rule.global) headers['x-ratelimit-global'] = 'true';
    return {
      status: 429,
      headers,
      body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: rule.global ?? false },
    };
  }

  private route(record: RecordedRequest, underApi: boolean): RouteResult {
    const versioned = /^\/v(\d+)(\/.*)$/.exec(record.path);
    if (!underApi || !versioned || !['9', '10'].includes(versioned[1] ?? '')) return this.notFound();
    const route = versioned[2] ?? '';
    const { method } = record;
    let m: RegExpExecArray | null;

    // Interaction endpoints authenticate with the interaction token in the URL, not the bot token.
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route)) && method === 'POST') {
      return this.handleCallback(m[1] ?? '', m[2] ?? '', record);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(route))) {
      return this.handleWebhook(m[1] ?? '', m[2] ?? '', m[3], record);
    }
    if (route === '/gateway' && method === 'GET') return { status: 200, body: { url: this.gatewayUrl } };

    if (record.headers.authorization !== `Bot ${this.token}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    if (route === '/gateway/bot' && method === 'GET') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.options.shards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.options.maxConcurrency },
        },
      };
    }
    if (route === '/users/@me' && method === 'GET') return { status: 200, body: this.botUser };
    if (route === '/applications/@me' && method === 'GET') return { status: 200, body: this.application() };
    if ((m = /^\/applications\/(\d+)\/commands$/.exec(route))) {
      return this.handleCommands(m[1] ?? '', null, record);
    }
    if ((m = /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/.exec(route))) {
      return this.handleCommands(m[1] ?? '', m[2] ?? '', record);
    }
    return this.notFound();
  }

  private notFound(): RouteResult {
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private application(): APIApplication {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: 'Fake application for tests',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      flags: 0 as ApplicationFlags,
      flags_new: '0',
      team: null,
      summary: '',
      bot: this.botUser,
      owner: this.defaultUser,
      approximate_guild_count: this.guilds.length,
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      event_webhooks_url: null,
      event_webhooks_status: 1,
      integration_types_config: { '0': {} },
    } as APIApplication;
  }

  // ------------------------------------------------------------------ interaction callback

  private handleCallback(interactionId: string, token: string, record: RecordedRequest): RouteResult {
    const interaction = this.interactions.get(interactionId);
    if (!interaction || interaction.token !== token) throw discordError(404, 10062, 'Unknown interaction');
    const deadline = this.options.interactionDeadlineMs;
    if (deadline > 0 && interaction.deliveredAt !== null && Date.now() - interaction.deliveredAt > deadline) {
      throw discordError(404, 10062, 'Unknown interaction');
    }
    if (interaction.callback) throw discordError(400, 40060, 'Interaction has already been acknowledged.');
    const body = record.body;
    if (!body || typeof body.type !== 'number') throw invalidFormBody('type', 'BASE_TYPE_REQUIRED', 'This field is required');
    const type = body.type;
    if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(type)) {
      throw invalidFormBody(
        'type',
        'INTERACTION_RESPONSE_TYPE_INVALID',
        `Callback type ${type} is not valid for interaction type ${interaction.type}`,
      );
    }
    const data: JsonObject = body.data ?? {};
    let resourceMessage: APIMessage | undefined;

    switch (type) {
      case CallbackType.ChannelMessageWithSource: {
        validateMessage(data, record.files, true, 'data');
        const message = this.newMessage({
          channelId: interaction.channelId,
          interaction,
          type: interaction.type === InteractionType.ApplicationCommand ? 20 : 0,
          data,
          files: record.files,
        });
        interaction.originalMessageId = this.storeMessage(message).id;
        interaction.messageIds.add(message.id);
        resourceMessage = message;
        break;
      }
      case CallbackType.DeferredChannelMessageWithSource: {
        const flags = (Number(data.flags ?? 0) & MessageFlag.Ephemeral) | MessageFlag.Loading;
        const message = this.newMessage({
          channelId: interaction.channelId,
          interaction,
          type: interaction.type === InteractionType.ApplicationCommand ? 20 : 0,
          data: { content: '', flags },
        });
        interaction.originalMessageId = this.storeMessage(message).id;
        interaction.messageIds.add(message.id);
        resourceMessage = message;
        break;
      }
      case CallbackType.DeferredMessageUpdate:
      case CallbackType.UpdateMessage: {
        const target = interaction.componentMessageId ? this.messages.get(interaction.componentMessageId) : undefined;
        if (!target) throw discordError(404, 10008, 'Unknown Message');
        if (type === CallbackType.UpdateMessage) {
          validateMessage(data, record.files, false, 'data');
          this.applyEdit(target, data, record.files, true);
        }
        interaction.originalMessageId = target.id;
        interaction.messageIds.add(target.id);
        resourceMessage = target;
        break;
      }
      case CallbackType.ApplicationCommandAutocompleteResult: {
        const choices: unknown = data.choices;
        if (!Array.isArray(choices)) throw invalidFormBody('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
        if (choices.length > 25) throw invalidFormBody('data.choices', 'BASE_TYPE_BAD_LENGTH', 'Must be between 0 and 25 in length.');
        choices.forEach((choice: JsonObject, i) => {
          const name = String(choice?.name ?? '');
          if (name.length < 1 || name.length > 100) {
            throw invalidFormBody(`data.choices.${i}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
          }
          if (typeof choice.value === 'string' && choice.value.length > 100) {
            throw invalidFormBody(`data.choices.${i}.value`, 'BASE_TYPE_BAD_LENGTH', 'Must be 100 or fewer in length.');
          }
        });
        break;
      }
      case CallbackType.Modal: {
        if (typeof data.custom_id !== 'string' || typeof data.title !== 'string' || !Array.isArray(data.components)) {
          throw invalidFormBody('data', 'BASE_TYPE_REQUIRED', 'custom_id, title and components are required');
        }
        break;
      }
    }
    interaction.callback = { type, data: body.data };

    if (record.query.with_response !== 'true') return { status: 204 };
    const response: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(resourceMessage
          ? {
              response_message_id: resourceMessage.id,
              response_message_loading: type === CallbackType.DeferredChannelMessageWithSource,
              response_message_ephemeral: ((resourceMessage.flags ?? 0) & MessageFlag.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(resourceMessage ? { message: resourceMessage } : {}) },
    };
    return { status: 200, body: response };
  }

  // ------------------------------------------------------------------ interaction webhooks

  private handleWebhook(appId: string, token: string, messageRef: string | undefined, record: RecordedRequest): RouteResult {
    const interaction = this.interactionsByToken.get(token);
    // Before the interaction is acknowledged its webhook does not exist yet.
    if (appId !== this.applicationId || !interaction || !interaction.callback) throw discordError(404, 10015, 'Unknown Webhook');
    const { method } = record;

    if (messageRef === undefined) {
      if (method !== 'POST') return this.notFound();
      const data = record.body ?? {};
      validateMessage(data, record.files, true, '');
      const message = this.newMessage({ channelId: interaction.channelId, interaction, type: 0, data, files: record.files });
      this.storeMessage(message);
      interaction.messageIds.add(message.id);
      return record.query.wait === 'true' ? { status: 200, body: message } : { status: 204 };
    }

    const messageId = messageRef === '@original' ? interaction.originalMessageId : messageRef;
    const message = messageId && interaction.messageIds.has(messageId) ? this.messages.get(messageId) : undefined;
    if (!message) throw discordError(404, 10008, 'Unknown Message');
    switch (method) {
      case 'GET':
        return { status: 200, body: message };
      case 'PATCH':
        validateMessage(record.body ?? {}, record.files, false, '');
        this.applyEdit(message, record.body ?? {}, record.files, false);
        return { status: 200, body: message };
      case 'DELETE':
        this.messages.delete(message.id);
        interaction.messageIds.delete(message.id);
        return { status: 204 };
      default:
        return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    }
  }

  // ------------------------------------------------------------------ application commands

  private handleCommands(appId: string, guildId: string | null, record: RecordedRequest): RouteResult {
    if (appId !== this.applicationId) throw discordError(403, 50001, 'Missing Access');
    if (guildId !== null && !this.guilds.some((g) => g.id === guildId)) throw discordError(403, 50001, 'Missing Access');
    const key = guildId ?? 'global';
    const existing = this.commands.get(key) ?? [];
    switch (record.method) {
      case 'GET':
        return { status: 200, body: existing };
      case 'PUT': {
        if (!Array.isArray(record.body)) throw invalidFormBody('_root', 'BASE_TYPE_ARRAY', 'Must be an array');
        const commands = (record.body as JsonObject[]).map((c, i) => this.toCommand(c, guildId, existing, String(i)));
        const names = new Set<string>();
        commands.forEach((c, i) => {
          const k = `${c.type}:${c.name}`;
          if (names.has(k))
            throw invalidFormBody(`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
          names.add(k);
        });
        this.commands.set(key, commands);
        return { status: 200, body: commands };
      }
      case 'POST': {
        const command = this.toCommand(record.body ?? {}, guildId, existing, '');
        const index = existing.findIndex((c) => c.name === command.name && c.type === command.type);
        const next = [...existing];
        if (index >= 0) next[index] = command;
        else next.push(command);
        this.commands.set(key, next);
        return { status: index >= 0 ? 200 : 201, body: command };
      }
      default:
        return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    }
  }

  private toCommand(input: JsonObject, guildId: string | null, existing: APIApplicationCommand[], path: string): APIApplicationCommand {
    const type = Number(input.type ?? 1);
    const at = (field: string) => (path ? `${path}.${field}` : field);
    const name = String(input.name ?? '');
    if (
      type === 1
        ? !/^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name) || name !== name.toLowerCase()
        : name.length < 1 || name.length > 32
    ) {
      throw invalidFormBody(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const description = String(input.description ?? '');
    if (type === 1 && (description.length < 1 || description.length > 100)) {
      throw invalidFormBody(at('description'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    validateCommandOptions(input.options, at('options'));
    const previous = existing.find((c) => c.name === name && c.type === type);
    return {
      ...input,
      id: previous?.id ?? snowflake(),
      application_id: this.applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      name,
      description,
      type,
      default_member_permissions: input.default_member_permissions ?? null,
      nsfw: input.nsfw ?? false,
      version: snowflake(),
    } as APIApplicationCommand;
  }

  private registeredCommandId(name: string, guildId: string | undefined): string | undefined {
    const scopes = [guildId ?? this.guilds[0]?.id, 'global'].filter((s): s is string => Boolean(s));
    for (const scope of scopes) {
      const command = this.commands.get(scope)?.find((c) => c.name === name);
      if (command) return command.id;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ messages

  private newMessage(init: {
    channelId: string;
    interaction?: InteractionState;
    type?: number;
    data?: JsonObject;
    content?: string;
    files?: UploadedFile[];
  }): APIMessage {
    const data = init.data ?? {};
    const id = snowflake();
    const message: APIMessage = {
      id,
      channel_id: init.channelId,
      author: this.botUser,
      content: String(data.content ?? init.content ?? ''),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: Boolean(data.tts),
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.buildAttachments(data, init.files ?? [], []),
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      components: Array.isArray(data.components) ? data.components : [],
      pinned: false,
      type: init.type ?? 0,
      flags: Number(data.flags ?? 0),
    };
    if (init.interaction) {
      const interaction = init.interaction;
      Object.assign(message, {
        webhook_id: this.applicationId,
        application_id: this.applicationId,
        interaction_metadata: {
          id: interaction.id,
          type: interaction.type,
          user: interaction.user,
          authorizing_integration_owners: interaction.payload.authorizing_integration_owners,
          ...(interaction.originalMessageId && interaction.originalMessageId !== id
            ? { original_response_message_id: interaction.originalMessageId }
            : {}),
        },
      });
    }
    if (data.poll) message.poll = data.poll;
    return message;
  }

  private storeMessage(message: APIMessage): APIMessage {
    this.messages.set(message.id, message);
    return message;
  }

  /** Discord's PATCH semantics: omitted fields are kept, present ones replace, the loading state ends. */
  private applyEdit(message: APIMessage, data: JsonObject, files: UploadedFile[], viaUpdateCallback: boolean): void {
    const wasLoading = ((message.flags ?? 0) & MessageFlag.Loading) !== 0;
    if ('content' in data) message.content = String(data.content ?? '');
    if ('embeds' in data) message.embeds = data.embeds ?? [];
    if ('components' in data) message.components = data.components ?? [];
    if ('attachments' in data || files.length > 0) message.attachments = this.buildAttachments(data, files, message.attachments);
    if ('poll' in data) message.poll = data.poll;
    let flags = (message.flags ?? 0) & ~MessageFlag.Loading;
    if ('flags' in data && typeof data.flags === 'number') {
      // Only SUPPRESS_EMBEDS (4) and IS_COMPONENTS_V2 (1 << 15) can be changed by an edit.
      const editable = 4 | (1 << 15);
      flags = (flags & ~editable) | (data.flags & editable);
    }
    message.flags = flags;
    if (!wasLoading || viaUpdateCallback) message.edited_timestamp = new Date().toISOString();
  }

  private buildAttachments(data: JsonObject, files: UploadedFile[], current: APIAttachment[]): APIAttachment[] {
    const listed: JsonObject[] = Array.isArray(data.attachments) ? data.attachments : [];
    const kept = 'attachments' in data ? current.filter((a) => listed.some((l) => String(l.id) === a.id)) : current;
    const added = files.map((file): APIAttachment => {
      const index = /\[(\d+)\]/.exec(file.field)?.[1];
      const meta = listed.find((l) => String(l.id) === index);
      const id = snowflake();
      const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(file.name)}`;
      return {
        id,
        filename: String(meta?.filename ?? file.name),
        ...(meta?.description ? { description: String(meta.description) } : {}),
        size: file.data.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
      };
    });
    return [...kept, ...added];
  }

  // =============================================================================================
  // Gateway
  // =============================================================================================

  private onGatewayConnection(socket: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const connection: Connection = { id: this.nextConnectionId++, socket, query, session: null, ready: false, closeCode: null };
    this.connectionsById.set(connection.id, connection);
    // compress=zlib-stream is ignored: @discordjs/ws parses text frames as plain JSON either way,
    // and it only asks for compression when zlib-sync is installed.
    socket.on('message', (data, isBinary) => this.onGatewayMessage(connection, data, isBinary));
    socket.on('close', (code) => this.onGatewayClose(connection, code));
    socket.on('error', () => undefined);
    this.sendRaw(connection, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
    this.notify();
  }

  private onGatewayMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    let payload: JsonObject;
    try {
      payload = JSON.parse(rawDataToString(data)) as JsonObject;
    } catch {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = payload.op;
    this.gatewayMessages.push({ connectionId: connection.id, shard: connection.session?.shard ?? null, op, d: payload.d });

    switch (op) {
      case Op.Heartbeat:
        this.sendRaw(connection, { op: Op.HeartbeatAck });
        break;
      case Op.Identify:
        this.onIdentify(connection, (payload.d ?? {}) as IdentifyPayload);
        break;
      case Op.Resume:
        this.onResume(connection, (payload.d ?? {}) as JsonObject);
        break;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
      case Op.RequestSoundboardSounds:
        if (!connection.session) connection.socket.close(4003, 'Not authenticated.');
        break;
      default:
        connection.socket.close(4001, 'Unknown opcode.');
    }
    this.notify();
  }

  private onIdentify(connection: Connection, d: IdentifyPayload): void {
    if (connection.session) {
      connection.socket.close(4005, 'Already authenticated.');
      return;
    }
    if (d.token !== this.token) {
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    this.identifies.push(d);
    const shard = d.shard ?? [0, 1];
    const [shardId, shardCount] = shard;
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      connection.socket.close(4010, 'Invalid shard.');
      return;
    }
    if (typeof d.intents !== 'number') {
      connection.socket.close(4013, 'Invalid intent(s).');
      return;
    }
    if (d.intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) {
      connection.socket.close(4014, 'Disallowed intent(s).');
      return;
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard: [shardId, shardCount],
      seq: 0,
      history: [],
      connection,
      invalidated: false,
    };
    this.sessions.set(session.id, session);
    connection.session = session;
    const guilds = this.guilds.filter((g) => shardIdForGuild(g.id, shardCount) === shardId);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [shardId, shardCount],
      // Discord's READY has only id and flags; flags_new is a type-only artefact of discord-api-types.
      application: { id: this.applicationId, flags: 0 as ApplicationFlags } as GatewayReadyDispatchData['application'],
    };
    this.dispatchOn(session, 'READY', { ...ready, private_channels: [], presences: [], relationships: [], _trace: ['fake-gateway'] });
    connection.ready = true;
    // discord.js emits ClientReady only after a GUILD_CREATE for every guild listed in READY
    // (otherwise it waits waitGuildTimeout, 15 s).
    for (const guild of guilds) this.dispatchOn(session, 'GUILD_CREATE', guild.data);
  }

  private onResume(connection: Connection, d: JsonObject): void {
    if (d.token !== this.token) {
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!session || session.invalidated || seq > session.seq) {
      this.sendRaw(connection, { op: Op.InvalidSession, d: false });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) {
      previous.session = null;
      previous.ready = false;
      if (previous.closeCode === null) previous.socket.close(4000, 'Session resumed elsewhere');
    }
    session.connection = connection;
    connection.session = session;
    for (const event of session.history) if (event.s > seq) this.sendRaw(connection, event);
    this.dispatchOn(session, 'RESUMED', null);
    connection.ready = true;
  }

  private onGatewayClose(connection: Connection, code: number): void {
    connection.closeCode = code;
    connection.ready = false;
    const session = connection.session;
    if (session && session.connection === connection) {
      session.connection = null;
      // Like Discord: a clean close (1000/1001) by the client ends the session; anything else can be resumed.
      if (code === 1000 || code === 1001) session.invalidated = true;
    }
    this.notify();
  }

  private dispatchOn(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: Op.Dispatch, t: event, s: session.seq, d: data };
    session.history.push(payload);
    if (session.history.length > 1000) session.history.shift();
    if (session.connection) this.sendRaw(session.connection, payload);
  }

  private sendRaw(connection: Connection, payload: JsonObject): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    if (payload.op === Op.Dispatch && payload.t === 'INTERACTION_CREATE') {
      const state = this.interactions.get((payload.d as JsonObject).id as string);
      // The 3-second callback deadline starts when the client could first see the interaction.
      if (state && state.deliveredAt === null) state.deliveredAt = Date.now();
    }
    connection.socket.send(JSON.stringify(payload));
  }

  private openConnections(): Connection[] {
    return [...this.connectionsById.values()].filter((c) => c.closeCode === null && c.socket.readyState === WebSocket.OPEN);
  }

  /** The newest live session owning the guild (or shard), even if its socket is momentarily down. */
  private sessionFor(target: { guildId?: string; shardId?: number }): Session | undefined {
    const candidates = [...this.sessions.values()].filter((s) => !s.invalidated).reverse();
    return candidates.find((s) =>
      target.guildId !== undefined ? shardIdForGuild(target.guildId, s.shard[1]) === s.shard[0] : s.shard[0] === (target.shardId ?? 0),
    );
  }

  private describeConnection(c: Connection): ConnectionInfo {
    return {
      id: c.id,
      query: c.query,
      shard: c.session?.shard ?? null,
      sessionId: c.session?.id ?? null,
      ready: c.ready,
      open: c.closeCode === null,
      closeCode: c.closeCode,
    };
  }

  // =============================================================================================
  // Guild fixtures
  // =============================================================================================

  private findGuild(guildId: string | undefined): FakeGuild {
    if (guildId === undefined) return this.guild;
    const guild = this.guilds.find((g) => g.id === guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}; known: ${this.guilds.map((g) => g.id).join(', ')}`);
    return guild;
  }

  private buildGuild(seed: GuildSeed): FakeGuild {
    const id = seed.id ?? snowflake();
    const name = seed.name ?? 'Test Guild';
    const ownerId = seed.ownerId ?? this.defaultUser.id;
    const textChannelId = snowflake();
    const botRoleId = snowflake();
    const preferredLocale = seed.preferredLocale ?? 'en-US';
    const role = (roleId: string, roleName: string, permissions: bigint, extra: Partial<APIRole> = {}): APIRole => ({
      id: roleId,
      name: roleName,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: permissions.toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...extra,
    });
    const channel: APITextChannel = {
      id: textChannelId,
      type: 0,
      guild_id: id,
      name: seed.textChannelName ?? 'general',
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      last_pin_timestamp: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: 1440,
      default_thread_rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    };
    const joinedAt = new Date().toISOString();
    const member = (user: APIUser, roles: string[]): APIGuildMember => guildMember(user, roles, joinedAt);
    const data: GatewayGuildCreateDispatchData = {
      id,
      name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      application_id: null,
      system_channel_id: textChannelId,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: preferredLocale as Locale,
      max_members: 500000,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      hub_type: null,
      incidents_data: null,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        role(id, '@everyone', DEFAULT_MEMBER_PERMISSIONS),
        role(botRoleId, this.botUser.username, DEFAULT_BOT_PERMISSIONS, { position: 1, managed: true, tags: { bot_id: this.botUser.id } }),
      ],
      joined_at: joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [member(this.botUser, [botRoleId]), member(this.defaultUser, [])],
      channels: [channel],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
    return { id, name, ownerId, textChannelId, botRoleId, preferredLocale, data };
  }

  // =============================================================================================
  // Waiting
  // =============================================================================================

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) {
        reject(new Error('DiscordServer is closed'));
        return;
      }
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (error) {
            finish();
            reject(error as Error);
            return true;
          }
          if (value === undefined) return false;
          finish();
          resolve(value);
          return true;
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\n${this.describeRecent()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Timeouts print recent traffic, because "timed out" alone never says what went wrong. */
  private describeRecent(): string {
    const requests = this.requests.slice(-8).map((r) => `  ${r.method} ${r.path} → ${r.status}`);
    const gateway = this.gatewayMessages
      .filter((m) => m.op !== Op.Heartbeat)
      .slice(-5)
      .map((m) => `  conn ${m.connectionId} op ${m.op}`);
    const connections = [...this.connectionsById.values()].map(
      (c) => `  conn ${c.id} shard ${JSON.stringify(c.session?.shard ?? null)} ready=${c.ready} close=${c.closeCode}`,
    );
    return [
      'Recent REST requests:',
      ...(requests.length ? requests : ['  (none)']),
      'Recent gateway payloads (no heartbeats):',
      ...(gateway.length ? gateway : ['  (none)']),
      'Gateway connections:',
      ...(connections.length ? connections : ['  (none)']),
    ].join('\n');
  }
}

/** Start a server on 127.0.0.1 with a random port. */
export async function startDiscordServer(options: DiscordServerOptions = {}): Promise<DiscordServer> {
  return new DiscordServer(options).listen();
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Pick<RecordedRequest, 'body' | 'files'>> {
  if (raw.length === 0) return { body: null, files: [] };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')) as JsonObject, files: [] };
    } catch {
      throw discordError(400, 50109, 'The request body contains invalid JSON.');
    }
  }
  if (type.startsWith('multipart/form-data')) {
    // Node's fetch Response implements a spec-compliant multipart parser; no extra dependency needed.
    const form = await new Response(Uint8Array.from(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
    let body: JsonObject | null = null;
    const files: UploadedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as JsonObject;
        continue;
      }
      files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, files };
  }
  return { body: null, files: [] };
}

function toOptions(options: OptionInput): APIApplicationCommandInteractionDataOption[] {
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => {
    if (typeof value === 'string') return { name, type: 3, value };
    if (typeof value === 'boolean') return { name, type: 5, value };
    return Number.isInteger(value) ? { name, type: 4, value } : { name, type: 10, value };
  });
}

function containsFocused(options: readonly JsonObject[]): boolean {
  return options.some((o) => o.focused === true || (Array.isArray(o.options) && containsFocused(o.options)));
}

function validateCommandOptions(options: unknown, path: string): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) throw invalidFormBody(path, 'BASE_TYPE_ARRAY', 'Must be an array');
  if (options.length > 25) throw invalidFormBody(path, 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  options.forEach((option: JsonObject, i) => {
    const name = String(option?.name ?? '');
    if (!/^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name) || name !== name.toLowerCase()) {
      throw invalidFormBody(`${path}.${i}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const description = String(option?.description ?? '');
    if (description.length < 1 || description.length > 100) {
      throw invalidFormBody(`${path}.${i}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    // A mistake Discord rejects at registration time, which no local type checker catches.
    if (option.required === true && sawOptional) {
      throw invalidFormBody(
        `${path}.${i}`,
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (option.required !== true && option.type !== 1 && option.type !== 2) sawOptional = true;
    if (option.type === 1 || option.type === 2) validateCommandOptions(option.options, `${path}.${i}.options`);
  });
}

/** Discord's message limits; a bot printing long answers hits these in production, so tests should too. */
function validateMessage(data: JsonObject, files: UploadedFile[], creating: boolean, path: string): void {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const content = typeof data.content === 'string' ? data.content : '';
  if (content.length > 2000) throw invalidFormBody(at('content'), 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  const embeds: JsonObject[] = Array.isArray(data.embeds) ? data.embeds : [];
  if (embeds.length > 10) throw invalidFormBody(at('embeds'), 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  const limit = (value: unknown, max: number, field: string) => {
    const text = typeof value === 'string' ? value : '';
    total += text.length;
    if (text.length > max) throw invalidFormBody(at(field), 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  };
  embeds.forEach((embed, i) => {
    limit(embed.title, 256, `embeds.${i}.title`);
    limit(embed.description, 4096, `embeds.${i}.description`);
    limit(embed.footer?.text, 2048, `embeds.${i}.footer.text`);
    limit(embed.author?.name, 256, `embeds.${i}.author.name`);
    const fields: JsonObject[] = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > 25) throw invalidFormBody(at(`embeds.${i}.fields`), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((field, j) => {
      limit(field.name, 256, `embeds.${i}.fields.${j}.name`);
      limit(field.value, 1024, `embeds.${i}.fields.${j}.value`);
    });
  });
  if (total > 6000) throw invalidFormBody(at('embeds'), 'MESSAGE_EMBEDS_TOO_LARGE', 'Embed size exceeds maximum size of 6000');
  const components: unknown[] = Array.isArray(data.components) ? data.components : [];
  validateComponents(components, at('components'));
  // Discord refuses an upload over the limit before reading the message; each file counts on its own.
  if (files.some((file) => file.data.length > ATTACHMENT_SIZE_LIMIT)) throw discordError(413, 40005, 'Request entity too large');
  if (creating) {
    const empty =
      content.length === 0 &&
      embeds.length === 0 &&
      components.length === 0 &&
      files.length === 0 &&
      !data.poll &&
      !(Array.isArray(data.sticker_ids) && data.sticker_ids.length > 0);
    if (empty) throw discordError(400, 50006, 'Cannot send an empty message');
  }
}

/**
 * Discord's rules for action rows of buttons: at most 5 rows of 1 to 5 buttons; a label of at
 * most 80 characters; a link button (style 5) has a url and no custom id, any other a custom
 * id of 1 to 100 characters, unique within the message.
 */
function validateComponents(rows: unknown[], path: string): void {
  if (rows.length > 5) throw invalidFormBody(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const r = row as JsonObject;
    const buttons: JsonObject[] = Array.isArray(r.components) ? r.components : [];
    if (r.type !== 1) throw invalidFormBody(`${path}.${i}.type`, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
    if (buttons.length < 1 || buttons.length > 5) {
      throw invalidFormBody(`${path}.${i}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    buttons.forEach((button, j) => {
      const at = `${path}.${i}.components.${j}`;
      if (button.type !== 2) return;
      if (typeof button.label === 'string' && button.label.length > 80) {
        throw invalidFormBody(`${at}.label`, 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
      }
      if (button.style === 5) {
        if (typeof button.url !== 'string' || button.custom_id !== undefined) {
          throw invalidFormBody(`${at}.url`, 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
        }
        if (button.url.length > 512) throw invalidFormBody(`${at}.url`, 'BASE_TYPE_MAX_LENGTH', 'Must be 512 or fewer in length.');
        return;
      }
      const id = button.custom_id;
      if (typeof id !== 'string' || id.length < 1) {
        throw invalidFormBody(`${at}.custom_id`, 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required');
      }
      if (id.length > 100) throw invalidFormBody(`${at}.custom_id`, 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
      if (ids.has(id))
        throw invalidFormBody(`${at}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      ids.add(id);
    });
  });
}

/** A guild member as Discord sends one, with nothing set beyond who and which roles. */
function guildMember(user: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    nick: null,
    avatar: null,
    banner: null,
    flags: 0 as GuildMemberFlags,
    communication_disabled_until: null,
  };
}
