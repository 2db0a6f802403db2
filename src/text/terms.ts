import { stemmer } from 'stemmer';
import { eng as STOPWORD_LIST } from 'stopword';
import lemmatizer from 'wink-lemmatizer';
import britishToAmerican from 'american-british-english-translator/data/british_spellings.json' with { type: 'json' };
import { foldPunctuation, stripDiacritics } from '../corpus/normalize.js';
import { tokenize } from './tokens.js';

/**
 * Words that carry no topic in a question or a passage: the `stopword` package's English list
 * plus the scaffolding of questions ("what else", "tell me about"), which would otherwise
 * match any passage that happens to use them.
 */
const QUESTION_SCAFFOLDING = [
  'what',
  'when',
  'where',
  'which',
  'who',
  'how',
  'whats',
  'whom',
  'whose',
  'why',
  'else',
  'besides',
  'tell',
  'please',
  // Indefinite pronouns name nobody in particular ("was anybody hurt").
  'anything',
  'something',
  'everything',
  'nothing',
  'anybody',
  'anyone',
  'somebody',
  'someone',
  'everybody',
  'everyone',
  'nobody',
  'does',
  'doing',
  'done',
  'know',
  'its',
  'it',
  'us',
  'one',
  'ones',
  'thing',
  'things',
  'also',
  'just',
  'whether',
  'yet',
  'regarding',
  'concerning',
  'against',
  'about',
  'within',
  'without',
  'upon',
  'toward',
  'towards',
  'among',
  'via',
];
/** Speech verbs are what questions about quotations turn on ("what did Putin say"). */
const KEPT_WORDS = new Set(['said']);
export const STOP_WORDS: ReadonlySet<string> = new Set([...STOPWORD_LIST, ...QUESTION_SCAFFOLDING].filter((w) => !KEPT_WORDS.has(w)));

const SPELLING: Readonly<Record<string, string>> = britishToAmerican;

/** Longest all-capital word read as an acronym (NATO, USA); longer ones are shouted words (DRONES). */
const MAX_ACRONYM_LETTERS = 5;

/**
 * Memos for the words questions and candidate passages bring, a few thousand at a time; kept
 * small, as an index build (which sees every word of the corpus) keeps its own and drops it.
 */
const cache = new Map<string, readonly string[]>();
const MAX_CACHE = 20_000;

/**
 * The index terms of one word: folded, lower-cased, British spelling made American, stemmed
 * with the Porter stemmer, plus the stem of its dictionary form when that is irregular
 * ("met" → meet, "children" → child). Stop words give none. All-capital acronyms are kept
 * even when they spell a stop word ("US" is a country, "us" is not), in capitals then.
 */
export function termsOf(surface: string): readonly string[] {
  const cached = cache.get(surface);
  if (cached) return cached;
  const terms = uncachedTermsOf(surface);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(surface, terms);
  return terms;
}

/** `termsOf` without the memo, for a caller that keeps its own. */
export function uncachedTermsOf(surface: string): readonly string[] {
  const form = indexedForm(surface);
  if (!form) return [];
  let { word } = form;
  // An own-property check: a word like "constructor" must not find Object.prototype's.
  if (Object.hasOwn(SPELLING, word)) word = SPELLING[word] ?? word;
  // An acronym that spells a stop word keeps its capitals: "US" as "us" would be the stem of
  // "using" and "used", and match every passage that uses something. Other acronyms stay lower
  // case, to match the same name written "Nato".
  if (form.isAcronym) return [STOP_WORDS.has(word) ? word.toUpperCase() : word];
  if (/\d/.test(word)) return [word];
  const terms = new Set([stemmer(word)]);
  if (word.includes("'")) terms.add(stemmer(word.replace(/'/g, '')));
  for (const lemma of [safeLemma(lemmatizer.lemmatizeVerb, word), safeLemma(lemmatizer.lemmatizeNoun, word)]) {
    if (lemma !== word && !STOP_WORDS.has(lemma)) terms.add(stemmer(lemma));
  }
  return [...terms];
}

/** Whether a word has index terms (`termsOf` gives some), told without stemming it: it is no stop word or lone letter, or is an acronym. */
export function hasTerms(surface: string): boolean {
  return indexedForm(surface) !== undefined;
}

/** A word as the index reads it before stemming (see `termsOf`), and whether it is an acronym; undefined for a word with no terms. */
function indexedForm(surface: string): { readonly word: string; readonly isAcronym: boolean } | undefined {
  const folded = stripDiacritics(foldPunctuation(surface));
  const isAcronym = folded.length >= 2 && /^(?:\p{Lu}\.?)+$/u.test(folded) && withoutDots(folded).length <= MAX_ACRONYM_LETTERS;
  const word = plainOf(folded);
  if (word.length === 0) return undefined;
  if (!isAcronym && STOP_WORDS.has(word)) return undefined;
  // A lone capital names something (Plan B, the platform X, the classes P and L); a lone
  // lower-case letter is mostly noise (chat's "u", split contractions), so it is dropped.
  const isLetterName = word.length === 1 && /^\p{Lu}\.?$/u.test(folded);
  if (!isAcronym && !isLetterName && word.length === 1 && !/\d/.test(word)) return undefined;
  return { word, isAcronym: isAcronym || isLetterName };
}

/** Every index term of a text, in order; the same processing for passages and questions. */
export function termsOfText(text: string): string[] {
  return tokenize(text).flatMap((token) => termsOf(token.surface));
}

const plainCache = new Map<string, string>();

/** The lower-case, folded spelling used to look a word up in dictionaries. */
export function plainWord(surface: string): string {
  let plain = plainCache.get(surface);
  if (plain === undefined) {
    plain = uncachedPlainWord(surface);
    if (plainCache.size >= MAX_CACHE) plainCache.clear();
    plainCache.set(surface, plain);
  }
  return plain;
}

/** `plainWord` without the memo, for a caller that sees each word once. */
export function uncachedPlainWord(surface: string): string {
  return plainOf(stripDiacritics(foldPunctuation(surface)));
}

/** A folded word's plain spelling: no dots, no possessive, lower case. */
function plainOf(folded: string): string {
  return withoutPossessive(withoutDots(folded)).toLowerCase();
}

// Each looks for its character first: an index build passes every distinct word of the corpus here.
function withoutDots(word: string): string {
  return word.includes('.') ? word.replace(/\./g, '') : word;
}

function withoutPossessive(word: string): string {
  return word.includes("'") ? word.replace(/'s$|'$/iu, '') : word;
}

/**
 * The lemmatizer keeps its exceptions in plain objects, so a word like "constructor" finds a
 * function there and throws: such words are their own lemma.
 */
export function safeLemma(lemmatize: (word: string) => string, word: string): string {
  if (Object.hasOwn(Object.prototype, word)) return word;
  try {
    const lemma = lemmatize(word);
    return typeof lemma === 'string' && lemma !== '' ? lemma : word;
  } catch {
    return word;
  }
}

/** The dictionary forms a word may have (noun, verb, adjective), itself included. */
export function lemmasOf(word: string): string[] {
  return [
    ...new Set([
      word,
      safeLemma(lemmatizer.lemmatizeNoun, word),
      safeLemma(lemmatizer.lemmatizeVerb, word),
      safeLemma(lemmatizer.lemmatizeAdjective, word),
    ]),
  ];
}

/**
 * Whether two spellings are one word to a reader, differing at most in inflection ("others" and
 * "other", "drone" and "drones"): the same folded spelling or the same stem.
 */
export function sameWord(a: string, b: string): boolean {
  const x = plainWord(a);
  const y = plainWord(b);
  return x === y || stemmer(x) === stemmer(y);
}
