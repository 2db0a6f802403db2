import { watch, type FSWatcher } from 'node:fs';

export interface WatchOptions {
  readonly debounceMs: number;
  /** Called once per burst of changes, after `debounceMs` of quiet. */
  readonly onChange: () => void;
  readonly onError?: (error: Error) => void;
  /** Files besides the `*.txt` articles whose changes count too, e.g. the metadata sidecar. */
  readonly alsoNames?: readonly string[];
}

/**
 * Watches a corpus folder and calls `onChange` once after a burst of changes has settled, so
 * an editor's save or a `cp` of many files triggers one reload, not dozens. Returns a stop
 * function.
 */
export function watchCorpus(dir: string, options: WatchOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const fire = () => {
    timer = undefined;
    options.onChange();
  };
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name !== null && !name.toLowerCase().endsWith('.txt') && !options.alsoNames?.includes(name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, options.debounceMs);
    });
    watcher.on('error', (error) => options.onError?.(error));
  } catch (error) {
    options.onError?.(error as Error);
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
