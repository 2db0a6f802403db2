/**
 * The slash commands, as Discord's API takes them (PUT /applications/{id}/commands). The one
 * place they are defined: `npm run deploy` registers this list, the dispatcher reads options by
 * it, and the console and /help parse and describe commands from it.
 *
 * Plain JSON with a type-only import, so the console can use it without loading discord.js.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../answer/ask.js';

/** Discord's option types used here. */
export const OptionType = { String: 3, Integer: 4, Boolean: 5 } as const;

/** The Manage Server permission bit (1 << 5), as Discord's API writes permissions: a decimal string. */
export const MANAGE_GUILD_PERMISSION = String(1n << 5n);

/** Discord's longest value for a string option. */
const MAX_OPTION_LENGTH = 6_000;

/** Interaction context 0: a server (guild). /reload is not offered in DMs. */
const GUILD_CONTEXT = 0;

export interface OptionDefinition {
  readonly type: (typeof OptionType)[keyof typeof OptionType];
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly min_value?: number;
  readonly max_length?: number;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly OptionDefinition[];
  readonly default_member_permissions?: string;
  readonly contexts?: readonly number[];
  readonly dm_permission?: boolean;
}

export const COMMANDS = [
  {
    name: 'ask',
    description: 'Ask a question about the news articles; the answer cites file and line.',
    options: [
      {
        type: OptionType.String,
        name: 'question',
        description: 'What you want to know, e.g. which governor gifted the drones',
        required: true,
        max_length: Math.min(MAX_QUESTION_LENGTH, MAX_OPTION_LENGTH),
      },
      { type: OptionType.Boolean, name: 'private', description: 'Show the answer only to you', required: false },
    ],
  },
  {
    name: 'quote',
    description: 'Find quotations: by their words, by who said them, or by article and line.',
    options: [
      { type: OptionType.String, name: 'text', description: 'Words from the quotation, e.g. overtly engaging', required: false, max_length: 300 },
      { type: OptionType.String, name: 'speaker', description: 'Who said it', required: false, autocomplete: true, max_length: 100 },
      { type: OptionType.String, name: 'source', description: 'The article file, e.g. 004_fda3f1e6d2d72140.txt', required: false, autocomplete: true, max_length: 100 },
      { type: OptionType.Integer, name: 'line', description: 'A line number in that article', required: false, min_value: 1 },
    ],
  },
  {
    name: 'sources',
    description: 'List the articles the answers come from.',
  },
  {
    name: 'reload',
    description: 'Re-read the article folder (server managers only).',
    default_member_permissions: MANAGE_GUILD_PERMISSION,
    contexts: [GUILD_CONTEXT],
    dm_permission: false,
  },
  {
    name: 'help',
    description: 'How to ask citebot, with examples.',
  },
] as const satisfies readonly CommandDefinition[] & readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];

export type CommandName = (typeof COMMANDS)[number]['name'];

/** The definition of a command by name, if there is one. */
export function commandDefinition(name: string): CommandDefinition | undefined {
  return (COMMANDS as readonly CommandDefinition[]).find((c) => c.name === name);
}
