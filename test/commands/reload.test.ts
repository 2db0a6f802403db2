import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/platform/errors.js';
import { reloadCommand, renderReload } from '../../src/commands/reload.js';
import { plainText } from '../../src/commands/reply.js';
import type { CommandContext } from '../../src/commands/types.js';

describe('/reload permission', () => {
  it('GIVEN a requester who is not an admin THEN a refusal naming who may; GIVEN an admin THEN no refusal', () => {
    const as = (admin: boolean) => ({ requester: { admin, admins: 'the moderators' } }) as unknown as CommandContext;
    const refusal = reloadCommand.permit?.(as(false));
    expect(refusal && plainText(refusal.body)).toBe('Only the moderators can reload the articles. Nothing was reloaded.');
    expect(refusal?.ephemeral).toBe(true);
    expect(reloadCommand.permit?.(as(true))).toBeUndefined();
  });
});

describe('renderReload', () => {
  it('GIVEN a report THEN totals, the changed files by kind, and skipped files with why', () => {
    const reply = renderReload({
      files: [
        { source: 'a.txt', change: 'added' },
        { source: 'b.txt', change: 'changed' },
        { source: 'c.txt', change: 'unchanged' },
        { source: 'd.txt', change: 'removed' },
      ],
      skipped: [{ source: 'e.txt', reason: 'empty file' }],
      metadataProblems: [],
      articles: 3,
      articlesWithMetadata: 0,
      passages: 42,
      quotations: 7,
      ms: 12,
    });
    expect(reply.body).toEqual([
      '3 articles, 42 passages, 7 quotations, in 12 ms.\nFiles: 1 added, 1 changed, 1 removed, 1 unchanged, 1 skipped.',
    ]);
    expect(reply.fields).toEqual([
      { name: 'Added', value: [{ code: 'a.txt' }] },
      { name: 'Changed', value: [{ code: 'b.txt' }] },
      { name: 'Removed', value: [{ code: 'd.txt' }] },
      { name: 'Skipped (1)', value: [{ code: 'e.txt' }, ': empty file'], file: 'skipped-files.txt' },
    ]);
    expect(reply.ephemeral).toBe(true);
  });

  it('GIVEN metadata problems THEN a Metadata field lists each with its article, and the body counts the articles with details', () => {
    const reply = renderReload({
      files: [{ source: 'a.txt', change: 'unchanged' }],
      skipped: [],
      metadataProblems: [
        { source: 'a.txt', reason: 'url must be a web address starting with http:// or https://; it is ignored' },
        { source: 'gone.txt', reason: 'no such article in the folder; its entry is ignored' },
      ],
      articles: 1,
      articlesWithMetadata: 1,
      passages: 4,
      quotations: 0,
      ms: 5,
    });
    expect(reply.body).toEqual([
      '1 article, 4 passages, in 5 ms.\nFiles: 0 added, 0 changed, 0 removed, 1 unchanged.',
      '\nPublication details from sources.json: 1 article.',
    ]);
    expect(reply.fields).toEqual([
      {
        name: 'Metadata (2 problems in sources.json)',
        value: [
          { code: 'a.txt' },
          ': ',
          'url must be a web address starting with http:// or https://; it is ignored',
          '\n',
          { code: 'gone.txt' },
          ': ',
          'no such article in the folder; its entry is ignored',
        ],
        file: 'metadata-problems.txt',
      },
    ]);
  });

  it('GIVEN a sidecar that is not JSON THEN the problem is listed without an article name', () => {
    const reply = renderReload({
      files: [{ source: 'a.txt', change: 'unchanged' }],
      skipped: [],
      metadataProblems: [{ reason: 'not valid JSON (Unexpected end of JSON input)' }],
      articles: 1,
      articlesWithMetadata: 0,
      passages: 4,
      quotations: 0,
      ms: 5,
    });
    expect(reply.body[1]).toBe('\nPublication details from sources.json: 0 articles.');
    expect(reply.fields).toEqual([
      {
        name: 'Metadata (1 problem in sources.json)',
        value: ['not valid JSON (Unexpected end of JSON input)'],
        file: 'metadata-problems.txt',
      },
    ]);
  });
});

describe('/reload that fails', () => {
  it('GIVEN a reload refused with a reason THEN the admin is told the old articles keep serving, and the log says so too', async () => {
    const warnings: Array<{ fields: unknown; message: string }> = [];
    const ctx = {
      requester: { admin: true, admins: 'the moderators' },
      holder: { reload: () => Promise.reject(new UserError('The corpus folder cannot be read')) },
      log: { warn: (fields: unknown, message: string) => warnings.push({ fields, message }), info: () => {} },
    } as unknown as CommandContext;
    await expect(reloadCommand.run({}, ctx)).rejects.toThrow(
      'The corpus folder cannot be read. Nothing was reloaded; the articles from before keep serving.',
    );
    expect(warnings).toEqual([
      { fields: { reason: 'The corpus folder cannot be read' }, message: 'Reload failed; the previous corpus keeps serving' },
    ]);
  });
});
