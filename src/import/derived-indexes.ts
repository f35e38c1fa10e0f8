/**
 * The one place the bulk import brings the derived indexes (related lists today; search,
 * fingerprints, captures as they come) in step with the documents it wrote, inside its batch
 * transaction. The Document Service path reaches them through its middleware instead; the bulk
 * path writes below it, so it calls this after each batch.
 */
import type { Core } from '@strapi/strapi';
import { INDEXING_SWITCH } from '../related/indexing';
import { syncRelatedIndex } from '../related/indexer';
import { searchIndex } from '../search/search-index';
import type { Knex } from './related-links';

/**
 * Syncs every derived index for these documents. `knex` is the batch transaction (today's
 * related index finds it itself, through Strapi's transaction context).
 */
export async function syncDerivedIndexes(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<void> {
  // The switch the benchmark uses to time writes without indexing, as the middleware honours it.
  if (process.env[INDEXING_SWITCH] === 'off') return;
  for (const documentId of documentIds) await syncRelatedIndex(strapi, documentId);
  await searchIndex.sync(strapi, knex as any, [...documentIds]);
}
