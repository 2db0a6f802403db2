/** What a line of an article is for: only `body` and `heading` lines are ever offered as answers. */
export type PassageKind = 'title' | 'body' | 'heading' | 'boilerplate';

/** A unit of text that can be cited: usually one paragraph line of the file. */
export interface Passage {
  /** Dense id across the whole corpus, stable for one build. */
  readonly id: number;
  /** The article's file name, e.g. `000_e54da9ff0ce102d3.txt`. */
  readonly source: string;
  /** 1-based line number of the first line, as an editor shows it. */
  readonly line: number;
  /** 1-based line number of the last line (equal to `line` for one-line passages). */
  readonly endLine: number;
  /** The original text, exactly as in the file (lines joined with a space when a passage spans lines). */
  readonly text: string;
  readonly kind: PassageKind;
  /** Why a line was judged boilerplate or a heading, for debugging and tests. */
  readonly reason?: string;
}

export interface Article {
  /** The file name; it doubles as the article id. */
  readonly source: string;
  readonly title: string;
  /** 1-based line of the title, or 0 when the title had to be made up from the file name. */
  readonly titleLine: number;
  /** Every line of the file, original characters, without line terminators; `lines[0]` is line 1. */
  readonly lines: readonly string[];
  /** Non-blank passages in file order, boilerplate included (marked), duplicates excluded. */
  readonly passages: readonly Passage[];
  /** sha256 of the file bytes, to tell changed files on reload. */
  readonly hash: string;
  /** File modification time in ms, used to order articles newest first. */
  readonly mtimeMs: number;
  /** Where the article was published, from an optional sidecar file (never from the text: its lines are citations). */
  readonly meta?: ArticleMeta;
}

/** An article's publication details, all optional. */
export interface ArticleMeta {
  /** The article on the web (http or https). */
  readonly url?: string;
  readonly publisher?: string;
  /** The publication date, as an ISO date (YYYY-MM-DD). */
  readonly published?: string;
}

/** A file that was not loaded, and why, in words an admin can act on. */
export interface SkippedFile {
  readonly source: string;
  readonly reason: string;
}

/** Something wrong in the metadata sidecar (`sources.json`); the rest of it, and every article, still load. */
export interface MetadataProblem {
  /** The article file the entry names (shortened and escaped when it is no file of the folder); absent for the sidecar as a whole. */
  readonly source?: string;
  readonly reason: string;
}

export interface Corpus {
  readonly dir: string;
  readonly articles: readonly Article[];
  readonly skipped: readonly SkippedFile[];
  /** Problems with the metadata sidecar; absent or empty when there are none (or no sidecar). */
  readonly metadataProblems?: readonly MetadataProblem[];
}

/** The passages of an article that may be offered as answers: everything but boilerplate. */
export function answerablePassages(article: Article): Passage[] {
  return article.passages.filter((p) => p.kind !== 'boilerplate');
}

/** Whether a line of the article is its headline: the title line, or in a passage read as a title. */
export function isHeadline(article: Article, line: number): boolean {
  return line === article.titleLine || article.passages.some((p) => p.kind === 'title' && line >= p.line && line <= p.endLine);
}

/** Formats a citation the way users see it: `FILE:LINE` or `FILE:LINE-LINE`. */
export function formatCitation(p: { source: string; line: number; endLine?: number }): string {
  return p.endLine !== undefined && p.endLine !== p.line ? `${p.source}:${p.line}-${p.endLine}` : `${p.source}:${p.line}`;
}
