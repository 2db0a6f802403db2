/**
 * One thread both answers people and rebuilds the library, and answering comes first. Work
 * queued for a person (a command waiting in the Discord dispatcher's queue) is foreground;
 * long background work (parsing, indexing and extracting quotations for a reload) runs in
 * slices of at most ~25 ms and, between them, waits until no foreground work is queued.
 *
 * The process wires one `Scheduler`: the dispatcher tells it about queued commands, and the
 * builders below receive its `pause`. Without one (tests, the CLI, benchmarks) a pause is one
 * turn of the event loop.
 */

/**
 * Longest background slice, in milliseconds: the most a person's command waits for one. Shorter
 * slices make a reload under constant questions slower (each pause lets a question through).
 */
export const SLICE_MS = 25;

/** Resolves when background work may go on. */
export type Pause = () => Promise<void>;

/** A pause of one event-loop turn, for processes with no foreground work to wait for. */
export const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve));

/**
 * For a loop of background work, called before each step: `const pausing = slice(); if
 * (pausing) await pausing;`. Undefined while the current slice has run less than `sliceMs`;
 * then a pause, after which the next slice starts.
 */
export function slicer(pause: Pause = nextTurn, sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let started = performance.now();
  return () => {
    if (performance.now() - started < sliceMs) return undefined;
    return pause().then(() => {
      started = performance.now();
    });
  };
}

/** Lets background work wait while commands are queued. */
export class Scheduler {
  private foreground = 0;
  private paused: Array<() => void> = [];
  private scheduled = false;

  /** A command was queued for someone. */
  foregroundQueued(): void {
    this.foreground += 1;
  }

  /** A queued command was started. */
  foregroundStarted(): void {
    this.foreground = Math.max(0, this.foreground - 1);
    if (this.foreground === 0) this.schedule();
  }

  /** Resumes in a later turn of the event loop, once no command is queued. */
  readonly pause: Pause = () =>
    new Promise((resolve) => {
      this.paused.push(resolve);
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled || this.paused.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Commands are queued: foregroundStarted schedules again when the last one starts.
      if (this.foreground > 0) return;
      const resumed = this.paused;
      this.paused = [];
      for (const resume of resumed) resume();
    });
  }
}
