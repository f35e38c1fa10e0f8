import type { Core } from '@strapi/strapi';
import { syncRelatedIndex } from './indexer';

const ARTICLE = 'api::article.article';
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * The benchmark measures import throughput without indexing by setting this to `off` (read on
 * every write, so one process can compare both); nothing else should.
 */
export const INDEXING_SWITCH = 'KUAIZHAO_RELATED_INDEXING';

/**
 * Keeps the related-articles index in step with every write to an article, whichever way it
 * comes (admin, REST, GraphQL, import): all of them go through the Document Service. The index
 * is synced after the write, from what the database then holds, so `create` or `update` with
 * `status: 'published'` (which publish internally, past the middlewares) are covered as well as
 * an explicit publish. Write and index share one transaction: neither lands without the other.
 */
export function registerRelatedIndexing(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !WRITE_ACTIONS.has(context.action) || process.env[INDEXING_SWITCH] === 'off') return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) await syncRelatedIndex(strapi, documentId);
      return result;
    });
  });
}
