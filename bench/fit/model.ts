/**
 * Fitting /ask's ranking from collected records (see collect.ts), and measuring a ranking on
 * records it was not fitted on.
 *
 * - Passage weights: pairwise logistic regression (RankNet): for each question, the right
 *   passage should outscore every other candidate.
 * - Sentence weights: the same, over the right passage's sentences: those holding an accepted
 *   answer should outscore the rest.
 * - The next sentence's bars (`nextSentence`: any next sentence, and one that opens by referring
 *   back): of a grid, the bars under which the most answers hold an accepted answer while each
 *   set's answers average at most ANSWER_WORDS words.
 * - Confidence: logistic regression of "asked of its own corpus" against "asked of the other
 *   corpus", on the best passage's features; the bar for an answer is set so that at least
 *   OFF_CORPUS_REFUSED of off-corpus questions fall under it, each set's questions weighed as in
 *   the fit (√n a set).
 *
 * Each set's questions together weigh the square root of their number, so that squad-dev's
 * 293 questions lead without drowning the seed sets' 54.
 */
import { answerSpan, confidenceFeatures, score, type NextSentenceBars } from '../../src/answer/features.js';
import { CONFIDENCE_FEATURES, PASSAGE_FEATURES, SENTENCE_FEATURES, type RankingConfig } from '../../src/answer/ranking-config.js';
import type { QuestionRecord } from './collect.js';

/** Share of off-corpus questions the answer bar must keep out, on the questions it is fitted on. */
export const OFF_CORPUS_REFUSED = 0.97;
/** How much coordinate ascent pays for moving a weight away from the pairwise fit (per unit², per question). */
export const STAY = 0.01;
/**
 * The longest a set's answers may be on average, in words, when the next sentence joins them: our
 * ceiling of 40 less an eighth, for articles whose sentences run longer than the public ones.
 */
export const ANSWER_WORDS = 35;
/** Bars tried for the next sentence: 0 (never joins) to 3 (its score's spread over a passage's sentences is about 2–4). */
const NEXT_WITHIN_GRID = Array.from({ length: 31 }, (_, i) => i / 10);
/** Bars tried for a next sentence that refers back: the same, and on to 6 (it always joins). */
const REFERRING_WITHIN_GRID = Array.from({ length: 31 }, (_, i) => i / 5);
/** Share of answerable questions allowed below the "nothing relates" bar. */
export const ANSWERABLE_BELOW_RELATED = 0.005;

type Vector = number[];
interface Group {
  readonly weight: number;
  readonly positives: readonly Vector[];
  readonly negatives: readonly Vector[];
}

const dot = (w: Vector, x: Vector) => w.reduce((sum, wi, i) => sum + wi * (x[i] ?? 0), 0);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Minimises the weighted pairwise logistic loss plus lambda·|w|², by gradient descent with momentum. */
export function fitPairwise(groups: readonly Group[], dims: number, lambda: number, steps = 600): Vector {
  const pairs: Array<{ diff: Vector; weight: number }> = [];
  for (const g of groups) {
    const n = g.positives.length * g.negatives.length;
    for (const p of g.positives) for (const q of g.negatives) pairs.push({ diff: p.map((v, i) => v - (q[i] ?? 0)), weight: g.weight / n });
  }
  const total = pairs.reduce((sum, p) => sum + p.weight, 0) || 1;
  return descend(dims, lambda, steps, (w, grad) => {
    for (const { diff, weight } of pairs) {
      const g = -sigmoid(-dot(w, diff)) * (weight / total);
      for (let i = 0; i < dims; i++) grad[i] = (grad[i] ?? 0) + g * (diff[i] ?? 0);
    }
  });
}

/**
 * Coordinate ascent on the ranking's own measure (Metzler and Croft, 2007): starting from
 * `start`, each weight in turn moves to the step that most raises the weighted mean reciprocal
 * rank of the right passage, until no step helps. Pairwise loss weighs every pair alike; this
 * cares only where the right passage lands, which is what people see.
 */
export function ascendReciprocalRank(
  groups: ReadonlyArray<{ weight: number; candidates: readonly Vector[]; gold: readonly boolean[] }>,
  start: Vector,
  free: readonly boolean[],
  stay: number,
  rounds = 4,
): Vector {
  const w = [...start];
  const total = groups.reduce((sum, g) => sum + g.weight, 0) || 1;
  // Moving far from the pairwise fit must pay: weights of rare features otherwise swing wildly.
  const objective = (): number => {
    let sum = -stay * total * w.reduce((d, wi, i) => d + (wi - (start[i] ?? 0)) ** 2, 0);
    for (const g of groups) {
      let goldScore = -Infinity;
      g.candidates.forEach((x, i) => {
        if (g.gold[i]) goldScore = Math.max(goldScore, dot(w, x));
      });
      let above = 0;
      for (let i = 0; i < g.candidates.length; i++) if (!g.gold[i] && dot(w, g.candidates[i] as Vector) >= goldScore) above++;
      sum += g.weight / (above + 1);
    }
    return sum;
  };
  let current = objective();
  const steps = [-1, -0.5, -0.25, -0.1, -0.05, 0.05, 0.1, 0.25, 0.5, 1];
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let i = 0; i < w.length; i++) {
      if (!free[i]) continue;
      const original = w[i] ?? 0;
      let bestValue = original;
      for (const step of steps) {
        w[i] = original + step;
        const value = objective();
        // A step must gain more than rounding noise: ties keep the smaller change.
        if (value > current + 1e-9) {
          current = value;
          bestValue = w[i] ?? 0;
        }
      }
      w[i] = bestValue;
      if (bestValue !== original) improved = true;
    }
    if (!improved) break;
  }
  return w;
}

/** Weighted logistic regression with a bias (the last weight). */
export function fitLogistic(
  samples: ReadonlyArray<{ x: Vector; y: 0 | 1; weight: number }>,
  dims: number,
  lambda: number,
  steps = 1500,
): { bias: number; weights: Vector } {
  const total = samples.reduce((sum, s) => sum + s.weight, 0) || 1;
  const w = descend(
    dims + 1,
    lambda,
    steps,
    (w, grad) => {
      for (const s of samples) {
        const x = [...s.x, 1];
        const g = (sigmoid(dot(w, x)) - s.y) * (s.weight / total);
        for (let i = 0; i <= dims; i++) grad[i] = (grad[i] ?? 0) + g * (x[i] ?? 0);
      }
    },
    dims,
  );
  return { bias: w[dims] ?? 0, weights: w.slice(0, dims) };
}

/** Full-batch gradient descent with momentum; `unregularised` is an index lambda does not apply to (a bias). */
function descend(dims: number, lambda: number, steps: number, addGradient: (w: Vector, grad: Vector) => void, unregularised = -1): Vector {
  const w: Vector = new Array(dims).fill(0);
  const velocity: Vector = new Array(dims).fill(0);
  const rate = 0.5;
  for (let step = 0; step < steps; step++) {
    const grad: Vector = w.map((wi, i) => (i === unregularised ? 0 : 2 * lambda * wi));
    addGradient(w, grad);
    for (let i = 0; i < dims; i++) {
      velocity[i] = 0.9 * (velocity[i] ?? 0) - rate * (grad[i] ?? 0);
      w[i] = (w[i] ?? 0) + (velocity[i] ?? 0);
    }
  }
  return w;
}

const passageVector = (f: Record<string, number>) => PASSAGE_FEATURES.map((k) => f[k] ?? 0);
const sentenceVector = (f: Record<string, number>) => SENTENCE_FEATURES.map((k) => f[k] ?? 0);
const confidenceVector = (f: Record<string, number>) => CONFIDENCE_FEATURES.map((k) => f[k] ?? 0);
const named = <K extends string>(names: readonly K[], w: Vector) =>
  Object.fromEntries(names.map((k, i) => [k, round(w[i] ?? 0)])) as Record<K, number>;
const round = (x: number) => Math.round(x * 10_000) / 10_000;

function setWeights(records: readonly QuestionRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) if (r.own) counts.set(r.set, (counts.get(r.set) ?? 0) + 1);
  return new Map([...counts].map(([set, n]) => [set, 1 / Math.sqrt(n)]));
}

/** Candidates of a record ordered by a ranking's passage weights. */
function reranked(record: QuestionRecord, ranking: RankingConfig) {
  return record.candidates.map((c) => ({ ...c, score: score(c.features, ranking.passage) })).sort((a, b) => b.score - a.score);
}

/** The confidence model's probability for a record under a ranking. */
export function probabilityOf(record: QuestionRecord, ranking: RankingConfig): number {
  const f = confidenceFeatures(record.weights, record.known, reranked(record, ranking));
  return sigmoid(ranking.confidence.bias + score(f, ranking.confidence.weights));
}

/**
 * Regularisation (the price of a weight's square): one for the passage and sentence weights,
 * chosen by the right passage's rank and the answer sentence (`rankingScore`), and one for the confidence model, chosen by the
 * answerable questions it refuses; each by cross-validation (see fit.ts).
 */
export interface Lambdas {
  readonly ranking: number;
  readonly confidence: number;
}

/**
 * The features a fit may weigh (the ablation leaves some out; the others get weight 0), whether
 * the next sentence may join the answer, and whether one that refers back has a bar of its own.
 */
export interface FeatureSets {
  readonly passage: ReadonlySet<string>;
  readonly sentence: ReadonlySet<string>;
  readonly confidence: ReadonlySet<string>;
  readonly nextSentence: boolean;
  readonly nextReferring: boolean;
}

export const ALL_FEATURES: FeatureSets = {
  passage: new Set(PASSAGE_FEATURES),
  sentence: new Set(SENTENCE_FEATURES),
  confidence: new Set(CONFIDENCE_FEATURES),
  nextSentence: true,
  nextReferring: true,
};

const keeping =
  (names: readonly string[], kept: ReadonlySet<string>) =>
  (v: Vector): Vector =>
    v.map((x, i) => (kept.has(names[i] ?? '') ? x : 0));

/** Fits passage, sentence and confidence weights (in that order) on the records; keeps the rest of `base`. */
export function fitRanking(
  records: readonly QuestionRecord[],
  base: RankingConfig,
  lambda: Lambdas,
  features: FeatureSets = ALL_FEATURES,
): RankingConfig {
  const perSet = setWeights(records);
  const own = records.filter((r) => r.own);
  const keep = keeping(PASSAGE_FEATURES, features.passage);
  const keepSentence = keeping(SENTENCE_FEATURES, features.sentence);
  const keepConfidence = keeping(CONFIDENCE_FEATURES, features.confidence);
  const passageGroups = own.flatMap((r) => {
    const positives = r.candidates.filter((c) => c.gold).map((c) => keep(passageVector(c.features)));
    const negatives = r.candidates.filter((c) => !c.gold).map((c) => keep(passageVector(c.features)));
    return positives.length > 0 && negatives.length > 0 ? [{ weight: perSet.get(r.set) ?? 1, positives, negatives }] : [];
  });
  const pairwise = keep(fitPairwise(passageGroups, PASSAGE_FEATURES.length, lambda.ranking));
  const rankGroups = own.flatMap((r) =>
    r.candidates.some((c) => c.gold)
      ? [
          {
            weight: perSet.get(r.set) ?? 1,
            candidates: r.candidates.map((c) => keep(passageVector(c.features))),
            gold: r.candidates.map((c) => c.gold),
          },
        ]
      : [],
  );
  const passage = named(
    PASSAGE_FEATURES,
    ascendReciprocalRank(
      rankGroups,
      pairwise,
      PASSAGE_FEATURES.map((f) => features.passage.has(f)),
      STAY,
    ),
  );

  const sentenceGroups = own.flatMap((r) => {
    const gold = r.candidates.find((c) => c.gold);
    const positives = gold?.sentences.filter((s) => s.holdsAnswer).map((s) => keepSentence(sentenceVector(s.features))) ?? [];
    const negatives = gold?.sentences.filter((s) => !s.holdsAnswer).map((s) => keepSentence(sentenceVector(s.features))) ?? [];
    return positives.length > 0 && negatives.length > 0 ? [{ weight: perSet.get(r.set) ?? 1, positives, negatives }] : [];
  });
  const sentence = named(SENTENCE_FEATURES, keepSentence(fitPairwise(sentenceGroups, SENTENCE_FEATURES.length, lambda.ranking)));

  const nextSentence = features.nextSentence
    ? fitNextSentence(own, { ...base, passage, sentence }, features.nextReferring)
    : { within: 0, referringWithin: 0 };
  const ranked: RankingConfig = { ...base, passage, sentence, nextSentence };
  const samples = records.map((r) => ({
    x: keepConfidence(confidenceVector(confidenceFeatures(r.weights, r.known, reranked(r, ranked)))),
    y: (r.own ? 1 : 0) as 0 | 1,
    weight: perSet.get(r.set) ?? 1,
  }));
  const logistic = fitLogistic(samples, CONFIDENCE_FEATURES.length, lambda.confidence);
  const confidence = {
    bias: round(logistic.bias),
    weights: named(CONFIDENCE_FEATURES, keepConfidence(logistic.weights)),
    answerAbove: 0.5,
    relatedAbove: 0,
  };
  const withModel: RankingConfig = { ...ranked, confidence };
  // The bars' shares count each set's questions at the weight the fit gives them (√n a set), so
  // that the few questions of a small set are not the ones a pooled share spends.
  const weighed = (r: QuestionRecord) => ({ value: probabilityOf(r, withModel), weight: perSet.get(r.set) ?? 1 });
  const answerAbove = weightedQuantile(records.filter((r) => !r.own).map(weighed), OFF_CORPUS_REFUSED) + 1e-6;
  const relatedAbove = Math.min(answerAbove, weightedQuantile(own.map(weighed), ANSWERABLE_BELOW_RELATED));
  return { ...withModel, confidence: { ...confidence, answerAbove: round6(answerAbove), relatedAbove: round6(relatedAbove) } };
}

/** A passage's sentences as the fit keeps them (see collect.ts). */
type RecordSentences = QuestionRecord['candidates'][number]['sentences'];

/** The answer among a passage's sentences under a ranking: whether it holds an accepted answer, and its words. */
function answerOf(sentences: RecordSentences, ranking: RankingConfig, scores = sentenceScores(sentences, ranking)) {
  const span = answerSpan(
    sentences.map((s, i) => ({ score: scores[i] ?? 0, refersBack: s.refersBack })),
    ranking.nextSentence,
  );
  if (!span) return undefined;
  const kept = sentences.slice(span.first, span.last + 1);
  return { holds: kept.some((s) => s.holdsAnswer), words: kept.reduce((sum, s) => sum + s.words, 0) };
}

const sentenceScores = (sentences: RecordSentences, ranking: RankingConfig) => sentences.map((s) => score(s.features, ranking.sentence));

/**
 * The next sentence's bars: the most answers held while each set's answers average at most
 * ANSWER_WORDS (the lowest bars of equals). Without `referring`, one that refers back has the same bar.
 */
function fitNextSentence(own: readonly QuestionRecord[], ranking: RankingConfig, referring: boolean): NextSentenceBars {
  // The best passage and its sentences' scores do not depend on the bars: read once.
  const tops = own
    .filter((r) => r.hasAnswers)
    .map((r) => {
      const sentences = reranked(r, ranking)[0]?.sentences ?? [];
      return { set: r.set, sentences, scores: sentenceScores(sentences, ranking) };
    });
  // Answers too long on average in some set never win: -1 is below any count of answers held.
  const held = (point: NextSentenceBars) => {
    const bySet = new Map<string, Array<{ holds: boolean; words: number }>>();
    for (const top of tops) {
      const answer = answerOf(top.sentences, { ...ranking, nextSentence: point }, top.scores);
      if (!answer) continue;
      const answers = bySet.get(top.set) ?? [];
      answers.push(answer);
      bySet.set(top.set, answers);
    }
    const answers = [...bySet.values()];
    const short = answers.every((a) => a.reduce((sum, x) => sum + x.words, 0) <= ANSWER_WORDS * a.length);
    return short ? answers.flat().filter((a) => a.holds).length : -1;
  };
  // Every pair of bars is tried (a coordinate search stalls: a higher bar for any sentence leaves
  // no room under the words ceiling for the sentences that refer back); without `referring` the
  // second bar is the first. From 0 up, only more answers held moves a bar: the lowest bars of equals.
  let best = { point: { within: 0, referringWithin: 0 }, held: -Infinity };
  for (const within of NEXT_WITHIN_GRID) {
    for (const referringWithin of referring ? REFERRING_WITHIN_GRID : [within]) {
      const count = held({ within, referringWithin });
      if (count > best.held) best = { point: { within, referringWithin }, held: count };
    }
  }
  return best.point;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The value below which a share `q` of the items' weight lies (with equal weights, the q-quantile). */
export function weightedQuantile(items: ReadonlyArray<{ readonly value: number; readonly weight: number }>, q: number): number {
  if (items.length === 0) return 0.5;
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  let below = 0;
  for (const item of sorted) {
    below += item.weight;
    if (below > q * total) return item.value;
  }
  return sorted[sorted.length - 1]?.value ?? 0.5;
}

export interface Figures {
  readonly questions: number;
  readonly first: number;
  readonly top3: number;
  readonly mrr: number;
  /** Answered, with an accepted answer inside the answer sentence; NaN where the set gives no accepted answers. */
  readonly inSentence: number;
  /**
   * The best passage's answer sentence holds an accepted answer, answered or refused: what the
   * ranking alone does, apart from the confidence model's bar; NaN where the set gives no accepted answers.
   */
  readonly answerHolds: number;
  /** Mean words of the answers (sentences that answer), over questions with accepted answers; NaN where none. */
  readonly answerWords: number;
  readonly refused: number;
  readonly offCorpusRefused: number;
}

/** How a ranking does on records: shares of answerable questions, and of off-corpus ones refused. */
export function measure(records: readonly QuestionRecord[], ranking: RankingConfig): Figures {
  const own = records.filter((r) => r.own);
  const other = records.filter((r) => !r.own);
  let first = 0;
  let top3 = 0;
  let rr = 0;
  let inSentence = 0;
  let holds = 0;
  let withAnswers = 0;
  let answerWords = 0;
  let refused = 0;
  for (const r of own) {
    const order = reranked(r, ranking);
    const at = order.findIndex((c) => c.gold);
    if (at === 0) first++;
    if (at >= 0 && at < 3) top3++;
    if (at >= 0) rr += 1 / (at + 1);
    const confident = probabilityOf(r, ranking) >= ranking.confidence.answerAbove;
    if (!confident) refused++;
    if (r.hasAnswers) {
      withAnswers++;
      const answer = answerOf(order[0]?.sentences ?? [], ranking);
      if (answer?.holds) holds++;
      if (confident && answer?.holds) inSentence++;
      answerWords += answer?.words ?? 0;
    }
  }
  const offRefused = other.filter((r) => probabilityOf(r, ranking) < ranking.confidence.answerAbove).length;
  const n = own.length || 1;
  return {
    questions: own.length,
    first: first / n,
    top3: top3 / n,
    mrr: rr / n,
    inSentence: withAnswers ? inSentence / withAnswers : Number.NaN,
    answerHolds: withAnswers ? holds / withAnswers : Number.NaN,
    answerWords: withAnswers ? answerWords / withAnswers : Number.NaN,
    refused: refused / n,
    offCorpusRefused: other.length ? offRefused / other.length : 1,
  };
}

/** The share of off-corpus questions the confidence model must refuse, held out (pooled: a set of 24 moves in steps of 4 %). */
const OFF_CORPUS_TARGET = 0.95;

/**
 * How well figures keep answerable questions answered once OFF_CORPUS_TARGET of off-corpus ones
 * are refused, higher is better; between equals, more off-corpus questions refused is better (a
 * question's share is over 0.002, and that tie-break adds at most 0.001).
 */
export function refusalScore(f: Figures): number {
  return Math.min(f.offCorpusRefused, OFF_CORPUS_TARGET) * 1000 - f.refused + f.offCorpusRefused * 0.001;
}

/**
 * How well a ranking orders passages and picks the answer sentence, over sets measured apart
 * (cross-validated), higher is better: MRR plus the share of answer sentences holding an accepted
 * answer (over the sets that give answers; refused or not, as refusing is the confidence model's
 * part, judged by `refusalScore`), each set weighing √n as in the fit's loss, so that a small set
 * counts beside a large one and a setting cannot buy one set's gain with another's loss unseen.
 */
export function rankingScore(bySet: Iterable<Figures>): number {
  const sets = [...bySet];
  const mean = (pick: (f: Figures) => number) => weightedMean(sets, pick, (f) => Math.sqrt(f.questions)) || 0;
  return mean((f) => f.mrr) + mean((f) => f.answerHolds);
}

/** The mean of a figure over the sets that have it (not NaN), each set weighing `weight`; NaN when none has it. */
function weightedMean(sets: readonly Figures[], pick: (f: Figures) => number, weight: (f: Figures) => number): number {
  const known = sets.filter((f) => !Number.isNaN(pick(f)));
  const total = known.reduce((sum, f) => sum + weight(f), 0);
  return total > 0 ? known.reduce((sum, f) => sum + pick(f) * weight(f), 0) / total : Number.NaN;
}

/** The item with the highest value; the first of equals. */
export function best<T>(items: readonly T[], value: (item: T) => number): T {
  return items.reduce((a, b) => (value(b) > value(a) ? b : a));
}

/** Leave-one-set-out cross-validation: each set measured by a ranking fitted on the others. */
export function crossValidate(
  records: readonly QuestionRecord[],
  base: RankingConfig,
  lambda: Lambdas,
  features?: FeatureSets,
): Map<string, Figures> {
  const sets = [...new Set(records.map((r) => r.set))];
  return new Map(
    sets.map((held) => {
      const fitted = fitRanking(
        records.filter((r) => r.set !== held),
        base,
        lambda,
        features,
      );
      return [
        held,
        measure(
          records.filter((r) => r.set === held),
          fitted,
        ),
      ] as const;
    }),
  );
}

/** Figures of several sets pooled, each question counted once. */
export function poolFigures(figures: Iterable<Figures>): Figures {
  const all = [...figures];
  const n = all.reduce((sum, f) => sum + f.questions, 0) || 1;
  const avg = (pick: (f: Figures) => number) => weightedMean(all, pick, (f) => f.questions);
  return {
    questions: n,
    first: avg((f) => f.first),
    top3: avg((f) => f.top3),
    mrr: avg((f) => f.mrr),
    inSentence: avg((f) => f.inSentence),
    answerHolds: avg((f) => f.answerHolds),
    answerWords: avg((f) => f.answerWords),
    refused: avg((f) => f.refused),
    offCorpusRefused: avg((f) => f.offCorpusRefused),
  };
}
