import { randomBytes } from 'node:crypto';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { humanLogLine } from './log-lines.js';

export type { Logger };

const REDACTED = '[redacted]';
/** Shorter strings would scrub ordinary words out of log lines; tokens are ~70 characters. */
const MIN_SECRET_LENGTH = 8;

export interface LoggerOptions {
  readonly level: Level | 'silent';
  /** Strings that must never appear in a log line (the bot token), whatever logged them. */
  readonly secrets?: ReadonlyArray<string | undefined>;
  /** Where lines go; default standard error (fd 2), so that standard output carries only replies. */
  readonly destination?: DestinationStream;
  /**
   * `json` (the default): one JSON object a line, for programs and log collectors. `human`: one
   * short readable line (time, level, message, key=value), for a person at a terminal.
   */
  readonly format?: 'json' | 'human';
}

/**
 * The process logger: pino's JSON lines on standard error. Every line passes through a scrub
 * of the secrets just before it is written, so a token cannot leak through an error message,
 * a discord.js debug line or a serialized object, at any level; the human form is made from
 * the scrubbed line.
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = secretScrubber(options.secrets ?? []);
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      hooks: { streamWrite: scrub },
    },
    options.format === 'human' ? humanDestination(destination) : destination,
  );
}

/** A destination that writes each JSON line it is given in human form. */
function humanDestination(target: DestinationStream): DestinationStream {
  return { write: (line: string) => target.write(humanLogLine(line)) };
}

/**
 * Interaction tokens in the webhook and callback URLs that discord.js errors carry (`err.url`):
 * each lets anyone answer as the bot for 15 minutes, so they are scrubbed like the bot token.
 */
const INTERACTION_TOKEN_IN_URL = /(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9._-]{20,}/g;

/**
 * A function replacing every occurrence of each secret (also as escaped inside JSON) with
 * `[redacted]`, and interaction tokens in Discord URLs too.
 */
export function secretScrubber(secrets: ReadonlyArray<string | undefined>): (line: string) => string {
  const scrubSecrets = knownSecretScrubber(secrets);
  return (line) => scrubSecrets(line).replace(INTERACTION_TOKEN_IN_URL, `$1${REDACTED}`);
}

function knownSecretScrubber(secrets: ReadonlyArray<string | undefined>): (line: string) => string {
  const forms = [
    ...new Set(
      secrets
        .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
        .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]),
    ),
  ].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (line) => line;
  return (line) => forms.reduce((out, secret) => out.split(secret).join(REDACTED), line);
}

/** A short id for an unexpected error, shown to the user and logged with the error, to find one from the other. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}
