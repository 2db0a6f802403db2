import { answerablePassages, type ArticleMeta } from '../corpus/types.js';
import { SOURCES } from './definitions.js';
import { truncate, type Inline, type Reply, type ReplyField, type ReplyPage } from './reply.js';
import { defineCommand } from './types.js';
import { plural } from '../text/plural.js';

/** Articles listed per page where replies page (the console shows them all). */
export const SOURCES_PER_PAGE = 10;

/** /sources: the articles answers come from, with their file names and passage counts, and where they were published when known. */
export const sourcesCommand = defineCommand(SOURCES, {
  run(_options, ctx) {
    const { corpus } = ctx.holder.current;
    const fields: ReplyField[] = corpus.articles.map((article) => {
      const passages = answerablePassages(article).length;
      return {
        name: truncate(article.title, 200),
        value: [{ code: article.source }, ` · ${plural(passages, 'passage')}`, ...publication(article.meta)],
      };
    });
    const pages: ReplyPage[] = [];
    for (let i = 0; i < fields.length; i += SOURCES_PER_PAGE) pages.push({ fields: fields.slice(i, i + SOURCES_PER_PAGE) });
    const count = corpus.articles.length;
    const skipped = corpus.skipped.length;
    const reply: Reply = {
      title: plural(count, 'article'),
      body: ['Answers come from these articles. Cite a line with ', { code: '/quote source:FILE line:N' }, '.'],
      fields: pages[0]?.fields ?? [],
      ...(skipped > 0 ? { footer: `${skipped} file${skipped === 1 ? ' was' : 's were'} skipped; /reload lists why.` } : {}),
      ephemeral: false,
      ...(pages.length > 1 ? { pages } : {}),
      tone: 'notice',
    };
    return reply;
  },
});

/**
 * An article's publication details as a line of its own: the publisher (linked to the article
 * when its address is known, else the address's host is the link) and the date, as written in
 * the sidecar (YYYY-MM-DD, which reads the same everywhere). Nothing without details.
 */
export function publication(meta: ArticleMeta | undefined): Inline[] {
  if (!meta) return [];
  const parts: Inline[][] = [];
  const { url, publisher, published } = meta;
  if (url !== undefined) parts.push([{ link: publisher ?? (URL.canParse(url) ? new URL(url).host : url), url }]);
  else if (publisher !== undefined) parts.push([publisher]);
  if (published !== undefined) parts.push([published]);
  if (parts.length === 0) return [];
  return ['\n', ...parts.flatMap((part, i) => (i > 0 ? [' · ', ...part] : part))];
}
