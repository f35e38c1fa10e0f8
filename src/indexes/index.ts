/**
 * Every index derived from the published articles, in one list: the Document Service middleware
 * syncs them all on every article write, writers below it (the bulk import) call
 * syncDerivedIndexes for their batch, and `npm run reindex` rebuilds and checks them all.
 */
import type { Core } from '@strapi/strapi';
import { fingerprintIndex } from '../fingerprints';
import { relatedIndex } from '../related';
import { searchIndex } from '../search/search-index';
import { indexingSwitchedOff, type DerivedIndex, type Knex } from './derived-index';

export { INDEXING_SWITCH, indexingSwitchedOff, type DerivedIndex, type Knex } from './derived-index';
/** Writers below the Document Service take it first in their transaction, as the middleware does (see sql.ts). */
export { lockIndexWriters } from './sql';

/**
 * Fingerprints first: withholding (takedown/withholding.ts) finds a story's copies through them,
 * and the others then read the `withheld_at` it decided.
 */
export const DERIVED_INDEXES: readonly DerivedIndex[] = [fingerprintIndex, relatedIndex, searchIndex];

export async function ensureDerivedIndexTables(strapi: Core.Strapi): Promise<void> {
  for (const index of DERIVED_INDEXES) await index.ensureTables(strapi);
}

/**
 * Brings every derived index in step with the published versions of `documentIds`, inside `knex`
 * (the writer's transaction, so an article and its index entries commit together). Meant for
 * batches: pass all the ids a transaction wrote at once.
 */
export async function syncDerivedIndexes(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  for (const index of DERIVED_INDEXES) if (!indexingSwitchedOff(index.name)) await index.sync(strapi, knex, documentIds);
}
