import { z } from 'zod';
import defaults from '../../config/ranking.json' with { type: 'json' };
import { EXPANSION_KINDS, type ExpansionWeights } from '../search/query.js';

/**
 * What the ranking knows of a passage for one question, each a number the fitted weights
 * multiply. Coverages are shares of the question's weight (rarer words weigh more), 0–1.
 */
export const PASSAGE_FEATURES = [
  /** BM25 of the words as typed (k1 and b in `measures`, computed on the candidates), relative to the best candidate's. */
  'bm25',
  /** Coverage of the question by the words as typed. */
  'literal',
  /** Coverage added by WordNet's synonyms (only where the literal word is missing). */
  'synonym',
  /** The densest sentence's coverage, discounted for length as BM25 does for documents. */
  'dense',
  /** Coverage by words in exactly the form typed ("gifted", where stems also match "gifts"). */
  'exact',
  /** Share of the question's neighbouring concepts said in its order, within `measures.phraseGap` words of each other, as a phrase. */
  'phrase',
  /**
   * Coverage of the question by the passage's whole article: the searched terms any passage of it
   * has (the passage's own among them; expansions at their fitted weight). In a folder of many
   * stories, the story a question is about.
   */
  'article',
] as const;
export type PassageFeature = (typeof PASSAGE_FEATURES)[number];

/** What the ranking knows of a sentence of the chosen passage, to pick the answer sentence. */
export const SENTENCE_FEATURES = ['coverage', 'dense', 'exact', 'proximity', 'phrase', 'first', 'length'] as const;
export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];

/** What the confidence model knows of the best passage and the question. */
export const CONFIDENCE_FEATURES = [
  /** The best passage's coverage of the question, expansions at their fitted weight. */
  'coverage',
  /** Its coverage by the words as typed. */
  'literal',
  /** Its densest sentence's coverage, discounted for length. */
  'dense',
  /** Its BM25 of the words as typed in units of the IDF of a word no passage has (see `Candidate.evidence`). */
  'evidence',
  /** Share of the question's weight that occurs anywhere in the corpus. */
  'known',
  /** The best passage's lead over the second, in ranking score. */
  'margin',
] as const;
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];

const weights = <T extends readonly string[]>(names: T) =>
  z.strictObject(Object.fromEntries(names.map((n) => [n, z.number().finite()])) as Record<T[number], z.ZodNumber>);

const RankingConfigSchema = z.strictObject({
  /**
   * Passages taken from the MiniSearch search for ranking: a cost, not a weight. With 10, 15 or
   * 30 the public sets put the same passages first (30 adds one to a top 3); 15 leaves room.
   */
  candidates: z.number().int().min(1).max(500),
  /** Passages shown: the best and a few ranked below it. */
  shown: z.number().int().min(1).max(25),
  /**
   * How much title and heading lines, and lines of few words, weigh next to a paragraph (1), in
   * the candidate search and in BM25: they say a question's words without answering it (and
   * BM25 favours short passages). Fitted with `measures` by one grid search on the
   * cross-validated MRR plus answers in the answer sentence (see bench/fit/grid.ts).
   */
  lines: z.strictObject({
    // Above 0: MiniSearch leaves out a passage its document boost weighs 0, from the hits and from what its article says.
    title: z.number().gt(0).max(1),
    /** Multiplies the weight of a line of fewer than `shortUnder` words. */
    short: z.number().gt(0).max(1),
    shortUnder: z.number().int().min(0).max(1000),
  }),
  /**
   * How the features measure what they count: fitted by grid search with the line weights (see
   * bench/fit/grid.ts), since each value changes every feature record.
   */
  measures: z.strictObject({
    /** Words apart within which two neighbouring question concepts count as said together (`proximity`). */
    nearWords: z.number().int().min(1).max(50),
    /** Words from one concept to the next that still read as a phrase (`phrase`: "Kim's visit" ~ "Kim's first visit" at 2). */
    phraseGap: z.number().int().min(1).max(20),
    /** How much a sentence's length discounts its coverage in `dense` (BM25's b): 0 none, towards 1 coverage per word. */
    lengthNorm: z.number().min(0).max(0.95),
    /** BM25's term frequency saturation (k1) in the `bm25` feature: how little a word's second mention adds. */
    bm25K: z.number().min(0).max(10),
    /** BM25's length normalisation (b) in the `bm25` feature: 0 none, 1 a passage weighed by its length in full. */
    bm25B: z.number().min(0).max(1),
  }),
  passage: weights(PASSAGE_FEATURES),
  sentence: weights(SENTENCE_FEATURES),
  /**
   * The sentence after the answer sentence joins the answer when it scores within `within` of it:
   * an answer often goes on in the next sentence ("…admit an efficient algorithm. This hypothesis
   * is called the Cobham–Edmonds thesis."); a sentence that opens by referring back (a pronoun, a
   * demonstrative, a connective) has a bar of its own, `referringWithin`. Both are fitted as the
   * most answers held for a mean answer length the fit allows (see bench/fit/model.ts).
   */
  nextSentence: z.strictObject({ within: z.number().min(0), referringWithin: z.number().min(0) }),
  confidence: z.strictObject({
    bias: z.number().finite(),
    weights: weights(CONFIDENCE_FEATURES),
    /** At or above this probability the best passage is offered as the answer. */
    answerAbove: z.number().min(0).max(1),
    /** Below this, nothing relates: no passage is shown. Between the two: "not sure", passages shown. */
    relatedAbove: z.number().min(0).max(1),
  }),
  /** How the weights were fitted, for people reading the file (not read by the bot). */
  fitted: z.unknown().optional(),
});

/**
 * Every weight and threshold of /ask's ranking, in one place. The defaults are data
 * (`config/ranking.json`), written by `npm run fit` from the public question sets; nothing
 * here is set by hand to make one question pass.
 */
export type RankingConfig = z.infer<typeof RankingConfigSchema>;

/** Validates a ranking config; throws with every bad key named. */
export function parseRankingConfig(value: unknown): RankingConfig {
  const parsed = RankingConfigSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid ranking config: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export const DEFAULT_RANKING: RankingConfig = parseRankingConfig(defaults);

/**
 * An expansion counts, in coverage and (for a word the corpus lacks) in the candidate search, at
 * the weight the fit gives its kind's coverage next to a literal word's, so that search and
 * ranking agree on what a synonym is worth.
 */
export function expansionWeights(config: RankingConfig): ExpansionWeights {
  const literal = config.passage.literal;
  const share = (w: number) => (literal > 0 ? Math.min(1, Math.max(0.05, w / literal)) : 0.5);
  return Object.fromEntries(EXPANSION_KINDS.map((k) => [k, k === 'literal' ? 1 : share(config.passage[k])])) as Record<
    (typeof EXPANSION_KINDS)[number],
    number
  >;
}
