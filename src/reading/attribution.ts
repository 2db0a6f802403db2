import { COORDINATORS, FUNCTION_WORDS, ROLE_NOUNS, SPEECH_NOUNS, WEEKDAYS, isContinuationVerb } from './lexicon.js';
import { isReferent, mainClauseStart, type Mention } from './mentions.js';
import type { Person } from './people.js';
import { isVerbGap, speechVerbAt, type SpeechVerb } from './speech.js';
import type { SentenceRange as Sentence } from '../text/sentences.js';
import type { Token } from '../text/tokens.js';

/**
 * Decides who said each quotation of a paragraph by reading its frame (the text outside the
 * quotation marks). The rules, in order of precedence:
 *
 * 1. A clause right after the quotation: `“…,” Kim said` / `“…,” said Kim` / `“…?” she asked`.
 *    After a quotation ending in a full stop, only a clause that ends there (`“….” Kim said.`)
 *    or a continuation (`“….” Kim continued, “…”`) counts: `“….” Kim said he…` is new reporting.
 * 2. The nearest speech verb before the quotation in its sentence: `He stated, “…”`,
 *    `Putin said that “…”`, `saying, “…”` (an -ing verb takes the subject of its clause).
 * 3. `Kim: “…”`, `Kim’s statement: “…”`, `according to Kim`.
 * 4. A trailing clause later in the sentence: `The “special operation” will go on, Putin said.`
 * 5. (In `read-article.ts`) A sentence that is nothing but a quotation continues the speaker of the
 *    quotation in the sentence right before it, across a paragraph break too: the news
 *    convention for `“…,” she said. “Give us until spring.”`
 * 6. (In `read-article.ts`) A quotation left open at its paragraph's end, with no speech clause,
 *    takes the speaker of the quotation that opens the next paragraph: `“… ¶ “…,” Putin said.`
 *
 * A speech clause whose subject is not a person we can name ("officials said", "the ministry
 * said") attributes the quotation to nobody: `attributed` is true but `speaker` is null.
 */

export interface Attribution {
  /** A speech clause governs the quotation (its words were said by someone). */
  readonly attributed: boolean;
  readonly speaker: Person | null;
}

export interface ParagraphFrame {
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
}

interface Subject {
  /** The subject's mention; null when the subject is not a person ("the ministry said"). */
  readonly mention: Mention | null;
  /** False when the verb has no subject in view (a coordinated verb at the start of a fragment). */
  readonly found: boolean;
}

const NONE: Attribution = { attributed: false, speaker: null };
const PREPOSITION_TAIL = new Set([
  'in',
  'at',
  'on',
  'during',
  'to',
  'after',
  'before',
  'while',
  'from',
  'via',
  'through',
  'later',
  'earlier',
  'afterward',
  'afterwards',
  'yesterday',
  'today',
  'tonight',
  ...WEEKDAYS,
  'last',
  'this',
  'outside',
  'inside',
  'near',
]);
/** Capitalised words that may name whose role it is before a role and a name ("Harbor City manager"). */
const MAX_ROLE_OWNER_WORDS = 3;
/** Words of an appositive between a speaker's name and the verb ("Peskov, the Kremlin spokesman, told"). */
const MAX_APPOSITIVE_WORDS = 8;
/** Tokens of a short appositive before another one, stepped over to the name ("Whitfield, 34, a nurse…, said"; "34", "a retiree"). */
const SHORT_APPOSITIVE = 3;
const CLAUSE_WORDS = new Set(['that', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'there']);

export class Attributor {
  private readonly byStart = new Map<number, Mention>();
  private readonly byEnd = new Map<number, Mention>();
  private readonly subjects = new Map<number, Subject>();
  /** The sentence of each token, and the mentions of each sentence, so that work stays per sentence. */
  private readonly sentenceAt: Sentence[] = [];
  private readonly mentionsIn = new Map<Sentence, Mention[]>();

  constructor(private readonly frame: ParagraphFrame) {
    for (const m of frame.mentions) {
      this.byStart.set(m.from, m);
      this.byEnd.set(m.to, m);
    }
    for (const sentence of frame.sentences) {
      for (let i = sentence.from; i < sentence.to; i++) this.sentenceAt[i] = sentence;
      this.mentionsIn.set(sentence, []);
    }
    for (const m of frame.mentions) {
      const sentence = this.sentenceAt[m.from];
      if (sentence) this.mentionsIn.get(sentence)!.push(m);
    }
  }

  /** Who said the quotation whose `quote` token is at index `q`. */
  attribute(q: number): Attribution {
    const sentence = this.sentenceOf(q);
    return this.trailing(q) ?? this.before(q, sentence) ?? this.colonOrAccording(q, sentence) ?? this.sentenceFinal(q, sentence) ?? NONE;
  }

  /** The sentence's subject for pronoun resolution: the subject of its first speech verb, else its first person. */
  subjectOf(sentence: Sentence): Mention | null {
    for (let i = sentence.from; i < sentence.to; i++) {
      if (this.tokens[i]!.kind === 'quote' || !speechVerbAt(this.tokens, i)) continue;
      const subject = this.verbSubject(i, sentence);
      if (subject.found) return subject.mention;
    }
    return this.firstPerson(sentence, sentence.to);
  }

  private get tokens(): readonly Token[] {
    return this.frame.tokens;
  }

  private sentenceOf(i: number): Sentence {
    return this.sentenceAt[i] ?? { from: 0, to: this.tokens.length };
  }

  private mentionsOf(sentence: Sentence): readonly Mention[] {
    return this.mentionsIn.get(sentence) ?? this.frame.mentions.filter((m) => m.from >= sentence.from && m.from < sentence.to);
  }

  /** Rule 1: `“…,” Kim said`, `“…,” said Kim`. */
  private trailing(q: number): Attribution | undefined {
    const quote = this.tokens[q]!;
    const last = (quote.inner ?? '').trimEnd().slice(-1);
    let j = q + 1;
    const commaAfter = this.tokens[j]?.text === ',';
    if (commaAfter) j++;
    const clause = this.clauseAt(j);
    if (!clause) return undefined;
    if (commaAfter || /[,?!\u2014\u2013\u2026-]/u.test(last)) return clause.attribution;
    if (last !== '.') return undefined;
    const after = this.tokens[clause.end];
    const endsHere = after === undefined || /^[.;]$/.test(after.text) || this.prepositionalTail(clause.end);
    const continues = after?.text === ',' && this.tokens[clause.end + 1]?.kind === 'quote' && isContinuationVerb(clause.verb);
    return endsHere || continues ? clause.attribution : undefined;
  }

  /**
   * A speech clause starting at `j`: subject + verb (`Kim said`, `the minister later added`) or
   * verb + subject (`said Kim`). `end` is the index after it.
   */
  private clauseAt(j: number): { attribution: Attribution; verb: string; end: number } | undefined {
    const subject = this.namedInApposition(this.mentionFrom(j));
    const found = subject && this.verbAfterSubject(subject.to + 1);
    if (subject && found) {
      const { v, verb } = found;
      // "went on": the clause ends after "on".
      const end = v + 1 + (verb.base === 'continue' && this.tokens[v + 1]?.lower === 'on' ? 1 : 0);
      return { attribution: { attributed: true, speaker: subject.person }, verb: verb.base, end };
    }
    let v = j;
    while (isVerbGap(this.tokens[v])) v++;
    const verb = speechVerbAt(this.tokens, v);
    if (verb && !verb.participle) {
      const inverted = this.mentionFrom(v + 1);
      if (inverted) return { attribution: { attributed: true, speaker: inverted.person }, verb: verb.base, end: inverted.to + 1 };
    }
    // "…,” officials said": a speech clause, but not by a person we can name.
    for (let k = j; k < Math.min(this.tokens.length, j + 8); k++) {
      const t = this.tokens[k]!;
      if (t.kind !== 'word') break;
      const found = speechVerbAt(this.tokens, k);
      if (found && !found.participle) return { attribution: { attributed: true, speaker: null }, verb: found.base, end: k + 1 };
    }
    return undefined;
  }

  /** The name a role stands in apposition to ("the spokesman, Matthew Miller,"), else the mention itself. */
  private namedInApposition(mention: Mention | undefined): Mention | undefined {
    if (!mention || mention.kind === 'name' || this.tokens[mention.to + 1]?.text !== ',') return mention;
    const named = this.byStart.get(mention.to + 2);
    return named?.kind === 'name' && this.tokens[named.to + 1]?.text === ',' ? named : mention;
  }

  /**
   * The finite speech verb after a subject ending before `from`: right after it (past adverbs),
   * after the comma that closes a role before the name ("the spokesman, Matthew Miller, said"),
   * or after an appositive of a few words ("Dmitry Peskov, the Kremlin spokesman, told reporters").
   */
  private verbAfterSubject(from: number): { v: number; verb: SpeechVerb } | undefined {
    const starts = [from];
    if (this.tokens[from]?.text === ',') {
      starts.push(from + 1);
      for (let k = from + 1; k < Math.min(this.tokens.length, from + 1 + MAX_APPOSITIVE_WORDS); k++) {
        const t = this.tokens[k]!;
        if (t.text === ',') {
          starts.push(k + 1);
          break;
        }
        if (t.kind !== 'word') break;
      }
    }
    for (let v of starts) {
      while (isVerbGap(this.tokens[v])) v++;
      const verb = speechVerbAt(this.tokens, v);
      if (verb && !verb.participle) return { v, verb };
    }
    return undefined;
  }

  /**
   * A name after a lower-case role that a few words may open: "said Harbor City manager Fiona
   * Gallagher" is said by the manager, not the team or city before the role, and "said zoo
   * director Helen Marsh" by the director.
   */
  private nameAfterRole(j: number): Mention | undefined {
    for (let k = j; k <= j + MAX_ROLE_OWNER_WORDS; k++) {
      const t = this.tokens[k];
      if (!t || t.kind !== 'word') return undefined;
      if (!/^\p{Ll}/u.test(t.text)) continue;
      const named = this.byStart.get(k + 1);
      // "said Northgate coach Ben Ode’s assistant": the name owns the speaker, it is not the speaker.
      const name = named?.kind === 'name' && !named.possessive ? named : undefined;
      // A role the lexicon lists may follow whose it is ("Harbor City manager Fiona Gallagher").
      if (ROLE_NOUNS.has(t.lower)) return name;
      // Any other common noun may open the clause, where no verb or function word stands: as the
      // role itself ("said rancher Dale Brandt") or as what the role is of ("said zoo director…").
      if (k !== j || FUNCTION_WORDS.has(t.lower) || speechVerbAt(this.tokens, k)) return undefined;
      if (name) return name;
    }
    return undefined;
  }

  /**
   * The mention starting at `j`, also past a common-noun role before a name: "the composer
   * Antonín Dvořák", "a veteran diplomat, Sergei Ivanov".
   */
  private mentionFrom(j: number): Mention | undefined {
    const roled = this.nameAfterRole(j);
    if (roled) return roled;
    const direct = this.byStart.get(j);
    if (direct || !/^(?:the|a|an)$/.test(this.tokens[j]?.lower ?? '')) return direct;
    for (let k = j + 1; k <= j + 5; k++) {
      const t = this.tokens[k];
      if (!t || t.kind === 'quote') return undefined;
      const named = this.byStart.get(k);
      if (named?.kind === 'name') return named;
      if (t.kind !== 'word' && t.text !== ',') return undefined;
      if (t.kind === 'word' && speechVerbAt(this.tokens, k)) return undefined;
    }
    return undefined;
  }

  /** "Kim said in a statement." — a clause that ends in a short prepositional phrase, not a new clause. */
  private prepositionalTail(from: number): boolean {
    const first = this.tokens[from];
    if (!first || first.kind !== 'word' || !PREPOSITION_TAIL.has(first.lower)) return false;
    for (let i = from; i < Math.min(this.tokens.length, from + 10); i++) {
      const t = this.tokens[i]!;
      if (/^[.;]$/.test(t.text)) return true;
      if (t.kind === 'quote' || CLAUSE_WORDS.has(t.lower)) return false;
    }
    return from + 10 >= this.tokens.length;
  }

  /** Rule 2: the nearest speech verb before the quotation in its sentence. */
  private before(q: number, sentence: Sentence): Attribution | undefined {
    for (let v = q - 1; v >= sentence.from; v--) {
      if (this.tokens[v]!.kind === 'quote' || !speechVerbAt(this.tokens, v)) continue;
      return { attributed: true, speaker: this.verbSubject(v, sentence).mention?.person ?? null };
    }
    return undefined;
  }

  /**
   * The subject of the speech verb at `v`. A finite verb takes the person right before it
   * (past adverbs, an appositive ", head of …," or ", who"); an -ing verb or one coordinated
   * with "and"/"before" takes the subject of the previous speech verb, or of the main clause.
   */
  private verbSubject(v: number, sentence: Sentence): Subject {
    const cached = this.subjects.get(v);
    if (cached) return cached;
    const result = this.findVerbSubject(v, sentence);
    this.subjects.set(v, result);
    return result;
  }

  private findVerbSubject(v: number, sentence: Sentence): Subject {
    const verb = speechVerbAt(this.tokens, v)!;
    if (verb.participle) return this.governing(v, sentence);
    // Inversion: `“…,” said Putin, “…”`.
    const inverted = this.byStart.get(v + 1);
    const prev = this.tokens[v - 1];
    if (inverted && (v === sentence.from || prev?.kind === 'quote' || prev?.text === ',')) return { mention: inverted, found: true };
    let j = v - 1;
    while (j >= sentence.from && isVerbGap(this.tokens[j])) j--;
    if (j >= sentence.from && this.tokens[j]!.text === ',') {
      const open = this.previousComma(j, sentence);
      if (open < 0) return this.governing(v, sentence);
      // "another, Dan Price, called it": the name is the part between the commas.
      const inside = this.byStart.get(open + 1);
      if (inside && inside.to === j - 1) return { mention: inside, found: true };
      j = open - 1;
      // "Dana Whitfield, 34, a nurse who…, said": a short appositive before that one (an age) is stepped over too.
      const before = this.byEnd.get(j) ? -1 : this.previousComma(j + 1, sentence);
      if (before >= 0 && j - before <= SHORT_APPOSITIVE) j = before - 1;
    }
    if (this.tokens[j]?.lower === 'who') {
      j--;
      if (this.tokens[j]?.text === ',') j--;
    }
    let mention = this.byEnd.get(j);
    // "Rep. Charles Hughes of Sherman said": the subject is the name before "of".
    while (mention && /^(?:of|from)$/.test(this.tokens[mention.from - 1]?.lower ?? '') && this.byEnd.get(mention.from - 2)) {
      mention = this.byEnd.get(mention.from - 2);
    }
    if (mention && j >= sentence.from) return { mention, found: true };
    if (j < sentence.from || COORDINATORS.has(this.tokens[j]!.lower)) return this.governing(v, sentence);
    return { mention: null, found: true };
  }

  /** The comma opening an appositive that closes at `close`, within 25 tokens, or -1. */
  private previousComma(close: number, sentence: Sentence): number {
    for (let i = close - 1; i >= Math.max(sentence.from, close - 25); i--) {
      const t = this.tokens[i]!;
      if (t.text === ',') return i;
      if (t.kind === 'quote') return -1;
    }
    return -1;
  }

  /** The subject shared by an -ing or coordinated verb: the previous speech verb's, else the main clause's. */
  private governing(v: number, sentence: Sentence): Subject {
    for (let u = v - 1; u >= sentence.from; u--) {
      if (this.tokens[u]!.kind !== 'quote' && speechVerbAt(this.tokens, u)) return this.verbSubject(u, sentence);
    }
    const mention = this.firstPerson(sentence, v);
    return { mention, found: mention !== null };
  }

  /** The first person (named or not) mentioned in the main clause of a sentence, before token `to`. */
  private firstPerson(sentence: Sentence, to: number): Mention | null {
    const start = mainClauseStart(this.tokens, sentence.from, sentence.to);
    const mentions = this.mentionsOf(sentence).filter((m) => m.from >= start && m.from < to && isReferent(m));
    const first = mentions[0];
    // "Lund's grandson, Erik Lund, attended": the person owned, named in apposition, is the subject, not the owner
    // (who is, in "Steele's purpose is…", the one the sentence is about).
    const named = first?.possessive ? mentions[1] : undefined;
    if (named && this.tokens[named.from - 1]?.text === ',' && named.from - first!.to <= 3) return named;
    return first ?? null;
  }

  /** Rule 3: `Kim: “…”`, `Kim’s statement was brief: “…”`, `according to Kim`. */
  private colonOrAccording(q: number, sentence: Sentence): Attribution | undefined {
    if (this.tokens[q - 1]?.text === ':') {
      const named = this.byEnd.get(q - 2);
      if (named?.person) return { attributed: true, speaker: named.person };
    }
    for (const m of this.mentionsOf(sentence)) {
      if (!m.person) continue;
      const prev = this.tokens[m.from - 1];
      const prev2 = this.tokens[m.from - 2];
      if (prev?.lower === 'to' && prev2?.lower === 'according') return { attributed: true, speaker: m.person };
      if (m.to < q && m.possessive && this.isSpeechNounAt(m.to + 1)) return { attributed: true, speaker: m.person };
    }
    return undefined;
  }

  private isSpeechNounAt(i: number): boolean {
    return SPEECH_NOUNS.has(this.tokens[i]?.lower ?? '');
  }

  /** Rule 4: `…, Putin said.` later in the same sentence. */
  private sentenceFinal(q: number, sentence: Sentence): Attribution | undefined {
    for (let k = q + 1; k < sentence.to; k++) {
      if (this.tokens[k]!.text !== ',') continue;
      const clause = this.clauseAt(k + 1);
      if (clause) return clause.attribution;
    }
    return undefined;
  }
}
