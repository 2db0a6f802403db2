import { createRequire } from 'node:module';
import {
  BE_FORMS,
  CALENDAR_WORDS,
  CLAUSE_OPENERS,
  FIRST_NAME_GENDER,
  FUNCTION_WORDS,
  GENDERED_WORDS,
  GROUP_NOUNS,
  NAME_PARTICLES,
  ORG_WORDS,
  ROLE_NOUNS,
  SPEECH_NOUNS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  speechVerbBase,
} from './lexicon.js';
import { nameKey } from './names.js';
import { addAttributes, genderOf, noteSeen, People, type Gender, type Person } from './people.js';
import { isPlace, nationalityOf } from './places.js';
import { isVerbGap, speechVerbAt } from './speech.js';
import type { Token } from '../text/tokens.js';
import { sharedLexicon } from '../search/lexicon.js';

/**
 * Finds who a paragraph talks about: names (with titles stripped and kept as attributes),
 * subject pronouns, and descriptions such as "the North Korean leader". Names are linked to
 * the article's people here; pronouns and descriptions are resolved later, in reading order.
 */

const require = createRequire(import.meta.url);
const lemmatizer = require('wink-lemmatizer') as { noun(word: string): string };

export interface Description {
  /** The role noun: "leader" in "the North Korean leader". */
  readonly head: string;
  /** Nationality adjective key, e.g. "north korean". */
  readonly nationality?: string;
  /** Title modifiers that must agree ("deputy", "foreign"). */
  readonly modifiers: readonly string[];
  readonly gender?: Gender;
}

export interface Mention {
  /** `unnamed`: an indefinite person ("a Kremlin spokesman", "one resident"), never resolved to a name. */
  readonly kind: 'name' | 'pronoun' | 'description' | 'unnamed';
  /** First and last token index (inclusive). */
  readonly from: number;
  readonly to: number;
  /** Set for names at once, for pronouns and descriptions once resolved; null when unresolved. */
  person: Person | null;
  readonly pronoun?: 'he' | 'she' | 'they';
  readonly description?: Description;
  readonly possessive: boolean;
  /**
   * For unnamed people: whether they act in the sentence ("a spokesman said", "according to an
   * aide") rather than only describe someone else ("Now a family man, Fiedler lives…").
   */
  readonly acting?: boolean;
}

interface Run {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  /** Joined to an organisation by "of"/"for" ("Office of Sanctions Coordination"). */
  readonly org: boolean;
}

interface ClassifiedRun {
  readonly verdict: 'person' | 'single' | 'none';
  /** First token of the run that belongs to the mention (a capitalised "The" or "He" does not). */
  readonly start: number;
  /** Token range of the name itself, titles excluded; `to` exclusive. */
  readonly nameFrom: number;
  readonly nameTo: number;
  /** Lower-case title words before the name ("russian" excluded: see `nationality`). */
  readonly titleWords: readonly string[];
  readonly nationality?: string;
  readonly titled: boolean;
}

const isCapitalised = (t: Token | undefined): boolean =>
  t !== undefined && t.kind === 'word' && /^\p{Lu}/u.test(t.text) && /\p{L}/u.test(t.text);
const bare = (t: Token): string => t.lower.replace(/\.$/, '');

/** A title ("General") or one made of a role with a prefix ("Co-author", "Vice-chair", "Ex-minister"). */
function isTitleHead(word: string): boolean {
  const last = word.slice(word.lastIndexOf('-') + 1);
  return TITLE_HEADS.has(word) || (last !== word && (TITLE_HEADS.has(last) || ROLE_NOUNS.has(last)));
}

/** Runs of capitalised words, with name particles inside ("Charles de Gaulle") and org names joined over "of". */
function findRuns(tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isCapitalised(tokens[i])) {
      i++;
      continue;
    }
    const from = i;
    let to = i + 1;
    while (!tokens[to - 1]!.possessive) {
      const next = tokens[to];
      if (isCapitalised(next)) to++;
      else if (next?.kind === 'word' && NAME_PARTICLES.has(next.lower) && isCapitalised(tokens[to + 1])) to += 2;
      else break;
    }
    let org = false;
    // "Office of Sanctions Coordination": an organisation word swallows the capitalised words after "of"/"for".
    while (
      tokens.slice(from, to).some((t) => ORG_WORDS.has(bare(t))) &&
      /^(?:of|for|on)$/.test(tokens[to]?.lower ?? '') &&
      isCapitalised(tokens[to + 1])
    ) {
      org = true;
      to += 2;
      while (isCapitalised(tokens[to]) && !tokens[to - 1]!.possessive) to++;
    }
    runs.push({ from, to, org });
    i = to;
  }
  return runs;
}

/** A nationality or country over 1–3 words starting at `i`: its adjective and length. */
function nationalityAt(
  tokens: readonly Token[],
  i: number,
  end: number,
): { adjective: string; length: number; place: boolean } | undefined {
  for (let length = Math.min(3, end - i); length >= 1; length--) {
    const key = nameKey(
      tokens
        .slice(i, i + length)
        .map((t) => t.text)
        .join(' '),
    );
    const adjective = nationalityOf(key);
    const place = isPlace(key);
    if (adjective) return { adjective, length, place };
    if (place) return { adjective: '', length, place };
  }
  return undefined;
}

/**
 * "Notably Kim…", "Quoting Putin…": an adverb or participle capitalised only because it opens
 * the sentence. Short words and first names are kept (Ted, Kelly, Emily, Sterling Moss).
 */
function isOpeningAdverbOrParticiple(token: Token, runLength: number): boolean {
  return runLength >= 2 && token.lower.length >= 6 && /(?:ly|ing|ed)$/.test(token.lower) && !FIRST_NAME_GENDER.has(token.lower);
}

/**
 * "Resident Tom Alvarez said…", "Emcee Jack Herbert…": a noun for a kind of person (WordNet's),
 * capitalised only because it opens the sentence, is a role before a full name, as a listed title
 * would be. Not a listed first name, and only before two words or more ("Guy Fawkes").
 */
function isRoleBeforeFullName(token: Token, runLength: number): boolean {
  return runLength >= 3 && !FIRST_NAME_GENDER.has(token.lower) && sharedLexicon().wordnet.isPersonNoun(lemmatizer.noun(token.lower));
}

/** Separates titles, nationality and the name itself, and says whether the run can be a person. */
function classifyRun(tokens: readonly Token[], run: Run, sentenceInitial: boolean): ClassifiedRun {
  let from = run.from;
  // Pronouns and function words are never names, wherever a stray capital puts them ("…modest He said"),
  // nor is an age ("Sixteen-year-old Mirela Vasquez").
  while (from < run.to && (FUNCTION_WORDS.has(tokens[from]!.lower) || AGE.test(tokens[from]!.text))) from++;
  const first = tokens[from];
  if (first && sentenceInitial && from === run.from && (GROUP_NOUNS.has(first.lower) || isOpeningAdverbOrParticiple(first, run.to - from)))
    from++;
  if (from >= run.to || run.org) return { verdict: 'none', start: from, nameFrom: from, nameTo: run.to, titleWords: [], titled: false };

  // The last title head with a name after it ends the title: "Air Force Brig. General | Pat Ryder".
  let nameFrom = from;
  for (let i = run.to - 2; i >= from; i--) {
    if (isTitleHead(bare(tokens[i]!))) {
      nameFrom = i + 1;
      break;
    }
  }
  if (nameFrom === from && sentenceInitial && from === run.from && isRoleBeforeFullName(tokens[from]!, run.to - from)) nameFrom++;
  const titled = nameFrom > from;
  const titleWords: string[] = [];
  let nationality: string | undefined;
  for (let i = from; i < nameFrom;) {
    const nat = nationalityAt(tokens, i, nameFrom);
    if (nat) {
      if (nat.adjective) nationality = nat.adjective;
      i += nat.length;
    } else titleWords.push(bare(tokens[i++]!));
  }
  // Without a head, leading nationality and title modifiers still are not the name ("Russian Vladimir Putin", "Senior North Korean"),
  // nor is a place before a full name or after a preposition ("In Tokyo Richard took up…"); a place before a surname alone is a
  // first name ("Jordan Pike", "Douglas M. Pratt").
  while (nameFrom < run.to - 1) {
    const nat = nationalityAt(tokens, nameFrom, run.to - 1);
    if (nat && !(nat.place && placeIsFirstName(tokens, nameFrom, nameFrom + nat.length, run.to))) {
      if (nat.adjective) nationality = nat.adjective;
      nameFrom += nat.length;
    } else if (TITLE_MODIFIERS.has(bare(tokens[nameFrom]!))) titleWords.push(bare(tokens[nameFrom++]!));
    else break;
  }
  const result = { start: from, nameFrom, nameTo: run.to, titleWords, ...(nationality ? { nationality } : {}), titled };
  const name = tokens.slice(nameFrom, run.to);
  const key = nameKey(name.map((t) => t.text).join(' '));
  const looksLikeName = name.every(
    (t) =>
      !ORG_WORDS.has(bare(t)) && !CALENDAR_WORDS.has(bare(t)) && !/\d/.test(t.text) && !/^\p{Lu}{2,}$/u.test(t.text.replace(/\./g, '')),
  );
  if (name.length === 0 || !looksLikeName || isPlace(key) || nationalityOf(key)) return { ...result, verdict: 'none' };
  // A title or role on its own ("the President said") is a description, resolved elsewhere.
  if (name.length === 1 && (TITLE_HEADS.has(key) || ROLE_NOUNS.has(key))) return { ...result, verdict: 'none' };
  return { ...result, verdict: name.length >= 2 ? 'person' : 'single' };
}

/** An age written as one hyphenated word: "Sixteen-year-old", "17-Year-Old", "Six-month-old". */
const AGE = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*-(?:year|month|week|day)s?-old$/iu;

/** Whether the place at `[from, to)` is a first name: not after a preposition, and before a surname alone (initials aside) up to `end`. */
function placeIsFirstName(tokens: readonly Token[], from: number, to: number, end: number): boolean {
  return !PLACE_PREPOSITIONS.has(tokens[from - 1]?.lower ?? '') && tokens.slice(to, end).filter((t) => !isInitial(t)).length <= 1;
}

/** A name's initial: one capital letter, with or without its full stop ("M.", "J"). */
function isInitial(token: Token): boolean {
  return /^\p{Lu}\.?$/u.test(token.text);
}

/** Whether a capitalised word at the start of a sentence is an ordinary plural ("Mourners said"), not a surname. */
function isPluralCommonNoun(lower: string): boolean {
  return GROUP_NOUNS.has(lower) || (lower.endsWith('s') && lemmatizer.noun(lower) !== lower);
}

function displayOf(tokens: readonly Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.text)
    .join(' ');
}

function partsOf(tokens: readonly Token[], from: number, to: number): string[] {
  return nameKey(displayOf(tokens, from, to))
    .split(' ')
    .filter(Boolean);
}

/** Registers the full names (two words or more) of a token list, so that one-word mentions anywhere can be linked to them. */
export function registerFullNames(tokens: readonly Token[], sentenceStarts: ReadonlySet<number>, people: People): void {
  for (const run of findRuns(tokens)) {
    const c = classifyRun(tokens, run, sentenceStarts.has(run.from));
    if (c.verdict === 'person')
      people.addFullName({ display: displayOf(tokens, c.nameFrom, c.nameTo), parts: partsOf(tokens, c.nameFrom, c.nameTo) });
  }
}

/**
 * The mentions in a token list, in order. Names are linked to (or create) people and teach
 * them titles, roles and nationality; `position(i)` orders tokens across the article so that
 * descriptions later only use what was said before them.
 */
export function findMentions(
  tokens: readonly Token[],
  sentenceStarts: ReadonlySet<number>,
  people: People,
  position: (i: number) => number,
): Mention[] {
  const mentions: Mention[] = [];
  const covered = new Set<number>();
  for (const run of findRuns(tokens)) {
    const sentenceInitial = sentenceStarts.has(run.from);
    const c = classifyRun(tokens, run, sentenceInitial);
    if (c.verdict === 'none') continue;
    const parts = partsOf(tokens, c.nameFrom, c.nameTo);
    const display = displayOf(tokens, c.nameFrom, c.nameTo);
    const role = roleBefore(tokens, run.from);
    let person = c.verdict === 'person' ? people.addFullName({ display, parts }) : people.find(parts);
    if (!person && c.verdict === 'single') {
      const isInitial = sentenceInitial && c.nameFrom === run.from;
      if (isInitial && isPluralCommonNoun(parts[0] ?? '')) continue;
      // "Rep. Mac Barber of Commerce said": a place after "of" is not the speaker.
      if (PLACE_PREPOSITIONS.has(tokens[run.from - 1]?.lower ?? '')) continue;
      if (!(c.titled || role || speaksAfter(tokens, c.nameTo - 1) || speaksBefore(tokens, c.nameFrom))) continue;
      person = people.addSingle({ display, parts });
    }
    if (!person) continue;
    const at = position(run.from);
    const words = [
      ...c.titleWords,
      ...(c.nationality ? [`nat:${c.nationality}`] : []),
      ...(role?.words ?? []),
      ...appositiveAfter(tokens, c.nameTo, people.roles),
    ];
    // A title given to someone here ("Coach Bernadette Hale", "Lina Møller, the striker") makes
    // "the coach", "the striker" a description of them further on.
    for (const word of words) if (TITLE_HEADS.has(word)) people.roles.add(word);
    addAttributes(person, words, at);
    noteSeen(person, at);
    for (let i = run.from; i < run.to; i++) covered.add(i);
    // The mention spans the title too, so that in `“…,” Mr. Notte said` the subject starts right after the comma.
    mentions.push({ kind: 'name', from: c.start, to: c.nameTo - 1, person, possessive: tokens[c.nameTo - 1]?.possessive === true });
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (covered.has(i) || token.kind !== 'word') continue;
    if (token.lower === 'he' || token.lower === 'she' || token.lower === 'they') {
      mentions.push({ kind: 'pronoun', from: i, to: i, person: null, pronoun: token.lower, possessive: false });
      continue;
    }
    const description = descriptionAt(tokens, i, covered, people.roles);
    if (description) {
      const kind = token.lower === 'the' || token.possessive ? 'description' : 'unnamed';
      // "Gallagher becomes the first woman to…": after a copula a description says what the
      // subject is; it is nobody else for a pronoun to mean.
      const acting = !afterCopula(tokens, i) && (kind === 'description' || actsInClause(tokens, i, description.end));
      mentions.push({
        kind,
        from: i,
        to: description.end,
        person: null,
        description: description.description,
        possessive: tokens[description.end]?.possessive === true,
        acting,
      });
      i = description.end;
    }
  }
  return mentions.sort((a, b) => a.from - b.from);
}

/** A lower-case role right before a name ("North Korean leader Kim Jong Un"): the role, its nationality and modifiers. */
function roleBefore(tokens: readonly Token[], runFrom: number): { words: string[] } | undefined {
  const role = tokens[runFrom - 1];
  if (!role || role.kind !== 'word' || !/^\p{Ll}/u.test(role.text) || !ROLE_NOUNS.has(role.lower)) return undefined;
  let from = runFrom - 1;
  while (from > Math.max(0, runFrom - 5) && isModifier(tokens[from - 1])) from--;
  return { words: [role.lower, ...modifierWords(tokens, from, runFrom - 1)] };
}

/** Nationality (as `nat:…`) and title-modifier words among tokens `[from, to)`. */
function modifierWords(tokens: readonly Token[], from: number, to: number): string[] {
  const words: string[] = [];
  for (let i = from; i < to;) {
    const nat = nationalityAt(tokens, i, to);
    if (nat) {
      if (nat.adjective) words.push(`nat:${nat.adjective}`);
      i += nat.length;
      continue;
    }
    if (TITLE_MODIFIERS.has(tokens[i]!.lower)) words.push(tokens[i]!.lower);
    i++;
  }
  return words;
}

/**
 * Words that may stand between "the" and a role: adjectives and nouns ("the embattled Russian
 * defence minister", "the hotel owner"), but no function word or verb, which would mean the
 * role belongs to another phrase ("the plan would make him leader").
 */
function isModifier(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word' || t.possessive) return false;
  if (FUNCTION_WORDS.has(t.lower) && !TITLE_MODIFIERS.has(t.lower)) return false;
  return speechVerbBase(t.lower) === undefined && !/\d/.test(t.text);
}

const PLACE_PREPOSITIONS = new Set(['of', 'from', 'in', 'at', 'for', 'to', 'near']);

const DESCRIPTION_STARTS = new Set(['the', 'a', 'an', 'one', 'another']);

/**
 * Role words of an appositive after a name (", head of the Office…," / ", the Russian president,").
 * A role the lexicon lacks is learned from ", the … NOUN" ending the appositive (", the Riverside
 * Rovers striker who…"), into `learned`.
 */
function appositiveAfter(tokens: readonly Token[], nameTo: number, learned: Set<string>): string[] {
  if (tokens[nameTo]?.text !== ',') return [];
  for (let i = nameTo + 1; i < Math.min(tokens.length, nameTo + 7); i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') break;
    if (ROLE_NOUNS.has(t.lower) || TITLE_HEADS.has(t.lower)) return [t.lower, ...modifierWords(tokens, nameTo + 1, i)];
  }
  if (tokens[nameTo + 1]?.lower !== 'the') return [];
  let end = nameTo + 2;
  while (end < Math.min(tokens.length, nameTo + 7) && isModifier(tokens[end])) end++;
  const head = tokens[end - 1];
  const after = tokens[end];
  const closes = after === undefined || after.kind === 'quote' || /^(?:,|\.|;|who|that)$/.test(after.lower);
  if (end === nameTo + 2 || !closes || !head || !/^\p{Ll}{3,}$/u.test(head.text)) return [];
  learned.add(head.lower);
  return [head.lower, ...modifierWords(tokens, nameTo + 2, end - 1)];
}

/** "Kim said", "Kim later told", "Kim’s statement": the word at `last` ends a speaker's name. */
function speaksAfter(tokens: readonly Token[], last: number): boolean {
  if (tokens[last]?.possessive) return SPEECH_NOUNS.has(tokens[last + 1]?.lower ?? '');
  let i = last + 1;
  if (tokens[i]?.text === ',') {
    // An appositive: ", a spokesman for the ministry, said"
    let close = i + 1;
    while (
      close < tokens.length &&
      !(tokens[close]!.text === ',' || tokens[close]!.kind === 'quote' || /^[.!?]$/.test(tokens[close]!.text))
    )
      close++;
    if (tokens[close]?.text === ',') i = close + 1;
  }
  while (isVerbGap(tokens[i])) i++;
  const verb = speechVerbAt(tokens, i);
  return verb !== undefined && !verb.participle;
}

/** "…,” said Kim": a speech verb right before the name, after a quotation or comma. */
function speaksBefore(tokens: readonly Token[], first: number): boolean {
  const verb = speechVerbAt(tokens, first - 1);
  const before = tokens[first - 2];
  return verb !== undefined && !verb.participle && (before === undefined || before.kind === 'quote' || before.text === ',');
}

/**
 * "the North Korean leader", "the governor", "Russia’s president": a description of one person
 * by role; with "a"/"one"/"another" it is someone unnamed ("a Kremlin spokesman"). A role
 * followed by a capitalised name is a title instead, part of a name.
 */
function descriptionAt(
  tokens: readonly Token[],
  i: number,
  covered: ReadonlySet<number>,
  learned: ReadonlySet<string>,
): { end: number; description: Description } | undefined {
  const start = tokens[i]!;
  const countryPossessive = start.possessive === true && isCapitalised(start) ? nationalityOf(nameKey(start.text)) : undefined;
  if (!DESCRIPTION_STARTS.has(start.lower) && !countryPossessive) return undefined;
  for (let j = i + 1; j < Math.min(tokens.length, i + 6); j++) {
    const t = tokens[j]!;
    if (t.kind !== 'word' || covered.has(j)) return undefined;
    if (ROLE_NOUNS.has(t.lower) || learned.has(t.lower)) {
      if (isCapitalised(tokens[j + 1]) && !t.possessive) return undefined; // "the Russian President Vladimir Putin" is a name
      const words = modifierWords(tokens, i + 1, j);
      const nationality = words.find((w) => w.startsWith('nat:'))?.slice(4) ?? countryPossessive;
      const gender = GENDERED_WORDS.get(t.lower);
      return {
        end: j,
        description: {
          head: t.lower,
          modifiers: words.filter((w) => !w.startsWith('nat:')),
          ...(nationality ? { nationality } : {}),
          ...(gender ? { gender } : {}),
        },
      };
    }
    if (!isModifier(t)) return undefined;
  }
  return undefined;
}

/** The gender a mention itself shows: its person's, or that of "he"/"she" or a gendered role ("spokeswoman"). */
export function mentionGender(mention: Mention): Gender | undefined {
  if (mention.person) return genderOf(mention.person);
  if (mention.pronoun === 'he') return 'male';
  if (mention.pronoun === 'she') return 'female';
  return mention.description?.gender;
}

/** Whether a mention can be what a later "he"/"she" refers to (a person, named or not; not "they"). */
export function isReferent(mention: Mention): boolean {
  if (mention.person !== null || mention.pronoun === 'he' || mention.pronoun === 'she') return true;
  return (mention.kind === 'description' || mention.kind === 'unnamed') && mention.acting === true;
}

/** Verbs that link a subject to what it is ("is", "became", "remains"). */
const COPULAS = new Set([...BE_FORMS, 'become', 'becomes', 'became', 'remain', 'remains', 'remained']);

/** Subjects of a copula that point ahead instead of at someone: "It was the spokeswoman who spoke". */
const DUMMY_SUBJECTS = new Set(['it', 'there', 'this', 'that', 'here']);

/**
 * Whether the token before `i`, past adverbs ("is now", "became only"), is a copula whose
 * subject is someone ("Gallagher becomes", "she was"), not a cleft's "it was" or "there is".
 */
function afterCopula(tokens: readonly Token[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && tokens[j]?.kind === 'word' && isVerbGap(tokens[j]) && !COPULAS.has(tokens[j]!.lower)) j--;
  return COPULAS.has(tokens[j]?.lower ?? '') && !DUMMY_SUBJECTS.has(tokens[j - 1]?.lower ?? '');
}

/** An indefinite person that is a subject ("a man walked in", "an aide who briefed") or a source ("according to an aide"). */
function actsInClause(tokens: readonly Token[], from: number, to: number): boolean {
  if (tokens[from - 1]?.lower === 'to' && tokens[from - 2]?.lower === 'according') return true;
  let i = to + 1;
  while (isVerbGap(tokens[i])) i++;
  const next = tokens[i];
  if (!next || next.kind !== 'word') return false;
  return next.lower === 'who' || (/^\p{Ll}/u.test(next.text) && !FUNCTION_WORDS.has(next.lower) && !PLACE_PREPOSITIONS.has(next.lower));
}

/** Where the main clause of a sentence starts: after a leading adverbial clause ("In a meeting with Putin, Kim…"). */
export function mainClauseStart(tokens: readonly Token[], from: number, to: number): number {
  const first = tokens[from];
  if (!first || first.kind !== 'word') return from;
  if (!CLAUSE_OPENERS.has(first.lower) && !/ing$/.test(first.lower)) return from;
  for (let i = from + 1; i < to; i++) {
    if (tokens[i]!.text === ',') return i + 1;
    if (tokens[i]!.kind === 'quote') break;
  }
  return from;
}
