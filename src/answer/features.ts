import type { Passage } from '../corpus/types.js';
import type { LineWeights, PassageIndex } from '../search/passage-index.js';
import type { WordsView } from '../search/passage-words.js';
import { EXPANSION_KINDS, matchedKind, matchWeight, type Concept, type ExpansionWeights, type QueryPlan } from '../search/query.js';
import { plainWord } from '../text/terms.js';
import { opensByReferringBack } from '../text/referring.js';
import { tokenize } from '../text/tokens.js';
import type { ConfidenceFeature, PassageFeature, RankingConfig, SentenceFeature } from './ranking-config.js';
import { splitSentences } from '../text/sentences.js';

/**
 * Sentence length, in words, that the `length` and `dense` features measure against: a unit, not
 * a setting (the fitted weights absorb it, and `measures.lengthNorm` sets how length discounts).
 */
const SENTENCE_SCALE_WORDS = 25;

/**
 * A passage's sentences, split only for passages whose sentences are looked at: four numbers a
 * sentence (its start and end in the text, its first word and the word after its last), packed,
 * as thousands are kept (an object and a string a sentence took three times the memory).
 */
type Sentences = Uint32Array;
const SENTENCE_FIELDS = 4;

/**
 * Sentences of the passages split last (splitting costs more than all else a candidate does).
 * Kept for the most recently used only, as a bound on memory.
 */
const MAX_SPLIT = 2_000;
const splits = new Map<Passage, Sentences>();

/** A passage's words, read when the index was built (see search/passage-words.ts). */
function wordsOf(ctx: QuestionContext, passage: Passage): WordsView {
  const words = ctx.index.wordsOf(passage);
  if (!words) throw new Error(`passage ${passage.source}:${passage.line} is not in this index`);
  return words;
}

function sentencesOf(ctx: QuestionContext, passage: Passage): { words: WordsView; sentences: Sentences } {
  const words = wordsOf(ctx, passage);
  let sentences = splits.get(passage);
  if (sentences) {
    // Most recently used last: the first key is the one to let go.
    splits.delete(passage);
  } else {
    const split = splitSentences(passage.text);
    sentences = new Uint32Array(split.length * SENTENCE_FIELDS);
    let w = 0;
    for (const [i, s] of split.entries()) {
      const end = s.start + s.text.length;
      const firstWord = w;
      while (w < words.count && words.start(w) < end) w++;
      const at = i * SENTENCE_FIELDS;
      sentences[at] = s.start;
      sentences[at + 1] = end;
      sentences[at + 2] = firstWord;
      sentences[at + 3] = w;
    }
    if (splits.size >= MAX_SPLIT) splits.delete(splits.keys().next().value as Passage);
  }
  splits.set(passage, sentences);
  return { words, sentences };
}

/** Where a passage's words that have one of the terms stand, from the words read when the index was built. */
export function passageHighlights(
  index: PassageIndex,
  passage: Passage,
  terms: ReadonlySet<string>,
): Array<{ start: number; end: number }> {
  const words = index.wordsOf(passage);
  if (!words) return [];
  const numbers = new Set([...terms].flatMap((t) => index.termNumber(t) ?? []));
  const found: Array<{ start: number; end: number }> = [];
  words.eachTerm((w, term) => {
    if (numbers.has(term) && found.at(-1)?.start !== words.start(w)) found.push({ start: words.start(w), end: words.end(w) });
  });
  return found;
}

/** The question, read once for all its candidates. */
export interface QuestionContext {
  /** The index the question is asked of: its passages' words and term statistics. */
  readonly index: PassageIndex;
  readonly plan: QueryPlan;
  readonly weights: ExpansionWeights;
  /** How much title and short lines weigh in BM25 (and in the candidate search), next to a paragraph's 1. */
  readonly lines: LineWeights;
  /** How the features measure nearness, phrases and length. */
  readonly measures: RankingConfig['measures'];
  readonly totalWeight: number;
  /** For each index term of any way of saying a concept that the index has, by term number: the concepts it stands for. */
  readonly conceptsOfTerm: ReadonlyMap<number, readonly number[]>;
  /** The index terms of the words as typed (a misspelt word as the word meant): what BM25 scores. */
  readonly literalTerms: ReadonlySet<string>;
  /** Each concept's words as typed, folded ("gifted"), to tell an exact match from a stemmed one. */
  readonly conceptForms: ReadonlyArray<ReadonlySet<string>>;
  /** Per passage id: where the question's words stand in it (filled as passages are read). */
  readonly hits: Map<number, readonly Hit[]>;
}

/** A word of a passage that is one of the question's terms. */
interface Hit {
  readonly at: number;
  readonly term: string;
  readonly concepts: readonly number[];
  /** The concepts whose word stands here exactly as typed ("gifted", not "gifts"). */
  readonly exact: readonly number[];
}

/** The passage's words that are question terms, found once per question and passage. */
function hitsIn(ctx: QuestionContext, passage: Passage, words: WordsView): readonly Hit[] {
  let hits = ctx.hits.get(passage.id);
  if (!hits) {
    const found: Hit[] = [];
    words.eachTerm((at, n) => {
      const concepts = ctx.conceptsOfTerm.get(n);
      if (!concepts) return;
      // The word as written, folded, only for the few words that match: is it the form typed?
      const plain = plainWord(passage.text.slice(words.start(at), words.end(at)));
      found.push({ at, term: ctx.index.termName(n), concepts, exact: concepts.filter((c) => ctx.conceptForms[c]?.has(plain)) });
    });
    hits = found;
    ctx.hits.set(passage.id, hits);
  }
  return hits;
}

export function questionContext(
  plan: QueryPlan,
  weights: ExpansionWeights,
  { lines, measures }: Pick<RankingConfig, 'lines' | 'measures'>,
  index: PassageIndex,
): QuestionContext {
  const conceptsOfTerm = new Map<number, number[]>();
  plan.concepts.forEach((c, i) => {
    for (const term of new Set(c.alternatives.flatMap((a) => a.groups.flat()))) {
      const n = index.termNumber(term);
      if (n === undefined) continue;
      const list = conceptsOfTerm.get(n) ?? [];
      list.push(i);
      conceptsOfTerm.set(n, list);
    }
  });
  const totalWeight = plan.concepts.reduce((sum, c) => sum + c.idf, 0);
  // A misspelt word's form is the word it was read as.
  const conceptForms = plan.concepts.map(
    (c) => new Set(c.correctedTo ? [c.correctedTo] : tokenize(c.text).map((t) => plainWord(t.surface))),
  );
  return {
    index,
    plan,
    weights,
    lines,
    measures,
    totalWeight,
    conceptsOfTerm,
    literalTerms: new Set(plan.concepts.flatMap((c) => c.alternatives.filter((a) => a.kind === 'literal').flatMap((a) => a.groups.flat()))),
    conceptForms,
    hits: new Map(),
  };
}

/** Coverage of the question by a set of terms, each concept at the weight of the best way it is said. */
function coverage(ctx: QuestionContext, terms: ReadonlySet<string>): number {
  if (ctx.totalWeight <= 0) return 0;
  return ctx.plan.concepts.reduce((sum, c) => sum + c.idf * matchWeight(c, terms, ctx.weights), 0) / ctx.totalWeight;
}

/** Each question concept's word positions between two positions, ascending (hits come in word order). */
function conceptPositions(ctx: QuestionContext, hits: readonly Hit[], from: number, to: number): number[][] {
  const positions: number[][] = Array.from({ length: ctx.plan.concepts.length }, () => []);
  for (const hit of hits) if (hit.at >= from && hit.at < to) for (const c of hit.concepts) positions[c]?.push(hit.at);
  return positions;
}

/**
 * Share of neighbouring question concepts (in question order) said together: within `gap`
 * words of each other in any order (`proximity`, `measures.nearWords`), or, when `after`, the
 * second after the first within `gap` words, as in a phrase (`phrase`, `measures.phraseGap`).
 */
function together(positions: readonly (readonly number[])[], gap: number, after: boolean): number {
  const n = positions.length;
  if (n < 2) return 0;
  let count = 0;
  for (let c = 0; c + 1 < n; c++) if (withinOf(positions[c] ?? [], positions[c + 1] ?? [], gap, after)) count++;
  return count / (n - 1);
}

/**
 * Whether some q of `b` is within `gap` of some p of `a` (another position), or, when
 * `after`, follows it within `gap`. Both ascending: one walk through each.
 */
function withinOf(a: readonly number[], b: readonly number[], gap: number, after: boolean): boolean {
  let j = 0;
  for (const p of a) {
    const low = after ? p + 1 : p - gap;
    while (j < b.length && b[j]! < low) j++;
    for (let k = j; k < b.length && b[k]! <= p + gap; k++) if (after || b[k] !== p) return true;
  }
  return false;
}

/** What `dense` divides a sentence's coverage by: 1 at the unit length, more for longer sentences (as BM25's b). */
function lengthDiscount(ctx: QuestionContext, words: number): number {
  const b = ctx.measures.lengthNorm;
  return 1 - b + (b * words) / SENTENCE_SCALE_WORDS;
}

/** Share of the question's weight said between two word positions in exactly the form typed. */
function exactCoverage(ctx: QuestionContext, hits: readonly Hit[], from: number, to: number): number {
  if (ctx.totalWeight <= 0) return 0;
  const said = new Set<number>();
  for (const hit of hits) if (hit.at >= from && hit.at < to) hit.exact.forEach((c) => said.add(c));
  return [...said].reduce((sum, c) => sum + (ctx.plan.concepts[c]?.idf ?? 0), 0) / ctx.totalWeight;
}

/** The question terms said between two word positions: all that coverage looks at. */
function termsBetween(hits: readonly Hit[], from: number, to: number): Set<string> {
  const terms = new Set<string>();
  for (const hit of hits) if (hit.at >= from && hit.at < to) terms.add(hit.term);
  return terms;
}

export type SentenceFeatures = Record<SentenceFeature, number>;

export interface SentenceCandidate {
  readonly text: string;
  /** Offset in the passage text. */
  readonly start: number;
  readonly features: SentenceFeatures;
  /** It opens with a word that refers back to the sentence before (see `answerSpan`). */
  readonly refersBack: boolean;
}

/** Each sentence of a passage with its features. */
export function sentenceCandidates(ctx: QuestionContext, passage: Passage): SentenceCandidate[] {
  const { words, sentences } = sentencesOf(ctx, passage);
  const hits = hitsIn(ctx, passage, words);
  const candidates: SentenceCandidate[] = [];
  for (let i = 0; i < sentences.length / SENTENCE_FIELDS; i++) {
    const at = i * SENTENCE_FIELDS;
    const start = sentences[at] ?? 0;
    const end = sentences[at + 1] ?? 0;
    const firstWord = sentences[at + 2] ?? 0;
    const endWord = sentences[at + 3] ?? 0;
    const cov = coverage(ctx, termsBetween(hits, firstWord, endWord));
    const positions = conceptPositions(ctx, hits, firstWord, endWord);
    const text = passage.text.slice(start, end);
    candidates.push({
      text,
      start,
      refersBack: opensByReferringBack(text),
      features: {
        coverage: cov,
        exact: exactCoverage(ctx, hits, firstWord, endWord),
        proximity: together(positions, ctx.measures.nearWords, false),
        phrase: together(positions, ctx.measures.phraseGap, true),
        dense: cov / lengthDiscount(ctx, endWord - firstWord),
        first: i === 0 ? 1 : 0,
        length: (endWord - firstWord) / SENTENCE_SCALE_WORDS,
      },
    });
  }
  return candidates;
}

/** The sentences of an answer, as indexes into its passage's sentences: `[first, last]`. */
export interface AnswerSpan {
  readonly first: number;
  readonly last: number;
}

/** How close the next sentence must score to the best one to join it: a next sentence that refers back has a bar of its own. */
export interface NextSentenceBars {
  readonly within: number;
  readonly referringWithin: number;
}

/**
 * Which sentences make the answer, given each sentence's score and whether it refers back: the
 * best one (the first of equals), and the one after it when that scores within its bar of it.
 * An answer often goes on in a sentence that opens by referring back ("This hypothesis is called…").
 */
export function answerSpan(
  sentences: ReadonlyArray<{ readonly score: number; readonly refersBack: boolean }>,
  bars: NextSentenceBars,
): AnswerSpan | undefined {
  let top = -1;
  sentences.forEach((s, i) => {
    if (top < 0 || s.score > (sentences[top]?.score ?? -Infinity)) top = i;
  });
  if (top < 0) return undefined;
  const next = sentences[top + 1];
  const bar = next?.refersBack ? bars.referringWithin : bars.within;
  return { first: top, last: next !== undefined && next.score > (sentences[top]?.score ?? 0) - bar ? top + 1 : top };
}

export type PassageFeatures = Record<PassageFeature, number>;

/** A passage the search found, with the BM25 of the words as typed, relative to the best candidate's (0–1). */
export interface Candidate {
  readonly passage: Passage;
  readonly literalScore: number;
  /**
   * The BM25 of the words as typed, before line weights and not relative to other candidates, in
   * units of the IDF of a word no passage has: about how many of the corpus's rarest words the
   * passage says, whatever the corpus's size. The confidence reads it (a share of a long question
   * can be small where the passage says much of it).
   */
  readonly evidence: number;
  /** The searched terms its article has in any passage (a word the corpus has is searched as typed, not by its relatives). */
  readonly articleTerms: ReadonlySet<string>;
}

/**
 * The candidates of the passages a search found. BM25 is computed here, on the few candidates,
 * over the words as typed alone: expansions count through their coverage features (a BM25 of the
 * expansions did not pay in the ablation, and mixed into one sum they drown the typed words).
 */
export function candidatesOf(
  ctx: QuestionContext,
  passages: readonly Passage[],
  termsBySource: ReadonlyMap<string, ReadonlySet<string>>,
): Candidate[] {
  const { index } = ctx;
  const { bm25K: k, bm25B: b } = ctx.measures;
  const scored = passages.map((passage) => {
    const words = wordsOf(ctx, passage);
    const counts = new Map<string, number>();
    for (const hit of hitsIn(ctx, passage, words)) counts.set(hit.term, (counts.get(hit.term) ?? 0) + 1);
    const norm = k * (1 - b + (b * words.count) / index.averageWords);
    let sum = 0;
    for (const [term, count] of counts) {
      if (ctx.literalTerms.has(term)) sum += index.idf(term) * ((count * (k + 1)) / (count + norm));
    }
    return { passage, bm25: sum * index.weightOf(passage, ctx.lines), evidence: sum / index.unseenIdf };
  });
  const top = Math.max(0, ...scored.map((c) => c.bm25)) || 1;
  return scored.map((c) => ({
    passage: c.passage,
    literalScore: c.bm25 / top,
    evidence: c.evidence,
    articleTerms: termsBySource.get(c.passage.source) ?? new Set(),
  }));
}

/** A quick, looser bound on `dense` than `denseBound`: the passage's coverage in a sentence of one word. */
export function denseCeiling(ctx: QuestionContext, passage: Passage): number {
  const words = wordsOf(ctx, passage);
  const cov = coverage(ctx, termsBetween(hitsIn(ctx, passage, words), 0, words.count));
  return cov / lengthDiscount(ctx, 1);
}

/** Characters that may end a sentence (see text/sentences.ts): a sentence ends after one, or with its passage. */
const SENTENCE_END = /[.!?…]/g;

/**
 * The most `dense` any sentence of a passage can be, without splitting it into sentences:
 * cut after every character that may end a sentence, each sentence is a run of whole pieces,
 * so the densest run of pieces is at least as dense as the densest sentence.
 */
export function denseBound(ctx: QuestionContext, passage: Passage): number {
  const words = wordsOf(ctx, passage);
  const hits = hitsIn(ctx, passage, words);
  if (hits.length === 0) return 0;
  // Where each piece starts, by word; then the pieces that hold a hit, with their terms.
  const cuts = [0];
  let w = 0;
  for (const end of passage.text.matchAll(SENTENCE_END)) {
    while (w < words.count && words.start(w) <= end.index) w++;
    if (w > (cuts[cuts.length - 1] ?? 0)) cuts.push(w);
  }
  cuts.push(Infinity);
  const pieces: Array<{ from: number; to: number; terms: string[] }> = [];
  let piece = 0;
  for (const hit of hits) {
    while (hit.at >= (cuts[piece + 1] ?? Infinity)) piece++;
    const last = pieces[pieces.length - 1];
    if (last && last.from === cuts[piece]) last.terms.push(hit.term);
    else pieces.push({ from: cuts[piece] ?? 0, to: Math.min(cuts[piece + 1] ?? Infinity, words.count), terms: [hit.term] });
  }
  // A run that starts or ends with a piece without hits is no denser than the run without it.
  let bound = 0;
  for (let a = 0; a < pieces.length; a++) {
    const terms = new Set<string>();
    for (let b = a; b < pieces.length; b++) {
      pieces[b]?.terms.forEach((t) => terms.add(t));
      const length = (pieces[b]?.to ?? 0) - (pieces[a]?.from ?? 0);
      bound = Math.max(bound, coverage(ctx, terms) / lengthDiscount(ctx, length));
    }
  }
  return bound;
}

/** The feature record of a candidate passage (see PASSAGE_FEATURES); without sentences, `dense` is 0. */
export function passageFeatures(ctx: QuestionContext, hit: Candidate, sentences: readonly SentenceCandidate[]): PassageFeatures {
  const words = wordsOf(ctx, hit.passage);
  const hits = hitsIn(ctx, hit.passage, words);
  const byKind = { literal: 0, synonym: 0 };
  const matched = termsBetween(hits, 0, words.count);
  for (const c of ctx.plan.concepts) {
    const kind = matchedKind(c, matched, ctx.weights);
    if (kind) byKind[kind] += c.idf;
  }
  const share = (w: number) => (ctx.totalWeight > 0 ? w / ctx.totalWeight : 0);
  return {
    bm25: hit.literalScore,
    literal: share(byKind.literal),
    synonym: share(byKind.synonym),
    dense: densest(sentences),
    exact: exactCoverage(ctx, hits, 0, words.count),
    phrase: together(conceptPositions(ctx, hits, 0, words.count), ctx.measures.phraseGap, true),
    article: coverage(ctx, hit.articleTerms),
  };
}

/** The passage's `dense`: its densest sentence's. */
export function densest(sentences: readonly SentenceCandidate[]): number {
  return Math.max(0, ...sentences.map((s) => s.features.dense));
}

/** A weighted sum: the one scoring function of the ranking, for passages and sentences alike. */
export function score<K extends string>(features: Readonly<Record<K, number>>, weights: Readonly<Record<K, number>>): number {
  let sum = 0;
  for (const key in weights) sum += (weights[key] ?? 0) * (features[key] ?? 0);
  return sum;
}

export type ConfidenceFeatures = Record<ConfidenceFeature, number>;

/**
 * How much of the question the corpus knows at all, whatever passage is best: the share of the
 * question's weight that the corpus has any word for (literal or expansion), 0–1.
 */
export function knownShare(ctx: QuestionContext): number {
  if (ctx.totalWeight <= 0) return 0;
  const inCorpus = (c: Concept) => c.alternatives.some((a) => a.groups.flat().some((t) => ctx.index.frequency(t) > 0));
  return ctx.plan.concepts.filter(inCorpus).reduce((sum, c) => sum + c.idf, 0) / ctx.totalWeight;
}

/**
 * What the confidence model reads: how well the best passage covers the question, how much
 * evidence it holds, how much of the question the corpus knows, and how far the best leads.
 */
export function confidenceFeatures(
  weights: ExpansionWeights,
  known: number,
  ranked: ReadonlyArray<{ readonly features: PassageFeatures; readonly score: number; readonly evidence: number }>,
): ConfidenceFeatures {
  const top = ranked[0];
  if (!top) return { coverage: 0, literal: 0, dense: 0, evidence: 0, known, margin: 0 };
  const f = top.features;
  const expanded = EXPANSION_KINDS.reduce((sum, k) => sum + f[k] * weights[k], 0);
  return {
    coverage: Math.min(1, expanded),
    literal: f.literal,
    dense: f.dense,
    evidence: top.evidence,
    known,
    margin: top.score - (ranked[1]?.score ?? 0),
  };
}
