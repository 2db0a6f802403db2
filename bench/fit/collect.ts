/**
 * Runs every public question through /ask's ranking once and keeps what the fit needs: each
 * candidate's features, its sentences' features, and which are right. Fitting then reorders
 * these records without searching again.
 */
import { rank } from '../../src/answer/ask.js';
import { sentenceCandidates, type PassageFeatures, type SentenceFeatures } from '../../src/answer/features.js';
import type { RankingConfig } from '../../src/answer/ranking-config.js';
import { formatCitation } from '../../src/corpus/types.js';
import { UserError } from '../../src/platform/errors.js';
import type { ExpansionWeights } from '../../src/search/query.js';
import type { Library } from '../../src/library/library.js';
import { wordCount } from '../eval/measure.js';
import { otherCorpus, type CorpusName, type EvalSet } from '../eval/sets.js';

export interface CandidateRecord {
  readonly citation: string;
  readonly gold: boolean;
  readonly features: PassageFeatures;
  /** See `Candidate.evidence`: the confidence reads it. */
  readonly evidence: number;
  readonly sentences: ReadonlyArray<{
    readonly text: string;
    /** Its length in words, as the harness counts them. */
    readonly words: number;
    readonly features: SentenceFeatures;
    readonly refersBack: boolean;
    readonly holdsAnswer: boolean;
  }>;
}

export interface QuestionRecord {
  readonly set: string;
  readonly id: string;
  /** Asked of its own corpus (true), or of the other corpus as an off-corpus question (false). */
  readonly own: boolean;
  readonly hasAnswers: boolean;
  /** Share of the question's weight the corpus knows (see `knownShare`). */
  readonly known: number;
  readonly weights: ExpansionWeights;
  readonly candidates: readonly CandidateRecord[];
}

/** Every answerable question of every set, asked of its own corpus and of the other one. */
export function collect(sets: readonly EvalSet[], libraries: Record<CorpusName, Library>, ranking: RankingConfig): QuestionRecord[] {
  const records: QuestionRecord[] = [];
  for (const set of sets) {
    for (const q of set.answerable) {
      for (const own of [true, false]) {
        const corpus = own ? set.corpus : otherCorpus(set.corpus);
        let found;
        try {
          found = rank(libraries[corpus], q.q, ranking, { exhaustive: true });
        } catch (error) {
          // A question of only common words for this corpus: nothing to rank. Anything else is a fault.
          if (error instanceof UserError) continue;
          throw error;
        }
        const holds = (text: string) => q.answers.some((a) => text.toLowerCase().includes(a.toLowerCase()));
        const candidates = found.candidates.map((c) => ({
          citation: formatCitation({ source: c.hit.passage.source, line: c.hit.passage.line }),
          gold: own && q.gold.includes(`${c.hit.passage.source}:${c.hit.passage.line}`),
          features: c.features,
          evidence: c.hit.evidence,
          sentences: sentenceCandidates(found.context, c.hit.passage).map((s) => ({
            text: s.text,
            words: wordCount(s.text),
            features: s.features,
            refersBack: s.refersBack,
            holdsAnswer: own && holds(s.text),
          })),
        }));
        records.push({
          set: set.name,
          id: q.id,
          own,
          hasAnswers: q.answers.length > 0,
          known: found.known,
          weights: found.context.weights,
          candidates,
        });
      }
    }
  }
  return records;
}
