/**
 * One thread both answers people and rebuilds the library, and answering comes first. Work
 * queued for a person (a command waiting in the Discord dispatcher's queue) is foreground;
 * long background work (parsing, indexing and extracting quotations for a reload) runs in
 * slices of at most ~25 ms and, between them, waits until no foreground work is queued.
 * With nothing in the foreground (at startup, in the console) a pause is one `setImmediate`.
 */

/**
 * Longest background slice, in milliseconds: the most a person's command waits for one. Shorter
 * slices make a reload under constant questions slower (each pause lets a question through).
 */
export const SLICE_MS = 25;

let foreground = 0;
let paused: Array<() => void> = [];
let scheduled = false;

/** A command was queued for someone. */
export function foregroundQueued(): void {
  foreground += 1;
}

/** A queued command was started. */
export function foregroundStarted(): void {
  foreground = Math.max(0, foreground - 1);
  if (foreground === 0) schedule();
}

/** Resumes in a later turn of the event loop, once no command is queued. */
export function pause(): Promise<void> {
  return new Promise((resolve) => {
    paused.push(resolve);
    schedule();
  });
}

/**
 * For a loop of background work, called before each step: `const pausing = slice(); if
 * (pausing) await pausing;`. Undefined while the current slice has run less than SLICE_MS;
 * then a pause, after which the next slice starts.
 */
export function slicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let started = performance.now();
  return () => {
    if (performance.now() - started < sliceMs) return undefined;
    return pause().then(() => {
      started = performance.now();
    });
  };
}

function schedule(): void {
  if (scheduled || paused.length === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    // Commands are queued: foregroundStarted schedules again when the last one starts.
    if (foreground > 0) return;
    const resumed = paused;
    paused = [];
    for (const resume of resumed) resume();
  });
}
