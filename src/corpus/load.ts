import { createHash } from 'node:crypto';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { slicer } from '../background.js';
import { parseArticle, type ArticleInput } from './article.js';
import { compileBoilerplate, type BoilerplateRules } from './boilerplate.js';
import { UserError } from '../errors.js';
import type { Article, Corpus, SkippedFile } from './types.js';

export interface LoadOptions {
  readonly boilerplate: BoilerplateRules;
  /** Files larger than this are skipped rather than read into memory. */
  readonly maxFileBytes: number;
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
}

/** Reads and checks the files of a corpus folder, without parsing them (a prebuilt index may make that unnecessary). */
export async function readCorpusFiles(dir: string, options: Pick<LoadOptions, 'maxFileBytes'>): Promise<CorpusFiles> {
  const root = path.resolve(dir);
  let names: string[];
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new CorpusError(`The corpus path ${root} is not a folder.`);
    names = (await readdir(root)).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError(`The corpus folder ${root} cannot be read (${describeFsError(error)}).`);
  }
  const realRoot = await realpath(root);
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  // Files are read a few at a time: faster than one by one, without opening thousands at once.
  for (let i = 0; i < names.length; i += PARALLEL_READS) {
    const batch = names.slice(i, i + PARALLEL_READS);
    const reads = await Promise.all(batch.map((name) => readArticleFile(realRoot, root, name, options.maxFileBytes)));
    reads.forEach((result, k) => {
      const source = batch[k] as string;
      if ('reason' in result) skipped.push({ source, reason: result.reason });
      else files.push({ source, ...result });
    });
  }
  if (files.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.length} skipped: ${skipped.map((s) => `${s.source}: ${s.reason}`).join('; ')})` : '';
    throw new CorpusError(`The corpus folder ${root} has no usable .txt article${why}.`);
  }
  return { dir: root, files, skipped };
}

/**
 * Parses checked files into articles with corpus-wide passage ids, in short slices that pause
 * for the bot's commands (see background.ts), so that a bot parsing a new corpus keeps
 * answering from the old one.
 */
export async function parseCorpus(read: CorpusFiles, options: Pick<LoadOptions, 'boilerplate'>): Promise<Corpus> {
  const rules = compileBoilerplate(options.boilerplate);
  const articles: Article[] = [];
  let nextId = 0;
  const slice = slicer();
  for (const file of read.files) {
    const pausing = slice();
    if (pausing) await pausing;
    const article = parseArticle(file, rules, nextId);
    nextId += article.passages.length;
    articles.push(article);
  }
  return { dir: read.dir, articles, skipped: read.skipped };
}

const PARALLEL_READS = 16;

type FileRead = { text: string; hash: string; mtimeMs: number } | { reason: string };

async function readArticleFile(realRoot: string, root: string, name: string, maxBytes: number): Promise<FileRead> {
  const full = path.join(root, name);
  try {
    const link = await lstat(full);
    if (link.isSymbolicLink()) {
      const target = await realpath(full);
      const relative = path.relative(realRoot, target);
      if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
        return { reason: 'symbolic link that leads outside the corpus folder' };
      }
    }
    const info = await stat(full);
    if (info.isDirectory()) return { reason: 'a folder, not a file' };
    if (!info.isFile()) return { reason: 'not a regular file' };
    if (info.size === 0) return { reason: 'empty file' };
    if (info.size > maxBytes) return { reason: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(info.size)})` };
    const handle = await open(full, 'r');
    let bytes: Buffer;
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (bytes.includes(0)) return { reason: 'contains NUL bytes (binary file?)' };
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      return { reason: 'not valid UTF-8 text' };
    }
    if (text.trim() === '') return { reason: 'empty file' };
    return { text, hash: createHash('sha256').update(bytes).digest('hex'), mtimeMs: info.mtimeMs };
  } catch (error) {
    return { reason: `unreadable (${describeFsError(error)})` };
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return code ?? (error instanceof Error ? error.message : String(error));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
