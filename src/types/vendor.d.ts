// Minimal declarations for packages that ship no types of their own.
declare module 'stopword' {
  /** English stop words. */
  export const eng: string[];
}

declare module 'wink-lemmatizer' {
  const lemmatizer: {
    lemmatizeVerb(word: string): string;
    lemmatizeNoun(word: string): string;
    lemmatizeAdjective(word: string): string;
  };
  export default lemmatizer;
}
