import { parseArgs } from 'node:util';
import { ask, type AskResult } from './answer/ask.js';
import { lookupQuotes, QuoteError, type QuoteQuery, type QuoteResult } from './quote/lookup.js';
import { formatCitation } from './corpus/types.js';
import { loadConfig } from './config.js';
import { loadCorpus } from './corpus/load.js';
import { UserError } from './errors.js';
import { MAX_LINE_BYTES, readLines } from './input-lines.js';
import { buildLibrary, type Library } from './library.js';
import { renderAskPlain, terminalSafe } from './render/plain.js';

const USAGE = `Usage:
  npm run --silent cli -- ask [--json] [--explain] [--corpus DIR] "QUESTION"
  npm run --silent cli -- ask [--json] [--explain] [--corpus DIR] --stdin     (one question per line)
  npm run --silent cli -- quote [--json] [--corpus DIR] [--text T] [--speaker S] [--source FILE --line N]`;

/** Exit status for bad input (an empty question, an unreadable corpus), as the CLI contract says. */
const EXIT_BAD_INPUT = 2;

/** The JSON contract of `ask --json`: stable field names, nothing transport-specific. */
export function askJson(result: AskResult, explain = false) {
  return {
    question: result.question,
    outcome: result.outcome,
    confident: result.confident,
    // The answer sentence only when the ranking is sure of it; "not sure" still lists passages.
    answer: result.confident && result.answer ? { text: result.answer.text, source: result.answer.source, line: result.answer.line } : null,
    passages: result.passages.map((p) => ({ source: p.source, line: p.line, title: p.title, text: p.text, score: p.score, ...(explain ? { features: p.features } : {}) })),
    ...(explain ? { confidence: result.confidence } : {}),
  };
}

/** `--explain` in plain text: each passage's score and the features it was made of. */
function explainPlain(result: AskResult): string {
  const lines = [`outcome ${result.outcome}, confidence ${result.confidence}`];
  for (const p of result.passages) {
    const features = Object.entries(p.features).filter(([, v]) => v !== 0).map(([k, v]) => `${k} ${Math.round(v * 1000) / 1000}`);
    lines.push(`  ${formatCitation(p)} score ${p.score}: ${features.join(', ')}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        stdin: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        text: { type: 'string' },
        speaker: { type: 'string' },
        source: { type: 'string' },
        line: { type: 'string' },
      },
    });
  } catch (error) {
    return fail((error as Error).message, rest.includes('--json'));
  }
  const json = args.values.json ?? false;
  const explain = args.values.explain ?? false;
  if (command !== 'ask' && command !== 'quote') return fail(command ? `Unknown command "${command}".\n${USAGE}` : USAGE, json);
  const question = args.positionals.join(' ');
  if (command === 'ask' && !args.values.stdin && question.trim() === '') return fail('The question is empty.', json);
  let query: QuoteQuery = {};
  if (command === 'quote') {
    const line = args.values.line;
    if (line !== undefined && !/^-?\d+$/u.test(line.trim())) return fail(`--line must be a whole number, not "${line}".`, json);
    query = { text: args.values.text, speaker: args.values.speaker, source: args.values.source, line: line === undefined ? undefined : Number(line) };
  }

  let library: Library;
  try {
    const config = loadConfig(args.values.corpus ? { ...process.env, CORPUS_DIR: args.values.corpus } : process.env);
    library = await buildLibrary(await loadCorpus(config.corpusPath, config));
  } catch (error) {
    if (error instanceof UserError) return fail(error.message, json);
    throw error;
  }

  if (command === 'quote') return quoteOnce(library, query, json);
  if (!args.values.stdin) return answerOne(library, question, json, explain);
  let status = 0;
  for await (const line of readLines(process.stdin)) {
    if (!('text' in line)) {
      status = Math.max(status, fail(`A line of ${line.tooLongBytes} bytes is longer than the ${MAX_LINE_BYTES} a question may be; it was skipped.`, json));
      continue;
    }
    if (line.text.trim() === '') continue;
    status = Math.max(status, answerOne(library, line.text, json, explain));
  }
  return status;
}

function answerOne(library: Library, question: string, json: boolean, explain: boolean): number {
  try {
    const result = ask(library, question);
    const text = json ? JSON.stringify(askJson(result, explain)) : renderAskPlain(result) + (explain ? `\n\n${terminalSafe(explainPlain(result))}` : '');
    process.stdout.write(text + '\n');
    return 0;
  } catch (error) {
    if (error instanceof UserError) return fail(error.message, json);
    throw error;
  }
}

/** The JSON contract of `quote --json`: kind, citation, verbatim text and speaker of each result. */
export function quoteJson(result: QuoteResult) {
  return { results: result.results.map((r) => ({ kind: r.kind, source: r.source, line: r.line, text: r.text, speaker: r.speaker })) };
}

async function quoteOnce(library: Library, query: QuoteQuery, json: boolean): Promise<number> {
  let result: QuoteResult;
  try {
    result = lookupQuotes(await library.quotes(), library.corpus, query);
  } catch (error) {
    if (error instanceof QuoteError || error instanceof UserError) return fail(error.message, json);
    throw error;
  }
  if (json) {
    process.stdout.write(JSON.stringify(quoteJson(result)) + '\n');
  } else if (result.results.length === 0) {
    process.stdout.write('Nothing found: no quotation or article line matches that.\n');
  } else {
    for (const r of result.results) {
      const who = r.kind === 'quotation' ? `${r.speaker ?? 'unknown speaker'}: ` : r.kind === 'text' ? '(article text, not a quotation) ' : '';
      process.stdout.write(terminalSafe(`${formatCitation(r)} — ${who}“${r.text}”${r.note ? ` (${r.note})` : ''}`) + '\n');
    }
  }
  return 0;
}

function fail(message: string, json: boolean): number {
  if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
  else process.stderr.write(terminalSafe(message) + '\n');
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
