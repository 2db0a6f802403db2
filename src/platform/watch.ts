import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  readonly debounceMs: number;
  /** Called once per burst of changes, after `debounceMs` of quiet. */
  readonly onChange: () => void;
  readonly onError?: (error: Error) => void;
  /** Files besides the `*.txt` articles whose changes count too, e.g. the metadata sidecar. */
  readonly alsoNames?: readonly string[];
}

/** How often a folder that is gone (deleted, or being swapped by a deploy) is looked for again. */
const MISSING_FOLDER_POLL_MS = 1000;

/**
 * Watches a corpus folder and calls `onChange` once after a burst of changes has settled, so
 * an editor's save or a `cp` of many files triggers one reload, not dozens. A folder replaced
 * by another of its name (`rm -rf` and `mkdir`, a deploy's `mv`) is watched anew: a watch
 * follows the folder it was set on, which no longer receives the changes. Returns a stop function.
 */
export function watchCorpus(dir: string, options: WatchOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let watched: string | undefined;
  let stopped = false;
  let moved = false;
  const self = path.basename(dir);
  const identity = (): string | undefined => {
    try {
      const stat = statSync(dir);
      return stat.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
    } catch {
      return undefined;
    }
  };
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, ms);
    timer.unref();
  };
  const arm = () => {
    watcher?.close();
    watcher = undefined;
    watched = identity();
    if (watched === undefined) return;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => {
        // The folder's own name: the folder itself was moved or deleted (a folder made again may
        // get the same inode, so this is what tells it apart).
        if (name === self) moved = true;
        else if (name !== null && !name.toLowerCase().endsWith('.txt') && !options.alsoNames?.includes(name)) return;
        schedule(options.debounceMs);
      });
      watcher.on('error', (error) => options.onError?.(error));
    } catch (error) {
      options.onError?.(error as Error);
    }
  };
  function fire(): void {
    timer = undefined;
    if (stopped) return;
    const now = identity();
    // Still gone: looked for again later; the reload when it went said what was missing.
    if (now === undefined && watched === undefined) return schedule(MISSING_FOLDER_POLL_MS);
    if (now !== watched || moved) {
      moved = false;
      arm();
      if (watched === undefined) schedule(MISSING_FOLDER_POLL_MS);
    }
    options.onChange();
  }
  arm();
  if (watched === undefined) {
    options.onError?.(new Error(`${dir} is not a folder that can be watched`));
    schedule(MISSING_FOLDER_POLL_MS);
  }
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
