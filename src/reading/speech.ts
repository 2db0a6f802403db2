import { BE_FORMS, DETERMINERS, VERB_GAP_WORDS, speechVerbBase } from './lexicon.js';
import type { Token } from '../text/tokens.js';

export interface SpeechVerb {
  /** Base form: "say" for "said". */
  readonly base: string;
  /** An -ing form ("saying", "adding"): it has no subject of its own. */
  readonly participle: boolean;
}

/**
 * Whether the token at `i` is a verb reporting speech. Noun uses ("the report", "a statement"),
 * passives ("was told") and non-speech senses ("continues to flex", "Adding to the list") are not.
 */
export function speechVerbAt(tokens: readonly Token[], i: number): SpeechVerb | undefined {
  const token = tokens[i];
  if (!token || token.kind !== 'word') return undefined;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  // Capitalised mid-sentence it is a name ("Edward Said", "State Department").
  if (/^\p{Lu}/u.test(token.text) && prev !== undefined && prev.kind === 'word') return undefined;
  let base = speechVerbBase(token.lower);
  if (!base && /^(?:go|goes|went|going)$/.test(token.lower) && next?.lower === 'on') base = 'continue';
  if (!base) return undefined;
  if (prev && prev.kind === 'word' && DETERMINERS.has(prev.lower)) return undefined;
  const participle = token.lower.endsWith('ing');
  if (prev && prev.kind === 'word' && BE_FORMS.has(prev.lower) && !participle) return undefined;
  if ((base === 'continue' || base === 'add') && next?.lower === 'to') return undefined;
  // "Guidelines call for a week", "called on Congress to act": asking for something, not words said.
  if (base === 'call' && /^(?:for|on|off|up)$/.test(next?.lower ?? '') && !(prev?.kind === 'quote' || prev?.text === ',')) return undefined;
  return { base, participle };
}

/** Words allowed between a subject and its verb: auxiliaries and adverbs ("Kim later said", "she has repeatedly warned"). */
export function isVerbGap(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && (VERB_GAP_WORDS.has(token.lower) || /^\p{Ll}+ly$/u.test(token.text));
}
