import type { Core } from '@strapi/strapi';
import { searchIndex } from './search-index';
import type { Knex } from './tables';

const ARTICLE = 'api::article.article';
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * Keeps the search index in step with every article write (admin, REST, GraphQL, import), in the
 * write's own transaction, from what the database holds after it: as related/indexing.ts does
 * for the related index. Meant to be replaced by the one middleware over every derived index.
 */
export function registerSearchIndexing(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !WRITE_ACTIONS.has(context.action)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) await searchIndex.sync(strapi, trx as unknown as Knex, [documentId]);
      return result;
    });
  });
}
