import type { Corpus } from './corpus/types.js';
import type { Library } from './library.js';

/** What changed in one file between the served corpus and the new one. */
export type FileChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ReloadReport {
  readonly files: ReadonlyArray<{ readonly source: string; readonly change: FileChange }>;
  readonly skipped: ReadonlyArray<{ readonly source: string; readonly reason: string }>;
  readonly articles: number;
  readonly passages: number;
  readonly quotations: number;
  readonly ms: number;
}

/**
 * Holds the library every answer is made from. A reload builds a complete new library beside
 * the live one and swaps one reference: questions asked meanwhile are answered from the old
 * one, and a failed reload leaves it serving. Reloads asked for while one runs join it.
 */
export class LibraryHolder {
  private live: Library;
  private running: Promise<ReloadReport> | undefined;

  constructor(
    initial: Library,
    private readonly build: () => Promise<Library>,
  ) {
    this.live = initial;
  }

  get current(): Library {
    return this.live;
  }

  /** Whether a reload is under way (a second request joins it instead of starting another). */
  get reloading(): boolean {
    return this.running !== undefined;
  }

  reload(): Promise<ReloadReport> {
    this.running ??= this.rebuild().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async rebuild(): Promise<ReloadReport> {
    const started = performance.now();
    const next = await this.build();
    // Quotations are extracted before the swap, so /quote never waits on a library still reading them.
    const quotations = (await next.quotes()).quotations.length;
    const report = compareCorpora(this.live.corpus, next.corpus);
    this.live = next;
    return { ...report, passages: next.index.size, quotations, ms: Math.round(performance.now() - started) };
  }
}

/** Per-file differences between two corpora, by file name and content hash. */
export function compareCorpora(before: Corpus, after: Corpus): Omit<ReloadReport, 'ms' | 'quotations' | 'passages'> {
  const old = new Map(before.articles.map((a) => [a.source, a.hash]));
  const files: Array<{ source: string; change: FileChange }> = [];
  for (const article of after.articles) {
    const hash = old.get(article.source);
    files.push({ source: article.source, change: hash === undefined ? 'added' : hash === article.hash ? 'unchanged' : 'changed' });
    old.delete(article.source);
  }
  for (const source of old.keys()) files.push({ source, change: 'removed' });
  files.sort((a, b) => a.source.localeCompare(b.source));
  return {
    files,
    skipped: after.skipped,
    articles: after.articles.length,
  };
}
