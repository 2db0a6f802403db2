/**
 * Finds quoted stretches of a paragraph. Curly double quotes are unambiguous; straight quotes
 * and single quotes are told apart from apostrophes by what stands on either side of them, the
 * way a reader does: an apostrophe sits inside a word (Kim’s, O’Brien, that’s) or starts a
 * known elision (’90s, rock ’n’ roll, ’em), a quote mark opens after a space and closes before one.
 */

export interface QuoteSpan {
  /** Index of the opening mark in the paragraph text. */
  readonly open: number;
  /** Index of the closing mark, or -1 when the quotation runs to the end of the paragraph (continued in the next one). */
  readonly close: number;
  /** Start and end (exclusive) of the quoted words, marks excluded. */
  readonly start: number;
  readonly end: number;
  readonly style: 'double' | 'single';
}

interface Mark {
  readonly index: number;
  readonly style: 'double' | 'single';
  readonly canOpen: boolean;
  readonly canClose: boolean;
  /** A closing single mark after a plural -s ("the workers’ union"): possibly a possessive apostrophe. */
  readonly weak: boolean;
}

const DOUBLE_OPEN = new Set(['\u201C', '\u201E', '\u201F', '\u00AB']);
const DOUBLE_CLOSE = new Set(['\u201D', '\u00BB']);
const SINGLE_OPEN = '\u2018';
const SINGLE_CLOSE = '\u2019';
const ALL_QUOTES = /["'\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB]/u;

/** Elisions that begin with an apostrophe: ’90s, ’n’, ’em, ’tis, ’twas, ’til. */
const LEADING_ELISION = /^(?:\d0s|\d\d\b|n['\u2018\u2019]|em\b|tis\b|twas\b|til\b)/iu;

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
/** Characters after which a mark can open a quotation. */
const isOpenContext = (c: string | undefined): boolean => c === undefined || /[\s([{\u2014\u2013/-]/u.test(c) || ALL_QUOTES.test(c);
/** Characters before which a mark can close a quotation. */
const isCloseContext = (c: string | undefined): boolean =>
  c === undefined || /[\s.,;:!?)\]}\u2014\u2013\u2026-]/u.test(c) || ALL_QUOTES.test(c);

/** The marks `classify` reads: every other character is skipped at once. */
const MARK_CHARACTERS = /["'\u2018\u2019\u201C\u201D\u201E\u201F\u00AB\u00BB]/gu;

function classify(text: string): Mark[] {
  const marks: Mark[] = [];
  for (const found of text.matchAll(MARK_CHARACTERS)) {
    const i = found.index;
    const c = found[0];
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = text[i + 1];
    if (DOUBLE_OPEN.has(c)) marks.push({ index: i, style: 'double', canOpen: true, canClose: false, weak: false });
    else if (DOUBLE_CLOSE.has(c)) marks.push({ index: i, style: 'double', canOpen: false, canClose: true, weak: false });
    else if (c === '"') {
      let canOpen = isOpenContext(prev) && !isSpace(next);
      let canClose = !isSpace(prev) && isCloseContext(next);
      if (!canOpen && !canClose) canOpen = canClose = true;
      marks.push({ index: i, style: 'double', canOpen, canClose, weak: false });
    } else if (c === SINGLE_OPEN || c === SINGLE_CLOSE || c === "'") {
      if (isWordChar(prev) && isWordChar(next)) continue; // inside a word: Kim’s, O’Brien, that’s
      const opensElision = isOpenContext(prev) && LEADING_ELISION.test(text.slice(i + 1, i + 6));
      const closesElision = /^\s?['\u2018\u2019]n$/iu.test(text.slice(Math.max(0, i - 3), i)) && isSpace(next);
      if (opensElision || closesElision) continue; // ’90s, rock ’n’ roll
      // A right single quote before a word is an elision apostrophe (’em), never an opening mark.
      const canOpen = c !== SINGLE_CLOSE && isOpenContext(prev) && !isSpace(next);
      const canClose = c !== SINGLE_OPEN && !isSpace(prev) && isCloseContext(next);
      if (!canOpen && !canClose) continue;
      const weak = canClose && /[sS]/u.test(prev ?? '') && /^\s+\p{Ll}/u.test(text.slice(i + 1, i + 4));
      marks.push({ index: i, style: 'single', canOpen, canClose, weak });
    }
  }
  return marks;
}

/**
 * Top-level quotations of a paragraph, in order. A quotation nested in another (‘…’ inside
 * “…”) stays part of the outer one: the outer speaker is quoting it, so it is not a separate
 * quotation by anyone we could name.
 */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const marks = classify(text);
  const stack: Mark[] = [];
  const matched: QuoteSpan[] = [];
  for (let m = 0; m < marks.length; m++) {
    const mark = marks[m]!;
    if (mark.canClose) {
      const at = findLastIndex(stack, (open) => open.style === mark.style);
      if (at >= 0 && !(mark.weak && strongerCloserFollows(marks, m))) {
        const opener = stack[at]!;
        stack.length = at; // marks opened inside and never closed were apostrophes after all
        matched.push({ open: opener.index, close: mark.index, start: opener.index + 1, end: mark.index, style: mark.style });
        continue;
      }
    }
    if (mark.canOpen) stack.push(mark);
  }
  // A double quote left open after the last quotation runs to the end: the news convention for a
  // quotation continued in the next paragraph. One left open before other quotations was a stray mark.
  const lastClose = matched.reduce((max, span) => Math.max(max, span.close), -1);
  const unclosed = stack.find((open) => open.style === 'double' && open.index > lastClose);
  if (unclosed && text.slice(unclosed.index + 1).trim() !== '') {
    matched.push({ open: unclosed.index, close: -1, start: unclosed.index + 1, end: text.length, style: 'double' });
  }
  const spans = matched.filter((span) => text.slice(span.start, span.end).trim() !== '').sort((a, b) => a.open - b.open);
  return spans.filter((span) => !spans.some((outer) => outer !== span && outer.open < span.open && outerEnd(outer, text) > span.open));
}

function outerEnd(span: QuoteSpan, text: string): number {
  return span.close < 0 ? text.length : span.close;
}

/** Whether a later single mark could close the same quotation, before any double mark closes around it. */
function strongerCloserFollows(marks: readonly Mark[], from: number): boolean {
  for (let i = from + 1; i < marks.length; i++) {
    const mark = marks[i]!;
    if (mark.style === 'double' && mark.canClose && !mark.canOpen) return false;
    if (mark.style === 'single' && mark.canClose && !mark.weak) return true;
  }
  return false;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}
