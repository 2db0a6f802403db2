import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBenchCorpora,
  countWords,
  detokenizeBrown,
  loadSourceDocuments,
  selectDocuments,
  splitSentences,
  type BenchCorpus,
} from '../../bench/corpora.js';

const dirs: string[] = [];
let first: BenchCorpus;
let second: BenchCorpus;

async function readAll(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) out.set(name, await readFile(path.join(dir, name), 'utf8'));
  return out;
}

/** The question's words: "what about A B C?" and "A B C" both give [A, B, C]. */
function questionWords(q: string): string[] {
  return q
    .replace(/^what about /u, '')
    .replace(/\?$/u, '')
    .split(' ');
}

describe('bench corpora (small)', () => {
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(path.join(tmpdir(), 'citebot-corpora-')));
    const build = async (outDir: string | undefined): Promise<BenchCorpus> => {
      const [corpus] = await buildBenchCorpora({ outDir, sizes: ['small'], force: true });
      if (!corpus) throw new Error('no small corpus built');
      return corpus;
    };
    first = await build(dirs[0]);
    second = await build(dirs[1]);
  }, 60_000);

  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is deterministic: byte-identical files and identical questions', async () => {
    const a = await readAll(first.dir);
    const b = await readAll(second.dir);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
    expect(second.questions).toEqual(first.questions);
    expect({ ...second, dir: '' }).toEqual({ ...first, dir: '' });
  });

  it('reuses a build whose manifest matches', async () => {
    const messages: string[] = [];
    const [again] = await buildBenchCorpora({ outDir: dirs[0], sizes: ['small'], log: (m) => messages.push(m) });
    expect(messages.join('\n')).toMatch(/small: up to date/u);
    expect(again).toEqual(first);
  });

  it('writes article files: title, blank line, one paragraph a line, each followed by a blank line', async () => {
    const files = await readAll(first.dir);
    expect(files.size).toBe(first.files);
    expect([...files.keys()].every((f) => /^(brown_c[a-r]\d\d|sotu_\d{4}_[a-z]+(_\d)?|factbook_[a-z]{2})\.txt$/u.test(f))).toBe(true);
    let paragraphs = 0;
    let words = 0;
    for (const [name, text] of files) {
      const lines = text.split('\n');
      expect(lines[0]?.trim(), name).not.toBe('');
      expect(text.endsWith('\n\n'), name).toBe(true);
      lines.pop(); // the final newline
      for (let i = 1; i < lines.length; i++) {
        expect(lines[i] === '', `${name}:${i + 1}`).toBe(i % 2 === 1);
      }
      paragraphs += (lines.length - 2) / 2;
      words += countWords(text);
    }
    expect(paragraphs).toBe(first.paragraphs);
    expect(words).toBe(first.words);
  });

  it('has about 0.1 M words', () => {
    expect(first.words).toBeGreaterThanOrEqual(98_000);
    expect(first.words).toBeLessThanOrEqual(102_000);
    expect(first.paragraphs).toBeGreaterThan(500);
  });

  it('asks questions whose line is the paragraph they were drawn from', async () => {
    expect(first.questions).toHaveLength(300);
    expect(new Set(first.questions.map((q) => q.q.toLowerCase())).size).toBe(300);
    const files = await readAll(first.dir);
    for (const { q, source, line } of first.questions) {
      const lines = files.get(source)?.split('\n');
      expect(lines, source).toBeDefined();
      const paragraph = lines?.[line - 1] ?? '';
      expect(line % 2 === 1 && line >= 3, `${source}:${line}`).toBe(true);
      expect(lines?.[line - 2], `${source}:${line - 1}`).toBe('');
      const words = questionWords(q);
      expect(words.length).toBeGreaterThanOrEqual(4);
      expect(words.length).toBeLessThanOrEqual(7);
      // Every word occurs in the paragraph, in the question's order.
      const haystack = paragraph.toLowerCase();
      let at = 0;
      for (const w of words) {
        const found = haystack.indexOf(w.toLowerCase(), at);
        expect(found, `"${w}" of "${q}" in ${source}:${line}`).toBeGreaterThanOrEqual(0);
        at = found + w.length;
      }
    }
  });
});

describe('bench corpora sources and sizes', () => {
  it('selects medium ≈ 1 M and large ≥ 3 M words, deterministically', () => {
    const all = loadSourceDocuments();
    expect(new Set(all.map((d) => d.source))).toEqual(new Set(['brown', 'sotu', 'factbook']));
    const medium = selectDocuments(all, 'medium');
    const mediumWords = medium.reduce((n, d) => n + d.words, 0);
    expect(mediumWords).toBeGreaterThanOrEqual(980_000);
    expect(mediumWords).toBeLessThanOrEqual(1_020_000);
    expect(selectDocuments(all, 'medium').map((d) => d.file)).toEqual(medium.map((d) => d.file));
    const large = selectDocuments(all, 'large');
    expect(large.reduce((n, d) => n + d.words, 0)).toBeGreaterThanOrEqual(3_000_000);
  }, 30_000);

  it('rebuilds Brown sentences from tagged tokens', () => {
    expect(detokenizeBrown("\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, (/( Atlanta's/np$ )/) Jr./np ./.")).toBe(
      'The jury said "no evidence", (Atlanta\'s) Jr.',
    );
    expect(detokenizeBrown('Merger/nn-hl proposed/vbn-hl')).toBe('Merger proposed.');
  });

  it('splits sentences without breaking at abbreviations or initials', () => {
    expect(splitSentences('Mr. Smith met Gen. Grant in St. Louis. He was glad. 2. The U.S. Navy sailed.')).toEqual([
      'Mr. Smith met Gen. Grant in St. Louis.',
      'He was glad.',
      '2. The U.S. Navy sailed.',
    ]);
  });
});
