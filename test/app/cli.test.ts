import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/platform/config.js';
import { spawn } from 'node:child_process';
import { compiledEntry, runScript } from '../support/run.js';
import { PROJECT_ROOT } from '../../src/platform/config.js';
import { article, makeTempCorpus } from '../support/temp-corpus.js';

/** JSON Lines output, an object a line. */
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('cli ask', () => {
  it('GIVEN --json and a question THEN exactly one JSON object in the documented shape, citing the gold line', async () => {
    const run = await runScript('src/app/cli.ts', ['ask', '--json', 'which governor gifted the drones']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '');
    expect(Object.keys(result)).toEqual(['question', 'outcome', 'confident', 'answer', 'passages']);
    expect(result.question).toBe('which governor gifted the drones');
    expect(result.confident).toBe(true);
    expect(result.answer).toEqual({
      text: 'The governor of the Russian region of Primorye, bordering both North Korea and China, gifted these lethal presents to the North Korean leader.',
      source: '000_e54da9ff0ce102d3.txt',
      line: 7,
    });
    expect(result.passages[0]).toMatchObject({ source: '000_e54da9ff0ce102d3.txt', line: 7 });
    for (const p of result.passages) expect(Object.keys(p)).toEqual(['source', 'line', 'title', 'text', 'score']);
  });

  it('GIVEN --stdin THEN one JSON line per question, unanswerable ones with confident false and answer null', async () => {
    const run = await runScript('src/app/cli.ts', ['ask', '--json', '--stdin'], { input: 'kamikaze drone\nhow to bake sourdough\n' });
    expect(run.status).toBe(0);
    const results = jsonLines(run.stdout);
    expect(results.map((r) => [r.question, r.confident])).toEqual([
      ['kamikaze drone', true],
      ['how to bake sourdough', false],
    ]);
    expect(results[1]).toEqual({ question: 'how to bake sourdough', outcome: 'nothing', confident: false, answer: null, passages: [] });
  });

  it('GIVEN --stdin with blank and refused lines THEN one JSON line for every input line, in order, refusals with their question and status 2', async () => {
    const run = await runScript('src/app/cli.ts', ['ask', '--json', '--stdin'], { input: 'kamikaze drone\n\nwhat is the\n?!\n' });
    expect(run.status).toBe(2);
    const results = jsonLines(run.stdout);
    expect(results.map((r) => [r.question, 'error' in r])).toEqual([
      ['kamikaze drone', false],
      ['', true],
      ['what is the', true],
      ['?!', true],
    ]);
  });

  it('GIVEN --help THEN the usage on standard output and status 0', async () => {
    const run = await runScript('src/app/cli.ts', ['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage:\n {2}npm run --silent cli -- ask /);
  });

  it('GIVEN an empty question THEN status 2 and a one-line JSON error', async () => {
    const run = await runScript('src/app/cli.ts', ['ask', '--json', '  ']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('{"error":"The question is empty."}\n');
  });

  it("GIVEN an option of the other command, or quote's words without an option THEN status 2 and what to type instead, nothing ignored", async () => {
    const explain = await runScript('src/app/cli.ts', ['quote', '--json', '--explain', '--speaker', 'Putin']);
    expect(explain.status).toBe(2);
    expect(JSON.parse(explain.stdout).error).toMatch(/^--explain is an option of ask, not of quote\.\nUsage:/);
    const speaker = await runScript('src/app/cli.ts', ['ask', '--json', '--speaker', 'Putin', 'drones']);
    expect(speaker.status).toBe(2);
    expect(JSON.parse(speaker.stdout).error).toMatch(/^--speaker is an option of quote, not of ask\./);
    const leftOver = await runScript('src/app/cli.ts', ['quote', '--json', '--speaker', 'Vladimir', 'Putin']);
    expect(JSON.parse(leftOver.stdout)).toEqual({
      error: '"Putin" is left over: put a value of several words in quotes, as --speaker "Vladimir Putin".',
    });
    const bare = await runScript('src/app/cli.ts', ['quote', '--json', 'Putin']);
    expect(bare.status).toBe(2);
    expect(JSON.parse(bare.stdout)).toEqual({
      error: 'quote reads --text, --speaker, or --source with --line: try --speaker "Putin" or --text "Putin".',
    });
  });

  it('GIVEN a misspelt option, one without its value, or a value for a switch THEN status 2, the problem in plain words and the usage', async () => {
    const cases: Array<[string[], string]> = [
      [['ask', '--coprus', 'x', 'drones'], 'Unknown option --coprus. (A question that starts with "-" goes after --.)'],
      [['quote', '--speaker'], '--speaker needs a value, as in --speaker "…".'],
      [['ask', '--explain=yes', 'drones'], '--explain takes no value.'],
      [['quote', '--source', 'bridge.txt', '--line', '-1'], 'A value that starts with "-" is joined to its option: --line=-1.'],
    ];
    for (const [args, problem] of cases) {
      const run = await runScript('src/app/cli.ts', args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(`${problem}\nUsage:\n`);
    }
  });

  it('GIVEN an unreadable corpus folder THEN status 2 and an error naming it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-cli-'));
    await rm(dir, { recursive: true });
    const run = await runScript('src/app/cli.ts', ['ask', '--json', '--corpus', dir, 'drones']);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: `The corpus folder ${projectPath(dir)} cannot be read (not found).` });
  });

  it('GIVEN no --json THEN a readable answer with the citation, and errors on stderr', async () => {
    const run = await runScript('src/app/cli.ts', ['ask', 'which governor gifted the drones']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '— Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More · 000_e54da9ff0ce102d3.txt:7',
    );
    expect(run.stdout).toContain('**gifted**');
    const bad = await runScript('src/app/cli.ts', ['ask', '']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('The question is empty.\n');
  });
});

describe('cli quote', () => {
  it('GIVEN --text THEN the quotation with its speaker and exact line, in the documented shape', async () => {
    const run = await runScript('src/app/cli.ts', ['quote', '--json', '--text', 'fight against imperialism']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      results: [
        {
          kind: 'quotation',
          source: '004_fda3f1e6d2d72140.txt',
          line: 15,
          text: 'always stand with Russia in the fight against imperialism',
          speaker: 'Kim Jong Un',
        },
      ],
    });
  });

  it("GIVEN --speaker O'Brien THEN only his quotation, at 000_e54da9ff0ce102d3.txt:15", async () => {
    const run = await runScript('src/app/cli.ts', ['quote', '--json', '--speaker', "O'Brien"]);
    const { results } = JSON.parse(run.stdout) as { results: Array<{ source: string; line: number; speaker: string }> };
    expect(results.map((r) => [`${r.source}:${r.line}`, r.speaker])).toEqual([['000_e54da9ff0ce102d3.txt:15', 'James O’Brien']]);
  });

  it('GIVEN --source and --line THEN that line verbatim', async () => {
    const run = await runScript('src/app/cli.ts', ['quote', '--json', '--source', '004_fda3f1e6d2d72140.txt', '--line', '11']);
    expect(JSON.parse(run.stdout)).toEqual({
      results: [
        {
          kind: 'line',
          source: '004_fda3f1e6d2d72140.txt',
          line: 11,
          text: 'Before entering the launch vehicle assembly building at Russia’s Vostochny spaceport, the North Korean leader expressed his loyalty to the Russian president and his endorsement of the invasion of Ukraine.',
          speaker: null,
        },
      ],
    });
  });

  it.each([
    [['--source', '../../etc/passwd', '--line', '1'], '“../../etc/passwd” is not an article in the corpus. Use /sources to list them.'],
    [['--source', '004_fda3f1e6d2d72140.txt', '--line', '99'], '004_fda3f1e6d2d72140.txt has 46 lines; line 99 is out of range.'],
    [['--source', '004_fda3f1e6d2d72140.txt', '--line', 'eleven'], '--line must be a whole number, not "eleven".'],
    [[], 'Give at least one of text, speaker, or source with line.'],
  ])('GIVEN %j THEN status 2 and the refusal', async (args, message) => {
    const run = await runScript('src/app/cli.ts', ['quote', '--json', ...args]);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: message });
  });
});

describe('cli output for people', () => {
  it('GIVEN escape sequences in an article and its file name THEN ask and quote print them as control pictures, never raw', async () => {
    const corpus = await makeTempCorpus({
      '\u001b]0;pwned\u0007evil.txt': article(
        'Drone Deliveries Resume \u001b[2J',
        'The courier company resumed drone deliveries \u001b]52;c;aGk=\u0007 on Monday\u009b31m.',
      ),
    });
    try {
      const asked = await runScript('src/app/cli.ts', ['ask', '--corpus', corpus.dir, 'drone deliveries resumed']);
      const quoted = await runScript('src/app/cli.ts', ['quote', '--corpus', corpus.dir, '--text', 'courier company']);
      for (const run of [asked, quoted]) {
        expect(run.status).toBe(0);
        // eslint-disable-next-line no-control-regex -- the controls a terminal would act on
        expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u);
      }
      expect(asked.stdout).toContain('— Drone Deliveries Resume ␛[2J · ␛]0;pwned␇evil.txt:3');
      expect(quoted.stdout).toBe(
        [
          '1 line with “courier company”',
          'Nobody is quoted saying that, but these lines of the articles contain it.',
          '',
          'Drone Deliveries Resume ␛[2J',
          '  ␛]0;pwned␇evil.txt:3',
          '  The **courier company** resumed drone deliveries ␛]52;c;aGk=␇ on Monday\\x9b31m.',
          '',
        ].join('\n'),
      );
    } finally {
      await corpus.cleanup();
    }
  });
});

describe('cli output closed early', () => {
  it('GIVEN the reader stops after the first answer (| head -1) THEN the CLI ends quietly with status 0, no EPIPE trace', async () => {
    const child = spawn(process.execPath, [compiledEntry('src/app/cli.ts'), 'ask', '--json', '--stdin'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // The first answer arrives, then the reading end closes, as `head -1` closes it.
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end('who gifted the drones\n'.repeat(500));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|unexpected error/);
    expect(status).toBe(0);
  });
});
