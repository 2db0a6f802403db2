import { beforeAll, describe, expect, it } from 'vitest';
import { questionSubject } from '../../src/reading/described.js';
import { readArticle } from '../../src/reading/read-article.js';
import { InferredTerms, referentTermsOf } from '../../src/answer/referents.js';
import { parseArticle } from '../../src/corpus/article.js';
import defaults from '../../config/default.json' with { type: 'json' };
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import type { Article, Passage } from '../../src/corpus/types.js';
import type { Library } from '../../src/library.js';
import { planQuery } from '../../src/search/query.js';
import { termsOfText } from '../../src/text/terms.js';
import { seedLibrary } from '../support/seeds.js';

const rules = compileBoilerplate(defaults.boilerplate);

function inline(...paragraphs: string[]): Article {
  return parseArticle({ source: 'inline.txt', text: `A headline about nobody\n\n${paragraphs.join('\n\n')}\n` }, rules);
}

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

function passageAt(source: string, line: number): Passage {
  const passage = library.index.passages.find((p) => p.source === source && p.line === line);
  if (!passage) throw new Error(`no passage at ${source}:${line}`);
  return passage;
}

describe('referents: people a paragraph refers to without naming them', () => {
  it('GIVEN "He vowed…" after a paragraph quoting Kim THEN the paragraph is credited with Kim Jong Un', () => {
    const terms = referentTermsOf(library, passageAt('004_fda3f1e6d2d72140.txt', 15));
    expect([...terms]).toEqual(expect.arrayContaining(termsOfText('Kim Jong Un')));
  });

  it('GIVEN "He insisted…" after Putin spoke THEN it is Putin, not Kim', () => {
    const terms = referentTermsOf(library, passageAt('004_fda3f1e6d2d72140.txt', 23));
    expect(terms.has('putin')).toBe(true);
    expect(terms.has('kim')).toBe(false);
  });

  it('GIVEN a paragraph that names everyone it talks about THEN nothing is added', () => {
    expect(referentTermsOf(library, passageAt('000_e54da9ff0ce102d3.txt', 15)).size).toBe(0);
  });

  it('GIVEN a new person described by another role THEN the description is not given to someone else', () => {
    const article = inline('Defense Minister Sergei Shoigu met the delegation.', 'Later, the Russian ambassador was summoned by officials.');
    expect([...readArticle(article).referents.values()].flat()).not.toContain('Sergei Shoigu');
  });
});

describe('descriptions one article leaves open', () => {
  const leaderLine = (): Passage => passageAt('004_fda3f1e6d2d72140.txt', 11);

  it('GIVEN "the North Korean leader" in an article that never calls Kim that THEN another article that does resolves it to Kim', () => {
    const inferred = new InferredTerms(library, 'Which facility did Kim enter?', library.index.passages);
    const terms = inferred.of(leaderLine(), new Set(termsOfText(leaderLine().text)));
    expect(terms.has('kim')).toBe(true);
    // "the Russian president" in the same line: Putin, who is named in 004 before it.
    expect(terms.has('putin')).toBe(true);
  });

  it('GIVEN only the article itself THEN the description stays open', () => {
    const own = library.index.passages.filter((p) => p.source === '004_fda3f1e6d2d72140.txt');
    const inferred = new InferredTerms(library, 'Which facility did Kim enter?', own);
    expect(inferred.of(leaderLine(), new Set(termsOfText(leaderLine().text))).has('kim')).toBe(false);
  });

  it('GIVEN an open description THEN only people the article named before it are candidates', () => {
    const article = inline('Later, the North Korean leader toured a factory.', 'Kim Jong Un arrived on Monday.');
    expect([...readArticle(article).unresolved.values()].flat().map((u) => [u.description.head, u.namedBefore])).toEqual([['leader', []]]);
  });
});

describe('who does what', () => {
  it('GIVEN "What did X VERB …" THEN X and the verb; GIVEN other forms THEN nothing', () => {
    expect(questionSubject("What did Kim pledge to Russia's leader?")).toEqual({ name: 'Kim', verb: 'pledge' });
    expect(questionSubject('What has the North Korean leader promised?')).toMatchObject({ description: { head: 'leader', nationality: 'north korean' }, verb: 'promised' });
    expect(questionSubject('who gifted the drones')).toBeNull();
    expect(questionSubject("What did Kim's aide say?")).toBeNull();
  });

  it('GIVEN an article THEN each sentence has its subject and each quotation its speaker', () => {
    const article = inline('Kim Jong Un met Vladimir Putin. Putin reported that support was the main topic.', '“We stand by Russia,” Kim said.');
    const actors = [...readArticle(article).actors.values()].flat();
    const text = (id: number, a: { start: number; end: number }) => article.passages.find((p) => p.id === id)!.text.slice(a.start, a.end);
    const byText = [...readArticle(article).actors].flatMap(([id, list]) => list.map((a) => [text(id, a), a.name]));
    expect(byText).toEqual(
      expect.arrayContaining([
        ['Kim Jong Un met Vladimir Putin.', 'Kim Jong Un'],
        ['Putin reported that support was the main topic.', 'Vladimir Putin'],
        ['We stand by Russia,', 'Kim Jong Un'],
      ]),
    );
    expect(actors.length).toBeGreaterThanOrEqual(3);
  });

  it('GIVEN "What did Kim pledge…" THEN a passage where Kim pledges (or supports) counts, one where Putin reports support does not', () => {
    const question = "What did Kim pledge to Russia's leader?";
    const inferred = new InferredTerms(library, question, library.index.passages);
    const verb = inferred.verbOf(planQuery(question, library.index, library.lexicon).concepts);
    expect(verb?.text).toBe('pledge');
    expect(inferred.subjectActs(passageAt('001_dee9a08cf77086df.txt', 15), verb!)).toBeDefined();
    expect(inferred.subjectActs(passageAt('004_fda3f1e6d2d72140.txt', 13), verb!)).toBeDefined();
    expect(inferred.subjectActs(passageAt('004_fda3f1e6d2d72140.txt', 9), verb!)).toBeUndefined();
  });
});

describe('people a question describes', () => {
  it('GIVEN "Russia\'s leader" THEN a passage naming Putin is credited with "leader", one without him is not', () => {
    const inferred = new InferredTerms(library, "What did Kim pledge to Russia's leader?", library.index.passages);
    const withPutin = passageAt('004_fda3f1e6d2d72140.txt', 13);
    const without = passageAt('000_e54da9ff0ce102d3.txt', 7);
    expect(inferred.of(withPutin, new Set(termsOfText(withPutin.text))).has('leader')).toBe(true);
    expect(inferred.of(without, new Set(termsOfText(without.text))).has('leader')).toBe(false);
  });
});
