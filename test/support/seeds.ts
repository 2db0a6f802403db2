import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../src/platform/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { buildLibrary, type Library } from '../../src/library/library.js';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

let seeds: Promise<Library> | undefined;

/** The library built from the real seed articles, shared by the tests of one file. */
export function seedLibrary(): Promise<Library> {
  const config = loadConfig({});
  seeds ??= loadCorpus(SEEDS_DIR, config).then((corpus) => buildLibrary(corpus));
  return seeds;
}
