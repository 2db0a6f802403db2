/**
 * What /ask suggests while a question is typed: the people, places and topics the articles hold,
 * read once per corpus, in the background, into a sorted list, so each keypress is a prefix
 * lookup (well under a millisecond for thousands of articles).
 *
 * Names are runs of capitalised words inside sentences ("Vladimir Putin", "North Korea",
 * "Pyongyang"); topics are the other words the articles use, by how often they use them.
 * Headlines are left out: written in Title Case, every word of them looks like a name.
 */
import { foldPunctuation, stripDiacritics } from '../corpus/normalize.js';
import type { Corpus } from '../corpus/types.js';
import { nextTurn, type Pause } from '../platform/scheduler.js';
import { hasTerms } from '../text/terms.js';
import { tokenize } from '../text/tokens.js';

/** Entries kept per corpus: the most frequent, so a large corpus keeps lookups small. */
const MAX_TOPICS = 20_000;
/** A name counts this many times a plain word: people ask about people and places first. */
const NAME_WEIGHT = 3;
/** The last words of the typed text matched against a name at most ("what did Vladimir P…"). */
const MAX_WORDS_COMPLETED = 3;
/** Shortest plain word offered as a topic. */
const MIN_TOPIC_LETTERS = 4;

interface Topic {
  /** As the articles write it. */
  readonly text: string;
  /** Folded and lower-cased, for matching what is typed. */
  readonly key: string;
  readonly weight: number;
}

/** The suggestions of one corpus: topics sorted by key for prefix lookup, and the heaviest for an empty box. */
export interface Topics {
  readonly byKey: readonly Topic[];
  readonly heaviest: readonly Topic[];
}

const cache = new WeakMap<Corpus, { ready?: Topics; loading: Promise<Topics> }>();

/**
 * The corpus's topics, read once in the background (in slices that yield to people's commands)
 * and kept as long as the corpus is.
 */
export function loadTopics(corpus: Corpus, pause: Pause = nextTurn): Promise<Topics> {
  let entry = cache.get(corpus);
  if (!entry) {
    const loading = readTopics(corpus, pause);
    const started = { loading };
    cache.set(corpus, started);
    loading.then(
      (topics) => Object.assign(started, { ready: topics }),
      () => undefined,
    );
    entry = started;
  }
  return entry.loading;
}

/** The corpus's topics if they are read (starting to read them if not): typing never waits for them. */
export function readyTopics(corpus: Corpus): Topics | undefined {
  const ready = cache.get(corpus)?.ready;
  if (!ready) loadTopics(corpus).catch(() => undefined);
  return ready;
}

/** Passages read between two pauses. */
const PASSAGES_PER_SLICE = 200;

/** Reads the names and topic words of every body passage, counting each spelling. */
export async function readTopics(corpus: Corpus, pause: Pause = nextTurn): Promise<Topics> {
  const counts = new Map<string, { text: string; weight: number; spellings: Map<string, number> }>();
  // Folding is the costly part, and a corpus repeats its words: each spelling is folded once.
  const keys = new Map<string, string>();
  const add = (text: string, weight: number): void => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = foldKey(text)));
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { text, weight: 0, spellings: new Map() }));
    entry.weight += weight;
    entry.spellings.set(text, (entry.spellings.get(text) ?? 0) + 1);
  };
  let read = 0;
  for (const article of corpus.articles) {
    for (const passage of article.passages) {
      if (passage.kind !== 'body') continue;
      readPassage(passage.text, add);
      if (++read % PASSAGES_PER_SLICE === 0) await pause();
    }
  }
  const topics: Topic[] = [...counts].map(([key, entry]) => ({ key, text: mostUsed(entry.spellings), weight: entry.weight }));
  topics.sort((a, b) => b.weight - a.weight || compare(a.key, b.key));
  const kept = topics.slice(0, MAX_TOPICS);
  return { byKey: [...kept].sort((a, b) => compare(a.key, b.key)), heaviest: kept };
}

function readPassage(text: string, add: (text: string, weight: number) => void): void {
  const words = tokenize(text);
  let run: string[] = [];
  const endRun = (): void => {
    if (run.length > 0) add(run.join(' '), NAME_WEIGHT);
    run = [];
  };
  for (const [i, word] of words.entries()) {
    const surface = withoutPossessive(word.surface);
    const gap = text.slice(words[i - 1]?.end ?? 0, word.start);
    // A name continues across spaces only; a comma, full stop or quotation mark ends it.
    if (!/^\s*$/u.test(gap)) endRun();
    if (isCapitalised(surface)) {
      // The first word of a sentence is capitalised whatever it is: only a run of two or more
      // words starting there is taken for a name ("Kim Jong Un said"), and not its stop words ("The").
      const sentenceStart = i === 0 || /[.!?:"“”]\s*$/u.test(gap);
      if (sentenceStart && !hasTerms(surface)) continue;
      run.push(surface);
      if (sentenceStart && !isCapitalised(withoutPossessive(words[i + 1]?.surface ?? ''))) run = [];
      if (surface !== word.surface) endRun();
      continue;
    }
    endRun();
    if (/^\p{Ll}+$/u.test(surface) && surface.length >= MIN_TOPIC_LETTERS && hasTerms(surface)) add(surface, 1);
  }
  endRun();
}

/**
 * Suggestions that complete what is typed: its last word (or last few words, for a name being
 * typed) is completed by a name or topic of the articles, and the text before it kept as typed,
 * since a choice replaces the whole value. The most used come first.
 * None longer than `maxLength`, at most `limit`.
 */
export function completeQuestion(topics: Topics, typed: string, limit: number, maxLength: number): string[] {
  const chosen = new Map<string, string>();
  const offer = (value: string): boolean => {
    if (value.length <= maxLength && !chosen.has(foldKey(value))) chosen.set(foldKey(value), value);
    return chosen.size >= limit;
  };
  if (typed.trim() === '') {
    for (const topic of topics.heaviest) if (offer(topic.text)) break;
    return [...chosen.values()];
  }
  if (/\s$/u.test(typed)) return [];
  const words = [...typed.matchAll(/\S+/gu)];
  for (let n = Math.min(MAX_WORDS_COMPLETED, words.length); n >= 1; n--) {
    const first = words[words.length - n];
    if (!first) continue;
    const head = typed.slice(0, first.index);
    const prefix = foldKey(typed.slice(first.index));
    const matches = withPrefix(topics.byKey, prefix).filter((t) => t.key !== prefix);
    if (matches.length === 0) continue;
    matches.sort((a, b) => b.weight - a.weight || compare(a.key, b.key));
    for (const topic of matches) if (offer(head + topic.text)) break;
    // The longest run of words that a name completes is what is being typed ("Vladimir P…"):
    // completing only its last word ("P…") would drop the first.
    break;
  }
  return [...chosen.values()];
}

/** The topics whose key starts with `prefix`, found by binary search in the sorted list. */
function withPrefix(byKey: readonly Topic[], prefix: string): Topic[] {
  let low = 0;
  let high = byKey.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(byKey[mid]!.key, prefix) < 0) low = mid + 1;
    else high = mid;
  }
  const found: Topic[] = [];
  for (let i = low; i < byKey.length && byKey[i]!.key.startsWith(prefix); i++) found.push(byKey[i]!);
  return found;
}

function foldKey(text: string): string {
  return stripDiacritics(foldPunctuation(text)).toLowerCase().replace(/\s+/gu, ' ');
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}

function withoutPossessive(word: string): string {
  return word.replace(/['’]s$/u, '');
}

function mostUsed(spellings: ReadonlyMap<string, number>): string {
  let best = '';
  let count = 0;
  for (const [text, n] of spellings) if (n > count) [best, count] = [text, n];
  return best;
}

/** Code-unit order: the same in every locale, as binary search needs. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
