/**
 * The local console: the same slash commands as in Discord, typed on standard input (a
 * terminal or a pipe), answered in plain text on standard output (in a terminal, bold words in
 * bold). Used when no Discord token is configured. Logs stay on standard error, so a pipe's
 * output is only replies.
 */
import type { Readable, Writable } from 'node:stream';
import {
  COMMAND_HANDLERS,
  type CommandContext,
  type CommandHandler,
  type OptionValue,
  type RawOptions,
  type Requester,
  type Surface,
} from '../commands/index.js';
import { checkOptions, commandDefinition, parseOptionText, type CommandDefinition } from '../commands/definitions.js';
import { formatOverLimit } from '../platform/bytes.js';
import { UserError } from '../platform/errors.js';
import { MAX_LINE_BYTES, readLines } from './input-lines.js';
import type { LibraryHolder } from '../library/holder.js';
import { newErrorId, type Logger } from '../platform/log.js';
import { renderReplyPlain, terminalSafe, type PlainOptions } from '../render/plain.js';

/** Whoever types at the console runs the bot: they may do everything. */
export const CONSOLE_USER: Requester = { admin: true, admins: 'whoever runs the bot' };

/** The console has no buttons and no one else reading: every reply is shown whole, to the one person there. */
export const CONSOLE: Surface = {
  howToType: 'Type a command as you would in Discord’s message box; options are written name:value.',
  privateMisses: false,
};

export interface ParsedCommand {
  readonly name: string;
  readonly options: RawOptions;
}

/** A line that is not a command the bot can run; the message says why, for the person typing. */
export class ConsoleInputError extends UserError {
  override readonly name = 'ConsoleInputError';
}

/**
 * Reads a line the way Discord's message box reads a slash command: `/name` then `option:value`
 * pairs, a value running to the next option name. Text before the first option fills the first
 * text option (`/ask which governor gifted the drones` = `/ask question:which governor gifted the drones`).
 * Returns null for a blank line.
 */
export function parseCommandLine(
  line: string,
  lookup: (name: string) => CommandDefinition | undefined = commandDefinition,
): ParsedCommand | null {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) throw new ConsoleInputError('Commands start with /: type /ask and your question, or /help for the list.');
  const name = (match[1] ?? '').toLowerCase();
  const definition = lookup(name);
  if (!definition) throw new ConsoleInputError(`There is no /${name} command. /help lists the commands.`);
  const rest = (match[2] ?? '').trim();
  const definitions = definition.options ?? [];

  const raw = new Map<string, string>();
  const marker = definitions.length > 0 ? new RegExp(`(^|\\s)(${definitions.map((o) => escapeRegExp(o.name)).join('|')}):`, 'gi') : null;
  const found = marker ? [...rest.matchAll(marker)] : [];
  const free = (found[0] ? rest.slice(0, found[0].index) : rest).trim();
  found.forEach((m, i) => {
    const optionName = (m[2] ?? '').toLowerCase();
    const start = (m.index ?? 0) + m[0].length;
    const end = found[i + 1]?.index ?? rest.length;
    if (raw.has(optionName)) throw new ConsoleInputError(`${optionName} is given twice.`);
    raw.set(optionName, rest.slice(start, end).trim());
  });
  if (free !== '') {
    const target = definitions.find((o) => o.kind === 'string' && !raw.has(o.name));
    const first = definitions.find((o) => o.kind === 'string');
    if (!target)
      throw new ConsoleInputError(
        definitions.length === 0
          ? `/${name} takes no options.`
          : first
            ? `${first.name} is given twice: as the words after /${name} and as ${first.name}:.`
            : `Write options as name:value, e.g. /${name} ${definitions[0]?.name ?? ''}:….`,
      );
    raw.set(target.name, free);
  }

  try {
    const options: Record<string, OptionValue | undefined> = {};
    for (const option of definitions) {
      const value = raw.get(option.name);
      if (value !== undefined) options[option.name] = parseOptionText(option, value);
    }
    // Checked here as well as by the command, so that a typing mistake is named before anything runs.
    checkOptions(definition, options);
    return { name, options };
  } catch (error) {
    throw error instanceof UserError ? new ConsoleInputError(error.message) : error;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly holder: LibraryHolder;
  readonly log: Logger;
  readonly handlers?: ReadonlyMap<string, CommandHandler>;
  /** Show a `> ` prompt (for a terminal). */
  readonly prompt?: boolean;
  /** Show bold words in bold with ANSI escape codes (for a terminal) rather than as `**word**`. */
  readonly ansi?: boolean;
  /** Longer lines are refused unread (default 1 MiB). */
  readonly maxLineBytes?: number;
}

/** Answers one console line: the reply text, or null for a blank line. Never throws. */
export async function answerLine(
  line: string,
  ctx: CommandContext,
  handlers: ReadonlyMap<string, CommandHandler> = COMMAND_HANDLERS,
  style: PlainOptions = {},
): Promise<string | null> {
  let command = '';
  try {
    const parsed = parseCommandLine(line);
    if (!parsed) return null;
    command = parsed.name;
    const handler = handlers.get(parsed.name);
    if (!handler) throw new ConsoleInputError(`There is no /${parsed.name} command. /help lists the commands.`);
    const refusal = handler.permit?.(ctx);
    return renderReplyPlain(refusal ?? (await handler.run(parsed.options, ctx)), style);
  } catch (error) {
    // A refusal can name files ("x.txt has 12 lines"), whose names may hold escape sequences.
    if (error instanceof UserError) return terminalSafe(error.message);
    const errorId = newErrorId();
    ctx.log.error({ err: error, command, errorId }, 'Command failed');
    return `Something went wrong (error id ${errorId}).`;
  }
}

/** Serves commands from `input` until it ends; one reply per command line, separated by a blank line. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const ctx: CommandContext = { holder: options.holder, log: options.log, requester: CONSOLE_USER, surface: CONSOLE };
  const prompt = () => {
    if (options.prompt) options.output.write('> ');
  };
  let first = true;
  prompt();
  for await (const line of readLines(options.input, options.maxLineBytes ?? MAX_LINE_BYTES)) {
    const reply =
      'text' in line
        ? await answerLine(line.text, ctx, options.handlers, { ansi: options.ansi === true })
        : tooLong(line.tooLongBytes, options.maxLineBytes ?? MAX_LINE_BYTES);
    if (reply !== null) {
      await write(options.output, `${first ? '' : '\n'}${reply}\n`);
      first = false;
    }
    prompt();
  }
  if (options.prompt) options.output.write('\n');
}

function tooLong(bytes: number, limit: number): string {
  const shown = formatOverLimit(bytes, limit);
  return `That line is ${shown.size} long, more than the ${shown.limit} a command may be, so it was not read. Nothing was run.`;
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
