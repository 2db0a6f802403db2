import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A corpus folder of real files in the system temp folder, removed by `cleanup`. */
export interface TempCorpus {
  readonly dir: string;
  write(name: string, content: string | Buffer): Promise<void>;
  remove(name: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeTempCorpus(files: Record<string, string> = {}): Promise<TempCorpus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-corpus-'));
  const corpus: TempCorpus = {
    dir,
    write: (name, content) => writeFile(path.join(dir, name), content),
    remove: (name) => rm(path.join(dir, name), { recursive: true, force: true }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  for (const [name, content] of Object.entries(files)) await corpus.write(name, content);
  return corpus;
}

/** A small article in the seeds' layout: headline, blank line, paragraphs separated by blank lines. */
export function article(title: string, ...paragraphs: string[]): string {
  return [title, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
}
