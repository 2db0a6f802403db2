import { ReloadTimeoutError, type FileChange, type ReloadReport } from '../library/holder.js';
import { notice, type Inline, type Reply, type ReplyField } from './reply.js';
import { plural } from '../text/plural.js';
import { RELOAD } from './definitions.js';
import { UserError } from '../platform/errors.js';
import { METADATA_FILE } from '../corpus/metadata.js';
import { defineCommand, type CommandHandler } from './types.js';

/** /reload: re-reads the article folder beside the live index and swaps it in; a failure keeps the old one. */
export const reloadCommand = defineCommand(RELOAD, {
  defer: { ephemeral: true },
  // Who may is the transport's judgement (see Requester); a chat may show /reload to others anyway.
  permit(ctx) {
    if (ctx.requester.admin) return undefined;
    return notice(`Only ${ctx.requester.admins} can reload the articles. Nothing was reloaded.`, { tone: 'warning' });
  },
  async run(_options, ctx) {
    const report = await ctx.holder.reload().catch((error: unknown) => {
      // The person sees the reason; whoever runs the bot should see that a reload got stuck.
      if (error instanceof ReloadTimeoutError) {
        ctx.log.warn({ reason: error.message }, 'Reload given up at its deadline; the previous corpus keeps serving');
        throw error;
      }
      // An admin told only why ("cannot be read") may fear the bot lost its articles: it did not.
      // Whoever runs the bot sees it too, as a failed reload by the watcher is logged.
      if (error instanceof UserError) {
        ctx.log.warn({ reason: error.message }, 'Reload failed; the previous corpus keeps serving');
        throw new UserError(`${sentence(error.message)} Nothing was reloaded; the articles from before keep serving.`);
      }
      throw error;
    });
    ctx.log.info(
      {
        articles: report.articles,
        passages: report.passages,
        ms: report.ms,
        changes: countChanges(report),
        skipped: report.skipped.length,
        metadataProblems: report.metadataProblems.length,
      },
      'Reloaded the corpus',
    );
    return renderReload(report);
  },
});

function countChanges(report: ReloadReport): Record<FileChange, number> {
  const counts: Record<FileChange, number> = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const file of report.files) counts[file.change] += 1;
  return counts;
}

/** A reload report: totals, then the files that changed and the ones skipped, with why. */
export function renderReload(report: ReloadReport): Reply {
  const counts = countChanges(report);
  const summary = (['added', 'changed', 'removed', 'unchanged'] as const).map((change) => `${counts[change]} ${change}`).join(', ');
  const fields: ReplyField[] = [];
  for (const change of ['added', 'changed', 'removed'] as const) {
    const files = report.files.filter((f) => f.change === change);
    if (files.length === 0) continue;
    fields.push({ name: capitalize(change), value: files.flatMap((f, i): Inline[] => [...(i > 0 ? ['\n'] : []), { code: f.source }]) });
  }
  const skipped = report.skipped.length;
  if (skipped > 0) {
    fields.push({
      name: `Skipped (${skipped})`,
      value: report.skipped.flatMap((s, i): Inline[] => [...(i > 0 ? ['\n'] : []), { code: s.source }, `: ${s.reason}`]),
      // Thousands of skipped files do not fit a message: the whole list goes along as a file.
      file: 'skipped-files.txt',
    });
  }
  const problems = report.metadataProblems.length;
  if (problems > 0) {
    fields.push({
      name: `Metadata (${plural(problems, 'problem')} in ${METADATA_FILE})`,
      value: report.metadataProblems.flatMap((p, i): Inline[] => [
        ...(i > 0 ? ['\n'] : []),
        ...(p.source === undefined ? [] : [{ code: p.source }, ': ']),
        p.reason,
      ]),
      file: 'metadata-problems.txt',
    });
  }
  const quotations = report.quotations > 0 ? `, ${plural(report.quotations, 'quotation')}` : '';
  const skippedTotal = skipped > 0 ? `, ${skipped} skipped` : '';
  return {
    title: 'Reloaded the articles',
    body: [
      `${plural(report.articles, 'article')}, ${plural(report.passages, 'passage')}${quotations}, in ${report.ms} ms.\nFiles: ${summary}${skippedTotal}.`,
      ...metadataLine(report),
    ],
    fields,
    ephemeral: true,
    tone: 'notice',
  };
}

/** Whether the sidecar was taken into account, for an admin who just edited it (none said when there is no sidecar). */
function metadataLine(report: ReloadReport): string[] {
  const { articlesWithMetadata: described, metadataProblems: problems } = report;
  if (described === 0 && problems.length === 0) return [];
  return [`\nPublication details from ${METADATA_FILE}: ${plural(described, 'article')}.`];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** What one shard's reload came to. `reason` is safe to show to the person who asked. */
export type ShardReloadOutcome =
  | { readonly shard: number; readonly ok: true; readonly report: ReloadReport }
  | { readonly shard: number; readonly ok: false; readonly reason: string; readonly userError: boolean };

/**
 * /reload under sharding: the same permission check and deferral as `reloadCommand`, but it
 * reloads every shard and answers once for all of them.
 */
export function shardedReloadCommand(reloadEverywhere: () => Promise<readonly ShardReloadOutcome[]>): CommandHandler {
  return {
    ...reloadCommand,
    async run(_options, ctx) {
      const outcomes = await reloadEverywhere();
      const failed = outcomes.filter((o) => !o.ok).map((o) => o.shard);
      ctx.log.info({ shards: outcomes.length, failed }, 'Reloaded the corpus on every shard');
      return renderShardedReload(outcomes);
    },
  };
}

/** The command handlers with /reload replaced by its sharded form. */
export function withReloadEverywhere(
  handlers: ReadonlyMap<string, CommandHandler>,
  reloadEverywhere: () => Promise<readonly ShardReloadOutcome[]>,
): ReadonlyMap<string, CommandHandler> {
  const out = new Map(handlers);
  out.set(reloadCommand.name, shardedReloadCommand(reloadEverywhere));
  return out;
}

/**
 * One reply for all shards: the first reloaded shard's report (the shards read the same
 * folder), timed by the slowest shard, then how many shards reloaded and why any did not.
 * When none reloaded, a UserError saying why (the previous articles keep serving everywhere).
 */
export function renderShardedReload(outcomes: readonly ShardReloadOutcome[]): Reply {
  const sorted = [...outcomes].sort((a, b) => a.shard - b.shard);
  const reloaded = sorted.flatMap((o) => (o.ok ? [o] : []));
  const failed = sorted.flatMap((o) => (o.ok ? [] : [o]));
  const total = sorted.length;
  const failures = failed.map((f) => sentence(`Shard ${f.shard} did not reload: ${f.reason}`));
  const first = reloaded[0];
  if (!first) {
    const reasons = new Set(failed.map((f) => f.reason));
    const [only] = reasons;
    if (only !== undefined && reasons.size === 1 && failed.every((f) => f.userError)) {
      throw new UserError(`${sentence(only)} No shard reloaded; the previous articles keep serving.`);
    }
    throw new UserError(`No shard reloaded; the previous articles keep serving.\n${failures.join('\n')}`);
  }
  const reply = renderReload({ ...first.report, ms: Math.max(...reloaded.map((o) => o.report.ms)) });
  const summary = `Reloaded on ${reloaded.length} of ${total} ${total === 1 ? 'shard' : 'shards'}.`;
  return {
    ...reply,
    body: [...reply.body, `\n${[summary, ...failures].join('\n')}`],
    ...(failed.length > 0 ? { tone: 'warning' as const } : {}),
  };
}

function sentence(text: string): string {
  return /[.!?]$/u.test(text) ? text : `${text}.`;
}
