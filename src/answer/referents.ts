import type { Article, Passage } from '../corpus/types.js';
import type { Library } from '../library.js';
import { termsOf, termsOfText } from '../search/terms.js';
import { describedPeople, mergePeople, resolveAmong } from './quote/described.js';
import { readArticle, type UnresolvedDescription } from './quote/extract.js';
import { ROLE_NOUNS } from './quote/lexicon.js';
import { nameKey } from './quote/names.js';
import { canonicalName, type Person } from './quote/people.js';

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
}

const byArticle = new WeakMap<Article, ArticlePeople>();
const NONE: ReadonlySet<string> = new Set();

function peopleOf(article: Article): ArticlePeople {
  let found = byArticle.get(article);
  if (!found) {
    const reading = readArticle(article);
    const referents = new Map([...reading.referents].map(([id, names]) => [id, new Set(names.flatMap(termsOfText))] as const));
    found = { referents, people: reading.people, unresolved: reading.unresolved };
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
 * Korean leader" without ever saying he is one, another says so), and the role word of a description in the question ("leader" of
 * "Russia's leader") when the passage mentions the person the articles describe that way.
 * Descriptions are resolved once, among the people of every article the candidates come from.
 */
export class InferredTerms {
  private readonly described: ReadonlyArray<{ readonly head: readonly string[]; readonly forms: ReadonlyArray<readonly string[]> }>;
  /** The people of the leading articles, merged across them, by name key. */
  private readonly people: ReadonlyMap<string, Person>;

  constructor(
    private readonly library: Library,
    question: string,
    candidates: readonly Passage[],
  ) {
    const articles = [...new Set(candidates.map((p) => p.source))].flatMap((source) => library.article(source) ?? []);
    const people = mergePeople(articles.map((article) => peopleOf(article).people));
    this.people = new Map(people.map((person) => [nameKey(canonicalName(person)), person]));
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
}
