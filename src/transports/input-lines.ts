import type { Readable } from 'node:stream';

/** Longest input line read: far above any command (a question is at most 6,000 characters), far below what exhausts memory. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A line of input, without its line break; or, for a line over the limit, only how long it was. */
export type InputLine = { readonly text: string } | { readonly tooLongBytes: number };

/**
 * Splits a stream into lines (LF or CRLF), holding at most `maxBytes` of one line: the rest of
 * a longer line is counted and dropped as it streams by, never buffered, so a 600 MB line costs
 * no more memory than a short one. (readline keeps a whole line as one string, and past V8's
 * string limit it throws.) Invalid UTF-8 reads as U+FFFD, as with readline.
 */
export async function* readLines(input: Readable, maxBytes: number = MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  const finish = (): InputLine => {
    const line: InputLine = tooLong ? { tooLongBytes: length } : { text: decodeLine(Buffer.concat(parts, length)) };
    parts = [];
    length = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of input) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let start = 0;
    while (start <= data.length) {
      const newline = data.indexOf(0x0a, start);
      const end = newline === -1 ? data.length : newline;
      if (!tooLong && length + (end - start) > maxBytes) {
        tooLong = true;
        parts = [];
      }
      // A copy, so a kept piece does not pin the whole chunk it came in.
      if (!tooLong && end > start) parts.push(Buffer.from(data.subarray(start, end)));
      length += end - start;
      if (newline === -1) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (length > 0 || tooLong) yield finish();
}

const UTF8 = new TextDecoder('utf-8');

function decodeLine(bytes: Buffer): string {
  const text = UTF8.decode(bytes);
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
