import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { slicer, type Pause } from '../platform/scheduler.js';
import { formatOverLimit } from '../platform/bytes.js';
import { projectPath } from '../platform/config.js';
import { parseArticle, type ArticleInput } from './article.js';
import { compileBoilerplate, type BoilerplateRules } from './boilerplate.js';
import { UserError } from '../platform/errors.js';
import { METADATA_FILE, parseMetadata } from './metadata.js';
import type { Article, ArticleMeta, Corpus, MetadataProblem, SkippedFile } from './types.js';

export interface LoadOptions {
  readonly boilerplate: BoilerplateRules;
  /** Files larger than this are skipped rather than read into memory. */
  readonly maxFileBytes: number;
  /** Stops reading and parsing (rejecting with the signal's reason), e.g. when a reload runs past its deadline. */
  readonly signal?: AbortSignal | undefined;
  /** Waits between slices of work for queued commands (default: one event-loop turn). */
  readonly pause?: Pause | undefined;
}

/** A problem with the corpus as a whole that a user can fix (missing folder, nothing usable). */
export class CorpusError extends UserError {
  override readonly name = 'CorpusError';
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads every `*.txt` file of a folder into articles. Bad files are skipped with a reason and
 * the rest still load; a missing folder or one with no usable article is a `CorpusError`,
 * so that callers keep serving what they had instead of starting empty.
 */
export async function loadCorpus(dir: string, options: LoadOptions): Promise<Corpus> {
  return await parseCorpus(await readCorpusFiles(dir, options), options);
}

/** A corpus file that passed every check, read but not yet parsed: an article's input with hash and time known. */
export type CorpusFile = Required<ArticleInput>;

export interface CorpusFiles {
  readonly dir: string;
  readonly files: readonly CorpusFile[];
  readonly skipped: readonly SkippedFile[];
  /** Each article's details from the metadata sidecar, by file name (empty without a sidecar). */
  readonly metadata: ReadonlyMap<string, ArticleMeta>;
  readonly metadataProblems: readonly MetadataProblem[];
}

/** Reads and checks the files of a corpus folder, without parsing them (a prebuilt index may make that unnecessary). */
export async function readCorpusFiles(dir: string, options: Pick<LoadOptions, 'maxFileBytes' | 'signal'>): Promise<CorpusFiles> {
  const root = path.resolve(dir);
  // Messages may reach Discord: the folder as the project names it, not where the server keeps it.
  const shown = projectPath(root);
  const { signal } = options;
  let names: string[];
  let folders: string[];
  let hasSidecar: boolean;
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new CorpusError(`The corpus path ${shown} is not a folder.`);
    const entries = await readdir(root, { withFileTypes: true });
    names = entries
      .map((e) => e.name)
      .filter((name) => name.toLowerCase().endsWith('.txt'))
      .sort();
    // Folders inside are not read; an admin who sorted articles into them is told (hidden ones, like .git, are not articles).
    folders = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.toLowerCase().endsWith('.txt'))
      .map((e) => e.name)
      .sort();
    hasSidecar = entries.some((e) => e.name === METADATA_FILE);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError(`The corpus folder ${shown} cannot be read (${describeFsError(error)}).`);
  }
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  // Files are read a few at a time: faster than one by one, without opening thousands at once.
  for (let i = 0; i < names.length; i += PARALLEL_READS) {
    signal?.throwIfAborted();
    const batch = names.slice(i, i + PARALLEL_READS);
    const reads = await Promise.all(batch.map((name) => readArticleFile(root, name, options.maxFileBytes, signal)));
    reads.forEach((result, k) => {
      const source = batch[k] as string;
      if ('reason' in result) skipped.push({ source, reason: result.reason });
      else files.push({ source, ...result });
    });
  }
  for (const folder of folders) {
    skipped.push({ source: `${folder}/`, reason: 'a folder: only the .txt files directly in the corpus folder are read' });
  }
  if (files.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.length} skipped: ${skipped.map((s) => `${s.source}: ${s.reason}`).join('; ')})` : '';
    throw new CorpusError(`The corpus folder ${shown} has no usable .txt article${why}.`);
  }
  const { metadata, metadataProblems } = hasSidecar
    ? await readMetadata(root, files, skipped, options)
    : { metadata: new Map<string, ArticleMeta>(), metadataProblems: [] };
  return { dir: root, files, skipped, metadata, metadataProblems };
}

/**
 * Reads the metadata sidecar as safely as an article (no links, no FIFOs, the same size limit).
 * A sidecar that cannot be read or parsed only costs the articles their details: it is reported,
 * never fatal.
 */
async function readMetadata(
  root: string,
  files: readonly CorpusFile[],
  skipped: readonly SkippedFile[],
  options: Pick<LoadOptions, 'maxFileBytes' | 'signal'>,
): Promise<Pick<CorpusFiles, 'metadata' | 'metadataProblems'>> {
  const read = await readArticleFile(root, METADATA_FILE, options.maxFileBytes, options.signal);
  if ('reason' in read) return { metadata: new Map(), metadataProblems: [{ reason: `${read.reason}; no article has details from it` }] };
  const targets = { articles: new Set(files.map((f) => f.source)), skipped: new Set(skipped.map((s) => s.source)) };
  const { entries, problems } = parseMetadata(read.text, targets);
  return { metadata: entries, metadataProblems: problems };
}

/**
 * Parses checked files into articles with corpus-wide passage ids, in short slices that pause
 * for the bot's commands (see platform/scheduler.ts), so that a bot parsing a new corpus keeps
 * answering from the old one.
 */
export async function parseCorpus(read: CorpusFiles, options: Pick<LoadOptions, 'boilerplate' | 'signal' | 'pause'>): Promise<Corpus> {
  const rules = compileBoilerplate(options.boilerplate);
  const articles: Article[] = [];
  let nextId = 0;
  const slice = slicer(options.pause);
  for (const file of read.files) {
    const pausing = slice();
    if (pausing) await pausing;
    options.signal?.throwIfAborted();
    const article = parseArticle(file, rules, nextId);
    nextId += article.passages.length;
    articles.push(withMetadata(article, read));
  }
  return { dir: read.dir, articles, skipped: read.skipped, metadataProblems: read.metadataProblems };
}

/** The article with its details from the sidecar, when it has any; as it was otherwise. */
export function withMetadata(article: Article, read: Pick<CorpusFiles, 'metadata'>): Article {
  const meta = read.metadata.get(article.source);
  return meta ? { ...article, meta } : article;
}

const PARALLEL_READS = 16;

/**
 * How a corpus file is opened: never through a symbolic link (the last path component only,
 * which is the one a file swap can replace), and never waiting (a FIFO without a writer would
 * otherwise block a libuv thread for good). `O_NOFOLLOW` is absent on Windows, where links
 * need privileges to create.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | constants.O_NONBLOCK;

type FileRead = { text: string; hash: string; mtimeMs: number } | { reason: string };

/**
 * Reads one corpus file safely against a folder that changes while it is read: the file is
 * opened once, and what is checked (its type, its size) and what is read are that one open
 * descriptor, so a name swapped for a link, FIFO or device between a check and the read can
 * neither leak another file nor block. `lstat` first only spares opening things that are
 * plainly not files; it is not what keeps the read safe.
 */
async function readArticleFile(root: string, name: string, maxBytes: number, signal: AbortSignal | undefined): Promise<FileRead> {
  const full = path.join(root, name);
  let handle: FileHandle;
  try {
    const early = notAFile(await lstat(full));
    if (early) return { reason: early };
    signal?.throwIfAborted();
    handle = await open(full, OPEN_FLAGS);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { reason: describeOpenError(error) };
  }
  try {
    const info = await handle.stat();
    const kind = notAFile(info);
    if (kind) return { reason: kind };
    if (info.size === 0) return { reason: 'empty file' };
    if (info.size > maxBytes) return { reason: tooLarge(maxBytes, info.size) };
    const bytes = await readAtMost(handle, info.size, maxBytes + 1, signal);
    // The file grew past the limit after fstat: judged on what is there, not on the stale size.
    if (bytes.length > maxBytes) return { reason: tooLarge(maxBytes, bytes.length) };
    if (bytes.includes(0)) return { reason: 'contains NUL bytes (binary file?)' };
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      return { reason: notUtf8(bytes) };
    }
    if (text.trim() === '') return { reason: 'empty file' };
    return { text, hash: createHash('sha256').update(bytes).digest('hex'), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { reason: `unreadable (${describeFsError(error)})` };
  } finally {
    await handle.close();
  }
}

/**
 * Why a file is not read as text, with where: most such files were saved in a legacy encoding,
 * and the line of the first bad byte (an "é" in Latin-1) says what to fix.
 */
function notUtf8(bytes: Uint8Array): string {
  // Line by line: a newline byte is never part of a longer UTF-8 sequence.
  let line = 1;
  for (let from = 0; from <= bytes.length; line++) {
    const to = bytes.indexOf(0x0a, from);
    const end = to < 0 ? bytes.length : to;
    try {
      UTF8.decode(bytes.subarray(from, end));
    } catch {
      break;
    }
    from = end + 1;
  }
  return `not valid UTF-8 text (first bad byte on line ${line}; saved as Latin-1 or Windows-1252? save it as UTF-8)`;
}

/** Why an entry is not a regular file, in words; undefined for a regular file. */
function notAFile(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isSymbolicLink()) return LINK_REASON;
  if (info.isDirectory()) return 'a folder, not a file';
  if (info.isFIFO()) return 'a named pipe (FIFO), not a file';
  if (info.isSocket()) return 'a socket, not a file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device, not a file';
  return 'not a regular file';
}

const LINK_REASON = 'a symbolic link (links are not followed; copy the file into the folder instead)';

function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // O_NOFOLLOW on a link: ELOOP on Linux, EMLINK on FreeBSD, EFTYPE on macOS.
  if (code === 'ELOOP' || code === 'EMLINK' || code === 'EFTYPE') return LINK_REASON;
  // Opening a Unix socket fails this way.
  if (code === 'ENXIO') return 'a socket, not a file';
  return `unreadable (${describeFsError(error)})`;
}

/**
 * Up to `limit` bytes from the start of an open file, read from that descriptor only. The
 * buffer starts at the size fstat gave (plus one byte, to notice growth) rather than at the
 * limit: sixteen files read at once must not each hold the largest allowed size.
 */
async function readAtMost(handle: FileHandle, expected: number, limit: number, signal: AbortSignal | undefined): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(limit, expected + 1));
  let length = 0;
  for (;;) {
    signal?.throwIfAborted();
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length < buffer.length) continue;
    if (buffer.length >= limit) break;
    const larger = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
  }
  return buffer.subarray(0, length);
}

function tooLarge(maxBytes: number, size: number): string {
  const shown = formatOverLimit(size, maxBytes);
  return `larger than the ${shown.limit} limit (${shown.size})`;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return code ?? (error instanceof Error ? error.message : String(error));
}
