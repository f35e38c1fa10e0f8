/**
 * The related-articles index (behind `GET /api/articles/:idOrSlug/related`) as a derived index
 * (db/derived-index.ts): its rooms are tables, queries, sync, rebuild, check and read.
 */
import type { Core } from '@strapi/strapi';
import type { DerivedIndex, Knex } from '../db/derived-index';
import { checkRelated } from './check';
import { keepTiedChampions, readEpoch, updateListFloors } from './queries';
import { rebuildRelated, rebuildRelatedInSteps, rebuildUnderWay } from './rebuild';
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

/**
 * An import run's check between batches: the archive has doubled since the epoch, whatever its
 * size. Past AUTO_EPOCH_LIMIT a write's sync keeps the old epoch, whose champion thresholds then
 * let more postings in with every article (and a new term's, all of them): an import from empty
 * to 100,000 would read ever longer champion lists. A rebuild under way (another process's, or an
 * interrupted one) is left to its runner or to `npm run reindex`.
 */
async function outgrown(strapi: Core.Strapi): Promise<boolean> {
  const knex = strapi.db.connection;
  if (await rebuildUnderWay(knex)) return false;
  return epochOutgrown(knex, await readEpoch(knex), Infinity);
}

export const relatedIndex: DerivedIndex = {
  name: 'related',
  ensureTables,
  sync,
  // Two passes over the archive (key terms, then lists), reported as one.
  rebuild: (strapi, onProgress) =>
    rebuildRelatedInSteps(strapi, onProgress && ((done, total, step) => onProgress(step === 'lists' ? total + done : step === 'done' ? 2 * total : done, 2 * total))),
  check: checkRelated,
  outgrown,
};
