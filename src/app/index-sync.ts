import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../db/document-actions';
import { indexingSwitchedOff, syncDerivedIndexes, type Knex } from '../db/derived-index';
import { WRITE_ACTIONS } from '../db/document-actions';
import { ARTICLE } from '../db/uids';
import { lockWriters, retryOnConflict } from '../db/writers';

/**
 * Keeps every derived index in step with every write to an article, whichever way it comes
 * (admin, REST, GraphQL, import): all of them go through the Document Service. The indexes are
 * synced after the write, from what the database then holds, so `create` or `update` with
 * `status: 'published'` (which publish internally, past the middlewares) are covered as well as
 * an explicit publish. Write and index share one transaction: neither lands without the other.
 * A deadlock or serialisation failure retries the whole write when this middleware opened the
 * transaction; inside someone else's (an import batch), that someone retries.
 */
export function indexSync(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid !== ARTICLE || !WRITE_ACTIONS.has(context.action) || indexingSwitchedOff()) return next();
    const write = () =>
      strapi.db.transaction(async ({ trx }) => {
        await lockWriters(strapi, trx);
        const result = await next();
        const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
        if (documentId) await syncDerivedIndexes(strapi, trx as unknown as Knex, [documentId]);
        return result;
      });
    return strapi.db.inTransaction() ? write() : retryOnConflict(write);
  };
}
