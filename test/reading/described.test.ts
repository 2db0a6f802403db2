import { beforeAll, describe, expect, it } from 'vitest';
import { describedPeople, mergePeople } from '../../src/reading/described.js';
import { roleSynonyms } from '../../src/reading/lexicon.js';
import { readArticle } from '../../src/reading/read-article.js';
import type { Article } from '../../src/corpus/types.js';
import type { Library } from '../../src/library.js';
import { seedLibrary } from '../support/seeds.js';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

describe('roles that may stand for each other', () => {
  it('GIVEN leaders THEN any title of a country\'s leader will do; GIVEN officials THEN only the same job or the class word', () => {
    expect(roleSynonyms('president')).toContain('dictator');
    expect(roleSynonyms('ambassador')).toEqual(['ambassador']);
    expect(roleSynonyms('official')).toContain('minister');
    expect(roleSynonyms('general')).toEqual(['general']);
  });
});

describe('people a question describes', () => {
  it('GIVEN "Russia\'s leader" THEN Putin, from what the articles call him together', () => {
    const people = mergePeople(library.corpus.articles.map((a) => readArticle(a).people));
    expect(describedPeople("What did Kim pledge to Russia's leader?", people).map((d) => [d.head, d.name])).toEqual([['leader', 'Vladimir Putin']]);
    expect(describedPeople('Who is the North Korean leader?', people).map((d) => d.name)).toEqual(['Kim Jong Un']);
  });

  it('GIVEN an article that never gives the person that nationality THEN the description finds nobody', () => {
    const only004 = readArticle(library.article('004_fda3f1e6d2d72140.txt') as Article).people;
    // In 004 Putin is "President Putin" and Kim has no title: "the North Korean leader" must not become Putin.
    expect(describedPeople('What did the North Korean leader say?', only004)).toEqual([]);
  });

  it('GIVEN a question that names nobody by role THEN nothing is described', () => {
    const people = mergePeople(library.corpus.articles.map((a) => readArticle(a).people));
    expect(describedPeople('who gifted the drones', people)).toEqual([]);
  });
});
