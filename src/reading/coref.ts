import { isReferent, mentionGender, type Description, type Mention } from './mentions.js';
import { attributesBefore, genderOf, lastSeenBefore, type Person } from './people.js';
import { roleSynonyms } from './lexicon.js';

/**
 * Resolves "he"/"she" and descriptions ("the Russian president") to people. Pronouns follow
 * the reader's habit: the subject of the nearest earlier sentence that fits, then the other
 * people named in it, going back across paragraph breaks but not further than two paragraphs
 * (or a dozen sentences).
 */

/** What one sentence contributed to the discourse: its subject and every person it mentioned. */
export interface SentenceRecord {
  readonly paragraph: number;
  readonly subject: Mention | null;
  /** Mentions of people outside quotation marks, in order: named, resolved, or unnamed ("a spokesman"). */
  readonly mentions: readonly Mention[];
}

const GENERIC_HEADS = new Set([
  'man',
  'woman',
  'boy',
  'girl',
  'person',
  'source',
  'witness',
  'resident',
  'victim',
  'fan',
  'customer',
  'passenger',
]);

/** How far back a pronoun may reach: two paragraphs, and no more than a dozen sentences. */
const PARAGRAPH_WINDOW = 2;
const SENTENCE_WINDOW = 12;

/**
 * The person a subject pronoun refers to, or null. `earlier` are the mentions before the
 * pronoun in its own sentence. When the nearest fitting referent is someone unnamed ("a
 * Kremlin spokesman said … he added") the answer is null, not the next named person back.
 * "They" is left unresolved: in news it nearly always means a group (officials, the two
 * leaders), and naming one member would be a guess presented as fact.
 */
export function resolvePronoun(
  pronoun: 'he' | 'she' | 'they',
  earlier: readonly Mention[],
  history: readonly SentenceRecord[],
  paragraph: number,
): Person | null {
  if (pronoun === 'they') return null;
  const wanted = pronoun === 'he' ? 'male' : 'female';
  const groups: Mention[][] = [];
  const own = earlier.filter(isReferent);
  if (own.length > 0) groups.push([own[0]!, ...own.slice(1).reverse()]);
  for (let i = history.length - 1; i >= Math.max(0, history.length - SENTENCE_WINDOW); i--) {
    const record = history[i]!;
    if (record.paragraph < paragraph - PARAGRAPH_WINDOW) break;
    const others = record.mentions.filter((m) => m !== record.subject && isReferent(m)).reverse();
    groups.push(record.subject && isReferent(record.subject) ? [record.subject, ...others] : others);
  }
  for (const group of groups) {
    // Within one sentence, someone known to fit beats someone merely not known not to fit.
    const chosen = group.find((m) => mentionGender(m) === wanted) ?? group.find((m) => mentionGender(m) === undefined);
    if (chosen) return chosen.person;
  }
  return null;
}

/**
 * The person a description refers to: someone already introduced with that role (or one of
 * its kind: a "leader" may be a president or dictator), the same title modifiers ("deputy")
 * and no other nationality; the most recently mentioned if several fit. Null if nobody does.
 */
export function resolveDescription(description: Description, people: readonly Person[], position: number): Person | null {
  // "the man", "the woman" say too little: "the elder man" is not whoever was once called "an advertising man".
  if (GENERIC_HEADS.has(description.head)) return null;
  const roles = roleSynonyms(description.head);
  const seenBefore = (person: Person, word: string): boolean => (person.attrs.get(word) ?? Infinity) < position;
  const fitting = people.filter((person) => {
    if (!roles.some((role) => seenBefore(person, role)) || lastSeenBefore(person, position) < 0) return false;
    const attrs = attributesBefore(person, position);
    if (!description.modifiers.every((m) => attrs.has(m))) return false;
    const nationalities = [...attrs].filter((a) => a.startsWith('nat:'));
    if (description.nationality && nationalities.length > 0 && !nationalities.includes(`nat:${description.nationality}`)) return false;
    const gender = genderOf(person);
    return !(description.gender && gender && gender !== description.gender);
  });
  fitting.sort((a, b) => {
    const aNat = description.nationality && a.attrs.has(`nat:${description.nationality}`) ? 1 : 0;
    const bNat = description.nationality && b.attrs.has(`nat:${description.nationality}`) ? 1 : 0;
    return bNat - aNat || lastSeenBefore(b, position) - lastSeenBefore(a, position);
  });
  return fitting[0] ?? null;
}
