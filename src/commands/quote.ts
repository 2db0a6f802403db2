import {
  lookupQuotes,
  QuoteError,
  suggestSources,
  suggestSpeakers,
  type QuoteHit,
  type QuoteQuery,
  type QuoteResult,
} from '../quote/lookup.js';
import { phraseSpans } from '../quote/match.js';
import { UserError } from '../platform/errors.js';
import { QUOTE, type OptionsOf } from './definitions.js';
import {
  cite,
  stripInvisible,
  truncate,
  userText,
  type Choice,
  type Inline,
  type Reply,
  type ReplyField,
  type ReplyPage,
} from './reply.js';
import { defineCommand } from './types.js';
import { contextView } from './context.js';

/** Quotations listed per page in Discord (the console shows them all). */
export const QUOTES_PER_PAGE = 5;
/** Discord shows at most 25 suggestions. */
const SUGGESTIONS = 25;

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
    return { ...renderQuotes(query, result.results), data: { kind: 'quote', result } };
  },
  async autocomplete(focused, _options, ctx) {
    const library = ctx.holder.current;
    if (focused.name === 'speaker') {
      return suggestSpeakers(await library.quotes(), focused.value, SUGGESTIONS).map((name): Choice => ({ name, value: name }));
    }
    if (focused.name === 'source') {
      const titles = new Map(library.corpus.articles.map((a) => [a.source, a.title]));
      return suggestSources(library.corpus, focused.value, SUGGESTIONS).map((source): Choice => ({
        name: `${source} — ${titles.get(source) ?? ''}`,
        value: source,
      }));
    }
    return [];
  },
});

/** The options as a query; the quote engine says what is missing or contradictory. */
function queryOf(options: OptionsOf<typeof QUOTE>): QuoteQuery {
  return { text: visible(options.text), speaker: visible(options.speaker), source: visible(options.source), line: options.line };
}

/**
 * A text option as searched: invisible characters (zero-width spaces, direction marks, BOM)
 * removed, since they would split or hide words; absent when nothing but spaces is left.
 */
function visible(value: string | undefined): string | undefined {
  const shown = value === undefined ? '' : stripInvisible(value).trim();
  return shown !== '' ? shown : undefined;
}

/** What was asked, as a heading (the person's words made safe to echo). */
function describe(query: QuoteQuery): string {
  const parts: string[] = [];
  if (query.text) parts.push(`“${userText(query.text)}”`);
  if (query.speaker) parts.push(`by ${userText(query.speaker)}`);
  if (query.source) parts.push(query.line !== undefined ? `at ${userText(query.source)}:${query.line}` : `in ${userText(query.source)}`);
  return parts.join(' ');
}

/** Quotations as a reply: speaker, the words (the searched phrase in bold), citation; pages of five. */
export function renderQuotes(query: QuoteQuery, hits: readonly QuoteHit[]): Reply {
  const title = truncate(
    query.source && query.line !== undefined ? `Line ${query.line} of ${query.source}` : `Quotations ${describe(query)}`,
    250,
  );
  if (hits.length === 0) {
    return {
      title,
      body: ['No quotation matches that. Try fewer words, another spelling, or /sources to see the articles.'],
      fields: [],
      ephemeral: false,
      tone: 'notice',
    };
  }
  const fields: ReplyField[] = hits.map((hit) => ({
    name: heading(hit),
    value: [
      ...(hit.kind === 'quotation' ? ['“', ...withPhrase(hit.text, query.text), '”'] : withPhrase(hit.text, query.text)),
      { keep: [...(hit.note ? [`\n(${hit.note})`] : []), '\n', cite(hit)] },
    ],
  }));
  const pages: ReplyPage[] = [];
  for (let i = 0; i < fields.length; i += QUOTES_PER_PAGE) pages.push({ fields: fields.slice(i, i + QUOTES_PER_PAGE) });
  return {
    title,
    body: [summary(hits)],
    fields: pages[0]?.fields ?? [],
    ephemeral: false,
    ...(pages.length > 1 ? { pages } : {}),
    tone: 'answer',
  };
}

function summary(hits: readonly QuoteHit[]): string {
  const n = hits.length;
  if (hits.every((h) => h.kind === 'line')) return '';
  if (hits.every((h) => h.kind === 'text')) {
    return `Nobody is quoted saying that, but ${n} line${n === 1 ? '' : 's'} of the articles contain${n === 1 ? 's' : ''} it.`;
  }
  return `${n} quotation${n === 1 ? '' : 's'} found.`;
}

function heading(hit: QuoteHit): string {
  if (hit.kind === 'quotation') return hit.speaker ?? 'Speaker not named';
  if (hit.kind === 'line') return `Line ${hit.line}`;
  return 'Article text (not a quotation)';
}

/**
 * The text with the searched phrase in bold where the search matched it: as whole words, with
 * case, accents, punctuation and spacing ignored ("a" is the word "a", not every letter a).
 */
function withPhrase(text: string, phrase: string | undefined): Inline[] {
  if (!phrase?.trim()) return [text];
  const out: Inline[] = [];
  let at = 0;
  for (const { start, end } of phraseSpans(text, phrase)) {
    if (start < at || end <= start) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push({ bold: text.slice(start, end) });
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
