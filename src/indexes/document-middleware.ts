import type { Core } from '@strapi/strapi';
import { isRetryableConflict } from '../import/writer-lock';
import { syncDerivedIndexes } from '.';
import { indexingSwitchedOff, type Knex } from './derived-index';
import { lockIndexWriters } from './sql';

const ARTICLE = 'api::article.article';
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

const MAX_ATTEMPTS = 8;

/**
 * Keeps every derived index in step with every write to an article, whichever way it comes
 * (admin, REST, GraphQL, import): all of them go through the Document Service. The indexes are
 * synced after the write, from what the database then holds, so `create` or `update` with
 * `status: 'published'` (which publish internally, past the middlewares) are covered as well as
 * an explicit publish. Write and index share one transaction: neither lands without the other.
 * A deadlock or serialisation failure retries the whole write when this middleware opened the
 * transaction; inside someone else's (an import batch), that someone retries.
 */
export function registerDerivedIndexing(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !WRITE_ACTIONS.has(context.action) || indexingSwitchedOff()) return next();
    const outermost = !strapi.db.inTransaction();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await strapi.db.transaction(async ({ trx }) => {
          await lockIndexWriters(strapi, trx as unknown as Knex);
          const result = await next();
          const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
          if (documentId) await syncDerivedIndexes(strapi, trx as unknown as Knex, [documentId]);
          return result;
        });
      } catch (error) {
        if (!outermost || attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  });
}
