import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ask, type AskResult } from './answer/ask.js';
import { loadConfig } from './config.js';
import { loadCorpus } from './corpus/load.js';
import { UserError } from './errors.js';
import { buildLibrary, type Library } from './library.js';
import { renderAskPlain } from './render/plain.js';

const USAGE = `Usage:
  npm run --silent cli -- ask [--json] [--corpus DIR] "QUESTION"
  npm run --silent cli -- ask [--json] [--corpus DIR] --stdin     (one question per line)`;

/** Exit status for bad input (an empty question, an unreadable corpus), as the CLI contract says. */
const EXIT_BAD_INPUT = 2;

/** The JSON contract of `ask --json`: stable field names, nothing transport-specific. */
export function askJson(result: AskResult) {
  return {
    question: result.question,
    confident: result.confident,
    answer: result.answer ? { text: result.answer.text, source: result.answer.source, line: result.answer.line } : null,
    passages: result.passages.map((p) => ({ source: p.source, line: p.line, title: p.title, text: p.text, score: p.score })),
  };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, stdin: { type: 'boolean', default: false }, corpus: { type: 'string' } },
    });
  } catch (error) {
    return fail((error as Error).message, rest.includes('--json'));
  }
  const json = args.values.json ?? false;
  if (command !== 'ask') return fail(command ? `Unknown command "${command}".\n${USAGE}` : USAGE, json);
  const question = args.positionals.join(' ');
  if (!args.values.stdin && question.trim() === '') return fail('The question is empty.', json);

  let library: Library;
  try {
    const config = loadConfig(args.values.corpus ? { ...process.env, CORPUS_DIR: args.values.corpus } : process.env);
    library = await buildLibrary(await loadCorpus(config.corpusPath, config));
  } catch (error) {
    if (error instanceof UserError) return fail(error.message, json);
    throw error;
  }

  if (!args.values.stdin) return answerOne(library, question, json);
  let status = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    status = Math.max(status, answerOne(library, line, json));
  }
  return status;
}

function answerOne(library: Library, question: string, json: boolean): number {
  try {
    const result = ask(library, question);
    process.stdout.write((json ? JSON.stringify(askJson(result)) : renderAskPlain(result)) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof UserError) return fail(error.message, json);
    throw error;
  }
}

function fail(message: string, json: boolean): number {
  if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
  else process.stderr.write(message + '\n');
  return EXIT_BAD_INPUT;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`citebot: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
