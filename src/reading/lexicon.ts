/**
 * Closed word lists for attribution. They describe English news style in general (how speech is
 * reported, how titles precede names); nothing here is specific to one article.
 */

/** Verbs that report speech or writing, as base forms; inflections are generated below. */
const SPEECH_VERB_BASES = [
  'say', 'state', 'add', 'insist', 'vow', 'warn', 'continue', 'tell', 'note', 'declare', 'urge',
  'explain', 'claim', 'argue', 'announce', 'write', 'tweet', 'post', 'reply', 'respond', 'answer',
  'ask', 'remark', 'comment', 'observe', 'assert', 'affirm', 'stress', 'emphasize', 'emphasise',
  'caution', 'acknowledge', 'admit', 'concede', 'recall', 'predict', 'promise', 'pledge', 'threaten',
  'suggest', 'propose', 'conclude', 'confirm', 'deny', 'reiterate', 'repeat', 'mention', 'boast',
  'complain', 'lament', 'joke', 'quip', 'exclaim', 'shout', 'whisper', 'cry', 'yell', 'scream',
  'murmur', 'mutter', 'express', 'hint', 'contend', 'maintain', 'demand', 'plead', 'recount',
  'testify', 'counter', 'retort', 'tout', 'call', 'describe', 'dub', 'label', 'term', 'brand',
  'condemn', 'denounce', 'criticize', 'criticise', 'slam', 'blast', 'praise', 'hail', 'speak',
  'report', 'inform', 'advise', 'protest', 'object', 'recommend', 'wonder', 'agree', 'disagree',
  'proclaim', 'allege', 'concur', 'interject', 'pronounce', 'inquire', 'enquire', 'charge',
  'reason', 'estimate', 'forecast', 'volunteer', 'specify', 'indicate', 'signal',
];

/** Past forms that do not follow the -ed rule, and verbs that double their last consonant. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  say: ['said'], tell: ['told'], write: ['wrote', 'written'], speak: ['spoke', 'spoken'],
  admit: ['admitted', 'admitting'], quip: ['quipped', 'quipping'], slam: ['slammed', 'slamming'],
  dub: ['dubbed', 'dubbing'], plead: ['pled'], cry: ['cried', 'cries'], deny: ['denied', 'denies'],
  reply: ['replied', 'replies'], testify: ['testified', 'testifies'], concur: ['concurred', 'concurring'],
  label: ['labelled', 'labelling'],
};

/** Verbs whose use between two quotations means the same person goes on speaking. */
const CONTINUATION_BASES = new Set(['continue', 'add']);

function inflect(base: string): string[] {
  const forms = [base, ...(IRREGULAR[base] ?? [])];
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  forms.push(/(s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`);
  if (!/[^aeiou]y$/.test(base)) forms.push(base.endsWith('e') ? `${base}d` : `${base}ed`);
  forms.push(`${stem}ing`);
  return forms;
}

const SPEECH_FORMS = new Map<string, string>();
for (const base of SPEECH_VERB_BASES) for (const form of inflect(base)) SPEECH_FORMS.set(form, base);

/** The base of a speech verb form (`said` → `say`), or undefined for any other word. */
export function speechVerbBase(lower: string): string | undefined {
  return SPEECH_FORMS.get(lower);
}

export function isContinuationVerb(base: string): boolean {
  return CONTINUATION_BASES.has(base);
}

/** Words that make a following speech-verb form a noun ("the report", "his statement"). */
export const DETERMINERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my',
  'your', 'whose', 'no', 'any', 'each', 'every', 'some', 'another', 'such',
]);

/** Forms of "be": before a past participle they make it passive ("was told"), so not the speaker's verb. */
export const BE_FORMS = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'am']);

/**
 * Words that may stand between a subject and its speech verb ("Kim later said", "she has
 * repeatedly warned"). Any word ending in -ly is accepted too.
 */
export const VERB_GAP_WORDS = new Set([
  'also', 'later', 'then', 'again', 'once', 'previously', 'further', 'still', 'already', 'just',
  'never', 'even', 'only', 'has', 'had', 'have', 'would', 'will', 'did', 'does', 'do', 'may',
  'might', 'could', 'can', 'should', 'shall', 'must', 'not', 'soon', 'often', 'since', 'first',
  'too', 'herself', 'himself', 'themselves', 'personally', 'was', 'were', 'is', 'reportedly',
]);

/** Words after which a speech verb has no subject of its own: it shares the previous one. */
export const COORDINATORS = new Set(['and', 'but', 'before', 'after', 'then', 'while', 'or', 'yet', 'also', 'when', 'as', 'by']);

/** Opening words of a sentence-initial adverbial clause ("In a meeting with X, Y said"). */
export const CLAUSE_OPENERS = new Set([
  'in', 'on', 'at', 'after', 'before', 'during', 'when', 'while', 'although', 'though', 'as',
  'since', 'despite', 'with', 'without', 'for', 'following', 'amid', 'upon', 'once', 'if',
  'because', 'unlike', 'like', 'until', 'from', 'by', 'to', 'over', 'under', 'throughout', 'whereas',
  'according', 'speaking', 'asked', 'however', 'meanwhile', 'still', 'yet', 'later', 'earlier',
]);

/** Nouns for what someone said, for "Kim’s statement was brief: “…”". */
export const SPEECH_NOUNS = new Set([
  'statement', 'statements', 'remarks', 'remark', 'words', 'message', 'comments', 'comment',
  'response', 'reply', 'answer', 'tweet', 'post', 'letter', 'speech', 'address', 'warning',
  'promise', 'vow', 'pledge', 'claim', 'argument', 'explanation', 'testimony', 'declaration',
]);

/**
 * Capitalised words at the start of a sentence that are ordinary words, not names. A name is
 * recognised there only when it is known from elsewhere or is clearly a name (title, speech verb).
 */
export const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'and', 'but', 'or', 'nor', 'so', 'yet', 'for', 'of', 'in', 'on', 'at', 'by', 'to',
  'from', 'with', 'without', 'within', 'into', 'onto', 'upon', 'over', 'under', 'after', 'before',
  'during', 'since', 'until', 'while', 'when', 'where', 'whereas', 'although', 'though', 'because',
  'if', 'unless', 'as', 'despite', 'following', 'according', 'amid', 'among', 'between', 'against',
  'around', 'across', 'along', 'behind', 'beyond', 'near', 'throughout', 'toward', 'towards', 'about',
  'this', 'that', 'these', 'those', 'there', 'here', 'it', 'its', 'he', 'she', 'they', 'we', 'i',
  'you', 'his', 'her', 'their', 'our', 'my', 'your', 'him', 'them', 'us', 'me', 'what', 'who', 'why',
  'how', 'which', 'whose', 'whom', 'many', 'some', 'most', 'few', 'several', 'all', 'both', 'each',
  'every', 'other', 'others', 'such', 'no', 'not', 'yes', 'now', 'then', 'once', 'still', 'even',
  'just', 'only', 'also', 'however', 'meanwhile', 'indeed', 'instead', 'moreover', 'furthermore',
  'additionally', 'finally', 'first', 'second', 'third', 'last', 'next', 'overall', 'ultimately',
  'today', 'yesterday', 'tomorrow', 'tonight', 'later', 'earlier', 'will', 'would', 'can', 'could',
  'should', 'may', 'might', 'must', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had',
  'do', 'does', 'did', 'more', 'less', 'much', 'any', 'one', 'two', 'three', 'another', 'former',
  'new', 'old', 'recent', 'latest', 'speaking', 'asked', 'notably', 'please', 'let', 'perhaps',
]);

/** Plural or collective subjects that are people but not one person ("Officials said"). */
export const GROUP_NOUNS = new Set([
  'officials', 'critics', 'experts', 'analysts', 'residents', 'witnesses', 'sources', 'observers',
  'lawmakers', 'legislators', 'protesters', 'demonstrators', 'authorities', 'police', 'prosecutors',
  'investigators', 'researchers', 'scientists', 'doctors', 'diplomats', 'leaders', 'supporters',
  'opponents', 'activists', 'people', 'voters', 'citizens', 'workers', 'employees', 'students',
  'parents', 'teachers', 'officers', 'soldiers', 'troops', 'aides', 'advisers', 'advisors', 'allies',
  'rivals', 'journalists', 'reporters', 'commentators', 'economists', 'rumors', 'rumours', 'reports',
  'many', 'some', 'others', 'everyone', 'nobody', 'somebody', 'someone', 'spokespeople', 'organizers',
]);

/**
 * Title words that directly precede a name and are stripped from it ("President", "Gen.",
 * "Deputy Prime Minister"). Only a head word ends a title; modifiers ("Deputy", "Foreign") are
 * stripped with the head that follows them.
 */
export const TITLE_HEADS = new Set([
  'president', 'minister', 'secretary', 'general', 'gen', 'brig', 'brigadier', 'lt', 'lieutenant',
  'col', 'colonel', 'maj', 'major', 'capt', 'captain', 'adm', 'admiral', 'sgt', 'sergeant', 'cmdr',
  'commander', 'marshal', 'governor', 'gov', 'senator', 'sen', 'rep', 'representative', 'congressman',
  'congresswoman', 'mayor', 'chancellor', 'ambassador', 'judge', 'justice', 'director', 'chairman',
  'chairwoman', 'chair', 'spokesman', 'spokeswoman', 'spokesperson', 'premier', 'king', 'queen',
  'prince', 'princess', 'pope', 'rev', 'reverend', 'father', 'bishop', 'archbishop', 'cardinal',
  'rabbi', 'imam', 'sheikh', 'dr', 'doctor', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'mx',
  'sir', 'dame', 'lord', 'lady', 'leader', 'emperor', 'empress', 'sultan', 'emir', 'ceo', 'officer',
  'attorney', 'sheriff', 'detective', 'inspector', 'superintendent', 'commissioner', 'councillor',
  'councilman', 'councilwoman', 'speaker', 'envoy', 'dictator', 'chief', 'coach', 'madam', 'madame',
  'comrade', 'pvt', 'cpl', 'corporal', 'supt', 'insp', 'det',
  // Occupations written as titles before a name ("Engineer Sarah Okafor", "Nurse Jane Doe").
  'engineer', 'architect', 'nurse', 'pilot', 'officer', 'agent', 'analyst', 'economist', 'historian',
  'lawyer', 'activist', 'author', 'journalist', 'correspondent', 'editor', 'producer', 'founder',
  'chef', 'coach', 'striker', 'goalkeeper', 'manager', 'trainer', 'singer', 'actor', 'actress', 'rapper',
  'deputy', 'secretary-general', 'lawmaker', 'legislator', 'mp', 'mep', 'policeman', 'policewoman',
  'patrolman', 'trooper', 'fireman', 'firefighter', 'constable', 'warden', 'ranger', 'principal', 'dean',
  'provost', 'rector', 'pastor', 'preacher', 'vicar', 'councilor', 'alderman', 'assemblyman',
  'assemblywoman', 'delegate', 'justice', 'magistrate', 'prosecutor', 'solicitor', 'barrister', 'driver',
]);

/** Roles that describe a person ("the North Korean leader", "the governor"), grouped by what may stand for what. */
const ROLE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  leader: ['leader', 'president', 'dictator', 'autocrat', 'strongman', 'premier', 'chairman', 'chairwoman',
    'chancellor', 'king', 'queen', 'monarch', 'emperor', 'empress', 'ruler', 'despot', 'tyrant', 'sultan', 'emir'],
  official: ['official', 'minister', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'diplomat',
    'envoy', 'ambassador', 'head', 'director', 'coordinator', 'commissioner'],
  military: ['officer', 'general', 'commander', 'admiral', 'colonel', 'brigadier', 'major', 'captain', 'lieutenant', 'sergeant', 'marshal'],
};

/** Singular role nouns that can head a description of a person. */
export const ROLE_NOUNS = new Set([
  ...Object.values(ROLE_CLASSES).flat(),
  'governor', 'mayor', 'senator', 'lawmaker', 'legislator', 'congressman', 'congresswoman', 'chief',
  'ceo', 'executive', 'founder', 'judge', 'prosecutor', 'lawyer', 'attorney', 'analyst', 'expert',
  'professor', 'researcher', 'scientist', 'economist', 'doctor', 'activist', 'journalist', 'author',
  'writer', 'actor', 'actress', 'singer', 'coach', 'player', 'manager', 'owner', 'witness', 'resident',
  'victim', 'mother', 'father', 'wife', 'husband', 'son', 'daughter', 'sister', 'brother', 'woman', 'man',
  'widow', 'businessman', 'businesswoman', 'candidate', 'nominee', 'pope', 'prince', 'princess', 'boss',
  'chairman', 'speaker', 'sheriff', 'detective', 'inspector', 'councilman', 'councilwoman', 'premier',
  'driver', 'farmer', 'worker', 'teacher', 'student', 'nurse', 'soldier', 'pilot', 'engineer', 'shopkeeper',
  'neighbour', 'neighbor', 'customer', 'passenger', 'fan', 'survivor', 'mourner', 'protester', 'voter',
  'spokesperson', 'aide', 'adviser', 'advisor', 'negotiator', 'observer', 'source', 'insider', 'official',
  'girl', 'boy', 'grandmother', 'grandfather', 'policeman', 'policewoman', 'officer', 'firefighter',
]);

/**
 * Role words that may stand for `role` when a description is resolved. A country has one
 * leader, so "the president" may be whoever was called its leader or dictator; but officials
 * and officers are many: "the ambassador" is not the minister named earlier. Only the class
 * word itself ("the official", "the general") covers every role of its class.
 */
export function roleSynonyms(role: string): string[] {
  for (const [name, members] of Object.entries(ROLE_CLASSES)) {
    // The first member of a class is its class word.
    if (!members.includes(role)) continue;
    return name === 'leader' || role === members[0] ? [...members] : [role];
  }
  return [role];
}

/** Modifiers inside titles and descriptions that must agree when a description is resolved. */
export const TITLE_MODIFIERS = new Set([
  'vice', 'deputy', 'prime', 'foreign', 'defense', 'defence', 'interior', 'finance', 'economy',
  'health', 'trade', 'first', 'acting', 'former', 'senior', 'assistant', 'associate', 'executive',
  'special', 'chief', 'supreme', 'crown', 'state', 'press', 'army', 'navy', 'air', 'foreign',
]);

/** Words that make a capitalised run an organisation, event or place rather than a person. */
export const ORG_WORDS = new Set([
  'department', 'office', 'ministry', 'council', 'agency', 'force', 'forces', 'army', 'navy', 'news',
  'times', 'post', 'journal', 'herald', 'tribune', 'press', 'union', 'nations', 'states', 'republic',
  'kingdom', 'party', 'committee', 'court', 'university', 'institute', 'bank', 'company', 'corporation',
  'corp', 'inc', 'ltd', 'group', 'station', 'airport', 'street', 'avenue', 'road', 'river', 'sea',
  'ocean', 'mountain', 'mountains', 'region', 'province', 'city', 'county', 'island', 'islands', 'square',
  'house', 'kremlin', 'pentagon', 'senate', 'congress', 'parliament', 'assembly', 'commission',
  'organization', 'organisation', 'association', 'foundation', 'center', 'centre', 'museum', 'hospital',
  'school', 'college', 'church', 'club', 'team', 'federation', 'alliance', 'coalition', 'front', 'guard',
  'police', 'service', 'services', 'intelligence', 'command', 'corps', 'brigade', 'division', 'fleet',
  'administration', 'government', 'cabinet', 'bureau', 'authority', 'network', 'channel', 'radio',
  'media', 'daily', 'weekly', 'magazine', 'review', 'spaceport', 'cosmodrome', 'base', 'port', 'bay',
  'gulf', 'peninsula', 'strait', 'valley', 'war', 'pandemic', 'summit', 'conference', 'forum', 'games',
  'cup', 'league', 'olympics', 'act', 'treaty', 'accord', 'agreement', 'program', 'programme', 'project',
  'initiative', 'revolution', 'movement', 'empire', 'dynasty', 'fund', 'board', 'trust', 'markets',
  'exchange', 'airlines', 'airways', 'motors', 'systems', 'technologies', 'industries', 'holdings',
  'partners', 'studios', 'records', 'entertainment', 'pictures', 'coordination', 'sanctions', 'security',
  'defense', 'defence', 'affairs', 'relations', 'east', 'west', 'north', 'south', 'central', 'middle',
  'northern', 'southern', 'eastern', 'western', 'intifada', 'day', 'week', 'parliamentary', 'general',
  'international', 'national', 'federal', 'royal', 'global', 'world', 'tv', 'online', 'bridge', 'tower',
  'stadium', 'arena', 'tunnel', 'dam', 'canal', 'palace', 'cathedral', 'temple', 'mosque', 'market', 'mall',
  'plaza', 'harbour', 'harbor', 'beach', 'lake', 'forest', 'desert', 'highway', 'boulevard', 'building',
  'prison', 'hotel', 'restaurant', 'theatre', 'theater', 'library', 'gallery', 'zoo', 'heights', 'hills',
  'coast', 'prize', 'award', 'festival', 'orchestra', 'choir', 'fc', 'united',
  // Deliberately absent although they name places: Park, Hall, Field, Lane, Castle — common surnames.
]);

export const CALENDAR_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'christmas', 'easter',
]);

/** Lower-case particles inside names ("Charles de Gaulle", "Ludwig van Beethoven"). */
export const NAME_PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'ter', 'y']);

type Gender = 'male' | 'female';

/** Words that tell a person's gender when they stand in the person's title or description. */
export const GENDERED_WORDS: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ...['mrs', 'ms', 'miss', 'madam', 'madame', 'dame', 'lady', 'queen', 'princess', 'empress', 'duchess',
    'countess', 'baroness', 'mother', 'wife', 'daughter', 'sister', 'woman', 'girl', 'grandmother', 'widow',
    'actress', 'spokeswoman', 'chairwoman', 'congresswoman', 'councilwoman', 'businesswoman', 'sportswoman',
    'stateswoman', 'policewoman', 'heiress', 'niece', 'aunt'].map((w) => [w, 'female'] as [string, Gender]),
  ...['mr', 'sir', 'lord', 'king', 'prince', 'emperor', 'duke', 'baron', 'husband', 'son', 'brother', 'man',
    'boy', 'grandfather', 'widower', 'spokesman', 'chairman', 'congressman', 'councilman', 'businessman',
    'sportsman', 'statesman', 'policeman', 'uncle', 'nephew', 'father'].map((w) => [w, 'male'] as [string, Gender]),
]);

/**
 * Common first names whose gender is unambiguous in news usage. Deliberately incomplete and
 * without unisex names (Kim, Pat, Alex, Chris, Jordan, Sasha, Andrea, Nikita…): an unknown name
 * only means "compatible with he and she", never a wrong exclusion.
 */
export const FIRST_NAME_GENDER: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ...['mary', 'maria', 'marie', 'anna', 'anne', 'ann', 'elizabeth', 'sarah', 'susan', 'karen', 'nancy',
    'lisa', 'linda', 'barbara', 'patricia', 'jennifer', 'jessica', 'emily', 'emma', 'olivia', 'sophia',
    'hillary', 'kamala', 'angela', 'theresa', 'margaret', 'catherine', 'katherine', 'kate', 'helen', 'laura',
    'julia', 'olena', 'natalia', 'natalya', 'tatiana', 'tatyana', 'svetlana', 'irina', 'olga', 'elena',
    'yulia', 'ursula', 'giorgia', 'christine', 'jacinda', 'michelle', 'melania', 'jill', 'nikki', 'rachel',
    'rebecca', 'hannah', 'grace', 'victoria', 'alice', 'claire', 'amy', 'janet', 'joan', 'judith', 'julie',
    'kathleen', 'liz', 'lucy', 'megan', 'melissa', 'monica', 'nicole', 'rosa', 'ruth', 'sandra', 'sophie',
    'stephanie', 'tina', 'valentina', 'yoko', 'denise', 'ana', 'carmen', 'fatima', 'aisha', 'priya',
    'ingrid', 'greta', 'marine', 'kristi', 'gretchen', 'tulsi', 'elise', 'condoleezza', 'madeleine'].map(
    (w) => [w, 'female'] as [string, Gender]),
  ...['james', 'john', 'robert', 'michael', 'william', 'david', 'richard', 'joseph', 'thomas', 'charles',
    'daniel', 'matthew', 'mark', 'paul', 'steven', 'stephen', 'george', 'donald', 'joe', 'barack', 'vladimir',
    'sergei', 'sergey', 'denis', 'dmitry', 'dmitri', 'alexei', 'alexey', 'ivan', 'nikolai', 'volodymyr',
    'emmanuel', 'olaf', 'boris', 'rishi', 'keir', 'justin', 'benjamin', 'narendra', 'recep', 'mohammed',
    'muhammad', 'ahmed', 'antony', 'lloyd', 'jake', 'jim', 'tom', 'peter', 'andrew', 'anthony', 'kevin',
    'brian', 'edward', 'frank', 'henry', 'jack', 'patrick', 'tony', 'bill', 'bob', 'mike', 'steve', 'dave',
    'ron', 'ted', 'mitch', 'chuck', 'lindsey', 'marco', 'pete', 'jerome', 'xavier', 'pierre', 'jean-pierre',
    'hans', 'klaus', 'friedrich', 'yuri', 'mikhail', 'andrei', 'oleg', 'igor', 'ramzan', 'yevgeny',
    'alexander', 'aleksandr', 'viktor', 'victor', 'carlos', 'luis', 'jose', 'juan', 'pedro', 'javier',
    'abdullah', 'hassan', 'hussein', 'omar', 'ali', 'ibrahim', 'shinzo', 'fumio'].map(
    (w) => [w, 'male'] as [string, Gender]),
]);
