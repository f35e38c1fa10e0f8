import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';
import { clearEntries, countSearchable, insertEntries, searchablePage, settleAfterRebuild } from './queries';
import { entryOf } from './sync';
import { dialectOf, ensureSearchTables } from './tables';

/** Articles read and written per step of a rebuild or check. */
export const PAGE = 500;

export async function rebuildSearch(strapi: Core.Strapi, onProgress?: (done: number, total: number) => void): Promise<void> {
  const dialect = dialectOf(strapi);
  await ensureSearchTables(strapi);
  // One transaction: readers keep the old index until the new one is complete.
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    const total = await countSearchable(strapi, knex);
    await clearEntries(knex, dialect);
    let done = 0;
    for (let afterId = 0; ; ) {
      const page = await searchablePage(strapi, knex, afterId, PAGE);
      if (page.length === 0) break;
      await insertEntries(knex, dialect, page.map((article) => entryOf(article)));
      afterId = page[page.length - 1].id;
      done += page.length;
      onProgress?.(done, total);
    }
    await settleAfterRebuild(knex, dialect);
  });
}
