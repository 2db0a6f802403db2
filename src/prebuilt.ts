import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from './config.js';
import { parseCorpus, readCorpusFiles, type CorpusFiles, type LoadOptions } from './corpus/load.js';
import type { Article, Corpus } from './corpus/types.js';
import { assembleLibrary, buildLibrary, type Library } from './library.js';
import { sharedLexicon } from './search/lexicon.js';
import { PassageIndex, type IndexSnapshot } from './search/passage-index.js';

/** Bumped when the saved format changes; code changes are caught by the source fingerprint. */
const FORMAT_VERSION = 1;
/** The code that decides what a saved index contains: a change to any of it invalidates every save. */
const FINGERPRINTED_DIRS = ['src/corpus', 'src/text', 'src/search'];

export interface OpenOptions extends LoadOptions {
  /** Folder for prebuilt indexes; undefined to always build from text. */
  readonly cacheDir?: string | undefined;
  /**
   * Whether to save a newly built index (default true). Reloads pass false: serialising a large
   * index blocks the process for a moment, and a running bot must keep answering.
   */
  readonly save?: boolean;
}

export interface OpenedLibrary {
  readonly library: Library;
  /** Whether the index was loaded from a prebuilt file rather than built from text. */
  readonly prebuilt: boolean;
}

interface SavedLibrary {
  readonly key: string;
  readonly articles: readonly Article[];
  readonly index: IndexSnapshot;
}

/**
 * Opens the corpus in `dir`: reads and checks its files, then loads the prebuilt index saved
 * for exactly these file contents and this code, or parses and indexes the text and saves the
 * result for the next start. A stale index is never served: the key covers every file's bytes,
 * the settings and the source of the code that builds it.
 */
export async function openLibrary(dir: string, options: OpenOptions): Promise<OpenedLibrary> {
  const files = await readCorpusFiles(dir, options);
  if (!options.cacheDir) return { library: await buildLibrary(await parseCorpus(files, options)), prebuilt: false };

  const key = await libraryKey(files, options);
  const file = path.join(options.cacheDir, `index-${key.slice(0, 32)}.json`);
  const saved = await readSaved(file, key);
  if (saved) {
    const started = performance.now();
    const corpus: Corpus = { dir: files.dir, articles: saved.articles, skipped: files.skipped };
    const index = await PassageIndex.restore(corpus, saved.index);
    return { library: assembleLibrary(corpus, index, sharedLexicon(), performance.now() - started), prebuilt: true };
  }
  const library = await buildLibrary(await parseCorpus(files, options));
  if (options.save ?? true) await save(options.cacheDir, file, { key, articles: library.corpus.articles, index: library.index.snapshot() });
  return { library, prebuilt: false };
}

async function readSaved(file: string, key: string): Promise<SavedLibrary | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as SavedLibrary;
    return saved.key === key ? saved : undefined;
  } catch {
    // Missing or unreadable (a crash while writing leaves no file: saves are renamed into place): build anew.
    return undefined;
  }
}

async function save(dir: string, file: string, saved: SavedLibrary): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(saved));
    await rename(temporary, file);
  } catch {
    // A read-only or full disk only costs the next start some time; the bot itself is unaffected.
  }
}

let fingerprint: Promise<string> | undefined;

/** A hash of the source files that shape the index. */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256');
    for (const dir of FINGERPRINTED_DIRS) {
      const full = path.join(PROJECT_ROOT, dir);
      for (const name of (await readdir(full)).sort()) {
        hash.update(name).update(await readFile(path.join(full, name)));
      }
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}

async function libraryKey(files: CorpusFiles, options: LoadOptions): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT_VERSION}\n`).update(await codeFingerprint()).update(JSON.stringify(options.boilerplate));
  for (const file of files.files) hash.update(`\n${file.source}\0${file.hash}\0${file.mtimeMs}`);
  return hash.digest('hex');
}
