/**
 * The public question sets and the corpora they are asked of, in one shape, for the quality
 * harness (`npm run eval`) and the ranking fit (`npm run fit`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../src/platform/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildLibrary, type Library } from '../../src/library/library.js';

export interface EvalQuestion {
  readonly id: string;
  readonly q: string;
  /** Citations (FILE:LINE) of the passages that answer it; empty for a question the corpus cannot answer. */
  readonly gold: readonly string[];
  /** Strings a right answer sentence holds (any one, case-insensitive); empty when the set gives none. */
  readonly answers: readonly string[];
}

export interface EvalSet {
  readonly name: string;
  /** Which corpus the set is about: sets of one corpus are asked of the others' as off-corpus questions. */
  readonly corpus: CorpusName;
  readonly answerable: readonly EvalQuestion[];
  /** Questions written about this corpus that it does not answer (they should not be answered confidently). */
  readonly unanswerable: readonly EvalQuestion[];
}

export const CORPUS_NAMES = ['seeds', 'squad-dev', 'newsroom'] as const;
export type CorpusName = (typeof CORPUS_NAMES)[number];

export const CORPUS_DIRS: Readonly<Record<CorpusName, string>> = {
  seeds: path.join(PROJECT_ROOT, 'seeds'),
  'squad-dev': path.join(PROJECT_ROOT, 'bench', 'data', 'squad-dev', 'corpus'),
  newsroom: path.join(PROJECT_ROOT, 'bench', 'data', 'newsroom', 'corpus'),
};

/** One value per corpus, made from its name. */
export function byCorpus<T>(make: (corpus: CorpusName) => T): Record<CorpusName, T> {
  return Object.fromEntries(CORPUS_NAMES.map((corpus) => [corpus, make(corpus)])) as Record<CorpusName, T>;
}

interface SeedFile {
  questions: Array<{ id: string; q: string; gold: string[]; expect?: string[] }>;
  abstain: Array<{ id: string; q: string }>;
}

interface SquadFile {
  questions: Array<{ id: string; q: string; gold: string[]; answers: string[]; impossible: boolean }>;
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(path.join(PROJECT_ROOT, ...parts), 'utf8')) as T;
}

function seedStyle(name: string, corpus: CorpusName, file: string[]): EvalSet {
  const data = readJson<SeedFile>(...file);
  return {
    name,
    corpus,
    answerable: data.questions.map((q) => ({ id: q.id, q: q.q, gold: q.gold, answers: q.expect ?? [] })),
    unanswerable: data.abstain.map((q) => ({ id: q.id, q: q.q, gold: [], answers: [] })),
  };
}

/** squad-dev split by article, so that cross-validation can hold one article out. */
function squadSets(): EvalSet[] {
  const data = readJson<SquadFile>('bench', 'data', 'squad-dev', 'questions.json');
  const articles = [...new Set(data.questions.flatMap((q) => q.gold.map((g) => g.split(':')[0] ?? '')))].sort();
  return articles.map((article) => {
    const mine = data.questions.filter((q) => q.gold.some((g) => g.startsWith(`${article}:`)));
    const toQuestion = (q: SquadFile['questions'][number]): EvalQuestion => ({
      id: q.id,
      q: q.q,
      gold: q.impossible ? [] : q.gold,
      answers: q.answers,
    });
    return {
      name: `squad:${article.replace(/\.txt$/, '')}`,
      corpus: 'squad-dev' as const,
      answerable: mine.filter((q) => !q.impossible).map(toQuestion),
      unanswerable: mine.filter((q) => q.impossible).map(toQuestion),
    };
  });
}

/**
 * Every public set: the seed questions, our paraphrase set, squad-dev (one set per article), and
 * the newsroom's trials (questions new users wrote about news articles on several topics).
 */
export function loadEvalSets(): EvalSet[] {
  return [
    seedStyle('seeds', 'seeds', ['test', 'fixtures', 'ask-questions.json']),
    seedStyle('paraphrase', 'seeds', ['test', 'fixtures', 'paraphrase-questions.json']),
    ...squadSets(),
    seedStyle('newsroom:trial-1', 'newsroom', ['bench', 'data', 'newsroom', 'trial-1.json']),
    seedStyle('newsroom:trial-2', 'newsroom', ['bench', 'data', 'newsroom', 'trial-2.json']),
    seedStyle('newsroom:trial-3', 'newsroom', ['bench', 'data', 'newsroom', 'trial-3.json']),
    seedStyle('newsroom:trial-4', 'newsroom', ['bench', 'data', 'newsroom', 'trial-4.json']),
    seedStyle('newsroom:trial-5', 'newsroom', ['bench', 'data', 'newsroom', 'trial-5.json']),
    seedStyle('newsroom:trial-6', 'newsroom', ['bench', 'data', 'newsroom', 'trial-6.json']),
    seedStyle('newsroom:trial-7', 'newsroom', ['bench', 'data', 'newsroom', 'trial-7.json']),
  ];
}

/** The libraries of every corpus, built the way the bot builds them. */
export async function loadLibraries(): Promise<Record<CorpusName, Library>> {
  const config = loadConfig({});
  const libraries: Partial<Record<CorpusName, Library>> = {};
  for (const corpus of CORPUS_NAMES) libraries[corpus] = await buildLibrary(await loadCorpus(CORPUS_DIRS[corpus], config));
  return libraries as Record<CorpusName, Library>;
}

/**
 * The corpus a set's questions are asked of as off-corpus questions: the seeds' of squad-dev's,
 * the others' of the seeds' (the newsroom's, news of other places asked of other news).
 */
export function otherCorpus(name: CorpusName): CorpusName {
  return name === 'seeds' ? 'squad-dev' : 'seeds';
}
