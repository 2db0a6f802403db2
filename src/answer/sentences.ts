import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Sentence {
  readonly text: string;
  /** Offset of the sentence in the passage text. */
  readonly start: number;
}

let nlp: ReturnType<typeof winkNLP> | undefined;

const cache = new Map<string, Sentence[]>();
/** Paragraphs whose sentences are kept: popular passages are asked about again and again. */
const CACHED_PARAGRAPHS = 5_000;

/**
 * Splits a paragraph into sentences with wink-nlp, which keeps "U.S.", "U.N." and
 * "Brig. Gen." inside their sentences. Loaded on first use: only answers need it.
 */
export function splitSentences(text: string): Sentence[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const sentences = split(text);
  if (cache.size >= CACHED_PARAGRAPHS) cache.delete(cache.keys().next().value as string);
  cache.set(text, sentences);
  return sentences;
}

function split(text: string): Sentence[] {
  // Only sentence boundaries: the rest of wink's pipeline (POS, entities) would triple the cost.
  nlp ??= winkNLP(model, ['sbd']);
  const sentences: Sentence[] = [];
  let cursor = 0;
  for (const raw of nlp.readDoc(text).sentences().out() as string[]) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const found = text.indexOf(trimmed, cursor);
    const start = found >= 0 ? found : cursor;
    sentences.push({ text: found >= 0 ? trimmed : text.slice(start, Math.min(text.length, start + trimmed.length)), start });
    cursor = start + trimmed.length;
  }
  return sentences.length > 0 ? sentences : [{ text, start: 0 }];
}
