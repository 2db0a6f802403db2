import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { SEEDS_DIR } from '../support/seeds.js';
import { snowflake, type CommandInit, type DiscordServer, type JsonObject, type RecordedRequest } from '../support/discord-server.js';

/** An article written to stress rendering: a 6,000-character paragraph full of markdown characters, and mentions. */
export const STRESS_ARTICLE = 'zz_stress.txt';
export const STRESS_ANSWER = 'The Ardent Cooperative of *star* miners mines zephyrite under the lake, said its __chair__ > Ms. Vale.';

function stressArticle(): string {
  const sentences = Array.from(
    { length: 60 },
    (_, i) => `Report ${i + 1}: the zephyrite_crews of ~Lake~ Ardent > dig with \`picks\` under #Valley|${i} skies * stars.`,
  );
  sentences.splice(30, 0, STRESS_ANSWER);
  return [
    'Zephyrite *Miners* Strike Gold in the | Valley',
    '',
    sentences.join(' '),
    '',
    'Zephyrite prices rose after the cooperative’s strike; @everyone in the valley <@123456789012345678> celebrated.',
    '',
  ].join('\n');
}

/** A fresh corpus folder: the seed articles plus the stress article. */
export async function makeCorpus(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'citebot-e2e-'));
  for (const name of await readdir(SEEDS_DIR)) await copyFile(path.join(SEEDS_DIR, name), path.join(dir, name));
  await writeFile(path.join(dir, STRESS_ARTICLE), stressArticle());
  return dir;
}

/** Every message body the bot sent: initial responses and updates (callbacks 4 and 7) and webhook posts and edits. */
export function sentMessages(requests: readonly RecordedRequest[]): Array<{ request: RecordedRequest; message: JsonObject }> {
  const out: Array<{ request: RecordedRequest; message: JsonObject }> = [];
  for (const request of requests) {
    if (/\/interactions\/\d+\/[^/]+\/callback$/.test(request.path)) {
      if (request.body?.type === 4 || request.body?.type === 7) out.push({ request, message: request.body.data ?? {} });
    } else if (/\/webhooks\/\d+\/[^/]+/.test(request.path) && (request.method === 'POST' || request.method === 'PATCH')) {
      out.push({ request, message: request.body ?? {} });
    }
  }
  return out;
}

/** The ways a message breaks Discord's limits, in words (empty when it keeps them). */
export function limitViolations(message: JsonObject): string[] {
  const problems: string[] = [];
  const length = (value: unknown) => (typeof value === 'string' ? value.length : 0);
  if (length(message.content) > 2000) problems.push('content > 2000');
  const embeds: JsonObject[] = Array.isArray(message.embeds) ? message.embeds : [];
  let total = 0;
  for (const embed of embeds) {
    const fields: JsonObject[] = Array.isArray(embed.fields) ? embed.fields : [];
    if (length(embed.title) > 256) problems.push('title > 256');
    if (length(embed.description) > 4096) problems.push('description > 4096');
    if (fields.length > 25) problems.push('fields > 25');
    for (const field of fields) {
      if (length(field.name) > 256) problems.push('field name > 256');
      if (length(field.value) > 1024) problems.push('field value > 1024');
      if (length(field.value) === 0 || length(field.name) === 0) problems.push('empty field');
      total += length(field.name) + length(field.value);
    }
    if (length(embed.footer?.text) > 2048) problems.push('footer > 2048');
    total += length(embed.title) + length(embed.description) + length(embed.footer?.text);
  }
  if (total > 6000) problems.push('embeds > 6000 in total');
  return problems;
}

/**
 * Slash commands sent to the test server, from a new user each time (so the per-user cooldown
 * never interferes) unless one is given, and the message an interaction got back. The server is
 * read when a command is sent: test files start theirs in `beforeAll`.
 */
export function commandsTo(server: () => DiscordServer) {
  return {
    command: (name: string, options?: CommandInit['options'], init: Partial<CommandInit> = {}) =>
      server().sendCommand({ name, ...(options ? { options } : {}), userId: snowflake(), ...init }),
    /** The data of the message an interaction was answered with (callback type 4). */
    async callbackData(id: string): Promise<JsonObject> {
      const callback = await server().waitForCallback(id);
      expect(callback.body.type).toBe(4);
      return callback.body.data ?? {};
    },
  };
}
