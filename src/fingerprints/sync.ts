/**
 * Write-time sync: the fingerprint of each article's published version, computed from its
 * headline and body (core/simhash.ts). An article without a published version has none.
 */
import type { Core } from '@strapi/strapi';
import { articleFingerprint, type Fingerprint } from '../core/simhash';
import { ARTICLE } from '../takedown/visibility';
import { deleteFingerprint, findIndexed, saveFingerprint, type Knex } from './store';

interface PublishedText {
  fingerprint: () => Fingerprint;
  /** The write path's digest of headline and body (core/content-hash.ts). */
  textHash: string | null;
}

async function readPublished(strapi: Core.Strapi, knex: Knex, documentId: string): Promise<PublishedText | null> {
  const row = await knex(strapi.db.metadata.get(ARTICLE).tableName)
    .where('document_id', documentId)
    .whereNotNull('published_at')
    .first('title', 'body', 'content_hash');
  if (!row) return null;
  const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
  return { fingerprint: () => articleFingerprint({ title: row.title, body }), textHash: row.content_hash ?? null };
}

/** The fingerprint of the article's published text, or null when it has no published version. */
export async function publishedFingerprint(strapi: Core.Strapi, knex: Knex, documentId: string): Promise<Fingerprint | null> {
  return (await readPublished(strapi, knex, documentId))?.fingerprint() ?? null;
}

export async function syncFingerprints(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<void> {
  for (const documentId of new Set(documentIds)) {
    const published = await readPublished(strapi, knex, documentId);
    if (published === null) {
      await deleteFingerprint(knex, documentId);
      continue;
    }
    const indexed = await findIndexed(knex, documentId);
    // The same digest is the same headline and body, hence the same fingerprint: skip the hashing.
    if (indexed && published.textHash !== null && indexed.textHash === published.textHash) continue;
    const fresh = published.fingerprint();
    if (indexed?.fingerprint !== fresh || indexed.textHash !== published.textHash) await saveFingerprint(knex, documentId, fresh, published.textHash);
  }
}
