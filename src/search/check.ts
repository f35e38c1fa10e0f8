import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';
import { readAllFingerprints, readTotals, searchablePage } from './queries';
import { PAGE } from './rebuild';
import { fingerprintOf } from './sync';

/** Compares what each searchable article would be indexed from with what its entry was indexed from. */
export async function checkSearch(strapi: Core.Strapi): Promise<string[]> {
  const knex = strapi.db.connection as Knex;
  const stored = await readAllFingerprints(knex);
  const differences: string[] = [];
  for (let afterId = 0; ; ) {
    const page = await searchablePage(strapi, knex, afterId, PAGE);
    if (page.length === 0) break;
    for (const article of page) {
      const fingerprint = stored.get(article.documentId);
      if (fingerprint === undefined) differences.push(`search: ${article.documentId} is published but not indexed`);
      else if (fingerprint !== fingerprintOf(article)) differences.push(`search: ${article.documentId} is indexed from an older version`);
      stored.delete(article.documentId);
    }
    afterId = page[page.length - 1].id;
  }
  for (const documentId of stored.keys()) differences.push(`search: ${documentId} is indexed but not published`);
  const totals = await readTotals(knex);
  if (totals.stored.join() !== totals.counted.join()) {
    differences.push(`search: the totals row says ${totals.stored[0]} entries of ${totals.stored[1]} characters, the entries add up to ${totals.counted[0]} of ${totals.counted[1]}`);
  }
  return differences;
}
