/**
 * The commands as Discord's API takes them (PUT /applications/{id}/commands), made from the
 * transport-neutral definitions in commands/definitions.ts. `npm run deploy` registers them.
 */
import type { APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { COMMAND_DEFINITIONS, type CommandDefinition, type OptionDefinition, type OptionKind } from '../../commands/definitions.js';

/** Discord's option types for each kind of option. */
const OPTION_TYPE = { string: 3, integer: 4, boolean: 5 } as const satisfies Record<OptionKind, number>;

/** The Manage Server permission bit (1 << 5), as Discord's API writes permissions: a decimal string. */
export const MANAGE_GUILD_PERMISSION = String(1n << 5n);

/** Interaction context 0: a server (guild). Managers' commands are not offered in DMs. */
const GUILD_CONTEXT = 0;

function discordOption(option: OptionDefinition): APIApplicationCommandOption {
  return {
    type: OPTION_TYPE[option.kind],
    name: option.name,
    description: option.description,
    required: option.required ?? false,
    ...(option.autocomplete ? { autocomplete: true } : {}),
    ...(option.minValue !== undefined ? { min_value: option.minValue } : {}),
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
  } as APIApplicationCommandOption;
}

/** One command as Discord registers it: managers' commands hidden from members and DMs. */
export function discordCommand(definition: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: definition.name,
    description: definition.description,
    ...(definition.options ? { options: definition.options.map(discordOption) } : {}),
    ...(definition.managersOnly
      ? { default_member_permissions: MANAGE_GUILD_PERMISSION, contexts: [GUILD_CONTEXT], dm_permission: false }
      : {}),
  };
}

/** Every command, as `npm run deploy` registers them. */
export function discordCommands(
  definitions: readonly CommandDefinition[] = COMMAND_DEFINITIONS,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return definitions.map(discordCommand);
}
