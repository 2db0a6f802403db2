/**
 * What each part of /ask's ranking adds or costs: the whole ranking and the ranking without one
 * part, each fitted and measured by leave-one-set-out cross-validation on the same questions.
 * A part is a set of features (exact word forms, phrase order, …) or a source of expansions
 * (WordNet, typo correction), which is taken out of the lexicon itself.
 */
import type { ConfidenceFeature, PassageFeature, RankingConfig, SentenceFeature } from '../../src/answer/ranking-config.js';
import type { Library } from '../../src/library/library.js';
import type { PassageIndex } from '../../src/search/passage-index.js';
import type { Lexicon } from '../../src/search/query.js';
import { byCorpus, type CorpusName, type EvalSet } from '../eval/sets.js';
import { collect, type QuestionRecord } from './collect.js';
import { ALL_FEATURES, crossValidate, poolFigures, type FeatureSets, type Figures, type Lambdas } from './model.js';

interface Part {
  readonly name: string;
  /** Passage features that exist only for this part. */
  readonly features: readonly PassageFeature[];
  /** Sentence features (they choose the answer sentence) that exist only for this part. */
  readonly sentenceFeatures?: readonly SentenceFeature[];
  /** Confidence features (they decide between answer, not sure and nothing) that exist only for this part. */
  readonly confidenceFeatures?: readonly ConfidenceFeature[];
  /** For the next sentence joining the answer: the fit keeps the answer to one sentence. */
  readonly oneSentence?: boolean;
  /** For the bar of a next sentence that refers back: it is the bar of any next sentence. */
  readonly sameNextBar?: boolean;
  /** For a source of expansions: the library without it. */
  readonly without?: (library: Library) => Library;
  /** For a setting of how questions are read or searched (line weights, measures): the settings searched with instead. */
  readonly searched?: Partial<RankingConfig>;
}

const withLexicon = (library: Library, change: (lexicon: Lexicon) => Partial<Lexicon>): Library => ({
  ...library,
  lexicon: { ...library.lexicon, ...change(library.lexicon) },
});
/** An object that answers like `target` except for the methods given. */
const overriding = <T extends object>(target: T, methods: Record<string, (...args: never[]) => unknown>): T =>
  Object.assign(Object.create(target) as T, methods);

export const PARTS: readonly Part[] = [
  {
    name: 'WordNet synonyms',
    features: ['synonym'],
    without: (l) => withLexicon(l, (x) => ({ wordnet: overriding(x.wordnet, { relativesOf: () => ({ synonyms: [] }) }) })),
  },
  {
    name: 'typo correction',
    features: [],
    without: (l) => ({ ...l, index: overriding<PassageIndex>(l.index, { closestWord: () => undefined }) }),
  },
  { name: 'title and short lines weigh less than paragraphs', features: [], searched: { lines: { title: 1, short: 1, shortUnder: 0 } } },
  { name: 'dense sentence', features: ['dense'] },
  { name: 'exact word forms', features: ['exact'] },
  { name: 'phrase order', features: ['phrase'] },
  { name: 'the article around the passage', features: ['article'] },
  { name: 'answer: the next sentence joins when close', features: [], oneSentence: true },
  { name: 'answer: a next sentence that refers back has a bar of its own', features: [], sameNextBar: true },
  { name: 'confidence: the evidence of the best passage', features: [], confidenceFeatures: ['evidence'] },
  { name: 'confidence: how much of the question the corpus knows', features: [], confidenceFeatures: ['known'] },
  { name: 'confidence: the lead over the second passage', features: [], confidenceFeatures: ['margin'] },
];

export interface AblationRow {
  readonly part: string;
  readonly bySet: ReadonlyMap<string, Figures>;
  readonly pooled: Figures;
}

/** The whole ranking, then each part taken out, all cross-validated on the same sets. */
export function ablate(
  sets: readonly EvalSet[],
  libraries: Record<CorpusName, Library>,
  ranking: RankingConfig,
  lambda: Lambdas,
  records: readonly QuestionRecord[],
): AblationRow[] {
  const row = (part: string, recs: readonly QuestionRecord[], features: FeatureSets): AblationRow => {
    const bySet = crossValidate(recs, ranking, lambda, features);
    return { part, bySet, pooled: poolFigures(bySet.values()) };
  };
  const rows = [row('(everything)', records, ALL_FEATURES)];
  for (const part of PARTS) {
    const without = (all: ReadonlySet<string>, taken: readonly string[] = []) => new Set([...all].filter((f) => !taken.includes(f)));
    const features = {
      passage: without(ALL_FEATURES.passage, part.features),
      sentence: without(ALL_FEATURES.sentence, part.sentenceFeatures),
      confidence: without(ALL_FEATURES.confidence, part.confidenceFeatures),
      nextSentence: !part.oneSentence,
      nextReferring: !part.sameNextBar,
    };
    const searched = { ...ranking, ...part.searched };
    const remove = part.without;
    const recs = remove
      ? collect(
          sets,
          byCorpus((corpus) => remove(libraries[corpus])),
          searched,
        )
      : part.searched
        ? collect(sets, libraries, searched)
        : records;
    rows.push(row(part.name, recs, features));
  }
  return rows;
}

const pc = (x: number) => (Number.isNaN(x) ? '—' : (100 * x).toFixed(1));
/** A change against the first row: in points for shares (scale 100), as it is for words (scale 1). */
const delta = (x: number, base: number, scale = 100) =>
  Number.isNaN(x) ? '' : ` (${x - base >= 0 ? '+' : ''}${(scale * (x - base)).toFixed(1)})`;

const words = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(1));

/** A Markdown table: first per set, and pooled first, MRR, answer in sentence, answer words, answerable refused and off-corpus refused, with their changes. */
export function formatAblation(rows: readonly AblationRow[]): string {
  const base = rows[0];
  if (!base) return '';
  const sets = [...base.bySet.keys()];
  const head = `| without | ${sets.map((s) => `${s} first`).join(' | ')} | all: first | all: MRR | all: answer in sentence | all: answer words | all: answerable refused | all: off-corpus refused |`;
  const rule = `|---|${sets.map(() => '---|').join('')}---|---|---|---|---|---|`;
  const lines = rows.map((r) => {
    const cells = sets.map((s) => {
      const f = r.bySet.get(s);
      const b = base.bySet.get(s);
      return f && b ? `${pc(f.first)}${r === base ? '' : delta(f.first, b.first)}` : '—';
    });
    const p = r.pooled;
    const d = (x: number, y: number, scale?: number) => (r === base ? '' : delta(x, y, scale));
    return `| ${r.part} | ${cells.join(' | ')} | ${pc(p.first)}${d(p.first, base.pooled.first)} | ${p.mrr.toFixed(3)} | ${pc(p.inSentence)}${d(p.inSentence, base.pooled.inSentence)} | ${words(p.answerWords)}${d(p.answerWords, base.pooled.answerWords, 1)} | ${pc(p.refused)}${d(p.refused, base.pooled.refused)} | ${pc(p.offCorpusRefused)}${d(p.offCorpusRefused, base.pooled.offCorpusRefused)} |`;
  });
  return [head, rule, ...lines].join('\n');
}
