/**
 * Write-time sync: the fingerprint of each article's published version, computed from its
 * headline and body (core/simhash.ts). An article without a published version has none.
 */
import type { Core } from '@strapi/strapi';
import type { Fingerprint } from '../core/simhash';
import type { Knex } from '../db/derived-index';
import { deleteFingerprints, findIndexed, readPublished, saveFingerprints } from './queries';

/** The fingerprint of each article's published text; an article without a published version is absent. */
export async function publishedFingerprints(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, Fingerprint>> {
  const published = await readPublished(strapi, knex, documentIds);
  return new Map([...published].map(([documentId, text]) => [documentId, text.fingerprint()]));
}

/** A batch's fingerprints in a few statements: read what is published and indexed, delete the stale, insert the fresh. */
export async function syncFingerprints(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(documentIds)];
  const published = await readPublished(strapi, knex, ids);
  const indexed = await findIndexed(knex, ids);
  const stale: string[] = [];
  const fresh: { documentId: string; fingerprint: Fingerprint; textHash: string | null }[] = [];
  for (const documentId of ids) {
    const text = published.get(documentId);
    const row = indexed.get(documentId);
    if (!text) {
      if (row) stale.push(documentId);
      continue;
    }
    // The same digest is the same headline and body, hence the same fingerprint: skip the hashing.
    if (row && text.textHash !== null && row.textHash === text.textHash) continue;
    const fingerprint = text.fingerprint();
    if (row?.fingerprint === fingerprint && row.textHash === text.textHash) continue;
    if (row) stale.push(documentId);
    fresh.push({ documentId, fingerprint, textHash: text.textHash });
  }
  await deleteFingerprints(knex, stale);
  await saveFingerprints(knex, fresh);
}
