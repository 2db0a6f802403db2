/**
 * `npm run feedback`: the answers people marked wrong (👎), worst first, from the votes
 * database (`feedback.path` / `FEEDBACK_DB`). Reads it without creating or changing it, so it
 * can run beside the bot. `--all` lists answers with only 👍 too; `--json` prints the rows.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { plural } from '../text/plural.js';
import { readReport, type ReportRow } from '../feedback/store.js';
import { ConfigError, loadConfig, loadEnvFile } from '../platform/config.js';

const USAGE = 'Usage: npm run feedback [-- --all] [-- --json]';
const QUESTION_WIDTH = 48;
const PASSAGE_WIDTH = 110;

export interface ReportOptions {
  readonly all: boolean;
}

/** The report as a plain-text table: 👎 and 👍 counts, the question, the cited line, and the passage under it. */
export function formatReport(rows: readonly ReportRow[], file: string, options: ReportOptions): string {
  if (rows.length === 0) return `No votes yet in ${file}.\n`;
  const shown = options.all ? rows : rows.filter((r) => r.down > 0);
  const votes = rows.reduce((sum, r) => sum + r.up + r.down, 0);
  if (shown.length === 0) {
    return `No answer has been marked wrong: ${plural(votes, 'vote')} on ${plural(rows.length, 'answer')}, all 👍.\n`;
  }
  const heading = options.all
    ? `All ${plural(rows.length, 'answer')} with votes, worst first (${plural(votes, 'vote')}):`
    : `Answers marked wrong, worst first (${shown.length} of ${plural(rows.length, 'answer')} with votes):`;
  const questionWidth = Math.min(QUESTION_WIDTH, Math.max('question'.length, ...shown.map((r) => r.question.length)));
  const lines = [heading, '', `down   up  ${'question'.padEnd(questionWidth)}  cited line`];
  for (const row of shown) {
    lines.push(
      `${String(row.down).padStart(4)} ${String(row.up).padStart(4)}  ${clip(row.question, questionWidth).padEnd(questionWidth)}  ${row.source}:${row.line}`,
    );
    lines.push(`${' '.repeat(11)}“${clip(row.passage, PASSAGE_WIDTH)}”`);
  }
  return `${lines.join('\n')}\n`;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1).trimEnd()}…`;
}

/** The path as the operator would type it: relative to the current folder when inside it, else absolute. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== '--json' && a !== '--all');
  const json = args.includes('--json');
  const all = args.includes('--all');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option ${unknown[0]}. ${USAGE}\n`);
    return 2;
  }
  loadEnvFile();
  let file: string | undefined;
  try {
    file = loadConfig().feedbackPath;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const write = (text: string) => process.stdout.write(text);
  if (file === undefined) {
    write(json ? '[]\n' : 'Feedback is off: feedback.path is empty in the configuration, so no votes are kept.\n');
    return 0;
  }
  const shown = shownPath(file);
  if (!existsSync(file)) {
    write(
      json
        ? '[]\n'
        : `No feedback yet: ${shown} does not exist. The Discord bot creates it when it starts (the console has no votes) and keeps a vote each time someone presses 👍 or 👎 under an answer.\n`,
    );
    return 0;
  }
  let rows: ReportRow[];
  try {
    rows = readReport(file);
  } catch (error) {
    const message = `Cannot read the feedback database ${shown}: ${(error as Error).message}`;
    if (json) write(`${JSON.stringify({ error: message })}\n`);
    else process.stderr.write(`${message}\n`);
    return 1;
  }
  if (json) write(`${JSON.stringify(all ? rows : rows.filter((r) => r.down > 0))}\n`);
  else write(formatReport(rows, shown, { all }));
  return 0;
}

// Run as a script (npm run feedback), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
