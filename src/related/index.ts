/**
 * The related-articles index (behind `GET /api/articles/:idOrSlug/related`) as a derived index
 * (db/derived-index.ts): its rooms are tables, queries, sync, rebuild, check and read.
 */
import type { Core } from '@strapi/strapi';
import type { DerivedIndex, Knex } from '../db/derived-index';
import { checkRelated } from './check';
import { keepTiedChampions, updateListFloors } from './queries';
import { rebuildRelated, rebuildRelatedInSteps } from './rebuild';
import { epochOutgrown, syncDocuments, syncLists } from './sync';
import { ensureRelatedTables } from './tables';

async function ensureTables(strapi: Core.Strapi): Promise<void> {
  const added = await ensureRelatedTables(strapi);
  // An index of an earlier version: its lists' last entries, and its thresholds' documents, recorded now, once.
  if (added.listFloorKeys) await updateListFloors(strapi.db.connection);
  if (added.thresholdDocuments) await keepTiedChampions(strapi.db.connection);
}

/**
 * The write-time sync: the work per article is bounded whatever the archive's size (sync.ts).
 * A small archive that has doubled takes a new epoch instead: its rebuild recomputes every list,
 * so the lists are not worked out first (an import into an empty archive would do it twice).
 */
async function sync(strapi: Core.Strapi, knex: Knex, documentIds: string[]): Promise<void> {
  const synced = await syncDocuments(strapi, knex, documentIds, { listOwners: true });
  if (!synced) return;
  if (await epochOutgrown(knex, synced.epoch)) return rebuildRelated(strapi, knex);
  await syncLists(knex, synced);
}

export const relatedIndex: DerivedIndex = {
  name: 'related',
  ensureTables,
  sync,
  // Two passes over the archive (key terms, then lists), reported as one.
  rebuild: (strapi, onProgress) =>
    rebuildRelatedInSteps(strapi, onProgress && ((done, total, step) => onProgress(step === 'lists' ? total + done : step === 'done' ? 2 * total : done, 2 * total))),
  check: checkRelated,
};
