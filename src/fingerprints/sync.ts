/**
 * Write-time sync: the fingerprint of each article's published version, computed from its
 * headline and body (core/simhash.ts). An article without a published version has none.
 */
import type { Core } from '@strapi/strapi';
import { articleFingerprint, type Fingerprint } from '../core/simhash';
import { chunks } from '../indexes/sql';
import { ARTICLE } from '../takedown/visibility';
import { deleteFingerprints, findIndexed, saveFingerprints, type Knex } from './store';

interface PublishedText {
  fingerprint: () => Fingerprint;
  /** The write path's digest of headline and body (core/content-hash.ts). */
  textHash: string | null;
}

/** The published text of each of `documentIds` that has a published version, a query per 400. */
async function readPublished(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, PublishedText>> {
  const table = strapi.db.metadata.get(ARTICLE).tableName;
  const published = new Map<string, PublishedText>();
  for (const ids of chunks(documentIds)) {
    const rows = await knex(table).whereIn('document_id', ids).whereNotNull('published_at').select('document_id', 'title', 'body', 'content_hash');
    for (const row of rows) {
      const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
      published.set(row.document_id, { fingerprint: () => articleFingerprint({ title: row.title, body }), textHash: row.content_hash ?? null });
    }
  }
  return published;
}

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
