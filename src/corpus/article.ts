import { createHash } from 'node:crypto';
import { isTeaserMarker, lineChromeReason, looksLikeHeading, type CompiledBoilerplate } from './boilerplate.js';
import { foldPunctuation } from './normalize.js';
import { detectTitle } from './title.js';
import type { Article, Passage, PassageKind } from './types.js';

export interface ArticleInput {
  readonly source: string;
  readonly text: string;
  readonly hash?: string;
  readonly mtimeMs?: number;
}

/**
 * Splits a file into lines exactly as an editor numbers them: `\n` ends a line and a `\r`
 * before it belongs to the terminator, so CRLF files cite the same numbers as LF files.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // A final newline terminates the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Turns one file into an article: its title, and its passages with exact line numbers and
 * a kind that says whether they may be offered as answers.
 *
 * `firstId` lets the caller give passages ids that are unique across the corpus.
 */
export function parseArticle(input: ArticleInput, rules: CompiledBoilerplate, firstId = 0): Article {
  const lines = splitLines(input.text);
  const title = detectTitle(lines, rules);
  const passages: Passage[] = [];
  const seen = new Set<string>();
  let inTeaserBlock = false;
  let bodyStarted = false;

  for (const block of paragraphBlocks(lines)) {
    const text = block.text;
    let kind: PassageKind;
    let reason: string | undefined;
    // Asked at most once a line: normalizing a long paragraph costs more than the rest of the tests.
    let teaser: boolean | undefined;
    const opensTeasers = () => (teaser ??= isTeaserMarker(text, rules));
    if (block.start === title.index) {
      kind = 'title';
    } else if (title.index >= 0 && block.start < title.index) {
      [kind, reason] = ['boilerplate', 'site chrome above the headline'];
    } else if (inTeaserBlock) {
      [kind, reason] = ['boilerplate', 'teaser block'];
    } else if (bodyStarted && opensTeasers()) {
      inTeaserBlock = true;
      [kind, reason] = ['boilerplate', 'teaser marker'];
    } else if ((reason = lineChromeReason(text, rules) ?? (opensTeasers() ? 'navigation label' : undefined))) {
      kind = 'boilerplate';
    } else if (looksLikeHeading(text)) {
      [kind, reason] = ['heading', 'short line without sentence punctuation'];
    } else {
      kind = 'body';
      bodyStarted = true;
    }

    // The same paragraph twice (a standfirst repeated as a pull quote) is answered once, at its first line.
    if (kind === 'body' || kind === 'heading' || kind === 'title') {
      // Quotes, case and spacing folded; diacritics are left alone, a repeat being a copy of the same text.
      const key = foldPunctuation(text).replace(/\s+/g, ' ').toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
    }
    passages.push({
      id: firstId + passages.length,
      source: input.source,
      line: block.start + 1,
      endLine: block.end + 1,
      text,
      kind,
      ...(reason ? { reason } : {}),
    });
  }

  return {
    source: input.source,
    title: title.index >= 0 ? title.text : input.source.replace(/\.txt$/iu, ''),
    titleLine: title.index + 1,
    lines,
    passages,
    hash: input.hash ?? createHash('sha256').update(input.text).digest('hex'),
    mtimeMs: input.mtimeMs ?? 0,
  };
}

interface Block {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * One block per non-blank line, except that a hard-wrapped paragraph (a line without closing
 * punctuation followed by one that continues in lower case) stays one passage with a line range.
 */
function* paragraphBlocks(lines: readonly string[]): Generator<Block> {
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    if (first.trim() === '') {
      i++;
      continue;
    }
    let end = i;
    let text = first.trim();
    while (end + 1 < lines.length && continuesParagraph(lines[end] ?? '', lines[end + 1] ?? '')) {
      end++;
      text += ' ' + (lines[end] ?? '').trim();
    }
    yield { start: i, end, text };
    i = end + 1;
  }
}

function continuesParagraph(line: string, next: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= 40 && !/[.!?:;"”’')\]]$/u.test(trimmed) && /^\s*\p{Ll}/u.test(next);
}
