import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';
import { publishedDocumentIds } from './queries';
import { publishedFingerprints } from './sync';
import { FINGERPRINT_TABLE } from './tables';

const BATCH = 200;

/** Differences between the stored fingerprints and those of the published texts, as readable lines. */
export async function checkFingerprints(strapi: Core.Strapi): Promise<string[]> {
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
}
