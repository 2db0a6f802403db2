import { slicer, type Pause } from '../platform/scheduler.js';
import type { Article, Corpus, Passage, PassageKind } from '../corpus/types.js';
import { extractQuotations, type Quotation } from '../reading/read-article.js';
import { TITLE_HEADS, TITLE_MODIFIERS } from '../reading/lexicon.js';
import { lineAt } from '../corpus/lines.js';
import { plural } from '../text/plural.js';
import { phraseRanges, wordForms, WordForms, WordFormsBuilder, type StoredWords } from './match.js';
import { nameKey, nameParts, namesOverlap } from '../reading/names.js';
import { QuoteError, type QuoteHit, type QuoteQuery, type QuoteResult, type TextRange } from './types.js';
import { groupByLine, type PlacedHit } from './groups.js';

export { QuoteError } from './types.js';
export type { QuoteGroup, QuoteHit, QuoteQuery, QuoteResult, TextRange } from './types.js';

/** Suggestions: a list to choose from while typing, of names that fit one line; callers may ask for fewer. */
const MAX_SUGGESTIONS = 25;
const MAX_CHOICE_LENGTH = 100;
const MAX_TEXT_LENGTH = 300;
const MAX_NAME_LENGTH = 100;

interface IndexedQuotation {
  readonly quotation: Quotation;
  /** The article's title, shown once above its quotations. */
  readonly title: string;
  readonly words: StoredWords;
  readonly speakerParts: readonly string[];
}

interface IndexedPassage {
  readonly article: Article;
  readonly passage: Passage;
  readonly words: StoredWords;
}

interface Speaker {
  readonly name: string;
  readonly parts: readonly string[];
  readonly count: number;
}

/**
 * Every quotation of a corpus, extracted once, plus the article text needed to tell users when
 * a phrase is in an article but not in anyone's quotation. Everything is kept newest article
 * first (modification time, then file name, both descending), then in line order, so lookups
 * only filter.
 */
export interface QuoteIndex {
  readonly quotations: readonly IndexedQuotation[];
  readonly passages: readonly IndexedPassage[];
  readonly speakers: readonly Speaker[];
  /** Each speaker's name form (`nameParts` joined) → the name it is listed under in `speakers`. */
  readonly knownAs: ReadonlyMap<string, string>;
  /** The numbers of the word forms in `words` of quotations and passages. */
  readonly forms: WordForms;
}

/** Articles newest first: by modification time, then by file name, both descending. */
function newestFirst(corpus: Corpus): Article[] {
  return [...corpus.articles].sort((a, b) => b.mtimeMs - a.mtimeMs || (a.source < b.source ? 1 : a.source > b.source ? -1 : 0));
}

export function buildQuoteIndex(corpus: Corpus): QuoteIndex {
  const draft = new Draft();
  for (const article of newestFirst(corpus)) draft.add(article);
  return draft.finish();
}

/**
 * The same index, built in short slices that pause for the bot's commands (see platform/scheduler.ts):
 * extraction reads every sentence, which takes seconds on a large corpus, and the bot must keep
 * answering meanwhile.
 */
export async function buildQuoteIndexInSlices(corpus: Corpus, pause?: Pause): Promise<QuoteIndex> {
  const draft = new Draft();
  const slice = slicer(pause);
  for (const article of newestFirst(corpus)) {
    const pausing = slice();
    if (pausing) await pausing;
    draft.add(article);
  }
  const packing = draft.packing();
  for (let step = packing.next(); ; step = packing.next()) {
    if (step.done) return step.value;
    const pausing = slice();
    if (pausing) await pausing;
  }
}

/** An index being built: its stored words are numbered as forms come, and packed once all are in. */
class Draft {
  private readonly quotations: Array<IndexedQuotation & { readonly words: Uint32Array }> = [];
  private readonly passages: Array<IndexedPassage & { readonly words: Uint32Array }> = [];
  private readonly forms = new WordFormsBuilder();

  add(article: Article): void {
    for (const quotation of extractQuotations(article)) {
      this.quotations.push({
        quotation,
        title: article.title,
        words: this.forms.store(quotation.text),
        speakerParts: quotation.speaker ? nameParts(quotation.speaker) : [],
      });
    }
    for (const passage of article.passages) {
      // The article's own lines, the headline included (its scare quotes are often looked up); never site chrome.
      if (passage.kind !== 'boilerplate') this.passages.push({ article, passage, words: this.forms.store(passage.text) });
    }
  }

  finish(): QuoteIndex {
    const packing = this.packing();
    for (let step = packing.next(); ; step = packing.next()) if (step.done) return step.value;
  }

  /** The index, its stored words packed one text a step: a sliced build may pause between steps (packing 1 M words takes about 0.1 s). */
  *packing(): Generator<void, QuoteIndex> {
    const { forms, pack } = this.forms.finish();
    const quotations: IndexedQuotation[] = [];
    for (const q of this.quotations) {
      yield;
      quotations.push({ ...q, words: pack(q.words) });
    }
    const passages: IndexedPassage[] = [];
    for (const p of this.passages) {
      yield;
      passages.push({ ...p, words: pack(p.words) });
    }
    return { quotations, passages, forms, ...collectSpeakers(quotations) };
  }
}

/**
 * Distinct speakers across the corpus. A one-word name that is part of exactly one longer name
 * ("Putin" where another article says "Vladimir Putin") is listed under the longer name.
 */
function collectSpeakers(quotations: readonly IndexedQuotation[]): { speakers: Speaker[]; knownAs: Map<string, string> } {
  const byKey = new Map<string, { name: string; parts: readonly string[]; count: number }>();
  for (const { quotation, speakerParts } of quotations) {
    if (!quotation.speaker) continue;
    const key = speakerParts.join(' ');
    const entry = byKey.get(key) ?? { name: quotation.speaker, parts: speakerParts, count: 0 };
    entry.count++;
    byKey.set(key, entry);
  }
  const entries = [...byKey.entries()];
  const kept: Speaker[] = [];
  const knownAs = new Map<string, string>();
  for (const [key, entry] of entries) {
    const longer = entries.filter(([, other]) => other.parts.length > entry.parts.length && namesOverlap(other.parts, entry.parts));
    if (entry.parts.length === 1 && longer.length === 1) {
      longer[0]![1].count += entry.count;
      knownAs.set(key, longer[0]![1].name);
    } else {
      kept.push(entry);
      knownAs.set(key, entry.name);
    }
  }
  return { speakers: kept, knownAs };
}

/**
 * The words of a user's phrase as the index numbers their forms, or a `QuoteError` when there are
 * none to search for; null when a word is in no stored text, so that nothing can hold the phrase.
 */
function phraseKeys(index: QuoteIndex, phrase: string): number[] | null {
  if (phrase.length > MAX_TEXT_LENGTH)
    throw new QuoteError(`That text is too long to search for; use a phrase of at most ${MAX_TEXT_LENGTH} characters.`);
  const forms = wordForms(phrase);
  if (forms.length === 0) throw new QuoteError(`${shown(phrase)} has no words to search for.`);
  const keys = forms.map((form) => index.forms.find(form));
  return keys.every((key) => key !== undefined) ? keys : null;
}

/**
 * Quotations that contain the phrase as a run of whole words (case, quote style, spacing and
 * punctuation ignored). When no quotation does, the article lines that contain it are returned
 * as kind `text` (an article's headline only when no other line of it does): they are in an
 * article, but nobody is quoted saying them. Nothing: empty.
 */
export function findByText(index: QuoteIndex, phrase: string): QuoteHit[] {
  return placeByText(index, phrase).map((p) => p.hit);
}

/** {@link findByText}, each hit with its paragraph and the phrase's place in it. */
function placeByText(index: QuoteIndex, phrase: string): PlacedHit[] {
  const keys = phraseKeys(index, phrase);
  if (!keys) return [];
  const quoted: PlacedHit[] = [];
  for (const q of index.quotations) {
    const ranges = phraseRanges(q.quotation.text, q.words, keys);
    if (ranges.length > 0) quoted.push(placeQuotation(index, q, shift(ranges, q.quotation.start)));
  }
  if (quoted.length > 0) return quoted;
  const lines = linesWith(index, keys);
  // An article's headline only when none of its other lines has the phrase: it repeats the heading they are shown under.
  const saidElsewhere = new Set(lines.filter((l) => l.kind !== 'title').map((l) => l.hit.source));
  return lines.filter((l) => l.kind !== 'title' || !saidElsewhere.has(l.hit.source)).map(({ kind: _kind, ...placed }) => placed);
}

/** Article lines that contain the phrase, each once with every place of it, and the kind of passage each is in. */
function linesWith(index: QuoteIndex, keys: readonly number[]): Array<PlacedHit & { readonly kind: PassageKind }> {
  const byLine = new Map<string, { hit: QuoteHit; title: string; passage: string; bold: TextRange[]; kind: PassageKind }>();
  for (const { article, passage, words } of index.passages) {
    for (const range of phraseRanges(passage.text, words, keys)) {
      const line = lineAt(article, passage, range.start);
      const key = `${article.source}:${line}`;
      const found = byLine.get(key);
      if (found) {
        found.bold.push(range);
        continue;
      }
      const hit: QuoteHit = { kind: 'text', source: article.source, line, text: article.lines[line - 1] ?? '', speaker: null };
      byLine.set(key, { hit, title: article.title, passage: passage.text, bold: [range], kind: passage.kind });
    }
  }
  return [...byLine.values()].map((found) => ({ ...found, speaker: null }));
}

/**
 * Quotations by a speaker, newest article first, then by line. The name matches any form of a
 * canonical name, without regard to case, diacritics, apostrophes or hyphens: "O'Brien",
 * "obrien" and "James O’Brien" all find James O’Brien; "Putin" finds Vladimir Putin; titles
 * typed with the name ("President Putin") are ignored.
 */
export function findBySpeaker(index: QuoteIndex, name: string): QuoteHit[] {
  return placeBySpeaker(index, name).map((p) => p.hit);
}

/**
 * {@link findBySpeaker}, each hit with its paragraph and the quoted words' place in it; with
 * `phrase`, only the quotations that hold it, the phrase in bold.
 */
function placeBySpeaker(index: QuoteIndex, name: string, phrase?: string): PlacedHit[] {
  const parts = speakerQuery(name);
  const keys = phrase === undefined ? undefined : phraseKeys(index, phrase);
  if (keys === null) return [];
  const placed: PlacedHit[] = [];
  for (const q of index.quotations) {
    if (q.speakerParts.length === 0 || !namesOverlap(q.speakerParts, parts)) continue;
    const { start, text } = q.quotation;
    const bold = keys ? shift(phraseRanges(text, q.words, keys), start) : [{ start, end: start + text.length }];
    if (bold.length > 0) placed.push(placeQuotation(index, q, bold));
  }
  return placed;
}

function placeQuotation(index: QuoteIndex, q: IndexedQuotation, bold: readonly TextRange[]): PlacedHit {
  const speaker = q.speakerParts.length > 0 ? (index.knownAs.get(q.speakerParts.join(' ')) ?? q.quotation.speaker) : null;
  return { hit: toHit(q), title: q.title, passage: q.quotation.passageText, bold, speaker };
}

function shift(ranges: readonly TextRange[], by: number): TextRange[] {
  return ranges.map((r) => ({ start: r.start + by, end: r.end + by }));
}

function speakerQuery(name: string): string[] {
  if (name.length > MAX_NAME_LENGTH) throw new QuoteError(`That name is too long; use at most ${MAX_NAME_LENGTH} characters.`);
  const parts = nameParts(name);
  while (parts.length > 1 && (TITLE_HEADS.has(parts[0]!) || TITLE_MODIFIERS.has(parts[0]!))) parts.shift();
  if (!parts.some((p) => /\p{L}/u.test(p))) throw new QuoteError(`${shown(name)} is not a name to search for.`);
  return parts;
}

function toHit({ quotation }: IndexedQuotation): QuoteHit {
  return { kind: 'quotation', source: quotation.source, line: quotation.line, text: quotation.text, speaker: quotation.speaker };
}

/**
 * Known speakers for autocompletion: names with a word that starts with what was typed first
 * ("put" → Vladimir Putin, "kim j" → Kim Jong Un), then names that merely contain it; most
 * quoted first within each group. Nothing typed: the most quoted speakers.
 */
export function suggestSpeakers(index: QuoteIndex, typed: string, limit = MAX_SUGGESTIONS): string[] {
  const query = nameKey(typed);
  const squeezed = query.replace(/ /g, '');
  const prefix: Speaker[] = [];
  const inside: Speaker[] = [];
  for (const speaker of index.speakers) {
    const joined = speaker.parts.join(' ');
    if (
      query === '' ||
      speaker.parts.some(
        (_, i) => speaker.parts.slice(i).join(' ').startsWith(query) || speaker.parts.slice(i).join('').startsWith(squeezed),
      )
    )
      prefix.push(speaker);
    else if (joined.includes(query) || joined.replace(/ /g, '').includes(squeezed)) inside.push(speaker);
  }
  const byWeight = (a: Speaker, b: Speaker): number => b.count - a.count || a.name.localeCompare(b.name);
  return [...prefix.sort(byWeight), ...inside.sort(byWeight)]
    .slice(0, clampLimit(limit))
    .map((name) => truncate(name.name, MAX_CHOICE_LENGTH));
}

/**
 * Article names for autocompletion: names starting with what was typed, then names containing
 * it, then articles whose headline contains it; newest first within each group. Names are
 * returned whole (never shortened), since they must be given back exactly.
 */
export function suggestSources(corpus: Corpus, typed: string, limit = MAX_SUGGESTIONS): string[] {
  const query = typed.trim().toLowerCase();
  const titleQuery = wordForms(typed).join(' ');
  const tiers: string[][] = [[], [], []];
  for (const article of newestFirst(corpus)) {
    const name = article.source.toLowerCase();
    if (name.startsWith(query)) tiers[0]!.push(article.source);
    else if (name.includes(query)) tiers[1]!.push(article.source);
    else if (titleQuery !== '' && wordForms(article.title).join(' ').includes(titleQuery)) tiers[2]!.push(article.source);
  }
  return tiers.flat().slice(0, clampLimit(limit));
}

/**
 * One line of one article, verbatim, as kind `line`. The article is looked up by its exact
 * name in the loaded corpus — never on disk — so paths ("../etc/passwd", "/etc/hosts",
 * "seeds\\x.txt") and unknown names are refused without touching the filesystem.
 */
export function lookupLine(corpus: Corpus, source: string, line: number): QuoteHit {
  const article = corpus.articles.find((a) => a.source === source);
  if (!article) throw new QuoteError(unknownSource(corpus, source));
  const count = article.lines.length;
  const lines = plural(count, 'line');
  if (typeof line !== 'number' || !Number.isInteger(line)) {
    throw new QuoteError(`Line numbers are whole numbers; ${shown(String(line))} is not one. ${source} has ${lines}.`);
  }
  if (line < 1 || line > count) throw new QuoteError(`${source} has ${lines}; line ${line} is out of range.`);
  const text = article.lines[line - 1] ?? '';
  const note = lineNote(article, line, text);
  return { kind: 'line', source, line, text, speaker: null, ...(note ? { note } : {}) };
}

/** What users should know about a line they asked for: that it is blank, or site chrome rather than article text. */
function lineNote(article: Article, line: number, text: string): string | undefined {
  if (text.trim() === '') return `Line ${line} of ${article.source} is blank.`;
  const passage = article.passages.find((p) => line >= p.line && line <= p.endLine);
  if (passage?.kind === 'boilerplate')
    return `Line ${line} of ${article.source} is website boilerplate (navigation, ads or comments), not article text.`;
  return undefined;
}

function unknownSource(corpus: Corpus, source: string): string {
  const isPath = /[/\\]|\.\.|^[a-z]:/iu.test(source) || source.startsWith('~');
  const close = isPath || source.trim() === '' ? undefined : closeSource(corpus, source);
  const hint = close ? ` Did you mean ${close}?` : '';
  return `${shown(source)} is not an article in the corpus.${hint} Use /sources to list them.`;
}

/**
 * The one article a near-miss name surely meant: different case, missing ".txt", stray spaces;
 * else the one whose name starts with what was typed (at least 3 characters: "004").
 */
function closeSource(corpus: Corpus, source: string): string | undefined {
  const wanted = source
    .trim()
    .toLowerCase()
    .replace(/\.txt$/u, '');
  const named = (a: Article) => a.source.toLowerCase().replace(/\.txt$/u, '');
  const same = corpus.articles.filter((a) => named(a) === wanted);
  const meant = same.length > 0 || wanted.length < 3 ? same : corpus.articles.filter((a) => named(a).startsWith(wanted));
  return meant.length === 1 ? meant[0]?.source : undefined;
}

/**
 * Answers a quote request: `text` and/or `speaker` search quotations (both given: both must
 * match); `source` with `line` shows that line. Anything else is a `QuoteError` whose message
 * says what to give instead.
 */
export function lookupQuotes(index: QuoteIndex, corpus: Corpus, query: QuoteQuery): QuoteResult {
  const text = present(query.text);
  const speaker = present(query.speaker);
  const source = present(query.source);
  const line = query.line ?? undefined;
  if (source !== undefined || line !== undefined) {
    if (text !== undefined || speaker !== undefined) {
      throw new QuoteError('Look up a line (source with line) on its own, or search by text and speaker — not both at once.');
    }
    if (source === undefined) throw new QuoteError('Give the source article together with the line number. Use /sources to list them.');
    if (line === undefined) throw new QuoteError(`Give a line number together with the source ${shown(source)}.`);
    return { results: [lookupLine(corpus, source, line)] };
  }
  if (text === undefined && speaker === undefined) throw new QuoteError('Give at least one of text, speaker, or source with line.');
  const placed = speaker === undefined ? placeByText(index, text!) : placeBySpeaker(index, speaker, text);
  return { results: placed.map((p) => p.hit), groups: groupByLine(placed) };
}

/** An option counts as given only when it has something besides spaces. */
function present(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.min(MAX_SUGGESTIONS, Math.floor(limit))) : MAX_SUGGESTIONS;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * User input echoed in a message, made safe to show: control and invisible characters removed,
 * spaces collapsed, a flood of combining marks cut to a few per character ("Zalgo" text),
 * long input shortened (a transport defuses its own markup, Discord's "@everyone" among it).
 */
function shown(input: string): string {
  const clean = input
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/gu, ' ')
    .replace(/(\p{M}{4})\p{M}+/gu, '$1')
    .trim();
  return `“${truncate(clean, 80)}”`;
}
