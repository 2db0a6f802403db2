import { beforeAll, describe, expect, it } from 'vitest';
import { completeQuestion, loadTopics, readTopics, readyTopics, type Topics } from '../../src/answer/topics.js';
import type { Corpus } from '../../src/corpus/types.js';
import { seedLibrary } from '../support/seeds.js';

let topics: Topics;
let corpus: Corpus;
beforeAll(async () => {
  corpus = (await seedLibrary()).corpus;
  topics = await loadTopics(corpus);
});

describe('loadTopics', () => {
  it('GIVEN the seeds THEN names are read as written (runs of capitalised words), and read once per corpus', async () => {
    const texts = topics.heaviest.map((t) => t.text);
    expect(texts.slice(0, 5)).toEqual(['Russia', 'North Korea', 'Kim', 'Russian', 'Kim Jong Un']);
    expect(texts).toEqual(expect.arrayContaining(['Vladimir Putin', 'James O’Brien', 'Pyongyang', 'drones']));
    // A sentence's first word is not a name by itself ("During", "The").
    expect(texts).not.toContain('During');
    expect(texts).not.toContain('The');
    expect(await loadTopics(corpus)).toBe(topics);
    expect(readyTopics(corpus)).toBe(topics);
    expect(await readTopics(corpus)).not.toBe(topics);
  });

  it('GIVEN a corpus whose topics are not read yet THEN none are ready, and asking starts reading them', async () => {
    const other: Corpus = { ...corpus };
    expect(readyTopics(other)).toBeUndefined();
    const read = await loadTopics(other);
    expect(readyTopics(other)).toBe(read);
    expect(read.heaviest).toEqual(topics.heaviest);
  });
});

describe('completeQuestion', () => {
  it('GIVEN the start of a name THEN the names that complete it, the most used first', () => {
    expect(completeQuestion(topics, 'Kim', 25, 100)).toEqual(['Kim Jong Un']);
    expect(completeQuestion(topics, 'pyong', 25, 100)).toEqual(['Pyongyang']);
  });

  it('GIVEN a question being typed THEN the typed text is kept and the name being typed completed, never just its last word', () => {
    expect(completeQuestion(topics, 'what did Vladimir P', 25, 100)).toEqual(['what did Vladimir Putin']);
    expect(completeQuestion(topics, 'who gifted the drone', 25, 100)).toEqual(['who gifted the drones']);
  });

  it('GIVEN nothing typed THEN the most used names and topics; GIVEN a finished word (a trailing space) THEN nothing', () => {
    expect(completeQuestion(topics, '', 3, 100)).toEqual(['Russia', 'North Korea', 'Kim']);
    expect(completeQuestion(topics, 'what did Kim ', 25, 100)).toEqual([]);
  });

  it('GIVEN limits THEN at most `limit` choices, none longer than `maxLength`', () => {
    const many = completeQuestion(topics, 'what about s', 4, 100);
    expect(many).toHaveLength(4);
    for (const choice of many) expect(choice.startsWith('what about ')).toBe(true);
    expect(completeQuestion(topics, `${'a'.repeat(95)} Vladimir`, 25, 100)).toEqual([]);
    expect(completeQuestion(topics, `${'a'.repeat(80)} Vlad`, 25, 100)).toEqual([`${'a'.repeat(80)} Vladimir Putin`]);
  });

  it('GIVEN words the articles never use THEN no choices, and nothing throws on odd input', () => {
    expect(completeQuestion(topics, 'zzqx', 25, 100)).toEqual([]);
    expect(completeQuestion(topics, '\u202E<@123> **', 25, 100)).toEqual([]);
  });
});
