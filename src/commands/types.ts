import type { Config } from '../config.js';
import type { LibraryHolder } from '../library-holder.js';
import type { Logger } from '../log.js';
import type { Choice, Reply } from '../render/reply.js';

export type OptionValue = string | number | boolean;

/** A command's options by name, as the user gave them (absent when not given). */
export type CommandOptions = Readonly<Record<string, OptionValue | undefined>>;

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
}

/**
 * What a command does, whatever the transport: options in, a reply model out. Handlers throw
 * `UserError` for input a person can fix (its message is shown as-is); anything else they
 * throw is a fault, logged with an error id and answered with a short apology.
 */
export interface CommandHandler {
  readonly name: string;
  /**
   * Work that may take longer than Discord allows for a first response (3 s): the transport
   * acknowledges ("thinking…") before running it. Ephemeral is decided here, before the result.
   */
  readonly defer?: { readonly ephemeral: boolean };
  /** A refusal when the requester may not use this command, checked before anything runs. */
  permit?(ctx: CommandContext): Reply | undefined;
  run(options: CommandOptions, ctx: CommandContext): Reply | Promise<Reply>;
  /** Suggestions for the option being typed (`focused`), given what else is filled in. */
  autocomplete?(focused: { readonly name: string; readonly value: string }, options: CommandOptions, ctx: CommandContext): readonly Choice[] | Promise<readonly Choice[]>;
}
