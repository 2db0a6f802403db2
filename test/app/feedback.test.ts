import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackStore } from '../../src/feedback/store.js';
import type { Vote } from '../../src/feedback/types.js';
import { createLogger } from '../../src/platform/log.js';
import { runScript } from '../support/run.js';

const DRONES =
  'The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal presents to the North Korean leader.';
const AT = new Date('2026-01-02T03:04:05.000Z');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-feedback-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A votes database at `file` holding these votes, closed again (as the bot leaves it between votes). */
function database(file: string, votes: ReadonlyArray<Partial<Vote>>): void {
  const store = new FeedbackStore(file, createLogger({ level: 'silent' }));
  for (const [i, v] of votes.entries()) {
    const outcome = store.record({
      answerId: `a${i}`,
      userId: `u${i}`,
      value: 'down',
      question: 'who gifted the drones',
      source: '000_e54da9ff0ce102d3.txt',
      line: 7,
      passage: DRONES,
      at: AT,
      ...v,
    });
    expect(outcome).toBe('recorded');
  }
  store.close();
}

const feedback = (file: string, ...args: string[]) => runScript('src/app/feedback.ts', args, { env: { FEEDBACK_DB: file } });

describe('npm run feedback', () => {
  it('GIVEN votes THEN a table of the answers marked wrong, worst first, with their cited lines and passages', async () => {
    const file = path.join(dir, 'feedback.sqlite');
    database(file, [
      { value: 'down' },
      { value: 'up' },
      { question: 'what is the boiling point of water', source: '003_b.txt', line: 4, passage: 'Water boils at 100 degrees.' },
      { question: 'what is the boiling point of water', source: '003_b.txt', line: 4, passage: 'Water boils at 100 degrees.' },
      { question: 'what did Putin say', source: '004_fda3f1e6d2d72140.txt', line: 13, passage: 'Putin said so.', value: 'up' },
    ]);
    const run = await feedback(file);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'Answers marked wrong, worst first (2 of 3 answers with votes):',
        '',
        'down   up  question                            cited line',
        '   2    0  what is the boiling point of water  003_b.txt:4',
        '           “Water boils at 100 degrees.”',
        '   1    1  who gifted the drones               000_e54da9ff0ce102d3.txt:7',
        '           “The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal pre…”',
        '',
      ].join('\n'),
    );

    const json = await feedback(file, '--json', '--all');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        question: 'what is the boiling point of water',
        source: '003_b.txt',
        line: 4,
        passage: 'Water boils at 100 degrees.',
        up: 0,
        down: 2,
        answers: 2,
        lastVotedAt: AT.toISOString(),
      },
      {
        question: 'who gifted the drones',
        source: '000_e54da9ff0ce102d3.txt',
        line: 7,
        passage: DRONES,
        up: 1,
        down: 1,
        answers: 2,
        lastVotedAt: AT.toISOString(),
      },
      {
        question: 'what did Putin say',
        source: '004_fda3f1e6d2d72140.txt',
        line: 13,
        passage: 'Putin said so.',
        up: 1,
        down: 0,
        answers: 1,
        lastVotedAt: AT.toISOString(),
      },
    ]);
  });

  it('GIVEN only 👍 votes THEN says no answer was marked wrong', async () => {
    const file = path.join(dir, 'feedback.sqlite');
    database(file, [{ value: 'up' }, { value: 'up' }]);
    const run = await feedback(file);
    expect(run.stdout).toBe('No answer has been marked wrong: 2 votes on 1 answer, all 👍.\n');
  });

  it('GIVEN a database without votes THEN says so; GIVEN no database yet THEN explains when it is made, and does not create it', async () => {
    const empty = path.join(dir, 'empty.sqlite');
    database(empty, []);
    expect((await feedback(empty)).stdout).toBe(`No votes yet in ${empty}.\n`);

    const missing = path.join(dir, 'missing', 'feedback.sqlite');
    const run = await feedback(missing);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `No feedback yet: ${missing} does not exist. The Discord bot creates it when it starts (the console has no votes) and keeps a vote each time someone presses 👍 or 👎 under an answer.\n`,
    );
    expect((await feedback(missing, '--json')).stdout).toBe('[]\n');
    expect(existsSync(path.dirname(missing))).toBe(false);
  });

  it('GIVEN feedback.path empty in the configuration THEN says feedback is off', async () => {
    const override = path.join(dir, 'config.json');
    await writeFile(override, JSON.stringify({ feedback: { path: '' } }));
    const run = await runScript('src/app/feedback.ts', [], { env: { CITEBOT_CONFIG: override } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Feedback is off: feedback.path is empty in the configuration, so no votes are kept.\n');
  });

  it('GIVEN a file that is not a database THEN status 1 and a message naming it', async () => {
    const file = path.join(dir, 'feedback.sqlite');
    await writeFile(file, 'not a database\n'.repeat(100));
    const run = await feedback(file);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Cannot read the feedback database ${file}: file is not a database\n`);
  });
});
