import {
  lookupQuotes,
  QuoteError,
  suggestSources,
  suggestSpeakers,
  type QuoteGroup,
  type QuoteQuery,
  type QuoteResult,
} from '../quote/lookup.js';
import { UserError } from '../platform/errors.js';
import { QUOTE, type OptionsOf } from './definitions.js';
import {
  cite,
  highlighted,
  MAX_CHOICE_LENGTH,
  MAX_CHOICES,
  stripInvisible,
  truncate,
  userText,
  type Choice,
  type Reply,
  type ReplyField,
  type ReplyPage,
} from './reply.js';
import { plural } from '../text/plural.js';
import { defineCommand } from './types.js';
import { contextView } from './context.js';

/** Cited lines (each with its quotations) listed per page where replies page (the console shows them all). */
export const QUOTES_PER_PAGE = 5;
/** /quote [text] [speaker] [source] [line]: quotations by words, by speaker, or the line cited. */
export const quoteCommand = defineCommand(QUOTE, {
  async run(options, ctx) {
    const query = queryOf(options);
    let result: QuoteResult;
    try {
      const library = ctx.holder.current;
      result = lookupQuotes(await library.quotes(), library.corpus, query);
    } catch (error) {
      if (error instanceof QuoteError) throw new UserError(error.message);
      throw error;
    }
    // A line asked for by citation: the same view as Show context, in public.
    const article = query.source !== undefined && query.line !== undefined ? ctx.holder.current.article(query.source) : undefined;
    if (article && query.line !== undefined)
      return { ...contextView(article, query.line, { ephemeral: false }), data: { kind: 'quote', result } };
    return { ...renderQuotes(query, result), data: { kind: 'quote', result } };
  },
  async autocomplete(focused, _options, ctx) {
    const library = ctx.holder.current;
    if (focused.name === 'speaker') {
      return suggestSpeakers(await library.quotes(), focused.value, MAX_CHOICES).map((name): Choice => ({ name, value: name }));
    }
    if (focused.name === 'source') {
      const titles = new Map(library.corpus.articles.map((a) => [a.source, a.title]));
      // A file name too long to be given back whole cannot be offered; the label is cut to fit.
      return suggestSources(library.corpus, focused.value, MAX_CHOICES)
        .filter((source) => source.length <= MAX_CHOICE_LENGTH)
        .map((source): Choice => ({ name: truncate(`${source} — ${titles.get(source) ?? ''}`, MAX_CHOICE_LENGTH), value: source }));
    }
    return [];
  },
});

/** The options as a query; the quote engine says what is missing or contradictory. */
function queryOf(options: OptionsOf<typeof QUOTE>): QuoteQuery {
  const source = visible(options.source);
  // A citation pasted whole, as answers print it ("FILE:LINE", or "FILE:LINE-END"): its file and
  // first line, or the line asked for when it is one the citation covers.
  const cited = source !== undefined ? CITATION.exec(source) : null;
  const first = Number(cited?.[2]);
  const last = cited?.[3] === undefined ? first : Number(cited[3]);
  if (cited && options.line !== undefined && (options.line < first || options.line > last)) {
    const lines = last === first ? `line ${first}` : `lines ${first}–${last}`;
    throw new UserError(`source names ${lines} and line says ${options.line}: give the line once.`);
  }
  return {
    text: unquoted(visible(options.text)),
    speaker: visible(options.speaker),
    source: cited ? cited[1] : source,
    line: cited ? (options.line ?? first) : options.line,
  };
}

const CITATION = /^`?(.+?)\s*:\s*(\d+)(?:\s*-\s*(\d+))?`?$/u;

/**
 * A text option as searched: invisible characters (zero-width spaces, direction marks, BOM)
 * removed, since they would split or hide words; absent when nothing but spaces is left.
 */
function visible(value: string | undefined): string | undefined {
  const shown = value === undefined ? '' : stripInvisible(value).trim();
  return shown !== '' ? shown : undefined;
}

/**
 * A phrase typed between quotation marks, as people write one, without them (they would be shown
 * doubled). Kept as typed when a mark of the same kind is inside (`"a" and "b"` is two phrases)
 * or nothing is.
 */
function unquoted(text: string | undefined): string | undefined {
  const pair = text === undefined ? null : /^(["“‘'])(.+)(["”’'])$/su.exec(text);
  const marks = pair ? QUOTE_PAIRS.get(`${pair[1]}${pair[3]}`) : undefined;
  const inner = pair && marks && !marks.test(pair[2] ?? '') ? visible(pair[2]) : undefined;
  return inner ?? text;
}

/** The pairs of marks a phrase is quoted between, each with the marks of its kind. */
const QUOTE_PAIRS: ReadonlyMap<string, RegExp> = new Map([
  ['""', /["“”]/u],
  ['“”', /["“”]/u],
  ["''", /['‘’]/u],
  ['‘’', /['‘’]/u],
]);

/** What was asked, as a heading (the person's words made safe to echo). */
function describe(query: QuoteQuery): string {
  const parts: string[] = [];
  if (query.text) parts.push(`with “${userText(query.text)}”`);
  if (query.speaker) parts.push(`by ${userText(query.speaker)}`);
  if (query.source) parts.push(query.line !== undefined ? `at ${userText(query.source)}:${query.line}` : `in ${userText(query.source)}`);
  return parts.join(' ');
}

/** Titles are plain text of one line; a longer one is cut at a word. */
const MAX_TITLE = 250;
const NO_MATCH = 'No quotation matches that. Try fewer words, another spelling, or /sources to see the articles.';

/** A search's quotations grouped by cited line, or the line asked for by number. */
export function renderQuotes(query: QuoteQuery, result: QuoteResult): Reply {
  // Searches by text or speaker come grouped; a line asked for by citation is shown by contextView.
  return renderGroups(query, result.groups ?? []);
}

/**
 * Quotations grouped by cited line: the title says how many and what was searched; each line
 * shows its citation (the article's title above the first line of each article on a page,
 * the speaker beside it when the title does not name them) and the whole sentence holding
 * the quotations, the quoted words (or the searched phrase) in bold. Five lines a page.
 */
export function renderGroups(query: QuoteQuery, groups: readonly QuoteGroup[]): Reply {
  if (groups.length === 0) return noMatch(`Quotations ${describe(query)}`);
  const quoted = groups.every((g) => g.kind === 'quotation');
  const speakers = [...new Set(groups.flatMap((g) => g.speakers))];
  // The title names the speaker when the search was for one and found one.
  const namedInTitle = query.speaker !== undefined && speakers.length === 1;
  const phrase = query.text ? ` with “${userText(query.text)}”` : '';
  const count = groups.reduce((sum, g) => sum + g.count, 0);
  const title = quoted
    ? `${plural(count, 'quotation')}${query.speaker !== undefined ? ` by ${listOf(speakers)}` : ''}${phrase}`
    : `${plural(groups.length, 'line')}${phrase}`;
  const pages: ReplyPage[] = [];
  for (let i = 0; i < groups.length; i += QUOTES_PER_PAGE) {
    const page = groups.slice(i, i + QUOTES_PER_PAGE);
    pages.push({ fields: page.map((group, j) => groupField(group, page[j - 1], namedInTitle)) });
  }
  return {
    title: truncate(title, MAX_TITLE),
    body: quoted ? [] : ['Nobody is quoted saying that, but these lines of the articles contain it.'],
    fields: pages[0]?.fields ?? [],
    ephemeral: false,
    ...(pages.length > 1 ? { pages } : {}),
    tone: 'answer',
  };
}

/** One cited line: its article's title when the previous field is from another article, then citation and sentence. */
function groupField(group: QuoteGroup, previous: QuoteGroup | undefined, namedInTitle: boolean): ReplyField {
  const who =
    group.kind !== 'quotation' || namedInTitle ? '' : ` · ${group.speakers.length > 0 ? group.speakers.join(', ') : 'speaker not named'}`;
  return {
    name: previous?.source === group.source ? '' : group.title,
    value: [cite(group), ...(who ? [who] : []), '\n', ...highlighted(group.text, group.bold)],
  };
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function noMatch(title: string): Reply {
  return { title: truncate(title, MAX_TITLE), body: [NO_MATCH], fields: [], ephemeral: false, tone: 'notice' };
}
