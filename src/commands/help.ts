import { COMMAND_DEFINITIONS, HELP, type CommandDefinition } from './definitions.js';
import type { Inline, ReplyField } from './reply.js';
import { defineCommand } from './types.js';

/** Examples shown under each command; they work on the seed articles. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  ask: ['/ask which governor gifted the drones', '/ask question:what did Kim say about Putin private:true'],
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

/** /help: what each command does, with examples, generated from the command definitions. */
export const helpCommand = defineCommand(HELP, {
  run(_options, ctx) {
    const fields: ReplyField[] = COMMAND_DEFINITIONS.map((command) => ({
      name: usage(command),
      value: [command.description, ...(EXAMPLES[command.name] ?? []).flatMap((example): Inline[] => ['\n', { code: example }])],
    }));
    const where =
      ctx.requester.kind === 'console'
        ? 'Type a command as you would in Discord’s message box; options are written name:value.'
        : 'Type / in the message box and pick a citebot command.';
    return {
      title: 'citebot answers questions about the news articles it has read',
      body: [`Every answer cites the article file and line it comes from, as FILE:LINE. ${where}`],
      fields,
      ephemeral: true,
      tone: 'notice',
    };
  },
});
