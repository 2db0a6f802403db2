import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractQuotations, type Quotation } from '../../src/reading/read-article.js';
import { parseArticle } from '../../src/corpus/article.js';
import { compileBoilerplate, type BoilerplateRules } from '../../src/corpus/boilerplate.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { formatCitation, type Article, type Corpus } from '../../src/corpus/types.js';

const root = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const config = JSON.parse(readFileSync(root('config/default.json'), 'utf8')) as { boilerplate: BoilerplateRules; maxFileBytes: number };
const rules = compileBoilerplate(config.boilerplate);

/** `FILE:LINE — speaker — text`, the shape the report and the reviewers read. */
const describeQuote = (q: Quotation): string => `${formatCitation(q)} — ${q.speaker ?? 'null'} — ${q.text}`;

function fixture(name: string): Article {
  return parseArticle({ source: name, text: readFileSync(root(`test/fixtures/quotes/${name}`), 'utf8') }, rules);
}

/** A small article written inline: a headline, then paragraphs separated by blank lines. */
function inline(...paragraphs: string[]): Article {
  return parseArticle({ source: 'inline.txt', text: `A headline that is not a quotation\n\n${paragraphs.join('\n\n')}\n` }, rules);
}

const quotesOf = (article: Article): Array<[string, string | null, string]> =>
  extractQuotations(article).map((q) => [formatCitation(q), q.speaker, q.text]);

describe('extractQuotations on the seed articles', () => {
  let corpus: Corpus;
  let all: Quotation[];
  beforeAll(async () => {
    corpus = await loadCorpus(root('seeds'), { boilerplate: config.boilerplate, maxFileBytes: config.maxFileBytes });
    all = corpus.articles.flatMap(extractQuotations);
  });

  it('finds every quotation with the right speaker and line', () => {
    expect(all.map(describeQuote)).toEqual([
      '000_e54da9ff0ce102d3.txt:13 — Denis Manturov — We have shown one of our leading aircraft plants to the leader of [North Korea]… We are seeing potential for cooperation in the aircraft-making and other industries, which is particularly acute for solving our countries’ task of achieving technological sovereignty.',
      '000_e54da9ff0ce102d3.txt:15 — James O’Brien — Russia is now overtly engaging with a country that the U.N. has sanctioned. And that’s very problematic for Russia’s global position.',
      '001_dee9a08cf77086df.txt:15 — Kim Jong Un — full and unconditional support.',
      '004_fda3f1e6d2d72140.txt:13 — Kim Jong Un — We have always supported and stand by all decisions of President Putin and the Russian government.',
      '004_fda3f1e6d2d72140.txt:13 — Kim Jong Un — Russia is now rising to the sacred struggle to defend its state sovereignty and protect its security.',
      '004_fda3f1e6d2d72140.txt:15 — Kim Jong Un — always stand with Russia in the fight against imperialism',
      '004_fda3f1e6d2d72140.txt:15 — Kim Jong Un — first priority.',
      '004_fda3f1e6d2d72140.txt:19 — Pat Ryder — We would call on North Korea to meet its previous stated public commitments not to supply weapons to Russia, which will only end up prolonging the unnecessary war in Ukraine.',
      '004_fda3f1e6d2d72140.txt:21 — Vladimir Putin — all the questions would be addressed',
      '004_fda3f1e6d2d72140.txt:21 — Vladimir Putin — rocket technology',
      '004_fda3f1e6d2d72140.txt:21 — Vladimir Putin — develop space.',
      '004_fda3f1e6d2d72140.txt:23 — Vladimir Putin — within the framework of the current rules,',
      '004_fda3f1e6d2d72140.txt:23 — Vladimir Putin — There are certain restrictions, and Russia abides by them.',
    ]);
  });

  it('keeps the paragraph of each quotation for context', () => {
    const obrien = all.find((q) => q.speaker === 'James O’Brien');
    expect(obrien?.passageText).toMatch(/^This cozying up between Russia and North Korea/);
  });

  it('never reads headlines or site chrome', () => {
    // Line 1 is the headline (‘sacred fight’); lines 38 and 42 are quoted teasers of other stories.
    const lines004 = all.filter((q) => q.source === '004_fda3f1e6d2d72140.txt').map((q) => q.line);
    expect(lines004).not.toContain(1);
    expect(lines004).not.toContain(38);
    expect(lines004).not.toContain(42);
    expect(all.some((q) => /sacred fight|incredible happiness|I said it a year ago/.test(q.text))).toBe(false);
  });
});

describe('attribution on harder fixtures', () => {
  it('resolves pronouns across a paragraph break, and "she" to the woman', () => {
    expect(quotesOf(fixture('bridge.txt'))).toEqual([
      // "he": Sarah Okafor is the nearer subject, but "Sarah" is a woman's name; the mayor is Tom.
      ['bridge.txt:5', 'Tom Hayes', 'This bridge connects two communities that were divided for decades,'],
      ['bridge.txt:7', 'Sarah Okafor', 'We still have to finish the cycle lanes,'],
      // A sentence that is only a quotation continues the previous speaker.
      ['bridge.txt:7', 'Sarah Okafor', 'Give us until spring.'],
      // A sign is quoted, nobody speaks: no speaker rather than a guess.
      ['bridge.txt:9', null, 'Welcome to Harbour Bridge, a link between neighbours.'],
      ['bridge.txt:11', null, 'It’s the best day of my life,'],
      ['bridge.txt:11', 'Dan Price', 'a waste of money.'],
      ['bridge.txt:13', 'Tom Hayes', 'We won’t make that mistake again,'],
    ]);
  });

  it('handles descriptions, inversion, split quotations, colons, nesting and apostrophes', () => {
    expect(quotesOf(fixture('flood-talks.txt'))).toEqual([
      // "The governor said …" then "he said": the governor is Regional Governor Oleg Kozhemyako.
      ['flood-talks.txt:3', 'Oleg Kozhemyako', 'We have prepared every district for the storm,'],
      ['flood-talks.txt:5', 'Vladimir Putin', 'The federal government will help.'],
      // "said Putin" inversion, and a quotation split around it: two quotations, one speaker.
      ['flood-talks.txt:7', 'Vladimir Putin', 'There will be no delays,'],
      ['flood-talks.txt:7', 'Vladimir Putin', 'and every family will get support.'],
      ['flood-talks.txt:9', 'Maria Lopez', 'We need more beds,'],
      // A one-word fragment counts when a speech clause ("adding that") governs it.
      ['flood-talks.txt:9', 'Maria Lopez', 'exhausted.'],
      // Said by critics and officials: quotations, but no one person to name.
      ['flood-talks.txt:11', null, 'disaster.'],
      ['flood-talks.txt:11', null, 'It is far too little, far too late,'],
      // (The so-called “peace plan” on line 13 is a scare quote: no speech clause, two words.)
      ['flood-talks.txt:15', 'Oleg Kozhemyako', 'Nobody will be left behind.'],
      ['flood-talks.txt:17', 'Maria Lopez', "I grew up on rock 'n' roll in the '90s,"],
      ['flood-talks.txt:17', 'Maria Lopez', 'My father’s advice was ‘never give up,’ and I haven’t.'],
      ['flood-talks.txt:19', 'Vladimir Putin', 'This is the first priority for all of us,'],
    ]);
  });

  it('tells two speakers in one paragraph apart and reads straight and single quotes', () => {
    expect(quotesOf(fixture('summit.txt'))).toEqual([
      ['summit.txt:5', 'Anna Berg', 'We cannot accept these terms,'],
      ['summit.txt:5', 'Rajiv Mehta', 'The terms are fair and balanced.'],
      ['summit.txt:7', 'Rajiv Mehta', 'Our farmers deserve protection,'],
      ['summit.txt:7', 'Rajiv Mehta', 'Nobody should doubt our resolve.'],
      // "the chancellor" is Chancellor Anna Berg.
      ['summit.txt:9', 'Anna Berg', 'Tariffs hurt everyone,'],
      ['summit.txt:9', 'Anna Berg', 'and most of all the poor.'],
      ['summit.txt:11', 'Anna Berg', 'the talks will continue next week.'],
      ['summit.txt:13', null, 'It was a productive day,'],
      ['summit.txt:15', 'Rajiv Mehta', 'We will be back in March,'],
    ]);
  });

  it('resolves "the North Korean leader" and "the Russian president", and leaves unnamed people unnamed', () => {
    expect(quotesOf(fixture('cosmodrome.txt'))).toEqual([
      ['cosmodrome.txt:5', 'Kim Jong Un', 'Russia will win a great victory over its enemies.'],
      ['cosmodrome.txt:7', 'Vladimir Putin', 'We value our friendship,'],
      ['cosmodrome.txt:7', 'Vladimir Putin', 'and we will develop it.'],
      // "Park was blunt. … the minister said": South Korean Foreign Minister Park Jin.
      ['cosmodrome.txt:9', 'Park Jin', 'Any arms deal would violate U.N. resolutions,'],
      // "Mr. Park’s statement ended: “…”"
      ['cosmodrome.txt:11', 'Park Jin', 'We will respond firmly and in concert with our allies.'],
      // "They said": a group, never one of its members.
      ['cosmodrome.txt:13', null, 'very productive and long.'],
      // "a Kremlin spokesman said … he added": the spokesman has no name, so neither has "he".
      ['cosmodrome.txt:15', null, 'The talks lasted four hours,'],
      ['cosmodrome.txt:15', null, 'Both sides were satisfied with the results, and more meetings are planned,'],
      // A hard-wrapped paragraph (lines 18–19): the quotation is cited on the line where it starts.
      ['cosmodrome.txt:19', null, 'Nothing was signed today,'],
      // ‘…’ as quotation marks, with a plural possessive (workers’) inside.
      ['cosmodrome.txt:21', 'Kim Jong Un', 'The workers’ state will never bow to pressure.'],
    ]);
  });

  it('merges name forms into the longest full name, with titles stripped', () => {
    const article = inline(
      'Denis Manturov toured the plant on Tuesday with a delegation of engineers and investors.',
      '“We are seeing potential for cooperation,” Deputy Prime Minister Manturov said.',
      'Manturov added: “The first contracts will be signed this year.”',
      '“It is a good start,” Mr. Manturov told reporters.',
    );
    expect(extractQuotations(article).map((q) => q.speaker)).toEqual(['Denis Manturov', 'Denis Manturov', 'Denis Manturov']);
  });

  it('resolves "the governor" and "the North Korean leader" only to someone introduced with that role', () => {
    const article = inline(
      'North Korean leader Kim Jong Un met Governor Oleg Kozhemyako of Primorye on Friday in Vladivostok.',
      '“This region is a gateway to friendship,” the governor said.',
      '“We will return,” the North Korean leader said.',
      '“The weather was fine,” the ambassador said.',
    );
    expect(quotesOf(article).map(([, speaker]) => speaker)).toEqual(['Oleg Kozhemyako', 'Kim Jong Un', null]);
  });

  it('does not cross more than two paragraphs to resolve a pronoun, and leaves "they" unresolved', () => {
    const article = inline(
      'Inspector Ruth Adeyemi opened the inquiry into the collapse of the old warehouse last week.',
      'The warehouse had stood empty for a decade before the roof gave way in the storm.',
      'Engineers had warned of the danger for years, and the owners had ignored the letters.',
      'Nobody was hurt in the collapse, which happened at night when the street was empty.',
      '“We will find out what happened,” she said.',
      '“It was a disaster waiting to happen,” they said.',
    );
    expect(quotesOf(article).map(([, speaker]) => speaker)).toEqual([null, null]);
  });

  it('prefers a known "she" over a nearer person of unknown gender in the same sentence', () => {
    const article = inline(
      'Pat Morgan met Maria Silva at the port on Monday to discuss the new ferry timetable.',
      '“The ferries will run every hour,” she said.',
    );
    expect(quotesOf(article)).toEqual([['inline.txt:5', 'Maria Silva', 'The ferries will run every hour,']]);
  });

  it('drops unattributed scare quotes of up to three words but keeps longer unattributed quotations', () => {
    const article = inline(
      'The so-called “special operation” entered its second year, and the “new normal” has set in.',
      'A banner over the square read “Glory to the heroes of the nation” in red letters.',
    );
    expect(quotesOf(article)).toEqual([['inline.txt:5', null, 'Glory to the heroes of the nation']]);
  });

  it('reads a speaker set off after the quotation: a role, then the name, the name, then its role, or a team, a role and the name', () => {
    const article = inline(
      '“We are watching closely,” the spokesman, Matthew Miller, said on Tuesday.',
      '“Nothing was signed,” Dmitry Peskov, the Kremlin spokesman, told reporters.',
      '“It was never a penalty,” said Harbor City manager Fiona Gallagher.',
      '“It is over,” Kim, who had said little all day, smiled.',
    );
    expect(quotesOf(article)).toEqual([
      ['inline.txt:3', 'Matthew Miller', 'We are watching closely,'],
      ['inline.txt:5', 'Dmitry Peskov', 'Nothing was signed,'],
      // Whose manager comes before the role; the speaker is the name after it.
      ['inline.txt:7', 'Fiona Gallagher', 'It was never a penalty,'],
      // "smiled" reports no speech, and "said" inside the appositive is not Kim's verb: no one is named.
      ['inline.txt:9', null, 'It is over,'],
    ]);
  });

  it('gives a quotation left open at its paragraph end the speaker named where it goes on and ends', () => {
    const article = inline(
      '“We will win this war, and we will win it soon. Our soldiers are the bravest in the world.',
      '“They have never failed us. Nobody can stop us now,” Vladimir Putin said.',
    );
    expect(quotesOf(article)).toEqual([
      ['inline.txt:3', 'Vladimir Putin', 'We will win this war, and we will win it soon. Our soldiers are the bravest in the world.'],
      ['inline.txt:5', 'Vladimir Putin', 'They have never failed us. Nobody can stop us now,'],
    ]);
    // Where the next paragraph does not go on with a quotation, no one is named.
    const unfinished = inline(
      'Residents left early. “The storm is coming and the river will rise before dawn.',
      'Officials in the city said the dam would hold through the night.',
    );
    expect(quotesOf(unfinished)).toEqual([['inline.txt:3', null, 'The storm is coming and the river will rise before dawn.']]);
  });

  it('reads "she" as the subject that a description after a copula describes ("becomes the first woman"), not as someone else', () => {
    const article = inline(
      'Fiona Gallagher spoke after the game on Sunday.',
      "Gallagher becomes the first woman to lead a men's team into the cup final.",
      'Asked about the milestone, she said she hoped it would "open a few doors" for other coaches.',
    );
    expect(quotesOf(article)).toEqual([['inline.txt:7', 'Fiona Gallagher', 'open a few doors']]);
    // A cleft's "it was the spokeswoman" is someone: "she" is not guessed to be Berg.
    const cleft = inline('Anna Berg arrived late. It was the spokeswoman who spoke first.', '“They lied to us about the money,” she said.');
    expect(quotesOf(cleft)).toEqual([['inline.txt:5', null, 'They lied to us about the money,']]);
  });

  it('does not take a name that owns the speaker after a role ("coach Ben Ode’s assistant") for the speaker', () => {
    const article = inline('“We were not ready for the second half,” said Northgate coach Ben Ode’s assistant, Mia Lund.');
    expect(quotesOf(article)[0]?.[1]).not.toBe('Ben Ode');
  });

  it('reads "he said" after a sentence opened by an owner ("Olsen’s grandson, Erik Lund, attended") as the one owned, not the owner', () => {
    const article = inline(
      'The book was bought in 1961 by shipping magnate Henrik Olsen.',
      'Olsen’s grandson, Erik Lund, attended the ceremony. "My grandfather loved this book," he said.',
    );
    expect(quotesOf(article)).toEqual([['inline.txt:5', 'Erik Lund', 'My grandfather loved this book,']]);
  });

  it('reads a place’s name before a surname as a first name ("Jordan Pike"), but not before a full name or after a preposition', () => {
    const speakers = (...paragraphs: string[]) => extractQuotations(inline(...paragraphs)).map((q) => q.speaker);
    expect(speakers('Jordan Pike, an artist in Austin, said the team was told on a call. "Our game is dead," Pike wrote.')).toEqual([
      'Jordan Pike',
    ]);
    expect(speakers('"We want to find out who knew," said Chad M. Miller, the chairman.')).toEqual(['Chad M. Miller']);
    expect(speakers('"We have always supported Russia," said Russian Vladimir Putin.')).toEqual(['Vladimir Putin']);
    expect(speakers('In Tokyo Richard Hale met the press. "We lost," he said.')).toEqual(['Richard Hale']);
  });

  it('steps over an age before a longer appositive to the subject ("Dana Whitfield, 34, a nurse who…, said … she said")', () => {
    const article = inline(
      'Dana Whitfield, 34, a nurse who crosses the bridge every morning, said her drive went from 12 minutes to 40. "I left at the usual time," she said.',
    );
    expect(quotesOf(article)).toEqual([['inline.txt:3', 'Dana Whitfield', 'I left at the usual time,']]);
  });

  it('reads a common noun the lexicon does not list as a role when it opens the clause ("said rancher Dale Brandt"), not a verb ("Thornburg informed Andy")', () => {
    expect(quotesOf(inline('"It has been sitting under our cattle for years," said rancher Dale Brandt.'))[0]?.[1]).toBe('Dale Brandt');
    expect(quotesOf(inline('"It is worse inside," Ed Thornburg informed Andy Lane.'))[0]?.[1]).toBe('Ed Thornburg');
  });

  it('reads a listed role after a common noun that opens the clause ("said zoo director Helen Marsh")', () => {
    expect(quotesOf(inline('"It is an insurance policy for the species," said zoo director Helen Marsh.'))[0]?.[1]).toBe('Helen Marsh');
    expect(quotesOf(inline('"We cannot allow it," said council leader Margaret Osborne.'))[0]?.[1]).toBe('Margaret Osborne');
  });

  it('reads a noun for a person that opens the sentence before a full name as a role ("Resident Tom Alvarez"), not a first name', () => {
    expect(quotesOf(inline('Resident Tom Alvarez fled at midnight. "It was just orange," Alvarez said.'))[0]?.[1]).toBe('Tom Alvarez');
    expect(quotesOf(inline('Emcee Jack Herbert took the stage. "Knight Must Fall," he said.'))[0]?.[1]).toBe('Jack Herbert');
    // A first name WordNet also lists for people ("Douglas", "Guy") stays the name's.
    expect(quotesOf(inline('Douglas M. Pratt spoke first. "We want to know," Pratt said.'))[0]?.[1]).toBe('Douglas M. Pratt');
    expect(quotesOf(inline('Guy Fawkes was caught. "I meant it," Fawkes said.'))[0]?.[1]).toBe('Guy Fawkes');
  });

  it('does not take an age for part of a name ("Sixteen-year-old Mirela Vasquez")', () => {
    const article = inline('Sixteen-year-old Mirela Vasquez won the open on Tuesday. "I was sure he would accept a draw," Vasquez said.');
    expect(quotesOf(article)[0]?.[1]).toBe('Mirela Vasquez');
  });

  it('strips a title made of a prefix and a role ("Co-author", "Vice-chair") from the name, but not a hyphenated first name', () => {
    const article = inline(
      'Co-author Henrik Larsen said: "We spent six months on the data."',
      'Vice-chair Anna Berg said: "The board will meet again in May."',
      'Jean-Pierre Raffarin said: "The talks were long and useful."',
    );
    expect(quotesOf(article).map(([, speaker]) => speaker)).toEqual(['Henrik Larsen', 'Anna Berg', 'Jean-Pierre Raffarin']);
  });

  it('does not take "call for" or "called on" for a speech verb: the quotation is the words of who replied before it', () => {
    const article = inline(
      'Dr. José Núñez spoke next.',
      'Núñez replied that most guidelines call for a gradual return over a week, and that 12 days “builds in a margin for kids.”',
    );
    expect(quotesOf(article).map(([, speaker]) => speaker)).toEqual(['José Núñez']);
  });

  it('reads "the striker", "the magnate" as the person the article gave that title or role in apposition', () => {
    const article = inline(
      'Okafor held up a photo of Lina Møller, the Riverside Rovers striker who collapsed in October.',
      'Anna Berg spoke first. “I thought a headache was just part of the game,” the striker said.',
      'The book was bought by Henrik Lund, the shipping magnate who died in 1990.',
      'Anna Berg spoke again. “It is home now,” the magnate said.',
    );
    expect(quotesOf(article).map(([, speaker]) => speaker)).toEqual(['Lina Møller', 'Henrik Lund']);
  });

  it('keeps nested quotations inside the outer one and attributes the outer one', () => {
    const article = inline('“My mother always said ‘never give up,’ and I never have,” said Olena Kovalenko.');
    expect(quotesOf(article)).toEqual([['inline.txt:3', 'Olena Kovalenko', 'My mother always said ‘never give up,’ and I never have,']]);
  });
});
