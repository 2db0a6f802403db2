import { FIRST_NAME_GENDER, GENDERED_WORDS } from './lexicon.js';

export type Gender = 'male' | 'female';

/** One way a person is written in the article: "Vladimir Putin", "Putin". */
export interface NameForm {
  /** Original characters, titles stripped. */
  readonly display: string;
  /** Name keys of the words (see `nameKey`). */
  readonly parts: readonly string[];
}

/** A person named in one article, with everything learnt about them so far. */
export interface Person {
  readonly id: number;
  readonly forms: NameForm[];
  /** Title, role and nationality words seen with the person ("president", "nat:russian"), with the position first seen. */
  readonly attrs: Map<string, number>;
  /** Evidence for each gender; a person is only treated as one gender when the evidence agrees. */
  male: number;
  female: number;
  /** Positions of the mentions so far, sorted (see `noteSeen`), to prefer the most recent of several candidates. */
  readonly seen: number[];
}

/**
 * The people of one article. Name forms of one person are merged ("Denis Manturov",
 * "Manturov", "Deputy Prime Minister Manturov"), and the canonical name is the longest form.
 * Indexed by whole form and by first and last word, so that long articles stay fast.
 */
export class People {
  /**
   * Roles this article gives its people beyond the lexicon's roles: titles ("Coach Hale") and
   * appositives ("Lina Møller, the Riverside Rovers striker"). "The striker" further on is a
   * description of someone.
   */
  readonly roles = new Set<string>();
  private readonly persons: Person[] = [];
  private readonly byForm = new Map<string, Person[]>();
  /** First and last words of multi-word forms. */
  private readonly byEdge = new Map<string, Person[]>();

  all(): readonly Person[] {
    return this.persons;
  }

  /** Registers a name of two or more words, merging it with a person it is a shorter or longer form of. */
  addFullName(form: NameForm): Person {
    const same = this.byForm.get(form.parts.join(' '));
    if (same?.[0]) return same[0];
    const existing = this.edgeMatches(form.parts).find((p) => p.forms.some((f) => sameFullName(f.parts, form.parts)));
    if (existing) {
      existing.forms.push(form);
      this.index(existing, form);
      return existing;
    }
    return this.create(form);
  }

  /** Registers a one-word name that matched no known person ("Putin said" with no full name anywhere). */
  addSingle(form: NameForm): Person {
    return this.create(form);
  }

  /**
   * The person a name refers to. A full name matches its own forms; one word matches the first
   * or last word of a full name ("Putin", and "Kim" or "Chang" for family-name-first names).
   * Several matches: the one mentioned most recently.
   */
  find(parts: readonly string[]): Person | undefined {
    let matches = this.byForm.get(parts.join(' ')) ?? [];
    if (matches.length === 0 && parts.length > 1)
      matches = this.edgeMatches(parts).filter((p) => p.forms.some((f) => sameFullName(f.parts, parts)));
    if (matches.length === 0 && parts.length === 1) matches = this.byEdge.get(parts[0]!) ?? [];
    let best: Person | undefined;
    for (const person of matches) if (!best || latest(person) > latest(best)) best = person;
    return best;
  }

  private edgeMatches(parts: readonly string[]): Person[] {
    const first = this.byEdge.get(parts[0] ?? '') ?? [];
    const last = this.byEdge.get(parts[parts.length - 1] ?? '') ?? [];
    return [...new Set([...first, ...last])];
  }

  private create(form: NameForm): Person {
    const person: Person = { id: this.persons.length, forms: [form], attrs: new Map(), male: 0, female: 0, seen: [] };
    const first = form.parts.length > 1 ? FIRST_NAME_GENDER.get(form.parts[0]!) : undefined;
    if (first) addGender(person, first, 2);
    this.persons.push(person);
    this.index(person, form);
    return person;
  }

  private index(person: Person, form: NameForm): void {
    push(this.byForm, form.parts.join(' '), person);
    if (form.parts.length > 1) {
      push(this.byEdge, form.parts[0]!, person);
      push(this.byEdge, form.parts[form.parts.length - 1]!, person);
    }
  }
}

function push(map: Map<string, Person[]>, key: string, person: Person): void {
  const list = map.get(key);
  if (!list) map.set(key, [person]);
  else if (!list.includes(person)) list.push(person);
}

function latest(person: Person): number {
  return person.seen[person.seen.length - 1] ?? -1;
}

/** Records a mention at `position`, keeping `seen` sorted. */
export function noteSeen(person: Person, position: number): void {
  const seen = person.seen;
  let i = seen.length;
  while (i > 0 && seen[i - 1]! > position) i--;
  if (seen[i - 1] !== position) seen.splice(i, 0, position);
}

/** One full name is a form of another when its words appear in it in order and they share the first or the last word. */
function sameFullName(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2) return false;
  if (short[0] !== long[0] && short[short.length - 1] !== long[long.length - 1]) return false;
  let at = 0;
  for (const part of long) if (part === short[at]) at++;
  return at === short.length;
}

/** The canonical name: the longest form (most words, then most characters), first seen on a tie. */
export function canonicalName(person: Person): string {
  let best = person.forms[0]!;
  for (const form of person.forms) {
    if (form.parts.length > best.parts.length || (form.parts.length === best.parts.length && form.display.length > best.display.length))
      best = form;
  }
  return best.display;
}

/** Position of the person's latest mention before `position`, or -1 (binary search: `seen` is sorted). */
export function lastSeenBefore(person: Person, position: number): number {
  const seen = person.seen;
  let lo = 0;
  let hi = seen.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seen[mid]! < position) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? seen[lo - 1]! : -1;
}

export function genderOf(person: Person): Gender | undefined {
  if (person.male > person.female) return 'male';
  if (person.female > person.male) return 'female';
  return undefined;
}

export function addGender(person: Person, gender: Gender, weight = 1): void {
  if (gender === 'male') person.male += weight;
  else person.female += weight;
}

/** Records title and role words with the person; gendered ones ("Mrs.", "spokeswoman") count as gender evidence. */
export function addAttributes(person: Person, words: readonly string[], position: number): void {
  for (const word of words) {
    if (!person.attrs.has(word)) {
      person.attrs.set(word, position);
      const gender = GENDERED_WORDS.get(word);
      if (gender) addGender(person, gender, 2);
    }
  }
}

/** Attributes seen before a position. */
export function attributesBefore(person: Person, position: number): Set<string> {
  const words = new Set<string>();
  for (const [word, at] of person.attrs) if (at < position) words.add(word);
  return words;
}
