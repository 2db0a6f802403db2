import { COMMAND_DEFINITIONS, HELP, RELOAD, type CommandDefinition } from './definitions.js';
import type { Inline, ReplyField } from './reply.js';
import { defineCommand, type CommandContext } from './types.js';
import { plural } from '../text/plural.js';

/** Examples shown under each command; they work on the seed articles. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  ask: ['/ask which governor gifted the drones', '/ask question:what did Putin say about Kim private:true'],
  quote: ['/quote text:overtly engaging', "/quote speaker:O'Brien", '/quote source:004_fda3f1e6d2d72140.txt line:11'],
  sources: ['/sources'],
  reload: ['/reload'],
  help: ['/help'],
};

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
    const commands: ReplyField[] = COMMAND_DEFINITIONS.filter((command) => command !== RELOAD || ctx.requester.admin).map((command) => ({
      name: usage(command),
      value: [command.description, ...(EXAMPLES[command.name] ?? []).flatMap((example): Inline[] => ['\n', { code: example }])],
    }));
    return {
      title: 'citebot answers questions about the news articles it has read',
      body: [`Every answer cites the article file and line it comes from, as FILE:LINE. ${ctx.surface.howToType}`],
      fields: [...guide(ctx), ...commands],
      ephemeral: true,
      tone: 'notice',
    };
  },
});

/** How to ask, keep an answer to yourself, use the buttons and check a citation. */
function guide(ctx: CommandContext): ReplyField[] {
  const { buttons, privateMisses } = ctx.surface;
  const fields: ReplyField[] = [
    {
      name: 'Asking',
      value: [
        'Ask in your own words with ',
        { code: '/ask' },
        ': the answer is the sentence that answers it (or two), matched words in bold, with its article and citation. ',
        'Name a person, place or thing from the articles; while you type, /ask suggests those it knows. ',
        'In a message of several sentences, I look for its last question.',
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
      { code: '000_e54da9ff0ce102d3.txt:7' },
      ' is an article file and a line of it. ',
      { code: '/quote source:FILE line:N' },
      ' shows that line with the lines around it; ',
      { code: '/sources' },
      ' lists the files.',
    ],
  });
  return fields;
}
