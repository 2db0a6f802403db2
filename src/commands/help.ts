import { COMMAND_DEFINITIONS, HELP, RELOAD, type CommandDefinition } from './definitions.js';
import type { Inline, ReplyField } from './reply.js';
import { defineCommand, type CommandContext } from './types.js';
import { plural } from '../text/plural.js';
import { termsOfText } from '../text/terms.js';
import type { Library } from '../library/library.js';

/** Examples shown under each command, written for the seed articles. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  ask: ['/ask which governor gifted the drones', '/ask question:what did Putin say about Kim private:true'],
  quote: ['/quote text:overtly engaging', "/quote speaker:O'Brien", '/quote source:004_fda3f1e6d2d72140.txt line:11'],
  sources: ['/sources'],
  reload: ['/reload'],
  help: ['/help'],
};

/** A citation shown in the guide when no article is at hand. */
const SEED_CITATION = '000_e54da9ff0ce102d3.txt:7';

/**
 * The examples that fit the articles loaded: one whose words, or whose file, they lack would
 * mislead a server with its own articles ("drones" where there are none). Then /ask and /quote
 * get one made from the first article: its headline, and its first paragraph's line, which is
 * the citation the guide shows too.
 */
function examplesFor(library: Library | undefined): { byCommand: Readonly<Record<string, readonly string[]>>; citation: string } {
  if (!library) return { byCommand: EXAMPLES, citation: SEED_CITATION };
  const knows = (example: string) => {
    const file = /source:(\S+)/.exec(example)?.[1];
    if (file) return library.article(file) !== undefined;
    const words = example.replace(/^\/\w+ /, '').replace(/\b\w+:(?:true|false)\b|\b\w+:/g, ' ');
    return termsOfText(words).every((term) => library.index.frequency(term) > 0);
  };
  const fitting = (name: string) => (EXAMPLES[name] ?? []).filter(knows);
  const first = library.corpus.articles[0];
  const body = first?.passages.find((p) => p.kind === 'body');
  const ask = fitting('ask');
  const quote = fitting('quote');
  const byCommand = {
    ...EXAMPLES,
    ask: ask.length > 0 || !first?.title || first.titleLine <= 0 ? ask : [`/ask ${first.title}`],
    quote: quote.length > 0 || !first || !body ? quote : [`/quote source:${first.source} line:${body.line}`],
  };
  return {
    byCommand,
    citation: library.article(SEED_CITATION.split(':')[0] ?? '') || !first || !body ? SEED_CITATION : `${first.source}:${body.line}`,
  };
}

/** The command as its syntax reads: `/quote [text] [speaker] [source] [line]`. */
export function usage(command: CommandDefinition): string {
  const options = (command.options ?? []).map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}]`));
  return [`/${command.name}`, ...options].join(' ');
}

/**
 * /help: how to ask, what `private` and the buttons do, how to check a citation, then each
 * command the requester may use (generated from the definitions), with examples. /reload is
 * listed only to those who may reload.
 */
export const helpCommand = defineCommand(HELP, {
  run(_options, ctx) {
    const examples = examplesFor(ctx.holder?.current);
    const commands: ReplyField[] = COMMAND_DEFINITIONS.filter((command) => command !== RELOAD || ctx.requester.admin).map((command) => ({
      name: usage(command),
      value: [command.description, ...(examples.byCommand[command.name] ?? []).flatMap((example): Inline[] => ['\n', { code: example }])],
    }));
    return {
      title: 'citebot answers questions about the news articles it has read',
      body: [`Every answer cites the article file and line it comes from, as FILE:LINE. ${ctx.surface.howToType}`],
      fields: [...guide(ctx, examples.citation), ...commands],
      ephemeral: true,
      tone: 'notice',
    };
  },
});

/** How to ask, keep an answer to yourself, use the buttons and check a citation. */
function guide(ctx: CommandContext, citation: string): ReplyField[] {
  const { buttons, privateMisses } = ctx.surface;
  const fields: ReplyField[] = [
    {
      name: 'Asking',
      value: [
        'Ask in your own words with ',
        { code: '/ask' },
        ': the answer is the sentence that answers it (or two), matched words in bold, with its article and citation. ',
        'Name a person, place or thing from the articles; while you type, /ask suggests those it knows. ',
        'Ask one thing at a time: a long message, or one that finds no answer as a whole, is answered by its last question.',
      ],
    },
    {
      name: 'Private answers',
      value: [
        { code: 'private:true' },
        ' shows the answer only to you.',
        ...(privateMisses ? [' When I find nothing, only you see it, with questions the articles can answer.'] : []),
      ],
    },
  ];
  if (buttons) {
    const minutes = Math.max(1, Math.round(buttons.liveSeconds / 60));
    fields.push({
      name: 'Buttons under an answer',
      value: [
        { bold: 'Next ▶' },
        ' and ',
        { bold: '◀ Previous' },
        ' show more passages. ',
        { bold: 'Show context' },
        ' shows you the cited line with the lines around it; anyone may press it. ',
        { bold: 'Open article' },
        ' opens the article’s web page when it has one. ',
        { bold: 'Browse privately' },
        ' lets you page someone else’s answer in a copy only you see. ',
        { bold: '👍' },
        ' / ',
        { bold: '👎' },
        ' tell whether the answer was right. ',
        `Buttons stop working after ${plural(minutes, 'minute')} without use.`,
      ],
    });
  }
  fields.push({
    name: 'Checking a citation',
    value: [
      'A citation such as ',
      { code: citation },
      ' is an article file and a line of it. ',
      { code: '/quote source:FILE line:N' },
      ' shows that line with the lines around it; ',
      { code: '/sources' },
      ' lists the files.',
    ],
  });
  return fields;
}
