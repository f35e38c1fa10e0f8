/**
 * The related-articles index as a derived index (src/indexes): its tables (schema.ts), the
 * write-time sync and the rebuild (sync.ts), the check (check.ts). The read service is service.ts.
 */
import type { DerivedIndex } from '../indexes/derived-index';
import { checkRelated } from './check';
import { ensureRelatedTables } from './schema';
import { rebuildRelatedInSteps, syncRelated } from './sync';

export const relatedIndex: DerivedIndex = {
  name: 'related',
  ensureTables: ensureRelatedTables,
  sync: (strapi, knex, documentIds) => syncRelated(strapi, knex, documentIds),
  // Two passes over the archive (key terms, then lists), reported as one.
  rebuild: (strapi, onProgress) =>
    rebuildRelatedInSteps(strapi, onProgress && ((done, total, step) => onProgress(step === 'lists' ? total + done : step === 'done' ? 2 * total : done, 2 * total))),
  check: checkRelated,
};
