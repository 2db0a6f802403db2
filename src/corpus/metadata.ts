/**
 * Article metadata from the optional sidecar `sources.json` in the corpus folder: where each
 * article was published. It lives beside the articles, never in them, because an article's
 * line numbers are its citations. The file maps article file names to their details:
 *
 *     { "000_e54da9ff0ce102d3.txt": { "url": "https://…", "publisher": "…", "published": "2023-05-04" } }
 *
 * Every field is optional and checked on its own: a bad value is left out and reported, the
 * entry's good values are kept, and nothing here ever stops the articles from loading.
 */
import { z } from 'zod';
import type { ArticleMeta, MetadataProblem } from './types.js';

/** The sidecar's file name in the corpus folder (exactly so: one place to look, one file to watch). */
export const METADATA_FILE = 'sources.json';

/**
 * The longest URL accepted: more than any article address needs, and within what every place a
 * link is shown takes (chat link buttons take 512 characters).
 */
export const MAX_URL_LENGTH = 512;
export const MAX_PUBLISHER_LENGTH = 100;
/** How much of an unknown key or file name a problem quotes. */
const MAX_QUOTED_LENGTH = 80;

const KNOWN_KEYS = ['url', 'publisher', 'published'] as const;
type MetaKey = (typeof KNOWN_KEYS)[number];

/** Characters that have no place in a one-line value: C0 and C1 controls (line breaks included). */
const CONTROLS = /\p{Cc}/u;

const url = z
  .string({ error: 'must be a string' })
  .max(MAX_URL_LENGTH, { error: `is longer than ${MAX_URL_LENGTH} characters` })
  .refine((value) => !/[\s\p{Cc}]/u.test(value), { error: 'must not contain spaces or control characters' })
  .transform((value, ctx) => {
    const parsed = URL.canParse(value) ? new URL(value) : undefined;
    // Only web links: `javascript:`, `data:` or `file:` addresses must never become a link.
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
      ctx.addIssue({ code: 'custom', message: 'must be a web address starting with http:// or https://' });
      return z.NEVER;
    }
    if (parsed.username !== '' || parsed.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
      return z.NEVER;
    }
    // Encoding non-ASCII characters (%D0%9A…) can make an address several times longer than typed.
    if (parsed.href.length > MAX_URL_LENGTH) {
      ctx.addIssue({ code: 'custom', message: `is longer than ${MAX_URL_LENGTH} characters once its special characters are encoded` });
      return z.NEVER;
    }
    return parsed.href;
  });

const publisher = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'is empty' })
  .max(MAX_PUBLISHER_LENGTH, { error: `is longer than ${MAX_PUBLISHER_LENGTH} characters` })
  .refine((value) => !CONTROLS.test(value), { error: 'must be one line without control characters' });

const published = z
  .string({ error: 'must be a string' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'is not a date in the calendar' });

const FIELDS: Record<MetaKey, z.ZodType<string>> = { url, publisher, published };

/** The articles an entry may name: those loaded, and those skipped (named, so the problem says why). */
export interface MetadataTargets {
  readonly articles: ReadonlySet<string>;
  readonly skipped: ReadonlySet<string>;
}

export interface ParsedMetadata {
  /** Each article's valid details, by file name; articles without any are absent. */
  readonly entries: ReadonlyMap<string, ArticleMeta>;
  readonly problems: readonly MetadataProblem[];
}

/**
 * Reads the sidecar's text: the valid details of each article it names, and every problem with
 * it in words an admin can act on. Keys other than url, publisher and published are reported
 * and ignored (a typo such as "publised" is noticed, and the entry's other values still count).
 */
export function parseMetadata(text: string, targets: MetadataTargets): ParsedMetadata {
  const entries = new Map<string, ArticleMeta>();
  const problems: MetadataProblem[] = [];
  let json: unknown;
  try {
    // Some editors on Windows start UTF-8 files with a byte order mark, which JSON does not allow.
    json = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return { entries, problems: [{ reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }] };
  }
  if (!isPlainObject(json)) {
    return { entries, problems: [{ reason: 'must be a JSON object mapping article file names to their details' }] };
  }
  for (const [source, value] of Object.entries(json)) {
    if (!targets.articles.has(source)) {
      const why = targets.skipped.has(source) ? 'the article was skipped' : 'no such article in the folder';
      problems.push({ source: shown(source), reason: `${why}; its entry is ignored` });
      continue;
    }
    if (!isPlainObject(value)) {
      problems.push({ source, reason: 'must be an object with url, publisher and/or published' });
      continue;
    }
    const meta: { -readonly [K in MetaKey]?: string } = {};
    for (const [key, field] of Object.entries(value)) {
      if (!isKnownKey(key)) {
        problems.push({ source, reason: `unknown key ${quoted(key)} is ignored (the keys are url, publisher and published)` });
        continue;
      }
      const parsed = FIELDS[key].safeParse(field);
      if (parsed.success) meta[key] = parsed.data;
      else problems.push({ source, reason: `${key} ${parsed.error.issues[0]?.message ?? 'is not valid'}; it is ignored` });
    }
    if (Object.keys(meta).length > 0) entries.set(source, meta);
  }
  return { entries, problems };
}

/** A problem as one line for a log or a list: `sources.json: FILE: reason`. */
export function describeMetadataProblem(problem: MetadataProblem): string {
  return problem.source === undefined ? `${METADATA_FILE}: ${problem.reason}` : `${METADATA_FILE}: ${problem.source}: ${problem.reason}`;
}

function isKnownKey(key: string): key is MetaKey {
  return (KNOWN_KEYS as readonly string[]).includes(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether YYYY-MM-DD names a real day (no 2023-02-30). */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A name from the file, quoted and shortened so that a garbage key cannot flood a report. */
function quoted(name: string): string {
  return `"${shown(name)}"`;
}

/** A name from the file as a report shows it: shortened, with control characters and quotes escaped as in JSON. */
function shown(name: string): string {
  const short = name.length > MAX_QUOTED_LENGTH ? `${name.slice(0, MAX_QUOTED_LENGTH - 1)}…` : name;
  return JSON.stringify(short).slice(1, -1);
}
