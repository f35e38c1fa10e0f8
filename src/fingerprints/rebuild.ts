import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';
import { publishedDocumentIds } from './queries';
import { syncFingerprints } from './sync';
import { FINGERPRINT_TABLE } from './tables';

const BATCH = 200;

/** Every published article's fingerprint, computed again in one transaction: readers keep the old index until it commits. */
export async function rebuildFingerprints(strapi: Core.Strapi, onProgress?: (done: number, total: number) => void): Promise<void> {
  const documentIds = await publishedDocumentIds(strapi);
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    await knex(FINGERPRINT_TABLE).delete();
    for (let done = 0; done < documentIds.length; done += BATCH) {
      await syncFingerprints(strapi, knex, documentIds.slice(done, done + BATCH));
      onProgress?.(Math.min(done + BATCH, documentIds.length), documentIds.length);
    }
  });
}
