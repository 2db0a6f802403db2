import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { renderShardedReload, type ShardReloadOutcome } from '../../../src/commands/reload.js';
import {
  requestReloadEverywhere,
  serveShardReloads,
  ShardReloadRouter,
  type ManagerPort,
} from '../../../src/transports/discord/sharding.js';
import { UserError } from '../../../src/platform/errors.js';
import type { ReloadReport } from '../../../src/library/holder.js';
import { createLogger } from '../../../src/platform/log.js';

const log = createLogger({ level: 'silent' });

const report = (ms: number, extra: Partial<ReloadReport> = {}): ReloadReport => ({
  files: [
    { source: 'a.txt', change: 'added' },
    { source: 'b.txt', change: 'unchanged' },
  ],
  skipped: [],
  metadataProblems: [],
  articles: 2,
  articlesWithMetadata: 0,
  passages: 9,
  quotations: 3,
  ms,
  ...extra,
});

/**
 * A shard as the manager sees it (a discord.js Shard: `send` to the child, `message` and `death`
 * events from it), wired to the shard process's end of the channel (`port`). Messages are
 * delivered asynchronously, as over IPC.
 */
class FakeShard extends EventEmitter {
  alive = true;
  private readonly inbox = new EventEmitter();

  constructor(readonly id: number) {
    super();
  }

  send(message: unknown): Promise<this> {
    if (!this.alive) return Promise.reject(new Error(`Shard ${this.id}'s process does not exist`));
    setImmediate(() => this.inbox.emit('message', structuredClone(message)));
    return Promise.resolve(this);
  }

  /** The shard process's end. */
  readonly port: ManagerPort = {
    send: async (message) => {
      setImmediate(() => this.emit('message', structuredClone(message)));
    },
    onMessage: (listener) => {
      this.inbox.on('message', listener);
      return () => this.inbox.off('message', listener);
    },
  };

  die(): void {
    this.alive = false;
    this.emit('death');
  }
}

function cluster(count: number, options: { timeoutMs?: number } = {}) {
  const shards = Array.from({ length: count }, (_, id) => new FakeShard(id));
  const router = new ShardReloadRouter({ shards: () => shards, log, ...options });
  for (const shard of shards) router.attach(shard);
  return { shards, router };
}

describe('reloading every shard', () => {
  it('GIVEN a reload asked for on shard 1 THEN every shard reloads once and shard 1 gets every outcome, in shard order', async () => {
    const { shards } = cluster(3);
    const calls = [0, 0, 0];
    shards.forEach((shard) =>
      serveShardReloads(
        shard.port,
        () => {
          calls[shard.id] = (calls[shard.id] ?? 0) + 1;
          return Promise.resolve(report(10 * (shard.id + 1)));
        },
        log,
      ),
    );
    const outcomes = await requestReloadEverywhere(shards[1]!.port);
    expect(calls).toEqual([1, 1, 1]);
    expect(outcomes.map((o) => [o.shard, o.ok])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    expect(outcomes[2]).toEqual({ shard: 2, ok: true, report: report(30) });
  });

  it('GIVEN two shards asking at once THEN they share one reload of every shard', async () => {
    const { shards } = cluster(2);
    let calls = 0;
    for (const shard of shards) {
      serveShardReloads(
        shard.port,
        () => {
          calls += 1;
          return new Promise<ReloadReport>((resolve) => setTimeout(() => resolve(report(5)), 20));
        },
        log,
      );
    }
    const [first, second] = await Promise.all([requestReloadEverywhere(shards[0]!.port), requestReloadEverywhere(shards[1]!.port)]);
    expect(calls).toBe(2);
    expect(first).toEqual(second);
  });

  it('GIVEN a failing, a dead, a dying, a silent and a starting shard THEN each is a named failure and the others still reload', async () => {
    const { shards } = cluster(6, { timeoutMs: 200 });
    const [ok, failing, dead, dying, silent, starting] = shards as [FakeShard, FakeShard, FakeShard, FakeShard, FakeShard, FakeShard];
    serveShardReloads(ok.port, () => Promise.resolve(report(7)), log);
    serveShardReloads(failing.port, () => Promise.reject(new UserError('The corpus folder /x cannot be read (not found).')), log);
    dead.alive = false;
    serveShardReloads(dying.port, () => new Promise<ReloadReport>(() => setImmediate(() => dying.die())), log);
    serveShardReloads(silent.port, () => new Promise<ReloadReport>(() => undefined), log);
    serveShardReloads(starting.port, () => undefined, log);

    const outcomes = await requestReloadEverywhere(ok.port);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual([
      'ok',
      'The corpus folder /x cannot be read (not found).',
      'it is not running',
      'its process exited during the reload',
      'it did not answer within 0 s',
      'it is still starting (it reads the articles as they are now when it has started)',
    ]);
  });

  it('GIVEN an unexpected error in a shard THEN only an error id is passed on, not the error', async () => {
    const { shards } = cluster(1);
    serveShardReloads(shards[0]!.port, () => Promise.reject(new Error('ENOMEM at /secret/path')), log);
    const [outcome] = await requestReloadEverywhere(shards[0]!.port);
    expect(outcome).toMatchObject({
      ok: false,
      userError: false,
      reason: expect.stringMatching(/^an unexpected error \(error id [0-9A-F]{8}\)$/),
    });
  });

  it('GIVEN no manager answers THEN the request fails after its timeout', async () => {
    const silentPort: ManagerPort = { send: async () => undefined, onMessage: () => () => undefined };
    await expect(requestReloadEverywhere(silentPort, 50)).rejects.toThrow(/did not answer a reload request/);
  });
});

describe('renderShardedReload', () => {
  const ok = (shard: number, ms: number): ShardReloadOutcome => ({ shard, ok: true, report: report(ms) });

  it('GIVEN every shard reloaded THEN the first shard’s report, timed by the slowest, and how many shards', () => {
    const reply = renderShardedReload([ok(1, 40), ok(0, 12)]);
    expect(reply.title).toBe('Reloaded the articles');
    expect(reply.body.join('')).toBe(
      '2 articles, 9 passages, 3 quotations, in 40 ms.\nFiles: 1 added, 0 changed, 0 removed, 1 unchanged.\nReloaded on 2 of 2 shards.',
    );
    expect(reply.fields).toEqual([{ name: 'Added', value: [{ code: 'a.txt' }] }]);
    expect(reply.tone).toBe('notice');
    expect(reply.ephemeral).toBe(true);
  });

  it('GIVEN one shard failed THEN it is named with why, as a warning', () => {
    const reply = renderShardedReload([ok(0, 5), { shard: 1, ok: false, reason: 'it is not running', userError: false }]);
    expect(reply.body.join('')).toMatch(/\nReloaded on 1 of 2 shards\.\nShard 1 did not reload: it is not running\.$/);
    expect(reply.tone).toBe('warning');
  });

  it('GIVEN every shard failed for the same reason THEN that reason as a UserError', () => {
    const reason = 'The corpus folder /x cannot be read (not found).';
    const failed = (shard: number): ShardReloadOutcome => ({ shard, ok: false, reason, userError: true });
    expect(() => renderShardedReload([failed(0), failed(1)])).toThrow(
      new UserError(`${reason} No shard reloaded; the previous articles keep serving.`),
    );
  });

  it('GIVEN every shard failed for different reasons THEN each shard’s reason', () => {
    expect(() =>
      renderShardedReload([
        { shard: 0, ok: false, reason: 'an unexpected error (error id 0123ABCD)', userError: false },
        { shard: 1, ok: false, reason: 'it is not running', userError: false },
      ]),
    ).toThrow(
      new UserError(
        'No shard reloaded; the previous articles keep serving.\nShard 0 did not reload: an unexpected error (error id 0123ABCD).\nShard 1 did not reload: it is not running.',
      ),
    );
  });
});
