import type { Corpus, MetadataProblem } from '../corpus/types.js';
import { UserError } from '../platform/errors.js';
import type { Library } from './library.js';

/** What changed in one file between the served corpus and the new one. */
export type FileChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ReloadReport {
  readonly files: ReadonlyArray<{ readonly source: string; readonly change: FileChange }>;
  readonly skipped: ReadonlyArray<{ readonly source: string; readonly reason: string }>;
  /** What was wrong in the metadata sidecar (the articles loaded anyway, without the bad details). */
  readonly metadataProblems: readonly MetadataProblem[];
  readonly articles: number;
  /** How many articles have publication details from the sidecar. */
  readonly articlesWithMetadata: number;
  readonly passages: number;
  readonly quotations: number;
  readonly ms: number;
}

/** A reload that ran past its deadline: it was given up and the library from before keeps serving. */
export class ReloadTimeoutError extends UserError {
  override readonly name = 'ReloadTimeoutError';
}

/** Builds a new library; should stop (reject) soon after `signal` aborts. */
export type LibraryBuilder = (signal: AbortSignal) => Promise<Library>;

export interface HolderOptions {
  /**
   * How long a reload may take before it is given up (default 60 s), or how to work it out from
   * the library served when the reload starts (see `deadlinePerMillionWords`).
   */
  readonly deadlineMs?: number | ((served: Library) => number);
}

export const DEFAULT_RELOAD_DEADLINE_MS = 60_000;

/**
 * A deadline that grows with the corpus: `ms` for every million words the served library's
 * passages hold, and never less than `ms`. A reload rebuilds about as much as is served (in the
 * bench, under questions, 16 s for 1 M words and 62 s for 3 M), so a fixed deadline that fits a
 * small corpus would refuse every reload of a large one.
 */
export function deadlinePerMillionWords(ms: number): (served: Library) => number {
  return (served) => ms * Math.max(1, (served.index.averageWords * served.index.size) / 1_000_000);
}

/**
 * Holds the library every answer is made from. A reload builds a complete new library beside
 * the live one and swaps one reference: questions asked meanwhile are answered from the old
 * one, and a failed reload leaves it serving. Reloads asked for while one runs join it, and
 * share its outcome. A reload past its deadline fails with a reason and never swaps, even if
 * its build finishes later, so no reload can leave everyone who joined it waiting for good.
 */
export class LibraryHolder {
  private live: Library;
  private running: Promise<ReloadReport> | undefined;
  private readonly deadlineMs: (served: Library) => number;

  constructor(
    initial: Library,
    private readonly build: LibraryBuilder,
    options: HolderOptions = {},
  ) {
    this.live = initial;
    const deadline = options.deadlineMs ?? DEFAULT_RELOAD_DEADLINE_MS;
    this.deadlineMs = typeof deadline === 'number' ? () => deadline : deadline;
  }

  get current(): Library {
    return this.live;
  }

  /** Whether a reload is under way (a second request joins it instead of starting another). */
  get reloading(): boolean {
    return this.running !== undefined;
  }

  reload(): Promise<ReloadReport> {
    this.running ??= this.rebuildWithin(this.deadlineMs(this.live)).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private rebuildWithin(deadlineMs: number): Promise<ReloadReport> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new ReloadTimeoutError(
          `The reload took longer than ${formatSeconds(deadlineMs)} and was stopped; the articles from before keep serving. Check the corpus folder and try again.`,
        );
        controller.abort(error);
        reject(error);
      }, deadlineMs);
    });
    const work = this.rebuild(controller.signal);
    // Past the deadline nobody waits for the build any more; its own failure is then of no interest.
    work.catch(() => undefined);
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  }

  private async rebuild(signal: AbortSignal): Promise<ReloadReport> {
    const started = performance.now();
    const next = await this.build(signal);
    // Quotations are extracted before the swap, so /quote never waits on a library still reading them.
    const quotations = (await next.quotes()).quotations.length;
    signal.throwIfAborted();
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
    metadataProblems: after.metadataProblems ?? [],
    articles: after.articles.length,
    articlesWithMetadata: after.articles.filter((a) => a.meta !== undefined).length,
  };
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
