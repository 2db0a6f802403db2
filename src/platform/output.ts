/**
 * Ends the process quietly when the reader of standard output goes away (`… | head -1`), as
 * command-line tools do, instead of failing on the write with an EPIPE stack trace. Other write
 * errors still fail loudly.
 */
export function exitWhenOutputCloses(stream: NodeJS.WritableStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
