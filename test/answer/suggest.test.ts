import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask.js';
import { answerableQuestions, candidateQuestions, SUGGESTED_QUESTIONS } from '../../src/answer/suggest.js';
import { seedLibrary } from '../support/seeds.js';

const noPause = () => Promise.resolve();

describe('candidateQuestions', () => {
  it('GIVEN quoted people THEN "What did NAME say?" most quoted first, with their quoting lines; too long to show whole THEN left out', () => {
    const candidates = candidateQuestions([
      { name: 'Pat Ryder', quotedAt: [{ source: 'a.txt', line: 3 }] },
      {
        name: 'James O’Brien',
        quotedAt: [
          { source: 'a.txt', line: 5 },
          { source: 'b.txt', line: 2 },
        ],
      },
      { name: 'N'.repeat(70), quotedAt: [{ source: 'a.txt', line: 9 }] },
    ]);
    expect(candidates.map((c) => c.question)).toEqual(['What did James O’Brien say?', 'What did Pat Ryder say?']);
    expect(candidates[0]?.answeredAt).toEqual(
      new Map([
        ['a.txt', new Set([5])],
        ['b.txt', new Set([2])],
      ]),
    );
  });
});

describe('answerableQuestions on the seeds', () => {
  it('GIVEN the people the seeds quote THEN two questions about them, each answered confidently at a line quoting its person, most confident first', async () => {
    const library = await seedLibrary();
    const suggested = await library.suggestions();
    expect(suggested).toHaveLength(SUGGESTED_QUESTIONS);
    const { quotations } = await library.quotes();
    const results = suggested.map((question) => ask(library, question));
    for (const [i, result] of results.entries()) {
      const person = /^What did (.+) say\?$/u.exec(suggested[i] ?? '')?.[1];
      const top = result.passages[0];
      expect(result.outcome).toBe('answer');
      const quoting = quotations
        .filter(({ quotation: q }) => q.speaker === person && q.source === top?.source)
        .map(({ quotation: q }) => q.line);
      expect(
        quoting.some((line) => top !== undefined && line >= top.line && line <= top.endLine),
        suggested[i],
      ).toBe(true);
    }
    expect(results[0]?.confidence).toBeGreaterThanOrEqual(results[1]?.confidence ?? Infinity);
    expect(library.readySuggestions()).toEqual(suggested);
  });

  it('GIVEN a question whose best passage is not where the person is quoted THEN it is not suggested', async () => {
    const library = await seedLibrary();
    // The seeds quote Putin at 004_fda3f1e6d2d72140.txt:21, but the best passage for this question is 004:9.
    const putin = { question: 'What did Vladimir Putin say?', answeredAt: new Map([['004_fda3f1e6d2d72140.txt', new Set([21])]]) };
    const ryder = { question: 'What did Pat Ryder say?', answeredAt: new Map([['004_fda3f1e6d2d72140.txt', new Set([19])]]) };
    expect(await answerableQuestions(library, [putin, ryder], { pause: noPause })).toEqual(['What did Pat Ryder say?']);
  });

  it('GIVEN a candidate of only common words, or one the articles do not answer THEN it is skipped, not thrown', async () => {
    const library = await seedLibrary();
    const candidates = [
      { question: 'what is it?', answeredAt: new Map() },
      { question: 'What is the boiling point of water?', answeredAt: new Map() },
    ];
    expect(await answerableQuestions(library, candidates, { pause: noPause })).toEqual([]);
  });
});
