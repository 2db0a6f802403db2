import { lineAt } from '../corpus/lines.js';
import { countWords } from '../corpus/normalize.js';
import type { Article, Passage } from '../corpus/types.js';
import { Attributor, type Attribution } from './attribution.js';
import { resolveDescription, resolvePronoun, type SentenceRecord } from './coref.js';
import { findQuoteSpans, type QuoteSpan } from '../text/marks.js';
import { findMentions, registerFullNames, type Mention } from './mentions.js';
import { addGender, canonicalName, noteSeen, People, type Person } from './people.js';
import { sentenceRanges, type SentenceRange as Sentence } from '../text/sentences.js';
import { frameTokens, readingTokens, type Token } from '../text/tokens.js';

/** A direct quotation found in an article's body text. */
export interface Quotation {
  /** The article's file name. */
  readonly source: string;
  /** 1-based line of the file on which the opening quote mark stands. */
  readonly line: number;
  /** The quoted words, verbatim (original characters), without the surrounding quote marks. */
  readonly text: string;
  /** Where `text` starts in `passageText`, to show the quotation within its sentence. */
  readonly start: number;
  /** Canonical name of the person quoted (titles stripped, longest name form), or null when the text does not say. */
  readonly speaker: string | null;
  /** The whole paragraph the quotation stands in, for context when it is shown. */
  readonly passageText: string;
}

/**
 * Quoted fragments of this many words or fewer count as quotations only when a speech clause
 * governs them. Unattributed, a short fragment is far more often a scare quote, a title or a
 * term ("so-called “peace plan”") than someone's words; attributed (Kim vowed … a “first
 * priority.”), it is exactly what a reader would want to find.
 */
const SCARE_QUOTE_MAX_WORDS = 3;

interface ParsedParagraph {
  readonly passage: Passage;
  readonly spans: readonly QuoteSpan[];
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly starts: ReadonlySet<number>;
  /** Tokens inside each quotation, to learn names and titles mentioned there. */
  readonly inner: ReadonlyArray<{ readonly tokens: readonly Token[]; readonly starts: ReadonlySet<number> }>;
}

/**
 * Finds the direct quotations in an article's body paragraphs and who said them. Headlines,
 * headings and site chrome are never read. A quotation split around its attribution
 * (`“…,” Kim continued, “…”`) gives two quotations with the same speaker, so each keeps its
 * exact words and line. The speaker is the person's canonical name in this article (titles
 * stripped, longest form of the name), or null when the text does not say who it is.
 */
export function extractQuotations(article: Article): readonly Quotation[] {
  const paragraphs = article.passages.filter((p) => p.kind === 'body').map(parseParagraph);
  const people = new People();
  // Full names first, from the whole article, so that "Putin" can be linked to a "Vladimir Putin" named further down.
  for (const paragraph of paragraphs) {
    registerFullNames(paragraph.tokens, paragraph.starts, people);
    for (const inner of paragraph.inner) registerFullNames(inner.tokens, inner.starts, people);
  }

  const found: Array<{
    quotation: Omit<Quotation, 'speaker'>;
    speaker: Person | null;
    paragraph: number;
    /** Left open at the paragraph's end with no speech clause of its own: it goes on in the next paragraph. */
    runsOn: boolean;
    /** The paragraph starts with it. */
    opensParagraph: boolean;
  }> = [];
  const history: SentenceRecord[] = [];
  /** Speaker of the quotation in the previous sentence, for a next sentence that is only a quotation. */
  let previousSpeaker: Person | null = null;

  // Positions order every token of the article: the paragraph's offset in the body plus the token's offset.
  let base = 0;
  paragraphs.forEach((paragraph, index) => {
    const offset = base;
    base += paragraph.passage.text.length + 1;
    const position = (token: Token): number => offset + token.start;
    for (const inner of paragraph.inner) findMentions(inner.tokens, inner.starts, people, (i) => position(inner.tokens[i]!));
    const mentions = findMentions(paragraph.tokens, paragraph.starts, people, (i) => position(paragraph.tokens[i]!));
    const attributor = new Attributor({ tokens: paragraph.tokens, sentences: paragraph.sentences, mentions });

    const bySentence = groupBySentence(mentions, paragraph.sentences);
    for (const [s, sentence] of paragraph.sentences.entries()) {
      const inSentence = bySentence[s] ?? [];
      resolveSentence(inSentence, people, history, index, (m) => position(paragraph.tokens[m.from]!));
      learnGenderFromPossessives(paragraph.tokens, sentence, inSentence);
      const subject = attributor.subjectOf(sentence);
      history.push({ paragraph: index, subject, mentions: inSentence });
    }

    for (const sentence of paragraph.sentences) {
      const tokens = paragraph.tokens.slice(sentence.from, sentence.to);
      const onlyQuotes = tokens.every((t) => t.kind !== 'word');
      let speakerHere: Person | null = null;
      for (let q = sentence.from; q < sentence.to; q++) {
        const token = paragraph.tokens[q]!;
        if (token.kind !== 'quote' || token.span === undefined) continue;
        const span = paragraph.spans[token.span]!;
        let attribution: Attribution = attributor.attribute(q);
        if (!attribution.attributed && onlyQuotes && previousSpeaker) attribution = { attributed: true, speaker: previousSpeaker };
        const raw = paragraph.passage.text.slice(span.start, span.end);
        const text = raw.trim();
        if (!attribution.attributed && countWords(text) <= SCARE_QUOTE_MAX_WORDS) continue;
        found.push({
          quotation: {
            source: article.source,
            line: lineAt(article, paragraph.passage, span.open),
            text,
            start: span.start + (raw.length - raw.trimStart().length),
            passageText: paragraph.passage.text,
          },
          speaker: attribution.speaker,
          paragraph: index,
          runsOn: span.close < 0 && !attribution.attributed,
          opensParagraph: paragraph.passage.text.slice(0, span.open).trim() === '',
        });
        if (attribution.speaker) speakerHere = attribution.speaker;
      }
      previousSpeaker = speakerHere;
    }
  });

  // A quotation left open at its paragraph's end goes on in the next, which opens with a quote
  // mark and names the speaker when the quotation ends (the news convention): that speaker said
  // it. From the last back, so that a quotation over three paragraphs takes the speaker too.
  for (let i = found.length - 2; i >= 0; i--) {
    const entry = found[i]!;
    const next = found[i + 1]!;
    if (entry.runsOn && !entry.speaker && next.opensParagraph && next.paragraph === entry.paragraph + 1) entry.speaker = next.speaker;
  }

  // Canonical names are decided at the end, when every form of every name is known.
  return found.map(({ quotation, speaker }) => ({ ...quotation, speaker: speaker ? canonicalName(speaker) : null }));
}

function parseParagraph(passage: Passage): ParsedParagraph {
  const spans = findQuoteSpans(passage.text);
  const tokens = frameTokens(passage.text, spans);
  const sentences = sentenceRanges(tokens);
  const inner = spans.map((span) => {
    const innerTokens = readingTokens(passage.text, span.start, span.end);
    return { tokens: innerTokens, starts: new Set(sentenceRanges(innerTokens).map((s) => s.from)) };
  });
  return { passage, spans, tokens, sentences, starts: new Set(sentences.map((s) => s.from)), inner };
}

/** The mentions of each sentence (both lists are in token order). */
function groupBySentence(mentions: readonly Mention[], sentences: readonly Sentence[]): Mention[][] {
  const groups: Mention[][] = sentences.map(() => []);
  let s = 0;
  for (const mention of mentions) {
    while (s < sentences.length - 1 && mention.from >= sentences[s]!.to) s++;
    groups[s]?.push(mention);
  }
  return groups;
}

/** Resolves the pronouns and descriptions of one sentence in reading order. */
function resolveSentence(
  mentions: readonly Mention[],
  people: People,
  history: readonly SentenceRecord[],
  paragraph: number,
  position: (m: Mention) => number,
): void {
  mentions.forEach((mention, i) => {
    if (mention.kind === 'pronoun' && mention.pronoun) {
      mention.person = resolvePronoun(mention.pronoun, mentions.slice(0, i), history, paragraph);
      if (mention.person && mention.pronoun !== 'they') addGender(mention.person, mention.pronoun === 'he' ? 'male' : 'female');
    } else if (mention.kind === 'description' && mention.description) {
      mention.person = resolveDescription(mention.description, people.all(), position(mention));
      if (mention.person) noteSeen(mention.person, position(mention));
    }
  });
}

/**
 * A sentence that names one person and says "his"/"himself" (or "herself") is weak evidence of
 * that person's gender. Object pronouns ("him", "her") are not: "Okafor stood beside him" is
 * about someone else.
 */
function learnGenderFromPossessives(tokens: readonly Token[], sentence: Sentence, mentions: readonly Mention[]): void {
  const named = new Set(mentions.filter((m) => m.kind === 'name' && m.person).map((m) => m.person!));
  if (named.size !== 1) return;
  const words = new Set(tokens.slice(sentence.from, sentence.to).map((t) => t.lower));
  const male = words.has('his') || words.has('himself');
  const female = words.has('herself') || words.has('hers');
  const person = [...named][0]!;
  if (male !== female) addGender(person, male ? 'male' : 'female');
}
