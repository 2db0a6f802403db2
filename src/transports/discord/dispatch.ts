/**
 * Turns Discord interactions into command handler calls and handler replies into Discord
 * responses: slash commands, autocomplete, and buttons (ids in buttons.ts). Every interaction gets an
 * answer: a handler's UserError is shown as-is, anything else as an apology with an error id
 * that is logged with the command, so the person never sees "The application did not respond".
 */
import {
  AttachmentBuilder,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import { Scheduler } from '../../platform/scheduler.js';
import type { CommandContext, CommandHandler, OptionValue, RawOptions } from '../../commands/index.js';
import type { ActionHandler } from '../../commands/types.js';
import type { FeedbackSink, VoteOutcome } from '../../feedback/types.js';
import type { CommandDefinition } from '../../commands/definitions.js';
import type { Config } from '../../platform/config.js';
import { UserError } from '../../platform/errors.js';
import type { LibraryHolder } from '../../library/holder.js';
import { newErrorId, type Logger } from '../../platform/log.js';
import { renderChoices, renderDiscord, type DiscordMessage } from './render.js';
import { parseButtonId } from './buttons.js';
import { notice, pageCount, type Reply } from '../../commands/reply.js';
import { withoutDiscordMarkup } from './markup.js';
import { discordSurface, requesterOf, type Member } from './member.js';
import type { PageSession, PageSessions } from './pages.js';

export interface DispatchDeps {
  readonly holder: LibraryHolder;
  readonly config: Readonly<Config>;
  readonly log: Logger;
  readonly handlers: ReadonlyMap<string, CommandHandler>;
  readonly pages: PageSessions;
  /** Told about queued commands, so that background work (a reload) waits for them. */
  readonly scheduler?: Scheduler;
  /** What action buttons (`a:NAME:…`) call, by name. */
  readonly actions?: ReadonlyMap<string, ActionHandler>;
  /** Where 👍 / 👎 go; without it answers show no vote buttons. */
  readonly feedback?: FeedbackSink;
}

/** Commands exempt from the per-user cooldown: they cost nothing and help people who are stuck. */
const NO_COOLDOWN = new Set(['help']);

export const EXPIRED_BUTTONS = 'These buttons have expired. Ask again to get fresh ones.';
/** How a vote is acknowledged (privately), by what became of it. */
export const VOTE_THANKS: Record<VoteOutcome, string> = {
  recorded: 'Thanks — noted.',
  changed: 'Changed your vote.',
  // The vote could not be kept (logged); the person did their part.
  unavailable: 'Thanks — noted.',
};

/** Longest run of commands between two looks at the sockets during a burst, in milliseconds. */
const TURN_BUDGET_MS = 20;
/**
 * Discord refuses a first response more than 3 s after an interaction was created ("Unknown
 * interaction"). One that cannot be answered within this long of its arrival is deferred
 * ("thinking…", one short request) and answered by editing; the rest of the 3 s is the margin
 * for the response to reach Discord on a busy machine.
 */
export const ANSWER_WITHIN_MS = 2_000;
/** A queued command expected to wait longer than this before it starts is deferred at once. */
const QUEUED_WAIT_LIMIT_MS = 250;
/** What a queued command is assumed to take before a burst has been timed: a cold /ask on a busy machine. */
const INITIAL_JOB_MS = 25;
/** What a first response is assumed to take to be accepted before any has been timed. */
const INITIAL_RESPONSE_MS = 50;
/** Discord's epoch (2015-01-01), for the creation time in a snowflake. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Starts a job in the queue's turn and settles as the job does. */
export interface TurnQueue {
  <T>(job: () => Promise<T>): Promise<T>;
  /** How long a job queued now would wait before it starts, from the queue's length and recent job times. */
  expectedWaitMs(): number;
}

/**
 * Runs commands in arrival order, in turns of the event loop of about 20 ms at most. In a
 * burst, discord.js reads every interaction waiting on the gateway socket in one go; answered
 * right there, the whole backlog would be worked through before any reply could leave (REST
 * calls need the event loop), and the replies would reach Discord together at the end, all of
 * them late once the backlog takes more than 3 seconds. Queued, each turn starts the jobs that
 * fit its budget and then lets the replies under way, and newly arrived interactions, through.
 * When the bot is idle a job waits for one `setImmediate`.
 */
export function createTurnQueue(scheduler: Scheduler = new Scheduler(), budgetMs = TURN_BUDGET_MS): TurnQueue {
  const jobs: Array<() => void> = [];
  let scheduled = false;
  // Wall-clock time per job while the queue drains, measured from one turn to the next: the work
  // and everything the event loop does between turns (replies, new interactions). On a machine
  // shared with other work it grows, and so does the expected wait.
  let averageJobMs = INITIAL_JOB_MS;
  let previousTurn: { started: number; jobs: number } | undefined;
  const turn = (): void => {
    const started = performance.now();
    if (previousTurn && previousTurn.jobs > 0) {
      averageJobMs = 0.7 * averageJobMs + 0.3 * ((started - previousTurn.started) / previousTurn.jobs);
    }
    let ran = 0;
    while (jobs.length > 0 && performance.now() - started < budgetMs) {
      jobs.shift()?.();
      ran += 1;
    }
    scheduled = jobs.length > 0;
    // An idle gap before the next burst is not time spent on jobs.
    previousTurn = scheduled ? { started, jobs: ran } : undefined;
    if (scheduled) setImmediate(turn);
  };
  const queue = <T>(job: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      // Queued commands come before a reload's background work (see platform/scheduler.ts).
      scheduler.foregroundQueued();
      jobs.push(() => {
        scheduler.foregroundStarted();
        try {
          job().then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
      if (!scheduled) {
        scheduled = true;
        setImmediate(turn);
      }
    });
  return Object.assign(queue, { expectedWaitMs: () => jobs.length * averageJobMs });
}

/**
 * When an interaction reached the bot: its creation time (from its snowflake id), but never
 * earlier than 3 s ago nor later than now, so a skewed clock can only make the bot defer
 * sooner, never later.
 */
export function arrivalOf(interactionId: string, now = Date.now()): number {
  let created: number;
  try {
    created = Number((BigInt(interactionId) >> 22n) + DISCORD_EPOCH);
  } catch {
    return now;
  }
  return Math.min(now, Math.max(now - 3_000, created));
}

/**
 * Defers an interaction when its answer would come too late: at once when the queue is already
 * longer than the time left, otherwise when the time is up and the answer has not started to
 * be sent. The time left is shortened by what a response has lately taken to be accepted: on a
 * busy machine a reply sent in time can still arrive late. The returned function, called
 * before answering, stops the clock and waits for a deferral under way (a response cannot be
 * sent while one is).
 */
function deferWhenLate(
  interactionId: string,
  recent: { readonly expectedWaitMs: number; readonly responseMs: number },
  defer: () => Promise<unknown>,
  onFailure: (error: unknown) => void,
): () => Promise<void> {
  const left = arrivalOf(interactionId) + ANSWER_WITHIN_MS - recent.responseMs - Date.now();
  const expectedWaitMs = recent.expectedWaitMs;
  let deferring: Promise<void> | undefined;
  const start = () => {
    deferring = defer().then(() => undefined, onFailure);
  };
  let timer: NodeJS.Timeout | undefined;
  // The wait is estimated from the past; in a burst, interactions still arriving make the
  // future slower than that, and the answer's own trip can take a second on a flooded machine.
  // So a queue that already holds a quarter of a second of work (or half the time left) defers now.
  if (expectedWaitMs >= Math.min(QUEUED_WAIT_LIMIT_MS, left / 2)) start();
  else timer = setTimeout(start, left);
  return async () => {
    clearTimeout(timer);
    await deferring;
  };
}

/** What a paged reply was made from, so that its other pages can be rendered again when asked for. */
interface PagingSource {
  readonly command: string;
  readonly options: RawOptions;
}

/** A private copy of someone's public reply: the answer it copies (votes count for it) and the page to open at. */
interface CopyOf {
  readonly answerId: string;
  readonly page: number;
}

/** Handles any interaction; never rejects. */
export function createDispatcher(deps: DispatchDeps): (interaction: Interaction) => Promise<void> {
  const cooldownUntil = new Map<string, number>();
  const inTurn = createTurnQueue(deps.scheduler);
  const { log } = deps;
  const sessions = deps.pages;
  // How long Discord has lately taken to accept a first response (reply, update or deferral).
  let responseMs = INITIAL_RESPONSE_MS;
  const timed = async <T>(response: Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await response;
    responseMs = 0.8 * responseMs + 0.2 * (performance.now() - started);
    return result;
  };
  const recent = () => ({ expectedWaitMs: inTurn.expectedWaitMs(), responseMs });

  const surface = discordSurface(deps.config.discord);
  const contextFor = (interaction: Interaction): CommandContext => ({
    holder: deps.holder,
    log: deps.log,
    requester: requesterOf(memberOf(interaction), deps.config.discord),
    surface,
    withoutMarkup: withoutDiscordMarkup,
  });

  /**
   * Sends a reply as the interaction's first response, or as the edit of a deferred one. A reply
   * with buttons that need it (pages, votes) keeps only a reference (command and options, and
   * what a vote would be about) for them.
   */
  async function send(interaction: RepliableInteraction, reply: Reply, source?: PagingSource, copyOf?: CopyOf): Promise<void> {
    const pages = pageCount(reply);
    const votes = deps.feedback !== undefined && reply.vote !== undefined;
    const pagingId =
      (pages > 1 || votes) && source
        ? sessions.open({
            ...source,
            userId: interaction.user.id,
            pages,
            answerId: copyOf?.answerId ?? interaction.id,
            ...(reply.vote ? { vote: reply.vote } : {}),
            copy: copyOf !== undefined,
          })
        : undefined;
    const message = renderDiscord(reply, {
      ...(pagingId ? { pagingId } : {}),
      page: copyOf?.page ?? 0,
      votes,
      browse: !reply.ephemeral && copyOf === undefined,
    });
    try {
      if (interaction.deferred && !interaction.replied) {
        // Deferred in public but the answer is private: a deferred reply cannot change that.
        if (message.flags && !interaction.ephemeral) {
          await interaction.deleteReply();
          await interaction.followUp(replyOptions(message));
        } else await interaction.editReply(editOptions(message));
      } else if (interaction.replied) await interaction.followUp(replyOptions(message));
      else await timed(interaction.reply(replyOptions(message)));
    } catch (error) {
      if (pagingId) sessions.forget(pagingId);
      throw error;
    }
    if (pagingId) {
      const session = sessions.get(pagingId);
      if (session) session.page = Math.max(0, Math.min(copyOf?.page ?? 0, pages - 1));
      sessions.touch(pagingId, { applicationId: interaction.applicationId, token: interaction.token }, message.components ?? []);
    }
  }

  /** Answers a failure: the UserError's words, or an apology with an error id that is in the log. */
  async function answerError(interaction: RepliableInteraction, command: string, error: unknown): Promise<void> {
    let reply: Reply;
    if (error instanceof UserError) {
      log.info({ command, interactionId: interaction.id, reason: error.message }, 'Command refused');
      reply = notice(error.message, { tone: 'warning' });
    } else {
      const errorId = newErrorId();
      log.error({ err: error, command, errorId, interactionId: interaction.id, userId: interaction.user.id }, 'Command failed');
      reply = notice(`Something went wrong (error id ${errorId}). It has been logged; please try again later.`, { tone: 'warning' });
    }
    const message = renderDiscord(reply);
    try {
      if (interaction.deferred && !interaction.replied && (interaction.ephemeral || interaction.isButton()))
        await interaction.editReply(editOptions(message));
      else if (interaction.deferred && !interaction.replied) {
        // Deferred in public: the apology is private, and "thinking…" must not stay behind.
        await interaction.deleteReply();
        await interaction.followUp(replyOptions(message));
      } else if (interaction.replied) await interaction.followUp(replyOptions(message));
      else await interaction.reply(replyOptions(message));
    } catch (sendError) {
      log.warn({ err: sendError, command, interactionId: interaction.id }, 'Could not tell the user about a failure');
    }
  }

  /**
   * The per-user cooldown, for commands typed and commands a button runs alike: a notice when
   * the user must wait, else undefined (and the cooldown starts).
   */
  function coolDown(userId: string, command: string): Reply | undefined {
    const cooldown = deps.config.discord.cooldownSeconds * 1000;
    if (cooldown <= 0 || NO_COOLDOWN.has(command)) return undefined;
    const now = Date.now();
    const until = cooldownUntil.get(userId) ?? 0;
    if (until > now) return notice(`You’re going fast: try again in ${Math.ceil((until - now) / 1000)} s.`);
    cooldownUntil.set(userId, now + cooldown);
    if (cooldownUntil.size > 10_000) for (const [user, time] of cooldownUntil) if (time <= now) cooldownUntil.delete(user);
    return undefined;
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const name = interaction.commandName;
    const started = performance.now();
    let ready: () => Promise<void> = async () => undefined;
    try {
      const handler = deps.handlers.get(name);
      if (!handler) {
        // A command registered by an older deploy: say so rather than leave it unanswered.
        log.warn({ command: name, interactionId: interaction.id }, 'Unknown command (stale registration? run npm run deploy)');
        await send(
          interaction,
          notice(
            `I don’t know /${name}: it is left from an older version of citebot. An admin can update the commands with npm run deploy.`,
          ),
        );
        return;
      }
      const slowDown = coolDown(interaction.user.id, name);
      if (slowDown) {
        await send(interaction, slowDown);
        return;
      }
      const ctx = contextFor(interaction);
      const options = readOptions(interaction, handler.definition, true);
      const refusal = handler.permit?.(ctx);
      if (refusal) {
        log.info({ command: name, userId: interaction.user.id }, 'Command not permitted');
        await send(interaction, refusal);
        return;
      }
      if (handler.defer) await interaction.deferReply(handler.defer.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      else {
        // Whether the answer will be private is known only once it is made; `private` is the option that asks for it.
        const ephemeral = options.private === true;
        ready = deferWhenLate(
          interaction.id,
          recent(),
          () => timed(interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
          (error) => log.warn({ err: error, command: name, interactionId: interaction.id }, 'Could not defer a late answer'),
        );
      }
      // In the queue's turn: the work and, for a handler that answers at once, rendering and sending.
      await inTurn(async () => {
        const reply = await handler.run(options, ctx);
        await ready();
        await send(interaction, reply, { command: name, options });
      });
      log.debug({ command: name, interactionId: interaction.id, ms: Math.round(performance.now() - started) }, 'Answered');
    } catch (error) {
      await ready();
      await answerError(interaction, name, error);
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const name = interaction.commandName;
    try {
      const handler = deps.handlers.get(name);
      if (!handler?.autocomplete) {
        await interaction.respond([]);
        return;
      }
      const focused = interaction.options.getFocused(true);
      const choices = await handler.autocomplete(
        { name: focused.name, value: String(focused.value) },
        readOptions(interaction, handler.definition, false),
        contextFor(interaction),
      );
      await interaction.respond(renderChoices(choices));
    } catch (error) {
      // Autocomplete cannot show a message; an empty list keeps Discord from showing "loading failed".
      log.error({ err: error, command: name, errorId: newErrorId(), interactionId: interaction.id }, 'Autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  /** Any button: read its id (buttons.ts lists them) and hand it on; a forged or stale id is told it expired. */
  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const target = parseButtonId(interaction.customId);
    const expired = () => interaction.reply(replyOptions(renderDiscord(notice(EXPIRED_BUTTONS))));
    if (!target) return void (await expired());
    if (target.kind === 'action') return onAction(interaction, target.action, target.payload);
    const session = sessions.get(target.sessionId);
    const handler = session ? deps.handlers.get(session.command) : undefined;
    if (!session || !handler) return void (await expired());
    if (target.kind === 'vote') return onVote(interaction, session, target.value);
    // Someone else's reply, or Browse privately: their own private copy, at the page they asked for.
    if (target.kind === 'browse' || session.userId !== interaction.user.id) return onCopy(interaction, session, handler, target.page);
    return onPage(interaction, session, handler, target.page);
  }

  /** A paging button: runs the command again and shows the page asked for (pages are never stored). */
  async function onPage(interaction: ButtonInteraction, session: PageSession, handler: CommandHandler, page: number): Promise<void> {
    let ready: () => Promise<void> = async () => undefined;
    try {
      ready = deferWhenLate(
        interaction.id,
        recent(),
        () => timed(interaction.deferUpdate()),
        (error) => log.warn({ err: error, command: session.command, interactionId: interaction.id }, 'Could not defer a late page'),
      );
      let rows: DiscordMessage['components'];
      await inTurn(async () => {
        // Made again from the library serving now: after a reload the pages show the new articles.
        const reply = await handler.run(session.options, contextFor(interaction));
        session.pages = pageCount(reply);
        session.page = Math.max(0, Math.min(page, session.pages - 1));
        // Files went with the first message; an update without them keeps them.
        const { files: _sent, ...rendered } = renderDiscord(reply, {
          page: session.page,
          pagingId: session.id,
          votes: deps.feedback !== undefined && session.vote !== undefined,
          browse: !session.copy && !reply.ephemeral,
        });
        rows = rendered.components;
        const message = editOptions(rendered);
        await ready();
        if (interaction.deferred) await interaction.editReply(message);
        else await timed(interaction.update(message));
      });
      sessions.touch(session.id, { applicationId: interaction.applicationId, token: interaction.token }, rows);
    } catch (error) {
      await ready();
      await answerError(interaction, `button ${interaction.customId}`, error);
    }
  }

  /** A private copy of a reply for the presser, at `page`, with paging of their own. */
  async function onCopy(interaction: ButtonInteraction, session: PageSession, handler: CommandHandler, page: number): Promise<void> {
    await deferred(interaction, 'privately', async (ctx, ready) => {
      const reply = await handler.run(session.options, ctx);
      await ready();
      await send(
        interaction,
        { ...reply, ephemeral: true },
        { command: session.command, options: session.options },
        {
          answerId: session.answerId,
          page,
        },
      );
    });
  }

  /** 👍 / 👎: kept through the feedback sink, acknowledged privately; a sink that fails never fails the button. */
  async function onVote(interaction: ButtonInteraction, session: PageSession, value: 'up' | 'down'): Promise<void> {
    const subject = session.vote;
    if (!deps.feedback || !subject) {
      await interaction.reply(replyOptions(renderDiscord(notice(EXPIRED_BUTTONS))));
      return;
    }
    let outcome: VoteOutcome;
    try {
      outcome = deps.feedback.record({ answerId: session.answerId, userId: interaction.user.id, value, ...subject, at: new Date() });
    } catch (error) {
      log.error({ err: error, answerId: session.answerId }, 'The feedback store threw; the vote is lost');
      outcome = 'unavailable';
    }
    if (outcome === 'unavailable') log.warn({ answerId: session.answerId, value }, 'A vote could not be kept');
    else log.info({ answerId: session.answerId, value, outcome }, 'Vote');
    try {
      await timed(interaction.reply(replyOptions(renderDiscord(notice(VOTE_THANKS[outcome])))));
    } catch (error) {
      await answerError(interaction, 'vote', error);
    }
  }

  /** An action button: its handler reads the payload; the result replaces the message or comes as a new (private) one. */
  async function onAction(interaction: ButtonInteraction, name: string, payload: string): Promise<void> {
    const action = deps.actions?.get(name);
    if (!action) {
      await interaction.reply(replyOptions(renderDiscord(notice(EXPIRED_BUTTONS))));
      return;
    }
    const run = async (ctx: CommandContext, ready: () => Promise<void>, update: boolean): Promise<void> => {
      const result = await action.run(payload, ctx);
      if (result === undefined) {
        await ready();
        // A forged or stale payload: the message pressed stays as it is.
        const message = replyOptions(renderDiscord(notice(EXPIRED_BUTTONS)));
        if (update) await (interaction.deferred ? interaction.followUp(message) : interaction.reply(message));
        else await send(interaction, notice(EXPIRED_BUTTONS));
        return;
      }
      if ('invoke' in result) {
        const handler = deps.handlers.get(result.invoke.command);
        if (!handler) throw new Error(`Action ${name} invoked an unknown command ${result.invoke.command}`);
        // A command run from a button is held to what typing it would be: the cooldown and the permission check.
        const refusal = coolDown(interaction.user.id, result.invoke.command) ?? handler.permit?.(ctx);
        if (refusal) {
          await ready();
          await send(interaction, refusal);
          return;
        }
        const reply = await handler.run(result.invoke.options, ctx);
        await ready();
        await send(interaction, reply, result.invoke);
        return;
      }
      await ready();
      if (!update) return send(interaction, result);
      const { files: _sent, ...rendered } = renderDiscord(result);
      if (interaction.deferred) await interaction.editReply(editOptions(rendered));
      else await timed(interaction.update(editOptions(rendered)));
    };
    await deferred(interaction, action.respond === 'update' ? 'inPlace' : 'privately', (ctx, ready) =>
      run(ctx, ready, action.respond === 'update'),
    );
  }

  /**
   * Runs a button's work in the queue's turn, deferred when it would answer late: privately
   * (a new ephemeral message) or, `inPlace`, as an update of the message whose button was
   * pressed. The work calls `ready` once its answer is made, before sending it.
   */
  async function deferred(
    interaction: ButtonInteraction,
    how: 'privately' | 'inPlace',
    work: (ctx: CommandContext, ready: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    let ready: () => Promise<void> = async () => undefined;
    try {
      ready = deferWhenLate(
        interaction.id,
        recent(),
        () => timed(how === 'inPlace' ? interaction.deferUpdate() : interaction.deferReply({ flags: MessageFlags.Ephemeral })),
        (error) => log.warn({ err: error, button: interaction.customId, interactionId: interaction.id }, 'Could not defer a late button'),
      );
      await inTurn(() => work(contextFor(interaction), ready));
    } catch (error) {
      await ready();
      await answerError(interaction, `button ${interaction.customId}`, error);
    }
  }

  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      else if (interaction.isRepliable()) {
        await interaction.reply(replyOptions(renderDiscord(notice('citebot does not handle this kind of interaction.'))));
      }
    } catch (error) {
      log.error({ err: error, interactionId: interaction.id }, 'Interaction failed');
    }
  };
}

/**
 * Reads a command's options by its definition, with discord.js's typed getters: an interaction
 * whose options do not match the definition (a stale registration) fails here, loudly.
 */
function readOptions(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  definition: CommandDefinition,
  enforceRequired: boolean,
): RawOptions {
  const options: Record<string, OptionValue | undefined> = {};
  for (const option of definition.options ?? []) {
    const required = enforceRequired && option.required === true;
    if (!enforceRequired && interaction.isAutocomplete() && interaction.options.getFocused(true).name === option.name) continue;
    switch (option.kind) {
      case 'string':
        options[option.name] = interaction.options.getString(option.name, required) ?? undefined;
        break;
      case 'integer':
        options[option.name] = interaction.options.getInteger(option.name, required) ?? undefined;
        break;
      case 'boolean':
        options[option.name] = interaction.options.getBoolean(option.name, required) ?? undefined;
        break;
    }
  }
  return options;
}

function memberOf(interaction: Interaction): Member {
  const member = interaction.member;
  const roleIds = member ? (Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()]) : [];
  return {
    userId: interaction.user.id,
    roleIds,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    inGuild: interaction.inGuild(),
  };
}

function replyOptions(message: DiscordMessage): InteractionReplyOptions {
  return {
    content: message.content ?? '',
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    ...(message.flags ? { flags: MessageFlags.Ephemeral } : {}),
    ...filesOf(message),
  };
}

/** Edits cannot change whether a message is ephemeral, so flags are left out. */
function editOptions(message: DiscordMessage): InteractionEditReplyOptions {
  return {
    content: message.content ?? '',
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    ...filesOf(message),
  };
}

/** The message's files as discord.js uploads them (multipart); none when there are none, so an edit keeps earlier ones. */
function filesOf(message: DiscordMessage): { files?: AttachmentBuilder[] } {
  if (!message.files || message.files.length === 0) return {};
  return { files: message.files.map((file) => new AttachmentBuilder(Buffer.from(file.text, 'utf8'), { name: file.name })) };
}
