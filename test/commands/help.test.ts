import { describe, expect, it } from 'vitest';
import { helpCommand } from '../../src/commands/help.js';
import { plainText, type Reply } from '../../src/commands/reply.js';
import type { CommandContext, Requester, Surface } from '../../src/commands/types.js';
import { CONSOLE, CONSOLE_USER } from '../../src/transports/console.js';
import { loadConfig } from '../../src/platform/config.js';
import { openLibrary } from '../../src/library/prebuilt.js';
import type { Library } from '../../src/library/library.js';
import { seedLibrary } from '../support/seeds.js';
import { article, makeTempCorpus } from '../support/temp-corpus.js';

const help = async (surface: Surface, requester: Requester): Promise<Reply> =>
  helpCommand.run({}, { surface, requester } as unknown as CommandContext);
const names = (reply: Reply) => reply.fields.map((f) => f.name);
const field = (reply: Reply, name: string) => plainText(reply.fields.find((f) => f.name === name)?.value ?? []);

const chat: Surface = { howToType: 'Type / and pick a command.', privateMisses: true, buttons: { liveSeconds: 120 } };
const member: Requester = { admin: false, admins: 'the moderators' };

describe('/help', () => {
  it('GIVEN a surface with buttons and private misses THEN it says how to type there, explains the buttons and their lifetime, and that misses are private', async () => {
    const reply = await help(chat, member);
    expect(plainText(reply.body)).toContain('Type / and pick a command.');
    expect(field(reply, 'Buttons under an answer')).toContain('Buttons stop working after 2 minutes without use.');
    expect(field(reply, 'Private answers')).toContain('When I find nothing, only you see it');
  });

  it('GIVEN the console THEN no buttons to explain and no private misses, and its own way of typing', async () => {
    const reply = await help(CONSOLE, CONSOLE_USER);
    expect(plainText(reply.body)).toContain(CONSOLE.howToType);
    expect(names(reply)).not.toContain('Buttons under an answer');
    expect(field(reply, 'Private answers')).not.toContain('When I find nothing');
  });

  it('GIVEN an admin THEN /reload is listed; GIVEN someone else THEN it is not', async () => {
    expect(names(await help(chat, { ...member, admin: true }))).toContain('/reload');
    expect(names(await help(chat, member))).not.toContain('/reload');
  });
});

describe('/help examples', () => {
  const withLibrary = (library: Library) =>
    helpCommand.run({}, { surface: chat, requester: member, holder: { current: library } } as unknown as CommandContext);

  it('GIVEN the seed articles THEN the examples written for them', async () => {
    const reply = await withLibrary(await seedLibrary());
    expect(field(reply, '/ask question:<question> [private]')).toContain('/ask which governor gifted the drones');
    expect(field(reply, '/quote [text] [speaker] [source] [line]')).toContain('/quote source:004_fda3f1e6d2d72140.txt line:11');
    expect(field(reply, 'Checking a citation')).toContain('000_e54da9ff0ce102d3.txt:7');
  });

  it("GIVEN other articles THEN no example about drones or a seed file: the first article's headline, and its first paragraph's line", async () => {
    const corpus = await makeTempCorpus({
      'bridge.txt': article('Harbour Bridge Reopens After Repairs', 'Repairs to the harbour bridge were finished on Tuesday.'),
    });
    try {
      const { library } = await openLibrary(corpus.dir, loadConfig({}));
      const reply = await withLibrary(library);
      const text = reply.fields.map((f) => plainText(f.value)).join('\n');
      expect(text).not.toContain('drones');
      expect(text).not.toContain('004_fda3f1e6d2d72140.txt');
      expect(field(reply, '/ask question:<question> [private]')).toContain('/ask Harbour Bridge Reopens After Repairs');
      expect(field(reply, '/quote [text] [speaker] [source] [line]')).toContain('/quote source:bridge.txt line:3');
      expect(field(reply, 'Checking a citation')).toContain('bridge.txt:3');
    } finally {
      await corpus.cleanup();
    }
  });
});
