import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../takedown/visibility';
import { fingerprintIndex } from './index';
import type { Knex } from './store';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * Keeps the fingerprint index in step with every article write, in the write's transaction, as
 * related/indexing.ts does for the related index. To be replaced by the generic index list.
 */
export function registerFingerprintIndexing(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !WRITE_ACTIONS.has(context.action)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) await fingerprintIndex.sync(strapi, trx as unknown as Knex, [documentId]);
      return result;
    });
  });
}
