/**
 * The fingerprint index as a derived index (indexes/derived-index.ts): tables at boot, write-time
 * sync, rebuild and check. It is in DERIVED_INDEXES, so the one Document Service middleware, the
 * bulk import and `npm run reindex` keep it in step like the others.
 */
import type { Core } from '@strapi/strapi';
import { jieba } from '../core/key-terms';
import { loadIdfTable } from '../core/simhash';
import { ARTICLE } from '../takedown/visibility';
import type { DerivedIndex } from '../indexes/derived-index';
import type { Knex } from './store';
import { publishedFingerprints, syncFingerprints } from './sync';
import { ensureFingerprintTable, FINGERPRINT_TABLE } from './tables';

const BATCH = 200;

async function publishedDocumentIds(strapi: Core.Strapi): Promise<string[]> {
  const rows = await strapi.db.connection(strapi.db.metadata.get(ARTICLE).tableName).whereNotNull('published_at').distinct('document_id').orderBy('document_id');
  return rows.map((row: any) => row.document_id);
}

export const fingerprintIndex: DerivedIndex = {
  name: 'fingerprints',
  async ensureTables(strapi) {
    await ensureFingerprintTable(strapi);
    // Half a second of parsing at boot, not in the first write (an import's first article) or
    // the first search; jieba's dictionary likewise (a quarter of a second).
    loadIdfTable();
    jieba();
  },
  sync: syncFingerprints,

  async rebuild(strapi, onProgress) {
    const documentIds = await publishedDocumentIds(strapi);
    await strapi.db.transaction(async ({ trx }) => {
      const knex = trx as unknown as Knex;
      await knex(FINGERPRINT_TABLE).delete();
      for (let done = 0; done < documentIds.length; done += BATCH) {
        await syncFingerprints(strapi, knex, documentIds.slice(done, done + BATCH));
        onProgress?.(Math.min(done + BATCH, documentIds.length), documentIds.length);
      }
    });
  },

  async check(strapi) {
    const knex = strapi.db.connection as Knex;
    const indexed = new Map<string, string>((await knex(FINGERPRINT_TABLE).select('document_id', 'fingerprint')).map((row: any) => [row.document_id, row.fingerprint]));
    const problems: string[] = [];
    const documentIds = await publishedDocumentIds(strapi);
    for (let done = 0; done < documentIds.length; done += BATCH) {
      const batch = documentIds.slice(done, done + BATCH);
      const fingerprints = await publishedFingerprints(strapi, knex, batch);
      for (const documentId of batch) {
        const expected = fingerprints.get(documentId) ?? null;
        const stored = indexed.get(documentId);
        if (stored === undefined) problems.push(`${documentId} is published but not indexed (expected ${expected})`);
        else if (stored !== expected) problems.push(`${documentId} is indexed as ${stored}, its published text gives ${expected}`);
        indexed.delete(documentId);
      }
    }
    for (const documentId of indexed.keys()) problems.push(`${documentId} is indexed but has no published version`);
    return problems;
  },
};
