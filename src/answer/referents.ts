import type { Article, Passage } from '../corpus/types.js';
import type { Library } from '../library.js';
import { termsOf, termsOfText } from '../text/terms.js';
import { matchWeight, type Concept } from '../search/query.js';
import { describedPeople, mergePeople, questionSubject, resolveAmong } from '../reading/described.js';
import { readArticle, type ActorSpan, type UnresolvedDescription } from '../reading/read-article.js';
import { ROLE_NOUNS } from '../reading/lexicon.js';
import { nameKey } from '../reading/names.js';
import { canonicalName, type Person } from '../reading/people.js';

/**
 * Questions and articles name people differently. A question names Kim where the answering
 * paragraph says "He vowed…" or "the North Korean leader expressed…"; a question says
 * "Russia's leader" where the paragraph names Putin. The reading that finds quotation speakers
 * resolves both, and this turns it into index terms a passage is credited with.
 *
 * Articles are read when a question first reaches one of their passages, then kept: an answer
 * never depends on whether a background job has finished.
 */
interface ArticlePeople {
  /** By passage id: terms of the names of people the paragraph refers to without naming them. */
  readonly referents: ReadonlyMap<number, ReadonlySet<string>>;
  readonly people: readonly Person[];
  readonly unresolved: ReadonlyMap<number, readonly UnresolvedDescription[]>;
  readonly actors: ReadonlyMap<number, readonly ActorSpan[]>;
}

const byArticle = new WeakMap<Article, ArticlePeople>();
const NONE: ReadonlySet<string> = new Set();

function peopleOf(article: Article): ArticlePeople {
  let found = byArticle.get(article);
  if (!found) {
    const reading = readArticle(article);
    const referents = new Map([...reading.referents].map(([id, names]) => [id, new Set(names.flatMap(termsOfText))] as const));
    found = { referents, people: reading.people, unresolved: reading.unresolved, actors: reading.actors };
    byArticle.set(article, found);
  }
  return found;
}

/** Terms of the people a passage refers to by pronoun or description. */
export function referentTermsOf(library: Library, passage: Passage): ReadonlySet<string> {
  const article = library.article(passage.source);
  return article ? (peopleOf(article).referents.get(passage.id) ?? NONE) : NONE;
}

/**
 * Whether a question may be about a person: it has a capitalised word past its first (a name)
 * or a role ("leader", "minister"). Only such questions pay for reading articles for people.
 */
export function mayAskAboutPeople(question: string): boolean {
  const words = question.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return words.some((word, i) => (i > 0 && /^\p{Lu}/u.test(word)) || ROLE_NOUNS.has(word.toLowerCase()));
}

/**
 * For one question: the terms a passage is credited with beyond its words. The names of the
 * people it refers to (a description its own article leaves open is resolved with what the
 * other leading articles say of the people it has named: one article calls Kim "the North
 * Korean leader" without ever saying he is one, another says so), and the role word of a
 * description in the question ("leader" of "Russia's leader") when the passage mentions the
 * person the articles describe that way. Descriptions are resolved once, among the people of
 * every article the candidates come from. It also knows who the question asks about as the
 * doer, and where a passage has them doing it.
 */
export class InferredTerms {
  private readonly described: ReadonlyArray<{ readonly head: readonly string[]; readonly forms: ReadonlyArray<readonly string[]> }>;
  /** The people of the leading articles, merged across them, by name key. */
  private readonly people: ReadonlyMap<string, Person>;
  /** "What did Kim pledge…": the terms of the doer's name, and the verb as typed. */
  private readonly subject: { readonly name: readonly string[]; readonly verb: string } | undefined;

  constructor(
    private readonly library: Library,
    question: string,
    candidates: readonly Passage[],
  ) {
    const articles = [...new Set(candidates.map((p) => p.source))].flatMap((source) => library.article(source) ?? []);
    const people = mergePeople(articles.map((article) => peopleOf(article).people));
    this.people = new Map(people.map((person) => [nameKey(canonicalName(person)), person]));
    const subject = questionSubject(question);
    const described = subject?.description ? resolveAmong(subject.description, people) : null;
    const name = subject?.name ?? (described ? canonicalName(described) : undefined);
    this.subject = subject && name ? { name: termsOfText(name), verb: subject.verb.toLowerCase() } : undefined;
    this.described = describedPeople(question, people).map((d) => ({
      head: termsOf(d.head),
      forms: d.forms.map((form) => termsOfText(form)).filter((terms) => terms.length > 0),
    }));
  }

  of(passage: Passage, passageTerms: ReadonlySet<string>): ReadonlySet<string> {
    const referents = this.referentsOf(passage);
    if (this.described.length === 0) return referents;
    const terms = new Set(referents);
    for (const person of this.described) {
      // Articles shorten names ("Putin", "Kim"): any longer part of the name counts as a mention.
      const mentioned = person.forms.some((form) => form.some((t) => t.length >= 3 && (passageTerms.has(t) || referents.has(t))));
      if (mentioned) person.head.forEach((t) => terms.add(t));
    }
    return terms;
  }

  /** The passage's own referents, and those of its open descriptions that the merged people resolve. */
  private referentsOf(passage: Passage): ReadonlySet<string> {
    const own = referentTermsOf(this.library, passage);
    const article = this.library.article(passage.source);
    const open = article ? peopleOf(article).unresolved.get(passage.id) : undefined;
    if (!open) return own;
    const terms = new Set(own);
    for (const { description, namedBefore } of open) {
      const candidates = namedBefore.flatMap((name) => this.people.get(nameKey(name)) ?? []);
      const person = resolveAmong(description, candidates);
      if (person) termsOfText(canonicalName(person)).forEach((t) => terms.add(t));
    }
    return terms;
  }

  /** The concept of the question's verb ("pledge"), when the question asks what its subject did. */
  verbOf(concepts: readonly Concept[]): Concept | undefined {
    return this.subject ? concepts.find((c) => c.text.toLowerCase() === this.subject?.verb) : undefined;
  }

  /**
   * Where in the passage the question's subject does what it asks about: the first sentence
   * they are the subject of, or their quoted words, that holds the verb or a word standing for
   * it. "Putin reported that military support was the topic" is not Kim pledging support.
   */
  subjectActs(passage: Passage, verb: Concept): ActorSpan | undefined {
    const subject = this.subject;
    const article = this.library.article(passage.source);
    if (!subject || !article) return undefined;
    return (peopleOf(article).actors.get(passage.id) ?? []).find((actor) => {
      const actorName = new Set(termsOfText(actor.name));
      // Articles shorten names ("Kim" for Kim Jong Un): a longer part of the name will do.
      const same = subject.name.some((t) => t.length >= 3 && actorName.has(t));
      return same && matchWeight(verb, new Set(termsOfText(passage.text.slice(actor.start, actor.end)))) > 0;
    });
  }
}
