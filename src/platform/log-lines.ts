/**
 * Log lines for people: pino's JSON record as one short line (time, level, message, then
 * `key=value`), for a terminal. Programs reading a pipe or a file get the JSON unchanged.
 */

const LEVELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every record has that a person at the terminal does not need on each line. */
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);
/**
 * Control characters a terminal would act on (ESC, CR, BS, DEL, C1 such as U+009B): a log line
 * can carry a file name or a question, and must not clear the screen or move the cursor.
 */
// eslint-disable-next-line no-control-regex -- these controls are what it finds
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/gu;
/** A value shown without quotes: no spaces, quotes, `=` or controls that would make the line ambiguous. */
// eslint-disable-next-line no-control-regex -- controls are what it rules out
const BARE = /^[^\s"=\u0000-\u001F\u007F-\u009F]+$/u;

/**
 * One JSON log line (as pino writes it, already scrubbed of secrets) in human form, e.g.
 * `12:03:04.005 INFO  Indexed the corpus articles=3 ms=120`, with an error's stack indented
 * on the lines below. A line that is not a JSON object is passed through, controls escaped.
 */
export function humanLogLine(json: string): string {
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    // Not pino's JSON (nothing else writes here): shown as it is, made safe.
    return `${escapeControls(json.trimEnd())}\n`;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return `${escapeControls(json.trimEnd())}\n`;
  const fields = record as Record<string, unknown>;
  const level = typeof fields.level === 'number' ? (LEVELS[fields.level] ?? String(fields.level)) : String(fields.level ?? '');
  const time = typeof fields.time === 'number' ? clockTime(fields.time) : '';
  const message = typeof fields.msg === 'string' ? escapeControls(fields.msg) : '';
  const pairs: string[] = [];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (OMITTED.has(key) || value === undefined) continue;
    if (isError(value)) {
      pairs.push(`${key}=${show(`${value.type ? `${value.type}: ` : ''}${value.message}`)}`);
      if (typeof value.stack === 'string') stacks.push(...stackLines(value.stack));
      continue;
    }
    pairs.push(`${key}=${show(value)}`);
  }
  const head = [time, level.padEnd(5), message, ...pairs].filter((part) => part !== '').join(' ');
  return [head, ...stacks.map((line) => `    ${escapeControls(line)}`)].join('\n') + '\n';
}

/** Local time of day, `HH:MM:SS.mmm`: a terminal session is read the day it runs. */
function clockTime(ms: number): string {
  const at = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

/** pino's serialized error: `{ type, message, stack }`. */
function isError(value: unknown): value is { type?: string; message: string; stack?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string' && 'stack' in value;
}

/** The frames of a stack, without its first line (the message, already on the line). */
function stackLines(stack: string): string[] {
  return stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function show(value: unknown): string {
  if (typeof value === 'string') return BARE.test(value) ? value : escapeControls(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return escapeControls(JSON.stringify(value) ?? String(value));
}

/** Controls as `\uXXXX`, as JSON writes them (JSON itself leaves DEL and C1 as they are). */
function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
