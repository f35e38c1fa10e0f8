import type { Core } from '@strapi/strapi';
import { syncDerivedIndexes, type Knex } from '../indexes';

/**
 * Articles that were withheld or restored: every derived index drops them or takes them back.
 * Each index applies takedown/visibility.ts's rule in its own sync (the fingerprint index keeps
 * withheld copies on purpose, see fingerprints/sync.ts).
 */
export async function onVisibilityChanged(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
  await syncDerivedIndexes(strapi, knex, documentIds);
}
