import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { z } from 'zod';
import { UserError } from './errors.js';

/** The project folder: config and the default corpus are found relative to it, not to the shell's cwd. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Reads the keys of a `.env` file (the project's by default) into the environment; a key the
 * environment already has keeps its value, and a missing file is no error. Every entry point
 * (bot, CLI, deploy, feedback) reads it, so that they all serve the same settings.
 */
export function loadEnvFile(file = path.join(PROJECT_ROOT, '.env')): void {
  dotenv.config({ path: file, quiet: true });
}

/**
 * A path as people are shown it: relative to the project folder (`seeds`, `../articles`), so
 * that a message reaching Discord does not tell how the server's disks are laid out.
 */
export function projectPath(absolute: string): string {
  return path.relative(PROJECT_ROOT, absolute) || '.';
}

const snowflake = z.string().regex(/^\d{15,22}$/u, 'must be a Discord id (15–22 digits)');

/** Non-secret settings, from `config/default.json` (and the file named by `CITEBOT_CONFIG`, merged over it). */
const FileSchema = z
  .object({
    corpusDir: z.string().min(1),
    maxFileBytes: z.number().int().positive(),
    /** Folder for prebuilt indexes, relative to the project; empty to always build from text. */
    indexCacheDir: z.string(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    boilerplate: z
      .object({
        linePatterns: z.array(z.string().refine(isRegExp, 'must be a valid regular expression')),
        teaserMarkers: z.array(z.string().min(1)),
      })
      .strict(),
    discord: z
      .object({
        adminUserIds: z.array(snowflake),
        adminRoleIds: z.array(snowflake),
        cooldownSeconds: z.number().min(0),
        pageTimeoutSeconds: z.number().int().positive(),
        /** Whether "I found nothing" answers only the asker (unless they chose `private`): a miss helps nobody else. */
        privateMisses: z.boolean(),
        /** Longest wait between two attempts to reach an unreachable gateway (they start at 1 s and double). */
        reconnectMaxDelaySeconds: z.number().positive(),
        /** How long the gateway may stay unreachable before the bot gives up and exits 1. */
        reconnectGiveUpSeconds: z.number().positive(),
      })
      .strict(),
    reload: z
      .object({
        watch: z.boolean(),
        debounceMs: z.number().int().min(0),
        /** A reload taking longer, for every million words served (never less), fails with a reason and the previous corpus keeps serving. */
        timeoutSeconds: z.number().positive(),
      })
      .strict(),
    feedback: z
      .object({
        /** The votes database (SQLite), relative to the project; created on first start. Empty: feedback off. */
        path: z.string(),
      })
      .strict(),
  })
  // A misspelt key ("corpusdir") is reported, not ignored while its default serves.
  .strict();

/** Secrets and deployment settings from the environment (and `.env`). */
const EnvSchema = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z.string().url('must be a URL such as https://discord.com/api').optional(),
  CORPUS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CITEBOT_CONFIG: z.string().min(1).optional(),
  FEEDBACK_DB: z.string().min(1).optional(),
});

export type FileConfig = z.infer<typeof FileSchema>;

export interface Config extends FileConfig {
  /** Absolute path of the corpus folder. */
  readonly corpusPath: string;
  /** Absolute path of the prebuilt-index folder, or undefined when disabled. */
  readonly indexCachePath: string | undefined;
  readonly discordToken: string | undefined;
  readonly discordClientId: string | undefined;
  readonly discordGuildId: string | undefined;
  /** Base URL of the Discord REST API, without `/v10`. */
  readonly discordApiUrl: string;
  /** Absolute path of the votes database, or undefined when feedback is off. */
  readonly feedbackPath: string | undefined;
}

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/** A configuration problem: lists every bad key, never a value (values may be secrets). */
export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration: `config/default.json`, an optional override file,
 * then the environment. Every problem is reported at once, by key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const problems: string[] = [];
  const envResult = EnvSchema.safeParse(pickKnown(env));
  if (!envResult.success) problems.push(...envResult.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const envValues = envResult.success ? envResult.data : {};

  let fileValues: unknown = readJson(path.join(PROJECT_ROOT, 'config', 'default.json'), problems);
  if (envValues.CITEBOT_CONFIG) {
    const override = readJson(path.resolve(envValues.CITEBOT_CONFIG), problems);
    fileValues = deepMerge(fileValues, override);
  }
  const fileResult = FileSchema.safeParse(fileValues);
  if (!fileResult.success)
    problems.push(
      ...fileResult.error.issues.map((i) => (i.path.length > 0 ? `config ${i.path.join('.')}: ${i.message}` : `config: ${i.message}`)),
    );

  if (problems.length > 0 || !fileResult.success) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const file = fileResult.data;
  const config: Config = {
    ...file,
    logLevel: envValues.LOG_LEVEL ?? file.logLevel,
    corpusPath: path.resolve(envValues.CORPUS_DIR ? process.cwd() : PROJECT_ROOT, envValues.CORPUS_DIR ?? file.corpusDir),
    indexCachePath: file.indexCacheDir === '' ? undefined : path.resolve(PROJECT_ROOT, file.indexCacheDir),
    discordToken: envValues.DISCORD_TOKEN,
    discordClientId: envValues.DISCORD_CLIENT_ID,
    discordGuildId: envValues.DISCORD_GUILD_ID,
    discordApiUrl: (envValues.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/u, ''),
    // Like CORPUS_DIR: a path from the environment is the shell's (relative to the cwd), one from config the project's.
    feedbackPath: envValues.FEEDBACK_DB
      ? path.resolve(envValues.FEEDBACK_DB)
      : file.feedback.path === ''
        ? undefined
        : path.resolve(PROJECT_ROOT, file.feedback.path),
  };
  return Object.freeze(config);
}

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string> {
  const known: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    // An empty variable (DISCORD_TOKEN= in .env) means "not set", as in most tools.
    if (value !== undefined && value !== '') known[key] = value;
  }
  return known;
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${path.basename(file)}: cannot be read as JSON (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override ?? base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}
