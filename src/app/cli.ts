/**
 * `npm run cli`: one-shot /ask and /quote for scripts and evaluation. It runs the same command
 * handlers as Discord and the console and prints their reply: as text, or with `--json` as the
 * documented JSON (render/json.ts). The index comes from the prebuilt snapshot when it matches.
 */
import { parseArgs } from 'node:util';
import { COMMAND_HANDLERS, type CommandContext, type RawOptions } from '../commands/index.js';
import { LibraryHolder } from '../library/holder.js';
import { openLibrary } from '../library/prebuilt.js';
import { loadConfig, loadEnvFile } from '../platform/config.js';
import { UserError } from '../platform/errors.js';
import { createLogger, newErrorId } from '../platform/log.js';
import { exitWhenOutputCloses } from '../platform/output.js';
import { renderReplyJson } from '../render/json.js';
import { renderExplainPlain, renderReplyPlain, terminalSafe } from '../render/plain.js';
import { CONSOLE, CONSOLE_USER } from '../transports/console.js';
import { MAX_LINE_BYTES, readLines } from '../transports/input-lines.js';

const USAGE = `Usage:
  npm run --silent cli -- ask [--json] [--explain] [--corpus DIR] "QUESTION"
  npm run --silent cli -- ask [--json] [--explain] [--corpus DIR] --stdin     (one question per line)
  npm run --silent cli -- quote [--json] [--corpus DIR] [--text T] [--speaker S] [--source FILE --line N]`;

/** The options only one command reads (both read --json and --corpus). */
const OPTIONS_OF = { ask: ['explain', 'stdin'], quote: ['text', 'speaker', 'source', 'line'] } as const;

/** Exit status for bad input (an empty question, an unreadable corpus), as the CLI contract says. */
const EXIT_BAD_INPUT = 2;

interface Output {
  readonly json: boolean;
  readonly explain: boolean;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
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
    return fail(`${argumentProblem(error as Error & { code?: string })}\n${USAGE}`, rest.includes('--json'));
  }
  const out: Output = { json: args.values.json ?? false, explain: args.values.explain ?? false };
  if (command !== 'ask' && command !== 'quote') return fail(command ? `Unknown command "${command}".\n${USAGE}` : USAGE, out.json);
  // An option of the other command would be ignored in silence, and the output not be what was asked for.
  const misplaced = OPTIONS_OF[command === 'ask' ? 'quote' : 'ask'].find(
    (name) => args.values[name] !== undefined && args.values[name] !== false,
  );
  if (misplaced)
    return fail(`--${misplaced} is an option of ${command === 'ask' ? 'quote' : 'ask'}, not of ${command}.\n${USAGE}`, out.json);
  const question = args.positionals.join(' ');
  if (command === 'quote' && question !== '') {
    // "--speaker Vladimir Putin": a value of several words in quotes, else its last words are left over.
    const { text, speaker } = args.values;
    const [option, given] = speaker !== undefined ? ['speaker', speaker] : text !== undefined ? ['text', text] : [];
    if (option)
      return fail(`"${question}" is left over: put a value of several words in quotes, as --${option} "${given} ${question}".`, out.json);
    return fail(`quote reads --text, --speaker, or --source with --line: try --speaker "${question}" or --text "${question}".`, out.json);
  }
  if (command === 'ask' && !args.values.stdin && question.trim() === '') return fail('The question is empty.', out.json);
  const { line } = args.values;
  if (line !== undefined && !/^-?\d+$/u.test(line.trim())) return fail(`--line must be a whole number, not "${line}".`, out.json);

  let ctx: CommandContext;
  try {
    // The same settings as the bot it checks: `.env` too (the environment wins, --corpus over both).
    loadEnvFile();
    const config = loadConfig(args.values.corpus ? { ...process.env, CORPUS_DIR: args.values.corpus } : process.env);
    // Warnings only: standard output is the reply, and a script's standard error should stay quiet.
    const log = createLogger({ level: 'warn', secrets: [config.discordToken] });
    const { library } = await openLibrary(config.corpusPath, { ...config, cacheDir: config.indexCachePath, log });
    ctx = {
      holder: new LibraryHolder(library, () => Promise.reject(new UserError('The CLI does not reload.'))),
      log,
      requester: CONSOLE_USER,
      surface: CONSOLE,
    };
  } catch (error) {
    if (error instanceof UserError) return fail(error.message, out.json);
    throw error;
  }

  if (command === 'quote') {
    const { text, speaker, source } = args.values;
    return run('quote', { text, speaker, source, line: line === undefined ? undefined : Number(line) }, ctx, out);
  }
  if (!args.values.stdin) return run('ask', { question }, ctx, out);
  // One output line for every input line, in order, so that a script can pair them: a refused
  // line (blank, too long) gives its error, with the question where there is one.
  let status = 0;
  for await (const read of readLines(process.stdin)) {
    if (!('text' in read)) {
      status = Math.max(
        status,
        fail(`A line of ${read.tooLongBytes} bytes is longer than the ${MAX_LINE_BYTES} a question may be; it was skipped.`, out.json),
      );
      continue;
    }
    const answered =
      read.text.trim() === '' ? fail('The question is empty.', out.json, read.text) : await run('ask', { question: read.text }, ctx, out);
    status = Math.max(status, answered);
  }
  return status;
}

/** What is wrong with the command line, in our words (Node's own name its internals and quote unevenly). */
function argumentProblem(error: Error & { code?: string }): string {
  const option = /'(--?[^' <]+)/u.exec(error.message)?.[1] ?? 'an option';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}. (A question that starts with "-" goes after --.)`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take/u.test(error.message)) return `${option} takes no value.`;
    // "--line -1": a value that starts with a dash reads as another option unless joined by "=".
    if (/ambiguous/u.test(error.message)) return `A value that starts with "-" is joined to its option: ${option}=-1.`;
    return `${option} needs a value, as in ${option} "…".`;
  }
  return error.message;
}

/** Runs a command's handler and prints its reply; a UserError is printed as the refusal. */
async function run(name: 'ask' | 'quote', options: RawOptions, ctx: CommandContext, out: Output): Promise<number> {
  const handler = COMMAND_HANDLERS.get(name);
  if (!handler) throw new Error(`No handler for /${name}`);
  try {
    const reply = await handler.run(options, ctx);
    let text: string;
    if (out.json) text = JSON.stringify(renderReplyJson(reply, { explain: out.explain }));
    else {
      text = renderReplyPlain(reply);
      if (out.explain && reply.data?.kind === 'ask') text += `\n\n${renderExplainPlain(reply.data.result)}`;
    }
    process.stdout.write(text + '\n');
    return 0;
  } catch (error) {
    if (error instanceof UserError)
      return fail(error.message, out.json, typeof options.question === 'string' ? options.question : undefined);
    ctx.log.error({ err: error, command: name, errorId: newErrorId() }, 'Command failed');
    throw error;
  }
}

/** Prints a refusal (with the question it refuses, when there is one) and gives the exit status for bad input. */
function fail(message: string, json: boolean, question?: string): number {
  if (json) process.stdout.write(JSON.stringify(question === undefined ? { error: message } : { question, error: message }) + '\n');
  else process.stderr.write(terminalSafe(message) + '\n');
  return EXIT_BAD_INPUT;
}

exitWhenOutputCloses();
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`citebot: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
