/** The kind of answer a question's form asks for. */
export type QuestionType = 'person' | 'time' | 'day' | 'quantity' | 'place' | 'other';

/** Reads the question's form: who / when / which day / how many / where. */
export function detectQuestionType(question: string): QuestionType {
  const q = question.toLowerCase();
  if (/\b(which|what) (day|weekday)\b|\bon what day\b/.test(q)) return 'day';
  if (/\bhow (many|much|long|far|old)\b|\bwhat (number|percentage|amount)\b/.test(q)) return 'quantity';
  if (/^\s*(who|whom|whose)\b|\b(who|whom|whose)\b/.test(q)) return 'person';
  if (
    /\b(which|what) (?:[\p{L}-]+ ){0,2}(official|person|people|leader|minister|president|general|man|woman|politician|diplomat|spokesman|spokeswoman|governor|country|nation)\b/u.test(
      q,
    )
  ) {
    return /\b(country|nation)\b/.test(q) ? 'place' : 'person';
  }
  if (/\bwhen\b|\b(what|which) (year|date|time|month)\b|\bhow long ago\b/.test(q)) return 'time';
  if (/\bwhere\b|\b(what|which) (place|city|town|region|location)\b/.test(q)) return 'place';
  return 'other';
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|several|single|double|half';

/** Words that make a capitalised phrase an organisation or a place rather than a person. */
const NOT_A_PERSON =
  /\b(Council|Department|Office|Ministry|Nations|Union|Party|Army|Navy|Force|Forces|News|Agency|Committee|Court|Government|House|Senate|Congress|Parliament|Bank|Company|Corporation|University|Institute|Organization|Organisation|Republic|Kingdom|States|Korea|City|Street|Station|Airport|Times|Post)\b/u;
/** Role nouns that name who did something even without a proper name ("the governor of Primorye"). */
const PERSON_ROLE =
  /\b(governor|minister|president|premier|chancellor|leader|official|spokes(?:man|woman|person)|ambassador|general|commander|chief|secretary|director|envoy|dictator|king|queen|mayor|senator|diplomat)s?\b/iu;
const CAPITALISED_PHRASE = /\b\p{Lu}[\p{Ll}’'-]+(?:\s+(?:\p{Lu}\.\s*)?\p{Lu}[\p{L}’'-]+)+/gu;

const FEATURES: Record<Exclude<QuestionType, 'other' | 'person'>, RegExp> = {
  time: new RegExp(
    `\\b(1[5-9]\\d\\d|20\\d\\d|${MONTHS}|${WEEKDAYS}|yesterday|today|tomorrow|ago|since|earlier|later|previous|last (week|month|year)|(${NUMBER_WORDS}|\\d+) (years?|months?|weeks?|days?|decades?))\\b`,
    'giu',
  ),
  day: new RegExp(`\\b(${WEEKDAYS}|yesterday|today|tomorrow|(${MONTHS}) \\d{1,2})\\b`, 'giu'),
  quantity: new RegExp(`\\b(\\d[\\d,.]*|${NUMBER_WORDS})\\b`, 'giu'),
  place: /\b(?:in|at|from|near|to|inside|outside)\s+(?:the\s+)?\p{Lu}[\p{L}’'-]+/gu,
};

/**
 * Whether a sentence holds the kind of answer asked for, beyond what the question itself
 * says (a name the question already gives is not an answer to "who").
 */
export function holdsAnswerType(sentence: string, type: QuestionType, question: string): boolean {
  if (type === 'other') return false;
  if (type === 'person') return holdsPerson(sentence, question);
  // Global patterns, compiled once: matchAll works on a copy of their state.
  const pattern = FEATURES[type];
  const asked = question.toLowerCase();
  for (const match of sentence.matchAll(pattern)) {
    if (!asked.includes(match[0].toLowerCase())) return true;
  }
  return false;
}

function holdsPerson(sentence: string, question: string): boolean {
  const asked = question.toLowerCase();
  for (const match of sentence.matchAll(CAPITALISED_PHRASE)) {
    if (!NOT_A_PERSON.test(match[0]) && !asked.includes(match[0].toLowerCase())) return true;
  }
  const role = PERSON_ROLE.exec(sentence);
  return role !== null && !asked.includes(role[0].toLowerCase());
}
