import { describe, expect, it } from 'vitest';
import { helpCommand } from '../../src/commands/help.js';
import { plainText, type Reply } from '../../src/commands/reply.js';
import type { CommandContext, Requester, Surface } from '../../src/commands/types.js';
import { CONSOLE, CONSOLE_USER } from '../../src/transports/console.js';

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
