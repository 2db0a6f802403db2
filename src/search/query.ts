import type { PassageIndex, WeightedTerm } from './passage-index.js';
import { hasTerms, lemmasOf, plainWord, STOP_WORDS, termsOf } from '../text/terms.js';
import { tokenize } from '../text/tokens.js';
import { Vocabulary } from './vocabulary.js';
import type { WordNet } from './wordnet.js';

/** Where a way of saying a concept comes from: the words as typed, or one kind of expansion. */
export const EXPANSION_KINDS = ['literal', 'synonym'] as const;
export type ExpansionKind = (typeof EXPANSION_KINDS)[number];

/**
 * How much a match of each kind counts next to the word the user typed (1). The answer layer
 * passes the fitted values (see answer/ranking-config.ts); these are what a search without a
 * ranking config uses.
 */
export type ExpansionWeights = Readonly<Record<ExpansionKind, number>>;
export const DEFAULT_EXPANSION_WEIGHTS: ExpansionWeights = { literal: 1, synonym: 0.45 };

/** Dictionaries shared by every corpus: loaded once per process. */
export interface Lexicon {
  readonly wordnet: WordNet;
}

/**
 * One way of saying a concept: every group must be present (the words of a phrase), and any
 * term of a group will do (the forms of one word, e.g. met / meet).
 */
export interface Alternative {
  readonly groups: ReadonlyArray<readonly string[]>;
  /** Where this way of saying it comes from: the words as typed, or which expansion. */
  readonly kind: ExpansionKind;
}

/** One idea of the question (a word or a name) with every way the articles may say it. */
export interface Concept {
  /** The words of the question this concept comes from, as typed. */
  readonly text: string;
  /** Literal first. */
  readonly alternatives: readonly Alternative[];
  /** How much the concept says about what is asked: its IDF in this corpus. */
  readonly idf: number;
  /** The corpus word a misspelt word was read as, if any. */
  readonly correctedTo?: string;
}

export interface QueryPlan {
  readonly concepts: readonly Concept[];
}

/** Reads a question into concepts: literal terms, typo corrections and synonyms. */
export function planQuery(question: string, index: PassageIndex, lexicon: Lexicon): QueryPlan {
  // A misspelt common word ("teh", "abuot") is read as the word meant, which carries no topic:
  // left in, it weighed as a word no passage has, and the question found nothing.
  const concepts = planConcepts(unshouted(question, index), index, lexicon);
  return { concepts: concepts.filter((c) => !(c.correctedTo && STOP_WORDS.has(c.correctedTo))) };
}

/**
 * A question in capitals throughout ("WHO GIFTED THE DRONES") is shouted: its capitals say
 * nothing of acronyms (else WHO and THE would be read as some). It is read with its stop words in
 * lower case and its other words capitalised as names are, so that a name is not read as a
 * misspelt common word ("SHEN" is not "when"). A stop word the articles write in capitals ("US")
 * stays as typed, but for a question word (an article about the WHO does not make "WHO GIFTED…"
 * ask about it); so do dotted acronyms ("U.S.", whose letters stand alone).
 */
function unshouted(question: string, index: PassageIndex): string {
  if (/\p{Ll}/u.test(question) || (question.match(/\p{L}{2,}/gu)?.length ?? 0) < 2) return question;
  return question.replace(/\p{L}{2,}/gu, (word) => {
    const lower = word.toLowerCase();
    if (!STOP_WORDS.has(lower)) return word.charAt(0) + lower.slice(1);
    if (QUESTION_WORDS.has(lower)) return lower;
    return termsOf(word).some((term) => term !== lower && index.frequency(term) > 0) ? word : lower;
  });
}

function planConcepts(question: string, index: PassageIndex, lexicon: Lexicon): Concept[] {
  const tokens = tokenize(question);
  const words = tokens.map((t) => (hasTerms(t.surface) ? plainWord(t.surface) : ''));
  const concepts: Concept[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || words[i] === '') continue;
    const next = tokens[i + 1];
    const compound = next ? joinedCompound(words[i] ?? '', words[i + 1] ?? '', index) : undefined;
    if (compound && next) {
      // "bullet proof" where the articles write "bulletproof": one concept, either spelling.
      const literal = { groups: [termsOf(token.surface), termsOf(next.surface)], kind: 'literal' as const };
      concepts.push(
        makeConcept(`${token.surface} ${next.surface}`, [literal, { groups: [termsOf(compound)], kind: 'literal' as const }], index),
      );
      i++;
      continue;
    }
    concepts.push(planWord(token.surface, words[i] ?? '', index, lexicon, i === 0));
  }
  return concepts;
}

/** Two question words that the articles write as one ("bullet proof" → bulletproof), if they do. */
function joinedCompound(first: string, second: string, index: PassageIndex): string | undefined {
  if (first === '' || second === '' || /\d/.test(first + second)) return undefined;
  const joined = first + second;
  return index.wordCount(joined) > 0 ? joined : undefined;
}

/**
 * Every term of a plan, weighted by kind. An expansion phrase shares its weight among its words:
 * BM25 adds up matched terms, and "prime minister" must not outweigh the literal "premier".
 */
export function searchTerms(plan: QueryPlan, weights: ExpansionWeights = DEFAULT_EXPANSION_WEIGHTS): WeightedTerm[] {
  return plan.concepts.flatMap((c) =>
    c.alternatives.flatMap((a, i) => {
      const weight = i === 0 ? weights[a.kind] : weights[a.kind] / a.groups.length;
      return a.groups.flat().map((term) => ({ term, weight }));
    }),
  );
}

/**
 * The kind of the best way of saying a concept that a set of terms holds in full (literal
 * first), or undefined. Half of a way of saying it is not it ("bullet" is not "bullet proof").
 */
export function matchedKind(
  concept: Concept,
  terms: ReadonlySet<string>,
  weights: ExpansionWeights = DEFAULT_EXPANSION_WEIGHTS,
): ExpansionKind | undefined {
  let best: Alternative | undefined;
  for (const alternative of concept.alternatives) {
    if (best && weights[alternative.kind] <= weights[best.kind]) continue;
    if (alternative.groups.every((group) => group.some((term) => terms.has(term)))) best = alternative;
  }
  return best?.kind;
}

/** How well a set of terms expresses a concept: the weight of the best kind present, 0 when none is. */
export function matchWeight(concept: Concept, terms: ReadonlySet<string>, weights: ExpansionWeights = DEFAULT_EXPANSION_WEIGHTS): number {
  const kind = matchedKind(concept, terms, weights);
  return kind ? weights[kind] : 0;
}

function planWord(surface: string, plain: string, index: PassageIndex, lexicon: Lexicon, opensQuestion: boolean): Concept {
  const literalTerms = termsOf(surface);
  const alternatives: Alternative[] = [{ groups: [literalTerms], kind: 'literal' as const }];
  let correctedTo: string | undefined;
  const inCorpus = literalTerms.some((term) => index.frequency(term) > 0);
  if (!inCorpus && !/\d/.test(plain)) {
    // WordNet lists base forms: "missives" is a real word because "missive" is. A real word is
    // not read as another, but for a question's first word, which is mostly a question word:
    // there "wen" (a cyst in WordNet) is more likely "when" mistyped than what is asked.
    const real = lemmasOf(plain).some((form) => lexicon.wordnet.has(form));
    if (!real) correctedTo = index.closestWord(plain) ?? closestCommonWord(surface, plain, opensQuestion);
    else if (opensQuestion) correctedTo = asQuestionWord(closestCommonWord(surface, plain, true));
    // A word of the articles' is read as the word meant, as if typed so (its weight, its match);
    // a common word carries no topic (see planQuery).
    if (correctedTo) alternatives[0] = { groups: [termsOf(correctedTo)], kind: 'literal' as const };
  }
  // Only a word the articles lack is said another way: the relatives of one they have paid
  // nothing when taken out and refitted (bench/ablation.md, run 27), and reading them from
  // WordNet's files was a sixth of a question's time on 1 M words and half on 0.1 M.
  // A misspelt word read as a word of the articles is that word, which gets no relatives.
  if (!inCorpus && !(correctedTo && !STOP_WORDS.has(correctedTo))) {
    for (const form of lemmasOf(correctedTo ?? plain)) {
      addRelatives(lexicon.wordnet.relativesOf(form).synonyms, 'synonym', alternatives, index);
    }
  }
  const concept = makeConcept(surface, alternatives, index);
  return correctedTo ? { ...concept, correctedTo } : concept;
}

/** The common words, for reading a misspelt one: short words are too many to correct against the corpus. */
const COMMON_WORDS = Vocabulary.from([...STOP_WORDS].map((word) => [word, 1] as const));

/**
 * The common word a short unknown word was meant as ("teh", "waht", "thhe"), if it is one edit
 * away. Not a word in capitals (an acronym), nor one capitalised inside the question (a name:
 * "Shen" is not "when"). A word of under five letters has many neighbours, so only a swap, a
 * left-out letter or one typed twice is read ("adn", "wht"), not a replaced one ("ios" is not
 * "its", "wome" not "some"), but for the question's first word, mostly a question word, a letter
 * replaced by a key next to it ("Wjat", "Hpw"; "Tim" is not "him"). A word of five letters or
 * more is first corrected against the corpus.
 */
function closestCommonWord(surface: string, plain: string, opensQuestion: boolean): string | undefined {
  if (plain.length < 3 || !(opensQuestion ? /^\p{L}\p{Ll}+$/u : /^\p{Ll}+$/u).test(surface)) return undefined;
  const sorted = (word: string) => [...word].sort().join('');
  const near = COMMON_WORDS.near(plain, 1).filter(
    ({ word }) =>
      plain.length >= 5 ||
      word.length > plain.length ||
      sorted(word) === sorted(plain) ||
      plain.replace(/(\p{L})\1/u, '$1') === word ||
      (opensQuestion && keyNextTo(plain, word) && QUESTION_WORDS.has(word)),
  );
  return near.sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word))[0]?.word;
}

/** The words that open questions: a real word or a neighbouring key is read only as one of them ("Moore", "Jim" stay). */
const QUESTION_WORDS = new Set(['what', 'when', 'where', 'who', 'whom', 'whose', 'which', 'why', 'how']);

function asQuestionWord(word: string | undefined): string | undefined {
  return word && QUESTION_WORDS.has(word) ? word : undefined;
}

/** QWERTY's letter rows; each is set off half a key to the right of the one above. */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Whether two words of one length differ in one letter only, typed with a key next to the right one. */
function keyNextTo(typed: string, meant: string): boolean {
  if (typed.length !== meant.length) return false;
  const at = [...typed].findIndex((letter, i) => letter !== meant[i]);
  if (at < 0 || typed.slice(at + 1) !== meant.slice(at + 1)) return false;
  const place = (letter: string) => {
    const row = KEY_ROWS.findIndex((r) => r.includes(letter));
    return { row, column: row < 0 ? -1 : (KEY_ROWS[row]?.indexOf(letter) ?? -1) + row / 2 };
  };
  const a = place(typed[at] ?? '');
  const b = place(meant[at] ?? '');
  // Keys touch when their rows are the same or next to each other and they are at most one key apart.
  return a.row >= 0 && b.row >= 0 && Math.abs(a.row - b.row) <= 1 && Math.abs(a.column - b.column) <= 1;
}

/** Expansions per concept: the first WordNet relatives are the closest (most frequent senses). */
const MAX_EXPANSIONS = 5;
/**
 * An expansion in more than this share of passages (or this many, in a small corpus) says little
 * ("bear" → support, stand) and costs a long posting list...
 */
const MAX_EXPANSION_DF = { share: 0.02, floor: 3 };

/**
 * Adds relatives the corpus uses. A multi-word relative ("prime minister" for "PM") is a phrase:
 * every one of its words must be present, so that its parts never match alone.
 */
function addRelatives(words: readonly string[], kind: ExpansionKind, into: Alternative[], index: PassageIndex): void {
  const cap = (limit: { share: number; floor: number }): number => Math.max(limit.floor, index.size * limit.share);
  const known = new Set(into.flatMap((a) => a.groups.flat()));
  for (const word of words) {
    if (into.length > MAX_EXPANSIONS) return;
    if (STOP_WORDS.has(word)) continue;
    const parts = partsOf(word);
    if (parts.length > 1) {
      if (parts.every((group) => group.some((term) => index.frequency(term) > 0))) into.push({ groups: parts, kind });
      continue;
    }
    // A phrase of one content word ("abide by") is that word.
    const maxDf = cap(MAX_EXPANSION_DF);
    const terms = (parts[0] ?? []).filter((term) => !known.has(term) && index.frequency(term) > 0 && index.frequency(term) <= maxDf);
    if (terms.length === 0) continue;
    terms.forEach((term) => known.add(term));
    into.push({ groups: [terms], kind });
  }
}

/** The index terms of each word of a relative (termsOf remembers each word's). */
function partsOf(relative: string): ReadonlyArray<readonly string[]> {
  return tokenize(relative)
    .map((token) => termsOf(token.surface))
    .filter((group) => group.length > 0);
}

/**
 * A concept weighs its IDF in this corpus: the rarer its words as typed, the more it says. A
 * form the articles lack does not count when another form of the word is there ("dug" is "dig"
 * in them): the word is as rare as the forms they have, not a word they never use.
 */
function makeConcept(text: string, alternatives: Alternative[], index: PassageIndex): Concept {
  const literal = alternatives[0]?.groups.flat() ?? [];
  const present = literal.filter((term) => index.frequency(term) > 0);
  return { text, alternatives, idf: Math.max(...(present.length > 0 ? present : literal).map((term) => index.idf(term)), 0) };
}
