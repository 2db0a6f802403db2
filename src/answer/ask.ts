import { lineAt } from '../corpus/lines.js';
import type { Article, Passage } from '../corpus/types.js';
import type { Quotation } from '../reading/read-article.js';
import type { PassageIndex } from '../search/passage-index.js';
import { UserError } from '../platform/errors.js';
import { planQuery, searchTerms, type Lexicon } from '../search/query.js';
import { splitSentences } from '../text/sentences.js';
import { plainWord, sameWord } from '../text/terms.js';
import {
  answerSpan,
  candidatesOf,
  confidenceFeatures,
  denseBound,
  denseCeiling,
  densest,
  knownShare,
  passageHighlights,
  passageFeatures,
  questionContext,
  score,
  sentenceCandidates,
  type Candidate,
  type PassageFeatures,
  type ConfidenceFeatures,
  type QuestionContext,
  type SentenceCandidate,
} from './features.js';
import { DEFAULT_RANKING, expansionWeights, type RankingConfig } from './ranking-config.js';
import { speakerOf } from './speaker.js';

/** Longest question read; longer text is refused before anything is searched. Transports offer it as their input limit. */
export const MAX_QUESTION_LENGTH = 6_000;
/** What /ask reads (a library has it): the passage index, the lexicon, and articles by file name. */
export interface AskSource {
  readonly index: PassageIndex;
  readonly lexicon: Lexicon;
  article(source: string): Article | undefined;
  /** An article's quotations, once /quote's index is built (undefined before: the article is read then). */
  readyQuotations?(source: string): readonly Quotation[] | undefined;
}

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
  /** What the ranking saw (for `--explain`). */
  readonly features: PassageFeatures;
}

/** The answer: the best passage's answer sentence, with the sentence after it when that scores close (see `answerSpan`). */
export interface AnswerSentence {
  readonly text: string;
  readonly source: string;
  /** The line the answer starts on. */
  readonly line: number;
  /** The line it ends on: past `line` when a hard-wrapped paragraph carries it over. */
  readonly endLine: number;
  readonly title: string;
  readonly highlights: readonly Highlight[];
  /** Who said it, when the answer lies inside a quotation whose speaker the article names (see speaker.ts). */
  readonly speaker?: string;
}

/**
 * An answer; "not sure" (the best passages are shown, under a note that they may not answer);
 * or nothing relates. The bars between them are calibrated by `npm run fit`.
 */
export type Outcome = 'answer' | 'unsure' | 'nothing';

export interface AskResult {
  readonly question: string;
  readonly outcome: Outcome;
  /** Whether the best passage answers the question well enough to be offered as the answer (outcome "answer"). */
  readonly confident: boolean;
  /** The fitted model's probability that the best passage answers, 0–1. */
  readonly confidence: number;
  /** The best passage's answering sentence; null when nothing relates. */
  readonly answer: AnswerSentence | null;
  /** Best first; empty when nothing relates. */
  readonly passages: readonly RankedPassage[];
  /**
   * The part of a long question that was searched (its last question sentence), when it is not
   * the whole question; transports show it so people know what was answered.
   */
  readonly searched?: string;
  /** Misspelt words read as corpus words, e.g. ammunitoin → ammunition (never a mere change of inflection). */
  readonly corrections: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/**
 * Loads what the first answer would otherwise load on demand (WordNet's indexes),
 * so that the first user does not wait for it. Part of startup.
 */
export function warmUp(library: AskSource): void {
  ask(library, 'warm up the dictionary and the sentence splitter');
}

/** How candidates are ranked: `exhaustive` scores every candidate in full (the fit needs them all), not only those that may be shown. */
export interface RankOptions {
  readonly exhaustive?: boolean;
}

/** How /ask is run: the ranking (fitted defaults unless a harness passes another). */
export interface AskOptions {
  readonly ranking?: RankingConfig;
}

/** The part of a passage that answers: its best sentence, or two (see `answerSpan`). */
export interface AnswerText {
  readonly text: string;
  /** Offset in the passage text. */
  readonly start: number;
}

/** One candidate passage as the ranking saw it: its features, score and answer sentences. */
export interface ScoredPassage {
  readonly hit: Candidate;
  readonly features: PassageFeatures;
  readonly score: number;
  readonly answer: AnswerText | undefined;
}

/**
 * What /ask found, before it is shaped into a reply: the candidates, best first (every one when
 * exhaustive; else at least those that may be shown), and the question read.
 */
export interface Ranking {
  readonly context: QuestionContext;
  readonly candidates: readonly ScoredPassage[];
  readonly confidence: ConfidenceFeatures;
  /** Share of the question's weight the corpus knows (see `knownShare`). */
  readonly known: number;
}

/** Reads a question the way /ask does: bad input is a UserError with words a user can act on. */
export function cleanQuestion(rawQuestion: string): string {
  // Invisible format characters (direction overrides such as U+202E, zero-width spaces, BOM)
  // are dropped: they change how the echoed question reads, never what it asks. The zero-width
  // (non-)joiners stay, as Persian, Indic and emoji need them.
  const question = rawQuestion
    .replace(/(?![\u200C\u200D])\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const example = 'Ask about a person, place or event the articles mention, in your own words.';
  // The joiners and variation selectors kept above are invisible on their own.
  if (question.replace(/\u200C|\u200D|\p{Variation_Selector}/gu, '').trim() === '')
    throw new UserError(`The question is empty. ${example}`);
  if (!/[\p{L}\p{N}]/u.test(question)) throw new UserError(`The question has no words to search for, only signs. ${example}`);
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new UserError(`The question is too long (${question.length} characters; at most ${MAX_QUESTION_LENGTH}).`);
  }
  // The question is searched as it stands: a transport removes its own markup (Discord's mentions) before asking.
  return question;
}

/** Questions longer than this, of several sentences, are searched by their last question sentence. */
export const LONG_QUESTION = 300;

/**
 * What a question asks, when it is long: a message of many sentences that ends in (or holds) a
 * question is searched by its last question sentence, since the sentences around it are
 * context whose words would outvote the question's own. A short or single-sentence question,
 * or one without a question mark, is searched whole (a short one may still be searched again by
 * its last question, see `ask`).
 */
export function focusQuestion(question: string): string {
  return question.length > LONG_QUESTION ? (lastQuestion(question) ?? question) : question;
}

/** The last question sentence of a message of several sentences; undefined when there is none. */
function lastQuestion(question: string): string | undefined {
  const sentences = splitSentences(question);
  if (sentences.length < 2) return undefined;
  const asked = sentences.filter((s) => /\?["'”’)\]]*\s*$/u.test(s.text) && /[\p{L}\p{N}]/u.test(s.text));
  return asked.at(-1)?.text.trim();
}

/**
 * Ranks the passages of the library for a question with the one fitted scoring function:
 * MiniSearch finds candidates, each gets a feature record (see features.ts), and the weighted
 * sum orders them.
 */
export function rank(library: AskSource, question: string, ranking: RankingConfig = DEFAULT_RANKING, options: RankOptions = {}): Ranking {
  const weights = expansionWeights(ranking);
  const plan = planQuery(question, library.index, library.lexicon);
  if (plan.concepts.length === 0) {
    throw new UserError('That question has only common words (like "what" or "the"). Name a person, place or thing from the articles.');
  }
  const context = questionContext(plan, weights, ranking, library.index);
  const hits = findCandidates(library, context, ranking.candidates);
  // The confidence reads the lead of the best over the second.
  const scored = scoreCandidates(context, hits, ranking, options.exhaustive ? Infinity : Math.max(ranking.shown, 2));
  const known = knownShare(context);
  const evidenced = scored.map((s) => ({ ...s, evidence: s.hit.evidence }));
  return { context, candidates: scored, known, confidence: confidenceFeatures(weights, known, evidenced) };
}

/**
 * Scores candidates, best first. Splitting a passage into sentences is most of what a candidate
 * costs, and its sentences weigh in its score only through `dense`, which its words bound from
 * above. So candidates are scored in order of the best score they could reach, and once `needed`
 * are scored, those that could reach none of the `needed` best are left out: what is shown is
 * what scoring them all would show.
 */
function scoreCandidates(context: QuestionContext, hits: readonly Candidate[], ranking: RankingConfig, needed: number): ScoredPassage[] {
  const denseWeight = Math.max(0, ranking.passage.dense);
  const bounded = hits
    .map((hit) => {
      const partial = passageFeatures(context, hit, []);
      const base = score(partial, ranking.passage);
      return { hit, partial, base, bound: base + denseWeight * denseCeiling(context, hit.passage) };
    })
    .sort((a, b) => b.bound - a.bound);
  const scored: ScoredPassage[] = [];
  // The margin allows for rounding: a bound and a score add up in another order.
  const outOfReach = (bound: () => number) => scored.length >= needed && bound() + 1e-9 < (scored[needed - 1]?.score ?? -Infinity);
  for (const { hit, partial, base, bound } of bounded) {
    if (outOfReach(() => bound)) break;
    // The tighter bound costs a few coverages: worth it only here, where it may spare a split.
    if (outOfReach(() => base + denseWeight * denseBound(context, hit.passage))) continue;
    const sentences = sentenceCandidates(context, hit.passage);
    const features = { ...partial, dense: densest(sentences) };
    scored.push({ hit, features, answer: answerText(hit.passage, sentences, ranking), score: score(features, ranking.passage) });
    scored.sort(byScore);
  }
  return scored;
}

/** Answers a question from the library: best passage, its answering sentence, and a few more. */
export function ask(library: AskSource, rawQuestion: string, options: AskOptions = {}): AskResult {
  const ranking = options.ranking ?? DEFAULT_RANKING;
  const question = cleanQuestion(rawQuestion);
  let searched = focusQuestion(question);
  let found = rank(library, searched, ranking);
  let probability = confidenceOf(found.confidence, ranking);
  // A shorter message, searched whole and not answered, is searched again by its last question:
  // the sentences before it may be a greeting or context ("Hello everyone. It was a long week. Who gifted the drones?").
  // (A long message was focused already: its last question, if any, is what was searched.)
  const last = question.length <= LONG_QUESTION && probability < ranking.confidence.answerAbove ? lastQuestion(question) : undefined;
  if (last !== undefined && last !== question) {
    const again = rankOrNothing(library, last, ranking);
    const surer = again ? confidenceOf(again.confidence, ranking) : 0;
    if (again && surer > probability) [searched, found, probability] = [last, again, surer];
  }
  const { plan } = found.context;
  const outcome: Outcome =
    probability >= ranking.confidence.answerAbove ? 'answer' : probability >= ranking.confidence.relatedAbove ? 'unsure' : 'nothing';
  const shown = outcome === 'nothing' ? [] : found.candidates.slice(0, ranking.shown);
  const queryTerms = new Set(searchTerms(plan).map((t) => t.term));
  const passages = shown.map((r) => toRankedPassage(library, r, queryTerms));
  // A correction is shown as the passages spell it ("O’Brien"), else in its plain form ("o'brien").
  const matched = passages.flatMap((p) => p.matchedWords);
  const corrections = plan.concepts.flatMap(({ text, correctedTo }) =>
    correctedTo && !sameWord(text, correctedTo)
      ? [{ from: text, to: matched.find((w) => plainWord(w) === correctedTo) ?? correctedTo }]
      : [],
  );
  const top = shown[0];
  const answer: AnswerSentence | null =
    top?.answer && outcome !== 'nothing'
      ? {
          text: top.answer.text,
          source: top.hit.passage.source,
          line: lineOfOffset(library, top.hit.passage, top.answer.start),
          endLine: lineOfOffset(library, top.hit.passage, top.answer.start + Math.max(0, top.answer.text.length - 1)),
          title: passages[0]?.title ?? top.hit.passage.source,
          highlights: within(passages[0]?.highlights ?? [], top.answer.start, top.answer.text.length),
          ...speakerField(library, top.hit.passage, top.answer),
        }
      : null;
  return {
    question,
    ...(searched !== question ? { searched } : {}),
    outcome,
    confident: outcome === 'answer',
    confidence: round(probability),
    answer,
    passages,
    corrections,
  };
}

/** The answer's speaker as a field, when it is quoted (see `speakerOf`). */
function speakerField(library: AskSource, passage: Passage, answer: AnswerText): { speaker?: string } {
  const article = library.article(passage.source);
  const speaker = article && speakerOf(article, passage, answer.start, answer.text.length, library.readyQuotations?.(passage.source));
  return speaker ? { speaker } : {};
}

/** `rank`, or undefined for a question of common words only (which `rank` refuses). */
function rankOrNothing(library: AskSource, question: string, ranking: RankingConfig): Ranking | undefined {
  try {
    return rank(library, question, ranking);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

/** The probability that the best passage answers, from the fitted logistic model. */
export function confidenceOf(features: ConfidenceFeatures, ranking: RankingConfig): number {
  return 1 / (1 + Math.exp(-(ranking.confidence.bias + score(features, ranking.confidence.weights))));
}

/** The passages the candidate search finds for every term of the plan, with their BM25 scores. */
function findCandidates(library: AskSource, context: QuestionContext, limit: number): Candidate[] {
  const { hits, termsBySource } = library.index.search(searchTerms(context.plan, context.weights), limit, context.lines);
  return candidatesOf(
    context,
    hits.map((hit) => hit.passage),
    termsBySource,
  );
}

function byScore(a: ScoredPassage, b: ScoredPassage): number {
  return b.score - a.score || a.hit.passage.id - b.hit.passage.id;
}

/** The passage text of its answer sentences, as the passage has it (the space between two kept). */
function answerText(passage: Passage, sentences: readonly SentenceCandidate[], ranking: RankingConfig): AnswerText | undefined {
  const span = answerSpan(
    sentences.map((s) => ({ score: score(s.features, ranking.sentence), refersBack: s.refersBack })),
    ranking.nextSentence,
  );
  const first = span && sentences[span.first];
  const last = span && sentences[span.last];
  if (!first || !last) return undefined;
  return { text: passage.text.slice(first.start, last.start + last.text.length), start: first.start };
}

function toRankedPassage(library: AskSource, r: ScoredPassage, queryTerms: ReadonlySet<string>): RankedPassage {
  const p = r.hit.passage;
  // Its words were read when the index was built: they are not split again.
  const highlights = passageHighlights(library.index, p, queryTerms);
  return {
    source: p.source,
    line: p.line,
    endLine: p.endLine,
    title: library.article(p.source)?.title ?? p.source,
    text: p.text,
    score: round(r.score),
    features: r.features,
    matchedWords: [...new Set(highlights.map((h) => p.text.slice(h.start, h.end)))],
    highlights,
  };
}

/** The highlights of a passage that fall in one of its sentences, as offsets in the sentence. */
function within(highlights: readonly Highlight[], start: number, length: number): Highlight[] {
  return highlights.filter((h) => h.start >= start && h.end <= start + length).map((h) => ({ start: h.start - start, end: h.end - start }));
}

/** A passage may span lines (hard-wrapped text); the answer cites the line its sentence starts on. */
function lineOfOffset(library: AskSource, passage: Passage, offset: number): number {
  return lineAt(library.article(passage.source), passage, offset);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
