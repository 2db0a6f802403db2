/**
 * The commands and their options, in one place and in no transport's terms. The Discord
 * transport turns these into Discord's JSON (and `npm run deploy` registers that); the console
 * and the CLI parse typed text by them; /help describes them; each handler's option types are
 * derived from them (`OptionsOf`).
 */
import { MAX_QUESTION_LENGTH } from '../answer/ask.js';
import { UserError } from '../platform/errors.js';

export type OptionKind = 'string' | 'integer' | 'boolean';

export interface OptionDefinition {
  readonly kind: OptionKind;
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  /** Suggestions are offered while it is typed. */
  readonly autocomplete?: boolean;
  /** Smallest value of an integer option. */
  readonly minValue?: number;
  /** Longest value of a string option, in characters. */
  readonly maxLength?: number;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly OptionDefinition[];
  /** For the people who run a server, not its members (hidden from others where a transport can). */
  readonly managersOnly?: boolean;
}

/** A value as an option holds it. */
export type OptionValue = string | number | boolean;

/** Options by name as a transport read them, before they are checked against a definition. */
export type RawOptions = Readonly<Record<string, OptionValue | undefined>>;

type ValueOf<K extends OptionKind> = K extends 'string' ? string : K extends 'integer' ? number : boolean;
type OptionsList<D extends CommandDefinition> = D['options'] extends readonly OptionDefinition[] ? D['options'][number] : never;

/** A command's options with their types: required ones always present, the others possibly undefined. */
export type OptionsOf<D extends CommandDefinition> = {
  readonly [O in OptionsList<D> as O['name']]: O['required'] extends true ? ValueOf<O['kind']> : ValueOf<O['kind']> | undefined;
};

/** Longest question, as every transport offers it (Discord's own limit for a string option is 6,000). */
const QUESTION_LENGTH = Math.min(MAX_QUESTION_LENGTH, 6_000);

export const ASK = {
  name: 'ask',
  description: 'Ask a question about the news articles; the answer cites file and line.',
  options: [
    {
      kind: 'string',
      name: 'question',
      description: 'What you want to know, e.g. which governor gifted the drones',
      required: true,
      autocomplete: true,
      maxLength: QUESTION_LENGTH,
    },
    { kind: 'boolean', name: 'private', description: 'Show the answer only to you' },
  ],
} as const satisfies CommandDefinition;

export const QUOTE = {
  name: 'quote',
  description: 'Find quotations: by their words, by who said them, or by article and line.',
  options: [
    { kind: 'string', name: 'text', description: 'Words from the quotation, e.g. overtly engaging', maxLength: 300 },
    { kind: 'string', name: 'speaker', description: 'Who said it', autocomplete: true, maxLength: 100 },
    { kind: 'string', name: 'source', description: 'The article file, e.g. 004_fda3f1e6d2d72140.txt', autocomplete: true, maxLength: 100 },
    { kind: 'integer', name: 'line', description: 'A line number in that article', minValue: 1 },
  ],
} as const satisfies CommandDefinition;

export const SOURCES = { name: 'sources', description: 'List the articles the answers come from.' } as const satisfies CommandDefinition;

export const RELOAD = {
  name: 'reload',
  description: 'Re-read the article folder (server managers only).',
  managersOnly: true,
} as const satisfies CommandDefinition;

export const HELP = { name: 'help', description: 'How to ask citebot, with examples.' } as const satisfies CommandDefinition;

/** Every command, in the order /help lists them. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [ASK, QUOTE, SOURCES, RELOAD, HELP];

/** The definition of a command by name, if there is one. */
export function commandDefinition(name: string): CommandDefinition | undefined {
  return COMMAND_DEFINITIONS.find((c) => c.name === name);
}

/**
 * Checks options read by a transport against the definition: each value of its option's kind
 * and within its limits, required ones present. What a person could get wrong is a UserError.
 */
export function checkOptions<D extends CommandDefinition>(definition: D, raw: RawOptions): OptionsOf<D> {
  const options: Record<string, OptionValue | undefined> = {};
  for (const option of definition.options ?? []) {
    const value = raw[option.name];
    if (value === undefined) {
      if (option.required) throw new UserError(`/${definition.name} needs ${option.name}:<${option.name}>. /help has examples.`);
      continue;
    }
    options[option.name] = checkValue(option, value);
  }
  return options as OptionsOf<D>;
}

function checkValue(option: OptionDefinition, value: OptionValue): OptionValue {
  switch (option.kind) {
    case 'integer':
      // Beyond 2^53 a number is no longer exact (Discord's integer options stop there too).
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new UserError(`${option.name} must be a whole number.`);
      if (!Number.isSafeInteger(value)) throw new UserError(`${option.name} is out of range.`);
      if (option.minValue !== undefined && value < option.minValue)
        throw new UserError(`${option.name} must be at least ${option.minValue}.`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new UserError(`${option.name} must be true or false.`);
      return value;
    case 'string':
      if (typeof value !== 'string') throw new UserError(`${option.name} must be text.`);
      if (option.maxLength !== undefined && value.length > option.maxLength) {
        throw new UserError(`${option.name} is too long (${value.length} characters; at most ${option.maxLength}).`);
      }
      return value;
  }
}

/** An option's value from typed text (the console's `line:11`, the CLI's `--line 11`). */
export function parseOptionText(option: OptionDefinition, text: string): OptionValue {
  if (text === '') throw new UserError(`${option.name} is empty.`);
  switch (option.kind) {
    case 'integer':
      if (!/^[-+]?\d+$/.test(text)) throw new UserError(`${option.name} must be a whole number.`);
      return Number(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(lower)) return true;
      if (['false', 'no', 'off', '0'].includes(lower)) return false;
      throw new UserError(`${option.name} must be true or false.`);
    }
    case 'string':
      return text;
  }
}
