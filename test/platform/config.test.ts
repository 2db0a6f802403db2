import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, loadEnvFile, PROJECT_ROOT } from '../../src/platform/config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function override(content: unknown): Promise<string> {
  const file = path.join(dir, 'config.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe('loadConfig feedback', () => {
  it('GIVEN nothing set THEN the votes database is .data/feedback.sqlite in the project', () => {
    expect(loadConfig({}).feedbackPath).toBe(path.join(PROJECT_ROOT, '.data', 'feedback.sqlite'));
  });

  it('GIVEN FEEDBACK_DB relative THEN resolved from the current folder; GIVEN it empty THEN the configured path', () => {
    expect(loadConfig({ FEEDBACK_DB: 'votes/f.sqlite' }).feedbackPath).toBe(path.resolve(process.cwd(), 'votes', 'f.sqlite'));
    expect(loadConfig({ FEEDBACK_DB: '' }).feedbackPath).toBe(path.join(PROJECT_ROOT, '.data', 'feedback.sqlite'));
  });

  it('GIVEN feedback.path empty THEN feedback is off; GIVEN it relative THEN under the project', async () => {
    expect(loadConfig({ CITEBOT_CONFIG: await override({ feedback: { path: '' } }) }).feedbackPath).toBeUndefined();
    expect(loadConfig({ CITEBOT_CONFIG: await override({ feedback: { path: 'db/v.sqlite' } }) }).feedbackPath).toBe(
      path.join(PROJECT_ROOT, 'db', 'v.sqlite'),
    );
  });

  it('GIVEN feedback.path not a string or an unknown feedback key THEN a configuration error naming each key', async () => {
    const file = await override({ feedback: { path: 3, file: 'x' } });
    expect(() => loadConfig({ CITEBOT_CONFIG: file })).toThrow(
      'Invalid configuration:\n  - config feedback.path: Invalid input: expected string, received number\n  - config feedback: Unrecognized key: "file"',
    );
  });
});

describe('loadEnvFile', () => {
  const keys = ['CITEBOT_TEST_FROM_FILE', 'CITEBOT_TEST_ALREADY_SET'];
  afterEach(() => {
    for (const key of keys) delete process.env[key];
  });

  it('GIVEN a .env file THEN its keys reach the environment, a key already set keeps its value, and a missing file is no error', async () => {
    const file = path.join(dir, '.env');
    await writeFile(file, 'CITEBOT_TEST_FROM_FILE=/tmp/articles\nCITEBOT_TEST_ALREADY_SET=from-file\n');
    process.env.CITEBOT_TEST_ALREADY_SET = 'from-shell';
    loadEnvFile(file);
    expect(process.env.CITEBOT_TEST_FROM_FILE).toBe('/tmp/articles');
    expect(process.env.CITEBOT_TEST_ALREADY_SET).toBe('from-shell');
    expect(() => loadEnvFile(path.join(dir, 'missing.env'))).not.toThrow();
  });
});

describe('loadConfig keys', () => {
  it('GIVEN a misspelt key at the top or inside a section THEN each is reported by name, not ignored', async () => {
    const file = await override({ corpusdir: '/tmp/articles', boilerplate: { linePattern: [] } });
    expect(() => loadConfig({ CITEBOT_CONFIG: file })).toThrow('config: Unrecognized key: "corpusdir"');
    expect(() => loadConfig({ CITEBOT_CONFIG: file })).toThrow('config boilerplate: Unrecognized key: "linePattern"');
  });
});
