import type { Core } from '@strapi/strapi';
import { fingerprintIndex } from '../fingerprints';
import type { Knex } from '../fingerprints/store';
import { syncRelatedIndex } from '../related/indexer';

/**
 * Articles that were withheld or restored: every derived index must drop them or take them back.
 * MERGE: point this at the generic list of derived indexes (src/indexes/), calling each one's
 * `sync(strapi, knex, documentIds)`; the indexes apply takedown/visibility.ts's rule in their sync.
 */
export async function onVisibilityChanged(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
  await fingerprintIndex.sync(strapi, knex, documentIds);
  for (const documentId of documentIds) await syncRelatedIndex(strapi, documentId);
}
