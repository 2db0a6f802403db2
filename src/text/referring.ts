/**
 * Words that, opening a sentence, tie it to the one before: personal pronouns, demonstratives and
 * the connectives that carry an argument on ("This hypothesis is called…", "Such problems are…",
 * "But a storm…"). A closed class of English grammar, like the stop words, not a list of topics.
 */
const REFERRING_OPENERS = new Set([
  ...['he', 'she', 'it', 'they', 'his', 'her', 'its', 'their', 'him', 'them'],
  ...['this', 'these', 'that', 'those', 'such', 'there'],
  ...['and', 'but', 'yet', 'so', 'thus', 'hence', 'therefore', 'however', 'indeed', 'instead', 'also'],
  ...['moreover', 'furthermore', 'nevertheless', 'consequently'],
]);

/** Whether a sentence opens with a word that refers back to, or carries on from, the sentence before. */
export function opensByReferringBack(sentence: string): boolean {
  // Quotation marks and brackets may come first; a number or a symbol opens it otherwise. A word
  // joined by a hyphen is another word ("So-called"); one with an apostrophe is itself ("It's").
  const opening = /^[^\p{L}\p{N}]*(\p{L}+)(-?)/u.exec(sentence);
  const first = opening?.[1];
  return first !== undefined && opening?.[2] === '' && REFERRING_OPENERS.has(first.toLowerCase());
}
