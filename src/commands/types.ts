import type { Config } from '../platform/config.js';
import type { LibraryHolder } from '../library/holder.js';
import type { Logger } from '../platform/log.js';
import { checkOptions, type CommandDefinition, type OptionsOf, type RawOptions } from './definitions.js';
import type { Choice, Reply } from './reply.js';

/** Who used a command, in the terms permission checks need. */
export type Requester =
  /** The person at the local console: they run the bot, so they may do everything. */
  | { readonly kind: 'console' }
  | {
      readonly kind: 'discord';
      readonly userId: string;
      /** The member's role ids (empty outside a server). */
      readonly roleIds: readonly string[];
      /** Whether the member has Manage Server (or Administrator) in this channel. */
      readonly canManageGuild: boolean;
      /** False in DMs and private channels. */
      readonly inGuild: boolean;
    };

export interface CommandContext {
  readonly holder: LibraryHolder;
  readonly config: Readonly<Config>;
  readonly requester: Requester;
  readonly log: Logger;
  /** Removes the transport's own markup (Discord's mentions), which addresses people rather than the articles. */
  readonly withoutMarkup?: (text: string) => string;
}

/** The option being typed, for suggestions. */
export interface FocusedOption {
  readonly name: string;
  readonly value: string;
}

/**
 * What a command does, whatever the transport: typed options in, a reply model out. Handlers
 * throw `UserError` for input a person can fix (its message is shown as-is); anything else they
 * throw is a fault, logged with an error id and answered with a short apology.
 */
export interface Command<D extends CommandDefinition> {
  /**
   * Work that may take longer than Discord allows for a first response (3 s): the transport
   * acknowledges ("thinking…") before running it. Ephemeral is decided here, before the result.
   */
  readonly defer?: { readonly ephemeral: boolean };
  /** A refusal when the requester may not use this command, checked before anything runs. */
  permit?(ctx: CommandContext): Reply | undefined;
  run(options: OptionsOf<D>, ctx: CommandContext): Reply | Promise<Reply>;
  /** Suggestions for the option being typed (`focused`), given what else is filled in. */
  autocomplete?(
    focused: FocusedOption,
    options: Partial<OptionsOf<D>>,
    ctx: CommandContext,
  ): readonly Choice[] | Promise<readonly Choice[]>;
}

/**
 * A command as transports hold it: its definition, and behaviour that takes options as read
 * (checked against the definition before the typed handler sees them).
 */
export interface CommandHandler {
  readonly name: string;
  readonly definition: CommandDefinition;
  readonly defer?: { readonly ephemeral: boolean };
  permit?(ctx: CommandContext): Reply | undefined;
  run(options: RawOptions, ctx: CommandContext): Reply | Promise<Reply>;
  autocomplete?(focused: FocusedOption, options: RawOptions, ctx: CommandContext): readonly Choice[] | Promise<readonly Choice[]>;
}

/** Pairs a definition with its typed behaviour. */
export function defineCommand<const D extends CommandDefinition>(definition: D, command: Command<D>): CommandHandler {
  const { autocomplete } = command;
  return {
    name: definition.name,
    definition,
    ...(command.defer ? { defer: command.defer } : {}),
    ...(command.permit ? { permit: (ctx: CommandContext) => command.permit?.(ctx) } : {}),
    run: (options, ctx) => command.run(checkOptions(definition, options), ctx),
    // While typing, other options may be half-filled: they are passed as they are, typed loosely.
    ...(autocomplete
      ? {
          autocomplete: (focused: FocusedOption, options: RawOptions, ctx: CommandContext) =>
            autocomplete(focused, options as Partial<OptionsOf<D>>, ctx),
        }
      : {}),
  };
}

/**
 * What a button made from a `ReplyAction` of kind `run` does. The transport finds the handler
 * by `name` and calls it with the button's payload, which anyone could have forged: `run`
 * validates it and returns `undefined` when it is not one it made (the transport then says the
 * buttons expired). It returns a reply to show, or a command to run as if the presser had typed
 * it (e.g. a suggested question).
 */
export interface ActionHandler {
  /** Lowercase letters, at most 8: it travels in every button id. */
  readonly name: string;
  /**
   * `reply`: the result is a new message (private when the reply is ephemeral). `update`: it
   * replaces the message whose button was pressed (moving through a view, e.g. ◀ ▶).
   */
  readonly respond: 'reply' | 'update';
  run(payload: string, ctx: CommandContext): ActionResult | undefined | Promise<ActionResult | undefined>;
}

/** A reply, or a command to run for the presser (with its own paging, votes and buttons). */
export type ActionResult = Reply | { readonly invoke: { readonly command: string; readonly options: RawOptions } };
