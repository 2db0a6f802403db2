/**
 * The baseline every ranking change is judged against: plain MiniSearch (BM25) over one
 * document per non-empty line, with the `stopword` English list and Porter stems, nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOP = new Set(eng);

export interface PlainHit {
  readonly citation: string;
  readonly text: string;
}

/** Indexes every non-empty line of every file in `dir`; `search` returns the best first. */
export function plainMiniSearch(dir: string): (question: string) => PlainHit[] {
  const docs: Array<{ id: string; text: string }> = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    readFileSync(path.join(dir, file), 'utf8')
      .split(/\r?\n/)
      .forEach((text, i) => {
        if (text.trim()) docs.push({ id: `${file}:${i + 1}`, text });
      });
  }
  const engine = new MiniSearch({
    fields: ['text'],
    storeFields: ['text'],
    processTerm: (term) => (STOP.has(term.toLowerCase()) ? null : stemmer(term.toLowerCase())),
  });
  engine.addAll(docs);
  return (question) => engine.search(question).map((hit) => ({ citation: String(hit.id), text: String(hit['text']) }));
}
