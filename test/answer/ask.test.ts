import { beforeAll, describe, expect, it } from 'vitest';
import { ask, focusQuestion, LONG_QUESTION } from '../../src/answer/ask.js';
import { sameWord } from '../../src/text/terms.js';
import { compileBoilerplate } from '../../src/corpus/boilerplate.js';
import { parseArticle } from '../../src/corpus/article.js';
import { loadConfig } from '../../src/platform/config.js';
import { UserError } from '../../src/platform/errors.js';
import { buildLibrary, type Library } from '../../src/library/library.js';
import { seedLibrary } from '../support/seeds.js';

let seeds: Library;
beforeAll(async () => {
  seeds = await seedLibrary();
});

describe('ask on the seeds', () => {
  it('GIVEN "which governor gifted the drones" THEN it cites 000_e54da9ff0ce102d3.txt:7 and the answer sentence names the governor of Primorye', () => {
    const result = ask(seeds, 'which governor gifted the drones');
    expect(result.confident).toBe(true);
    expect(result.answer).toMatchObject({ source: '000_e54da9ff0ce102d3.txt', line: 7 });
    expect(result.answer?.text).toBe(
      'The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal presents to the North Korean leader.',
    );
    expect(result.passages[0]?.title).toBe('Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More');
    expect(result.passages[0]?.matchedWords).toEqual(expect.arrayContaining(['drones', 'governor', 'gifted']));
  });

  it('GIVEN a "how many" question THEN the answer sentence holds the number', () => {
    const result = ask(seeds, 'How many days was the visit?');
    expect(result.answer).toEqual(expect.objectContaining({ source: '001_dee9a08cf77086df.txt', line: 11 }));
    expect(result.answer?.text).toBe("The visit, which lasted six days, marked Kim's longest foreign travel as a leader.");
  });

  it('GIVEN a misspelt word THEN it is read as the corpus word and the correction is reported', () => {
    const result = ask(seeds, 'ammunitoin for russia');
    expect(result.corrections).toEqual([{ from: 'ammunitoin', to: 'ammunition' }]);
    expect(`${result.answer?.source}:${result.answer?.line}`).toBe('001_dee9a08cf77086df.txt:17');
  });

  it('GIVEN a misspelt name THEN the correction is shown as the passages spell it, capitals and curly apostrophe', () => {
    expect(ask(seeds, "wat did O'Brian say").corrections).toEqual([{ from: "O'Brian", to: 'O’Brien' }]);
  });

  it('GIVEN a word read as another form of itself ("others" → "other") THEN no correction is reported; a real typo still is', () => {
    expect(ask(seeds, 'what did the others say about the drones').corrections).toEqual([]);
    expect(sameWord('others', 'other')).toBe(true);
    expect(sameWord('Drones', 'drone')).toBe(true);
    expect(sameWord('ammunitoin', 'ammunition')).toBe(false);
  });

  it('GIVEN 1,500 characters of context ending in a question THEN only that question is searched and reported as searched', () => {
    const context = 'I have been reading a lot about the news lately and there are many things going on in the world. '.repeat(16);
    const result = ask(seeds, `${context}Which governor gifted the drones?`);
    expect(result.searched).toBe('Which governor gifted the drones?');
    expect(result.question.length).toBeGreaterThan(1_500);
    expect(`${result.answer?.source}:${result.answer?.line}`).toBe('000_e54da9ff0ce102d3.txt:7');
    expect(ask(seeds, 'which governor gifted the drones').searched).toBeUndefined();
  });

  it('GIVEN words the articles do not use THEN WordNet relatives are matched and shown ("presented … gifts" finds "gifted … presents")', () => {
    const result = ask(seeds, 'Who presented the lethal gifts to Kim?');
    expect(`${result.answer?.source}:${result.answer?.line}`).toBe('000_e54da9ff0ce102d3.txt:7');
    expect(result.passages[0]?.matchedWords).toEqual(expect.arrayContaining(['gifted', 'presents', 'lethal']));
  });

  it('GIVEN a capital the articles never write ("Seoul") THEN the passage found is the one its other words name (vice minister, urge, Moscow)', () => {
    const result = ask(seeds, "What did Seoul's vice minister urge Moscow to do?");
    expect(`${result.passages[0]?.source}:${result.passages[0]?.line}`).toBe('001_dee9a08cf77086df.txt:19');
  });

  it('GIVEN curly vs straight apostrophes THEN they match alike', () => {
    const straight = ask(seeds, "Kim's Russian shopping spree");
    const curly = ask(seeds, 'Kim’s Russian shopping spree');
    expect(curly.passages.map((p) => p.line)).toEqual(straight.passages.map((p) => p.line));
  });

  it('GIVEN an abbreviation WordNet expands to a phrase THEN the phrase is matched as a whole ("PM" → Prime Minister)', () => {
    const result = ask(seeds, 'What did the Russian deputy PM say?');
    expect(`${result.answer?.source}:${result.answer?.line}`).toBe('000_e54da9ff0ce102d3.txt:13');
  });

  it('GIVEN two words the articles write as one THEN they match the compound ("bullet proof" → bulletproof)', () => {
    const result = ask(seeds, 'bullet proof vest');
    expect(result.confident).toBe(true);
    expect(result.passages[0]?.matchedWords).toContain('bulletproof');
  });

  it('GIVEN a name the articles never mention THEN the answer about the rest is less sure than about a name they have', () => {
    // O'Brien is in the seeds (000:15); Biden is not, so the question is only partly covered.
    expect(ask(seeds, 'What did Biden say about the summit?').confidence).toBeLessThan(
      ask(seeds, "What did O'Brien say about the summit?").confidence,
    );
    expect(ask(seeds, 'what did Putin say').answer?.source).toBe('004_fda3f1e6d2d72140.txt');
  });

  it('GIVEN a question the articles cannot answer THEN it abstains with no passages', () => {
    const result = ask(seeds, 'What is the boiling point of water?');
    expect(result).toMatchObject({ confident: false, answer: null, passages: [] });
  });

  it('GIVEN passages THEN they are sorted best first, cite body lines only and never boilerplate', () => {
    const result = ask(seeds, 'Kim Putin Russia North Korea');
    const scores = result.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const chrome = new Set(
      seeds.corpus.articles.flatMap((a) => a.passages.filter((p) => p.kind === 'boilerplate').map((p) => `${p.source}:${p.line}`)),
    );
    for (const p of result.passages) expect(chrome.has(`${p.source}:${p.line}`)).toBe(false);
  });

  it('GIVEN an empty or punctuation-only question THEN a UserError says so', () => {
    expect(() => ask(seeds, '   ')).toThrow(UserError);
    expect(() => ask(seeds, '\u200D\uFE0F')).toThrow(/^The question is empty\./);
    expect(() => ask(seeds, '\u200B ')).toThrow(
      'The question is empty. Ask about a person, place or event the articles mention, in your own words.',
    );
    expect(() => ask(seeds, '?!… 🚀')).toThrow(
      'The question has no words to search for, only signs. Ask about a person, place or event the articles mention, in your own words.',
    );
  });

  it('GIVEN a question of stop words only THEN a UserError explains it', () => {
    expect(() => ask(seeds, 'what is the of it?')).toThrow(
      'That question has only common words (like "what" or "the"). Name a person, place or thing from the articles.',
    );
  });
});

/** A library of one article: a headline, then one paragraph a line with blank lines between. */
function oneArticleLibrary(source: string, headline: string, paragraphs: readonly string[]): Promise<Library> {
  const text = [headline, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
  const article = parseArticle({ source, text }, compileBoilerplate(loadConfig({}).boilerplate));
  return buildLibrary({ dir: '/fixture', articles: [article], skipped: [] });
}

describe('a name of one capital letter', () => {
  it('GIVEN two passages alike but for the letter THEN the one naming the asked letter comes first', async () => {
    const library = await oneArticleLibrary('plans.txt', 'City Weighs Two Plans For The Harbour', [
      'Under plan B the harbour would be dredged and the old pier rebuilt by the city.',
      'Under plan C the harbour would be closed and the old pier sold to a developer.',
    ]);
    expect(ask(library, 'What happens to the pier under plan C?').passages[0]?.line).toBe(5);
    expect(ask(library, 'What happens to the pier under plan B?').passages[0]?.line).toBe(3);
  });
});

describe('a hard-wrapped paragraph', () => {
  it('GIVEN an answer sentence carried over three lines THEN it cites the line it starts on and the line it ends on', async () => {
    const library = await oneArticleLibrary('wrapped.txt', 'City Library Will Be Rebuilt After The Fire', [
      [
        'The city council approved plans on Monday to rebuild the central',
        'library, which burned down in 2019. The project will cost forty million',
        'dollars and will take three years to finish, the mayor said at a press',
        'conference.',
      ].join('\n'),
    ]);
    const { answer } = ask(library, 'how much will the library cost');
    expect(answer?.text).toMatch(/^The project will cost forty million dollars/);
    expect(answer).toMatchObject({ line: 4, endLine: 6 });
  });
});

describe('answer selection on a fixture', () => {
  let library: Library;
  beforeAll(async () => {
    library = await oneArticleLibrary('fixture.txt', 'Harbour Bridge Reopens After Repairs', [
      'The city council voted on the bridge budget in March. Repairs to the harbour bridge were finished on Tuesday, 12 May 2026, after 14 months of work.',
      'The contract for the repairs went to a local firm. Mayor Anna Lindqvist cut the ribbon at the reopening.',
    ]);
  });

  it('GIVEN "when" THEN the sentence with the date is the answer, even when another sentence shares the words', () => {
    const result = ask(library, 'When were the bridge repairs finished?');
    expect(result.answer?.text).toBe('Repairs to the harbour bridge were finished on Tuesday, 12 May 2026, after 14 months of work.');
    expect(result.answer?.line).toBe(3);
  });

  it('GIVEN "who" THEN the sentence naming a person is the answer', () => {
    const result = ask(library, 'Who cut the ribbon at the reopening?');
    expect(result.answer?.text).toBe('Mayor Anna Lindqvist cut the ribbon at the reopening.');
    expect(result.answer?.line).toBe(5);
  });

  it('GIVEN British and American spellings THEN they match each other', () => {
    const result = ask(library, 'harbor bridge repairs');
    expect(result.passages[0]?.line).toBe(3);
    expect(result.passages[0]?.matchedWords).toContain('harbour');
  });
});

describe('focusQuestion', () => {
  const context = 'This is a sentence of context about my week. '.repeat(8);

  it('GIVEN a short question, or a long one of one sentence THEN it is searched whole', () => {
    expect(focusQuestion('Who is Kim? What did he say?')).toBe('Who is Kim? What did he say?');
    const oneSentence = `what did ${'very '.repeat(80)}important people say`;
    expect(focusQuestion(oneSentence)).toBe(oneSentence);
  });

  it('GIVEN a long message THEN its last question sentence, even with text after it; without a question mark THEN the whole message', () => {
    expect(focusQuestion(`${context}Who gifted the drones? Thanks a lot.`)).toBe('Who gifted the drones?');
    expect(focusQuestion(`${context}First, who went? And who gifted the drones?`)).toBe('And who gifted the drones?');
    expect(focusQuestion(`${context}Tell me about the drones.`)).toBe(`${context}Tell me about the drones.`);
  });
  it('GIVEN a shorter message whose greeting outvotes its question THEN it is searched again by that question and answered', async () => {
    const library = await seedLibrary();
    const message =
      'Hello everyone, greetings from a rainy town. I have been reading all week and my weekend was lovely. Anyway, a quick one. Who gifted the drones?';
    expect(message.length).toBeLessThan(LONG_QUESTION);
    const result = ask(library, message);
    expect(result.searched).toBe('Who gifted the drones?');
    expect(result.outcome).toBe('answer');
    expect(result.answer?.line).toBe(7);
    // Answered whole, a message keeps its context: nothing is searched again.
    expect(ask(library, 'Kim visited Russia. Which governor gifted the drones?').searched).toBeUndefined();
  });
});

describe('the speaker of a quoted answer', () => {
  const paragraphs = [
    'The council approved the light-rail extension on Tuesday by six votes to three.',
    '“I take two buses to the hospital,” said Marisol Vega, a nurse who commutes from the east side. “A train would give me back three hours a day.”',
    'Council member Raymond Delgado voted against it, calling the plan “a blank check for consultants.”',
  ];

  it('GIVEN an answer inside a quotation whose speaker the article names THEN the answer says who said it', async () => {
    const library = await oneArticleLibrary('council.txt', 'Council Approves Light Rail', paragraphs);
    const result = ask(library, 'how many hours would a train give back');
    expect(result.answer).toMatchObject({ line: 5, speaker: 'Marisol Vega' });
  });

  it('GIVEN a quoted answer whose speaker is named in full far above THEN the full name, as /quote gives it', async () => {
    const library = await oneArticleLibrary('far.txt', 'Commuters Wait For The Train', [
      '“I take two buses to the hospital,” said Marisol Vega, a nurse who commutes from the east side.',
      'The line would run from the harbour to the airport, with eleven stations.',
      'Construction would begin next spring and take about four years.',
      'The state would pay two thirds of the cost, the city the rest.',
      'Opponents said the money would be better spent on buses.',
      '“I was late again today,” Vega said. “A train would give me back three hours a day.”',
    ]);
    expect(ask(library, 'how many hours would a train give back').answer).toMatchObject({ line: 13, speaker: 'Marisol Vega' });
    // Once /quote's index is built, the answer's speaker comes from it, the same name.
    await library.quotes();
    expect(library.readyQuotations('far.txt')?.map((q) => q.speaker)).toContain('Marisol Vega');
    expect(ask(library, 'how many hours would a train give back').answer?.speaker).toBe('Marisol Vega');
  });

  it('GIVEN an answer that is not quoted, or that names its speaker itself THEN no speaker is added', async () => {
    const library = await oneArticleLibrary('council.txt', 'Council Approves Light Rail', paragraphs);
    const plain = ask(library, 'when did the council approve the light-rail extension');
    expect(plain.answer?.line).toBe(3);
    expect(plain.answer?.speaker).toBeUndefined();
    const named = ask(library, 'who called the plan a blank check for consultants');
    expect(named.answer?.line).toBe(7);
    expect(named.answer?.speaker).toBeUndefined();
  });
});
