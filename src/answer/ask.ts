import type { Passage } from '../corpus/types.js';
import { UserError } from '../errors.js';
import type { Library } from '../library.js';
import type { PassageHit } from '../search/passage-index.js';
import { matchWeight, planQuery, searchTerms, type Concept, type QueryPlan } from '../search/query.js';
import { prepareRelatedWords } from '../search/related-words.js';
import { termsOf, termsOfText, tokenize } from '../search/terms.js';
import { detectQuestionType, holdsAnswerType, type QuestionType } from './question-type.js';
import { InferredTerms, mayAskAboutPeople } from './referents.js';
import { splitSentences } from './sentences.js';

/** Longest question accepted: Discord's own option limit. */
export const MAX_QUESTION_LENGTH = 6_000;
/** Passages considered for re-ranking after the BM25 search. */
const CANDIDATES = 40;
/** Passages shown: the best and a few ranked below it. */
export const MAX_PASSAGES = 5;
/** Below this share of the question's weight matched, the best passage is not an answer. */
export const MIN_CONFIDENCE = 0.5;
/** Passages read sentence by sentence for the answer-type bonus: enough to reorder the leaders. */
const SENTENCE_RERANKED = 6;
/** How much BM25 counts next to coverage (0–1): enough to order passages that cover the same. */
const BM25_SHARE = 0.15;
/** A passage about what the question set aside ("besides weapons") ranks this much lower. */
const EXCLUDED_PENALTY = 0.6;
/** Passages re-ranked with the people they refer to without naming them (see referents.ts). */
const PEOPLE_RERANKED = 12;
/** How much a person counts when a passage refers to them ("he", "the leader") instead of naming them. */
const REFERENT_WEIGHT = 0.7;
/** A passage where the question's subject does what it asks about ("What did Kim pledge") ranks this much higher. */
const SUBJECT_BONUS = 1.15;
/** A passage whose sentence holds the kind of answer asked for ranks this much higher. */
const ANSWER_TYPE_BONUS = 1.25;

/** A span of text to show in bold: a word that matched the question. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
}

export interface RankedPassage {
  readonly source: string;
  readonly line: number;
  readonly endLine: number;
  readonly title: string;
  readonly text: string;
  readonly score: number;
  /** Words of the passage that matched the question, as written in the passage. */
  readonly matchedWords: readonly string[];
  readonly highlights: readonly Highlight[];
}

export interface AnswerSentence {
  readonly text: string;
  readonly source: string;
  readonly line: number;
  readonly title: string;
  readonly highlights: readonly Highlight[];
}

export interface AskResult {
  readonly question: string;
  readonly questionType: QuestionType;
  /** Whether the best passage answers the question well enough to be offered as the answer. */
  readonly confident: boolean;
  /** Share of the question's weight (rarer words weigh more) that the best passage matches, 0–1. */
  readonly confidence: number;
  readonly answer: AnswerSentence | null;
  /** Best first; empty when nothing relevant was found. */
  readonly passages: readonly RankedPassage[];
  /** Misspelt words read as corpus words, e.g. ammunitoin → ammunition. */
  readonly corrections: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/**
 * Loads what the first answer would otherwise load on demand (WordNet's indexes, the sentence
 * model), so that the first user does not wait for it. Part of startup.
 */
export function warmUp(library: Library): void {
  ask(library, 'warm up the dictionary and the sentence splitter');
  prepareRelatedWords(library.index, library.lexicon.vectors);
}

/** Mentions, channels, custom emoji, timestamps and command links as Discord writes them, and @everyone / @here. */
const DISCORD_MARKUP = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFrR])?|\/[^<>:]+:\d+)>|@(?:everyone|here)(?![\p{L}\p{N}])/gu;

/** Answers a question from the library: best passage, its answering sentence, and a few more. */
export function ask(library: Library, rawQuestion: string): AskResult {
  // Invisible format characters (direction overrides such as U+202E, zero-width spaces, BOM)
  // are dropped: they change how the echoed question reads, never what it asks. The zero-width
  // (non-)joiners stay, as Persian, Indic and emoji need them.
  const question = rawQuestion.replace(/(?![\u200C\u200D])\p{Cf}/gu, '').replace(/\s+/g, ' ').trim();
  if (question === '' || !/[\p{L}\p{N}]/u.test(question)) {
    throw new UserError('The question is empty. Ask about something in the articles, e.g. "who gifted the drones".');
  }
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new UserError(`The question is too long (${question.length} characters; at most ${MAX_QUESTION_LENGTH}).`);
  }
  // Discord mentions (@everyone, <@id>, <#id>, custom emoji, timestamps) address people, not the articles.
  const searched = question.replace(DISCORD_MARKUP, ' ').replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(searched)) {
    throw new UserError('That question has only mentions, and mentions are not searched. Ask about something in the articles, e.g. "who gifted the drones".');
  }
  const literalPlan = planQuery(searched, library.index, library.lexicon, { expand: false });
  if (literalPlan.concepts.length === 0) {
    throw new UserError('That question has only common words (like "what" or "the"). Name a person, place or thing from the articles.');
  }
  const questionType = detectQuestionType(searched);
  const { plan, hits } = findCandidates(library, searched, literalPlan);
  const corrections = plan.concepts.flatMap((c) => (c.correctedTo ? [{ from: c.text, to: c.correctedTo }] : []));
  const totalWeight = plan.concepts.reduce((sum, c) => sum + c.idf, 0);

  const topScore = hits[0]?.score ?? 1;
  const byWords = hits.map((hit) => rankByCoverage(library, hit, topScore, plan.concepts, totalWeight)).sort(byScore);
  // Who the leading passages refer to: reading an article costs milliseconds the first time, so only theirs.
  const leaders = mayAskAboutPeople(searched) ? PEOPLE_RERANKED : 0;
  const inferred = new InferredTerms(library, searched, byWords.slice(0, leaders).map((r) => r.hit.passage));
  const byCoverage = [...byWords.slice(0, leaders).map((r) => rankByCoverage(library, r.hit, topScore, plan.concepts, totalWeight, inferred)), ...byWords.slice(leaders)]
    .map((r) => (plan.excluded.some((c) => matchWeight(c, r.hit.matchedTerms) > 0) ? { ...r, score: r.score * EXCLUDED_PENALTY } : r))
    .sort(byScore);
  // Sentence splitting is the costly step, so only the leading passages are read sentence by sentence.
  const ranked = [
    ...byCoverage.slice(0, SENTENCE_RERANKED).map((r) => withBestSentence(r, plan.concepts, questionType, searched)).sort(byScore),
    ...byCoverage.slice(SENTENCE_RERANKED).map((r) => withBestSentence(r, plan.concepts, questionType, searched, false)),
  ].slice(0, MAX_PASSAGES);

  const best = ranked[0];
  const confidence = best ? round(best.coverage) : 0;
  const missesEssential = best !== undefined && plan.concepts.some((c) => c.essential && matchWeight(c, best.hit.matchedTerms) === 0);
  const confident = best !== undefined && confidence >= MIN_CONFIDENCE && !missesEssential;
  if (!confident) return { question, questionType, confident: false, confidence, answer: null, passages: [], corrections };

  const queryTerms = new Set(searchTerms(plan).map((t) => t.term));
  const passages = ranked.map((r) => toRankedPassage(library, r, queryTerms));
  const top = passages[0] as RankedPassage;
  const sentence = best.sentence;
  const answer: AnswerSentence = {
    text: sentence.text,
    source: top.source,
    line: lineOfOffset(library, best.hit.passage, sentence.start),
    title: top.title,
    highlights: highlightsIn(sentence.text, queryTerms),
  };
  return { question, questionType, confident, confidence, answer, passages, corrections };
}

/**
 * Searches the words as typed first. A passage holding every concept literally has full
 * coverage, which no expansion can beat (expansions weigh less), so synonyms, aliases and
 * corrections are looked up and searched only when the literal words fall short.
 */
function findCandidates(library: Library, question: string, literalPlan: QueryPlan): { plan: QueryPlan; hits: PassageHit[] } {
  const literalHits = library.index.search(searchTerms(literalPlan), CANDIDATES);
  const fullyCovered = literalHits.some((hit) => literalPlan.concepts.every((c) => matchWeight(c, hit.matchedTerms) === 1));
  if (fullyCovered && literalPlan.excluded.length === 0) return { plan: literalPlan, hits: literalHits };
  const plan = planQuery(question, library.index, library.lexicon);
  return { plan, hits: library.index.search(searchTerms(plan), CANDIDATES) };
}

interface Ranked {
  readonly hit: PassageHit;
  readonly score: number;
  readonly coverage: number;
  /** Where the question's subject does what it asks about, if the passage says so (see referents.ts). */
  readonly actingAt?: number;
}

interface Reranked extends Ranked {
  readonly sentence: { readonly text: string; readonly start: number };
}

/**
 * BM25 sums over every term, so a passage that repeats one idea in several words (Russia,
 * Russian, Moscow) outranks one that answers the whole question. Ranking is by coverage
 * instead: each concept counts once, by its IDF, in full when a literal word matched and at
 * its expansion weight when only a synonym, alias or correction did. BM25 breaks near-ties.
 */
function rankByCoverage(library: Library, hit: PassageHit, topScore: number, concepts: readonly Concept[], totalWeight: number, inferred?: InferredTerms): Ranked {
  const credited = inferred ? inferred.of(hit.passage, passageTerms(hit.passage)) : NO_TERMS;
  const covered = concepts.reduce((sum, c) => sum + c.idf * Math.max(matchWeight(c, hit.matchedTerms), REFERENT_WEIGHT * matchWeight(c, credited)), 0);
  const coverage = totalWeight > 0 ? covered / totalWeight : 0;
  const verb = inferred?.verbOf(concepts);
  const acting = verb ? inferred?.subjectActs(hit.passage, verb) : undefined;
  const score = (coverage + BM25_SHARE * (hit.score / topScore)) * library.index.weightOf(hit.passage) * (acting ? SUBJECT_BONUS : 1);
  return acting ? { hit, coverage, score, actingAt: acting.start } : { hit, coverage, score };
}

/** Finds the answering sentence; when `rerank`, a passage whose sentence holds the kind of answer asked for moves up. */
function withBestSentence(r: Ranked, concepts: readonly Concept[], type: QuestionType, question: string, rerank = true): Reranked {
  const sentence = rerank ? bestSentence(r.hit.passage.text, concepts, type, question, r.actingAt) : { text: r.hit.passage.text, start: 0, holdsType: false };
  return { ...r, sentence, score: r.score * (sentence.holdsType ? ANSWER_TYPE_BONUS : 1) };
}

const NO_TERMS: ReadonlySet<string> = new Set();
const termsByPassage = new WeakMap<Passage, ReadonlySet<string>>();

function passageTerms(passage: Passage): ReadonlySet<string> {
  let terms = termsByPassage.get(passage);
  if (!terms) {
    terms = new Set(termsOfText(passage.text));
    termsByPassage.set(passage, terms);
  }
  return terms;
}

function byScore(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.hit.passage.id - b.hit.passage.id;
}

/**
 * The sentence of a passage that best answers: most question weight, then the answer type. The
 * sentence where the question's subject does what it asks about (`actingAt`) is the answer.
 */
function bestSentence(text: string, concepts: readonly Concept[], type: QuestionType, question: string, actingAt?: number) {
  let best = { text, start: 0, holdsType: false, score: -1 };
  for (const sentence of splitSentences(text)) {
    const terms = new Set(termsOfText(sentence.text));
    const matched = concepts.reduce((sum, c) => sum + c.idf * matchWeight(c, terms), 0);
    const holdsType = matched > 0 && holdsAnswerType(sentence.text, type, question);
    const acting = actingAt !== undefined && actingAt >= sentence.start && actingAt < sentence.start + sentence.text.length;
    const score = acting ? Infinity : matched * (holdsType ? ANSWER_TYPE_BONUS : 1);
    if (score > best.score) best = { ...sentence, holdsType, score };
  }
  return best;
}

function toRankedPassage(library: Library, r: Reranked, queryTerms: ReadonlySet<string>): RankedPassage {
  const p = r.hit.passage;
  const highlights = highlightsIn(p.text, queryTerms);
  return {
    source: p.source,
    line: p.line,
    endLine: p.endLine,
    title: library.article(p.source)?.title ?? p.source,
    text: p.text,
    score: round(r.score),
    matchedWords: [...new Set(highlights.map((h) => p.text.slice(h.start, h.end)))],
    highlights,
  };
}

/** Where the words that match the question are, so they can be shown in bold. */
export function highlightsIn(text: string, queryTerms: ReadonlySet<string>): Highlight[] {
  return tokenize(text)
    .filter((token) => termsOf(token.surface).some((term) => queryTerms.has(term)))
    .map((token) => ({ start: token.start, end: token.end }));
}

/** A passage may span lines (hard-wrapped text); the answer cites the line its sentence starts on. */
function lineOfOffset(library: Library, passage: Passage, offset: number): number {
  if (passage.line === passage.endLine) return passage.line;
  const article = library.article(passage.source);
  let consumed = 0;
  for (let line = passage.line; line <= passage.endLine; line++) {
    consumed += (article?.lines[line - 1] ?? '').trim().length + 1;
    if (offset < consumed) return line;
  }
  return passage.endLine;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
