import type { LibraryHolder } from '../library/holder.js';
import type { Logger } from '../platform/log.js';
import { checkOptions, type CommandDefinition, type OptionsOf, type RawOptions } from './definitions.js';
import type { Choice, Reply } from './reply.js';

/**
 * Who used a command, as the transport judged them: it knows how its people are told apart
 * (the console's user runs the bot; a chat server has roles and permissions).
 */
export interface Requester {
  /** Whether they may change what the bot serves (/reload). */
  readonly admin: boolean;
  /** Who may, in words, for a refusal: "members with the Manage Server permission". */
  readonly admins: string;
}

/** What the transport carrying a command offers, where replies and /help depend on it. */
export interface Surface {
  /** How a command is typed there, one sentence for /help. */
  readonly howToType: string;
  /** Whether "I found nothing" is shown to the asker only (unless they chose `private`): a miss helps nobody else. */
  readonly privateMisses: boolean;
  /** Buttons under replies (pages, context, votes) and how long they keep working unused; absent where there are none. */
  readonly buttons?: { readonly liveSeconds: number };
}

export interface CommandContext {
  readonly holder: LibraryHolder;
  readonly requester: Requester;
  readonly surface: Surface;
  readonly log: Logger;
  /** Removes the transport's own markup (a chat's mentions), which addresses people rather than the articles. */
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
   * Work that may take longer than a transport waits for a first response: the transport
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
  /** Lowercase letters, at most MAX_ACTION_NAME_LENGTH: it travels in every button. */
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
