import { resolveDescription } from './coref.js';
import { findMentions, type Description, type Mention } from './mentions.js';
import { nameKey } from './names.js';
import { canonicalName, People, type Person } from './people.js';
import { sentenceRanges } from '../text/sentences.js';
import { readingTokens } from '../text/tokens.js';

export interface DescribedPerson {
  /** The role word of the description in the question ("leader" in "Russia's leader"). */
  readonly head: string;
  /** The canonical name of the person the article describes that way. */
  readonly name: string;
  /** Every form of the name the article uses ("Vladimir Putin", "Putin"). */
  readonly forms: readonly string[];
}

/**
 * The people a question describes instead of naming ("Russia's leader", "the North Korean
 * leader", "the deputy prime minister"), among `people`: the same resolution as for "the
 * Russian president" inside an article, with everything said about them read before the
 * question. A nationality in the question must be one the articles give the person.
 */
export function describedPeople(question: string, people: readonly Person[]): DescribedPerson[] {
  if (people.length === 0) return [];
  return mentionsOf(question).mentions.flatMap((mention) => {
    if (mention.kind !== 'description' || !mention.description) return [];
    const person = resolveAmong(mention.description, people);
    return person ? [{ head: mention.description.head, name: canonicalName(person), forms: person.forms.map((f) => f.display) }] : [];
  });
}

/** The people a question names or describes, among its tokens. */
function mentionsOf(question: string) {
  const tokens = readingTokens(question);
  const starts = new Set(sentenceRanges(tokens).map((s) => s.from));
  // The question's own names must not join the article's people: a scratch registry.
  return { tokens, mentions: findMentions(tokens, starts, new People(), () => Number.MAX_SAFE_INTEGER) };
}

/** Who a question asks about as the doer, and what they did: "What did *Kim* *pledge* …". */
export interface QuestionSubject {
  /** A name as written ("Kim"), or the description to resolve ("the North Korean leader"). */
  readonly name?: string;
  readonly description?: Description;
  /** The verb after the subject, as written. */
  readonly verb: string;
}

const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'where', 'when', 'why', 'how']);
const AUXILIARIES = new Set(['did', 'does', 'do', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'might', 'should', 'may']);

/** The subject and verb of a question asked as "wh- + auxiliary + subject + verb", or null. */
export function questionSubject(question: string): QuestionSubject | null {
  const { tokens, mentions } = mentionsOf(question);
  const aux = tokens.findIndex((t, i) => i > 0 && AUXILIARIES.has(t.lower));
  if (!WH_WORDS.has(tokens[0]?.lower ?? '') || aux < 0) return null;
  // Capitalised words right after the auxiliary are a name, known to the articles or not ("What did Lindqvist …").
  let end = aux + 1;
  while (tokens[end]?.kind === 'word' && /^\p{Lu}/u.test(tokens[end]!.text) && !tokens[end - 1]?.possessive) end++;
  const description = mentions.find((m: Mention) => m.from === aux + 1 && m.kind === 'description');
  const last = end > aux + 1 ? end - 1 : description?.to;
  const verb = last === undefined ? undefined : tokens[last + 1];
  if (last === undefined || verb?.kind !== 'word' || tokens[last]?.possessive) return null;
  if (end > aux + 1) return { name: tokens.slice(aux + 1, end).map((t) => t.text).join(' '), verb: verb.text };
  return description?.description ? { description: description.description, verb: verb.text } : null;
}

/**
 * The person among `people` (everything said of them already read) a description fits. A
 * nationality in the description must be one the articles give the person: read out of
 * context, "the North Korean leader" must not fall to a leader of no stated nationality.
 */
export function resolveAmong(description: Description, people: readonly Person[]): Person | null {
  const nationality = description.nationality;
  const candidates = nationality ? people.filter((p) => p.attrs.has(`nat:${nationality}`)) : people;
  return resolveDescription(description, candidates, Number.MAX_SAFE_INTEGER);
}

/**
 * One person per canonical name across articles, with every form and attribute the articles
 * give them: one article calls Putin Russian, another only "President Putin".
 */
export function mergePeople(groups: ReadonlyArray<readonly Person[]>): Person[] {
  const merged = new Map<string, Person>();
  for (const person of groups.flat()) {
    const key = nameKey(canonicalName(person));
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { id: merged.size, forms: [...person.forms], attrs: new Map([...person.attrs.keys()].map((a) => [a, 0])), male: person.male, female: person.female, seen: [0] });
      continue;
    }
    for (const form of person.forms) if (!known.forms.some((f) => f.display === form.display)) known.forms.push(form);
    for (const attr of person.attrs.keys()) known.attrs.set(attr, 0);
    known.male += person.male;
    known.female += person.female;
  }
  return [...merged.values()];
}
