/**
 * `npm start` without a token: the same commands in a local console, read from a pipe. Standard
 * output carries only replies; logs and the one-line notice go to standard error.
 */
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/platform/config.js';
import { BLANK_ENV } from '../support/bot-process.js';
import { runCommand, runScript, type RunResult } from '../support/run.js';

/** `npm start --silent` as a user pipes into it (--silent: npm's own "> citebot start" banner would go to stdout too). */
function npmStart(input: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return runCommand('npm', ['start', '--silent'], { input, env });
}

// Every setting blank, so that a developer's .env cannot turn this into a Discord login.
const NO_TOKEN = { ...BLANK_ENV, LOG_LEVEL: 'info' };

describe('npm start without DISCORD_TOKEN', () => {
  it('GIVEN commands on a pipe THEN a plain-text reply to each on stdout, and exit 0 at end of input', async () => {
    const input = [
      '/ask which governor gifted the drones',
      '/sources',
      '',
      '/help',
      '/nope',
      "/quote speaker:O'Brien",
      '/ask question:how to bake sourdough bread',
      '',
    ].join('\n');
    const run = await npmStart(input, NO_TOKEN);
    expect(run.status).toBe(0);
    const replies = run.stdout.split('\n\n');

    expect(run.stdout).toMatch(
      /^which governor gifted the drones\nThe \*\*governor\*\* of the Russian region of Primorye, bordering both North Korea and China, \*\*gifted\*\* these lethal/,
    );
    expect(run.stdout).toContain(
      '\n— Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More · 000_e54da9ff0ce102d3.txt:7\n',
    );
    expect(run.stdout).toContain('More 1 of');
    expect(run.stdout).toContain('  000_e54da9ff0ce102d3.txt:5\n');
    expect(run.stdout).toContain('3 articles\nAnswers come from these articles.');
    expect(run.stdout).toContain('  004_fda3f1e6d2d72140.txt · 10 passages');
    expect(run.stdout).toContain('/quote [text] [speaker] [source] [line]\n  Find quotations');
    expect(replies).toContain('There is no /nope command. /help lists the commands.');
    expect(run.stdout).toContain(
      [
        '\n1 quotation by James O’Brien',
        '',
        'Kim Jong Un’s Russian Shopping Spree: Kamikaze Drones, Bulletproof Vests, and More',
        '  000_e54da9ff0ce102d3.txt:15',
        '  James O’Brien, head of the Office of Sanctions Coordination at the U.S. State Department, condemned the summit, saying, “**Russia is now overtly engaging with a country that the U.N. has sanctioned. And that’s very problematic for Russia’s global position.**”\n',
      ].join('\n'),
    );
    expect(run.stdout.trimEnd()).toMatch(
      /how to bake sourdough bread\nI found nothing about that in the articles\. Try other words, or see every article with \/sources\.\n\nSome of the articles\n {2}• [^\n]+\n {2}• [^\n]+\n {2}• [^\n]+$/,
    );
    expect(run.stdout).not.toContain('"level"');

    const notices = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('{') && !line.startsWith('npm '));
    expect(notices).toEqual(['No DISCORD_TOKEN set: serving the commands in this console instead (try /help; end input to quit).']);
    expect(run.stderr).toMatch(/"articles":3,"passages":27,"skipped":0,"prebuilt":(true|false),"ms":\d+,"msg":"Indexed the corpus"/);
    expect(run.stderr).toMatch(/"quotations":13,"speakers":5,"msg":"Indexed the quotations"/);
  });

  it('GIVEN a command with a bad option THEN its message, and the console goes on', async () => {
    const run = await runScript('src/app/start.ts', [], {
      input: '/quote source:004_fda3f1e6d2d72140.txt line:eleven\n/ask\n/reload\n',
      env: NO_TOKEN,
    });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n\n')).toEqual([
      'line must be a whole number.',
      '/ask needs question:<question>. /help has examples.',
      expect.stringMatching(
        /^Reloaded the articles\n3 articles, \d+ passages, \d+ quotations, in \d+ ms\.\nFiles: 0 added, 0 changed, 0 removed, 3 unchanged\.\n$/,
      ),
    ]);
  });

  it('GIVEN an invalid setting THEN every bad key is named, no value is printed, and it exits 1', async () => {
    const secret = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.do-not-print';
    const run = await runScript('src/app/start.ts', [], {
      env: { ...BLANK_ENV, DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: 'not-an-id', LOG_LEVEL: 'loud' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DISCORD_CLIENT_ID');
    expect(run.stderr).toContain('LOG_LEVEL');
    expect(run.stderr).not.toContain(secret);
    expect(run.stdout).toBe('');
  });

  it('GIVEN a missing corpus folder THEN it says which and exits 1', async () => {
    const run = await runScript('src/app/start.ts', [], { env: { ...NO_TOKEN, CORPUS_DIR: '/nonexistent/citebot-corpus' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The corpus folder ${projectPath('/nonexistent/citebot-corpus')} cannot be read (not found).`);
    expect(run.stderr).toContain('"corpus":"/nonexistent/citebot-corpus"');
  });

  it('GIVEN an argument (settings come from the environment) THEN it says what to set instead and exits 2, serving nothing', async () => {
    const run = await runScript('src/app/start.ts', ['--corpus', '/tmp/news'], { input: '/sources\n', env: NO_TOKEN });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm start takes no arguments (given: --corpus /tmp/news).');
    expect(run.stderr).toContain('  CORPUS_DIR=/tmp/news npm start');
    expect(run.stdout).toBe('');
    const help = await runScript('src/app/start.ts', ['--help'], { env: NO_TOKEN });
    expect(help.status).toBe(0);
    expect(help.stderr).toContain('npm start serves citebot on Discord when DISCORD_TOKEN is set, else in this console.');
  });
});
