import { describe, expect, it } from 'vitest';
import defaults from '../../config/default.json' with { type: 'json' };
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { formatCitation } from '../../src/corpus/types.js';
import { ask } from '../../src/answer/ask.js';
import { assembleLibrary } from '../../src/library/library.js';
import { sharedLexicon } from '../../src/search/lexicon.js';
import { PassageIndex } from '../../src/search/passage-index.js';
import { DEFAULT_EXPANSION_WEIGHTS, matchWeight, planQuery, searchTerms, type Concept } from '../../src/search/query.js';
import { termsOfText } from '../../src/text/terms.js';
import { A, B_LINES } from '../support/search-fixture.js';

const rules = compileBoilerplate(defaults.boilerplate);

const B = B_LINES.join('\n');

const a = parseArticle({ source: 'a.txt', text: A }, rules, 0);
const b = parseArticle({ source: 'b.txt', text: B }, rules, a.passages.length);
const corpus = { dir: '/x', articles: [a, b], skipped: [] };
const index = await PassageIndex.build(corpus);
const lexicon = sharedLexicon();
/** The index of one article of the given text. */
const indexOf = (source: string, text: string) =>
  PassageIndex.build({ dir: '/x', articles: [parseArticle({ source, text }, rules, 0)], skipped: [] });
/** Weights of title and short lines for these tests (the fitted ones are in config/ranking.json). */
const LINES = { title: 0.5, short: 0.7, shortUnder: 8 };

function only(question: string): Concept {
  const { concepts } = planQuery(question, index, lexicon);
  expect(concepts, question).toHaveLength(1);
  return concepts[0]!;
}

function ranked(question: string): string[] {
  return index.search(searchTerms(planQuery(question, index, lexicon)), 10, LINES).hits.map((h) => formatCitation(h.passage));
}

function termsAt(source: string, line: number): Set<string> {
  const passage = index.passages.find((p) => p.source === source && p.line === line);
  if (!passage) throw new Error(`no passage ${source}:${line}`);
  return new Set(termsOfText(passage.text));
}

describe('planQuery typo correction', () => {
  it('GIVEN a transposition in a long word THEN it is read as the corpus word, as if typed so', () => {
    const concept = only('reconnaissacne');
    expect(concept.correctedTo).toBe('reconnaissance');
    expect(concept.alternatives).toEqual([{ groups: [['reconnaiss']], kind: 'literal' }]);
    expect(concept.idf).toBe(only('reconnaissance').idf);
    expect(ranked('reconnaissacne')).toEqual(['b.txt:5', 'b.txt:3', 'b.txt:1']);
  });

  it('GIVEN a real English word absent from the corpus but one edit from a corpus word THEN it is not corrected', () => {
    // The index alone would read "missive" as "missile": the dictionary check stops it.
    expect(index.closestWord('missive')).toBe('missile');
    const concept = only('missive');
    expect(concept.correctedTo).toBeUndefined();
    expect(concept.alternatives).toEqual([{ groups: [['missiv']], kind: 'literal' }]);
  });

  it('GIVEN an inflected real English word absent from the corpus THEN it is not corrected', () => {
    expect(only('missives').correctedTo).toBeUndefined();
  });

  it('GIVEN a misspelt word whose stem the corpus has THEN it is not corrected', () => {
    expect(index.closestWord('kamikazes')).toBe('kamikaze');
    expect(only('kamikazes').correctedTo).toBeUndefined();
  });

  it('GIVEN a short misspelt word THEN it is not corrected', () => {
    const concept = only('gfit');
    expect(concept.correctedTo).toBeUndefined();
    expect(concept.alternatives).toEqual([{ groups: [['gfit']], kind: 'literal' }]);
  });
});

describe('planQuery function words', () => {
  it('GIVEN an indefinite pronoun ("anybody", "everyone") THEN it carries no topic, as "anything" does', () => {
    const texts = (question: string) => planQuery(question, index, lexicon).concepts.map((c) => c.text);
    expect(texts('was anybody given drones')).toEqual(['given', 'drones']);
    expect(texts('did everyone see the drones')).toEqual(texts('did anything see the drones'));
  });
});

describe('planQuery misspelt common words', () => {
  const concepts = (question: string) => planQuery(question, index, lexicon).concepts;

  it('GIVEN a misspelt common word ("waht", "teh", "abuot") THEN it carries no topic: the question is planned as if spelt right', () => {
    expect(concepts('waht did teh governor give abuot the ceremony')).toEqual(concepts('what did the governor give about the ceremony'));
    const library = assembleLibrary(corpus, index, 0, { lexicon });
    const answer = ask(library, 'who gave teh kamikaze drones');
    expect(answer.passages.map((p) => `${p.source}:${p.line}`)[0]).toBe('a.txt:3');
    expect(answer.corrections).toEqual([]);
  });

  it('GIVEN a short word in capitals, a name inside the question, or a short word one replaced letter from a common word THEN it is kept as typed; a swap is read', () => {
    // "ADN" is an acronym; "ios" is one letter from "its" but a name as likely: only a swap or a left-out letter is read.
    expect(concepts('adn drones')).toEqual(concepts('drones'));
    expect(concepts('ADN drones').map((c) => [c.text, c.correctedTo])).toEqual([
      ['ADN', undefined],
      ['drones', undefined],
    ]);
    expect(concepts('ios drones').map((c) => [c.text, c.correctedTo])).toEqual([
      ['ios', undefined],
      ['drones', undefined],
    ]);
    // A capitalised word inside the question is a name ("Shen" is not "when"); a replaced letter
    // in a four-letter word after the first is another word ("wome" is not "some"). Opening the question, "Waht" is "what".
    expect(concepts('what did Shen say').map((c) => [c.text, c.correctedTo])).toEqual([
      ['Shen', undefined],
      ['say', undefined],
    ]);
    expect(concepts('drones for wome').map((c) => c.text)).toEqual(['drones', 'wome']);
    expect(concepts('Waht drones')).toEqual(concepts('drones'));
  });

  it('GIVEN a dictionary word the articles lack one typo from a common word THEN it is read so only when it opens the question', () => {
    // "wen" is in WordNet (a cyst), but a question's first word is mostly a question word.
    expect(lexicon.wordnet.has('wen')).toBe(true);
    expect(concepts('wen did the drones arrive')).toEqual(concepts('when did the drones arrive'));
    expect(concepts('Wen did the drones arrive')).toEqual(concepts('when did the drones arrive'));
    expect(concepts('drones for wen').map((c) => [c.text, c.correctedTo])).toEqual([
      ['drones', undefined],
      ['wen', undefined],
    ]);
  });

  it('GIVEN a short first word with a letter replaced by a key next to it THEN it is read as the common word; another replaced letter, or that typo later on, is kept', () => {
    expect(concepts('Wjat did the governor give')).toEqual(concepts('what did the governor give'));
    expect(concepts('hpw many drones')).toEqual(concepts('how many drones'));
    // T and H are not neighbours: "Tim" is a name, not "him".
    expect(concepts('Tim drones').map((c) => [c.text, c.correctedTo])).toEqual([
      ['Tim', undefined],
      ['drones', undefined],
    ]);
    expect(concepts('drones hpw').map((c) => c.text)).toEqual(['drones', 'hpw']);
  });
});

describe('planQuery weights', () => {
  it('GIVEN a word the articles have in another form only THEN it weighs as that form, not as a word they never use', async () => {
    // "dug" has the terms dug and dig; the articles say "dig" only.
    const digs = await indexOf('d.txt', 'Dig site\n\nThe team will dig near the river next spring.\n\nThe river floods each spring.');
    const [dug] = planQuery('dug', digs, lexicon).concepts;
    expect(dug?.alternatives[0]?.groups.flat()).toEqual(expect.arrayContaining(['dug', 'dig']));
    expect(digs.frequency('dug')).toBe(0);
    expect(dug?.idf).toBe(digs.idf('dig'));
    expect(dug?.idf).toBeLessThan(digs.unseenIdf);
  });
});

describe('planQuery synonyms', () => {
  it('GIVEN a word the articles lack THEN its WordNet synonyms used in the corpus are alternatives at the synonym weight', () => {
    const concept = only('What talent did he have?');
    expect(concept.text).toBe('talent');
    expect(concept.alternatives[0]).toEqual({ groups: [['talent']], kind: 'literal' });
    expect(concept.alternatives).toContainEqual({ groups: [['gift']], kind: 'synonym' });
    expect(matchWeight(concept, termsAt('a.txt', 3))).toBe(DEFAULT_EXPANSION_WEIGHTS.synonym);
    expect(ranked('What talent did he have?')).toContain('a.txt:3');
  });

  it('GIVEN a word the articles have THEN it is not said another way: its relatives are not looked up', () => {
    // The corpus has "gift" (line 3) and its synonym "present" (line 5); only the word as typed is searched.
    expect(only('What gift did he get?').alternatives).toEqual([{ groups: [['gift']], kind: 'literal' }]);
    expect(ranked('What gift did he get?')).toEqual(['a.txt:3']);
  });
});

describe('planQuery common expansions', () => {
  async function indexOfRepeated(sentence: string, times: number): Promise<PassageIndex> {
    const paragraphs = Array.from({ length: times }, (_, i) => `${sentence} Item ${i} of the list.`);
    const text = ['A headline for the test', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
    return indexOf('r.txt', text);
  }
  const expansions = (question: string, own: PassageIndex): string[] =>
    planQuery(question, own, lexicon).concepts.flatMap((c) => c.alternatives.slice(1).flatMap((a) => a.groups.flat()));

  it('GIVEN a relative in many passages of a small corpus THEN it is not searched: it says little and costs a long list', async () => {
    // "born" → bear → stand (a WordNet sense of "bear"): in 5 passages of 5, over the cap of 3; in 2, under it.
    expect(expansions('When was she born?', await indexOfRepeated('The council could not stand the plan.', 5))).not.toContain('stand');
    expect(expansions('When was she born?', await indexOfRepeated('The council could not stand the plan.', 2))).toContain('stand');
  });
});

describe('matchWeight', () => {
  it('GIVEN a way of saying of several words ("bullet proof") THEN only a set holding every one of them satisfies it', () => {
    const concept: Concept = { text: 'bullet proof', idf: 1, alternatives: [{ groups: [['bullet'], ['proof']], kind: 'literal' }] };
    expect(matchWeight(concept, new Set(termsOfText('no proof of it')))).toBe(0);
    expect(matchWeight(concept, new Set(termsOfText('the bullet had no proof')))).toBe(1);
  });

  it('GIVEN a concept with several alternatives THEN the best one present in full counts', () => {
    const concept: Concept = {
      text: 'x',
      idf: 1,
      alternatives: [
        { groups: [['north'], ['korea']], kind: 'literal' },
        { groups: [['dprk']], kind: 'synonym' },
        { groups: [['dprk', 'kp']], kind: 'synonym' },
      ],
    };
    expect(matchWeight(concept, new Set(['dprk']))).toBe(0.45);
    expect(matchWeight(concept, new Set(['kp']))).toBe(0.45);
    expect(matchWeight(concept, new Set(['north', 'korea', 'kp']))).toBe(1);
    expect(matchWeight(concept, new Set(['north']))).toBe(0);
  });
});

describe('WordNet', () => {
  const wordnet = lexicon.wordnet;

  it('GIVEN words in any case or with spaces THEN has() knows dictionary words and not made-up ones', () => {
    expect(wordnet.has('gift')).toBe(true);
    expect(wordnet.has('Gift')).toBe(true);
    expect(wordnet.has('ice cream')).toBe(true);
    expect(wordnet.has('zzqx')).toBe(false);
    expect(wordnet.has('reconnaissacne')).toBe(false);
  });

  it('GIVEN a word THEN relativesOf gives its synonyms, itself excluded', () => {
    const gift = wordnet.relativesOf('gift');
    expect(gift.synonyms).toContain('present');
    expect(gift.synonyms).toContain('endowment');
    expect(gift.synonyms).toContain('natural endowment');
    expect(gift.synonyms).not.toContain('gift');
    expect(wordnet.relativesOf('zzqx')).toEqual({ synonyms: [] });
  });

  it('GIVEN a noun THEN isPersonNoun tells a kind of person by its most frequent sense, not a person’s name', () => {
    expect(wordnet.isPersonNoun('resident')).toBe(true);
    expect(wordnet.isPersonNoun('Detective')).toBe(true);
    expect(wordnet.isPersonNoun('rose')).toBe(false);
    // WordNet's people file also holds names ("Douglas": Stephen Douglas), written with capitals.
    expect(wordnet.isPersonNoun('douglas')).toBe(false);
    expect(wordnet.isPersonNoun('zzqx')).toBe(false);
  });
});

describe('searchTerms', () => {
  it('GIVEN words the corpus has THEN only they are searched; GIVEN a misspelt one THEN the word meant is searched instead', () => {
    const plan = planQuery('reconnaissacne gift', index, lexicon);
    expect(searchTerms(plan).map((t) => t.term)).toEqual(['reconnaiss', 'gift']);
  });

  it('GIVEN a compound typed as two words, each also in the articles alone THEN the joined spelling is searched too', async () => {
    const text = ['Title', '', 'The bullet hit the wall.', '', 'There was no proof of it.', '', 'He wore a bulletproof vest.'].join('\n');
    const compounds = await indexOf('c.txt', text);
    const terms = searchTerms(planQuery('bullet proof', compounds, lexicon)).map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['bullet', 'proof', 'bulletproof']));
  });
});

describe('planQuery of a shouted question', () => {
  const terms = (question: string) => searchTerms(planQuery(question, index, lexicon)).map((t) => t.term);

  it('GIVEN a question in capitals throughout (or in full-width capitals) THEN its stop words are stop words, not acronyms', () => {
    expect(terms('WHO GIFTED THE DRONES')).toEqual(terms('who gifted the drones'));
    expect(terms('ＷＨＯ ＧＩＦＴＥＤ ＴＨＥ ＤＲＯＮＥＳ')).toEqual(terms('who gifted the drones'));
    expect(terms('WHO GIFTED THE DRONES')).not.toContain('the');
  });

  it('GIVEN a shouted stop word the articles write in capitals ("US") THEN it is read as they write it; GIVEN a shouted name THEN as in ordinary case', async () => {
    const text = ['Talks Resume', '', 'The US embassy and the WHO said the talks would resume in spring.'].join('\n');
    const us = await indexOf('u.txt', text);
    const termsIn = (question: string) => searchTerms(planQuery(question, us, lexicon)).map((t) => t.term);
    expect(termsIn('WHAT DID THE US SAY')).toEqual(termsIn('what did the US say'));
    expect(termsIn('WHAT DID THE US SAY')).toContain('US');
    // A question word stays one, though the articles write it in capitals as a name.
    expect(termsIn('WHO SAID THE TALKS WOULD RESUME')).toEqual(termsIn('who said the talks would resume'));
    expect(termsIn('WHO SAID THE TALKS WOULD RESUME')).not.toContain('WHO');
    // Where the articles never write "US", the shouted word is the pronoun.
    expect(terms('WHAT DID THE US SAY')).not.toContain('US');
    expect(terms('WHAT DID THE U.S. SAY')).toContain('US');
    expect(terms('WHAT DID BIDEN SAY ABOUT THE DRONES')).toEqual(terms('What did Biden say about the drones'));
  });

  it('GIVEN capitals beside lower case, or one word alone THEN an all-capital word stays an acronym', () => {
    expect(terms('what did the US say')).toContain('US');
    expect(terms('WHO')).toEqual(['WHO']);
  });
});

describe('planQuery of an acronym that spells a stop word', () => {
  it('GIVEN "US" in a question THEN it finds the passage about the US, not the one that uses something (Porter stems "used" to us)', async () => {
    const text = [
      'Talks Resume',
      '',
      'The envoys used a translator and met for two hours.',
      '',
      'The U.S. embassy said the talks would resume in spring.',
    ].join('\n');
    const small = await indexOf('c.txt', text);
    const found = small.search(searchTerms(planQuery('What did the US embassy say?', small, lexicon)), 10, LINES).hits;
    expect(found.map((h) => h.passage.line)).toEqual([5]);
  });
});
