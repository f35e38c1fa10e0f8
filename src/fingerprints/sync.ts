/**
 * Write-time sync: the fingerprint of each article's published version, computed from its
 * headline and body (core/simhash.ts). An article without a published version has none.
 */
import type { Core } from '@strapi/strapi';
import { blocksToParagraphs } from '../core/body';
import { simhash, type Fingerprint } from '../core/simhash';
import { ARTICLE } from '../takedown/visibility';
import { deleteFingerprint, findFingerprint, saveFingerprint, type Knex } from './store';

/** The fingerprint of the article's published text, or null when it has no published version. */
export async function publishedFingerprint(strapi: Core.Strapi, knex: Knex, documentId: string): Promise<Fingerprint | null> {
  const row = await knex(strapi.db.metadata.get(ARTICLE).tableName)
    .where('document_id', documentId)
    .whereNotNull('published_at')
    .first('title', 'body');
  if (!row) return null;
  const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
  return simhash({ title: row.title ?? '', paragraphs: blocksToParagraphs(body) });
}

export async function syncFingerprints(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<void> {
  for (const documentId of new Set(documentIds)) {
    const fresh = await publishedFingerprint(strapi, knex, documentId);
    if (fresh === null) {
      await deleteFingerprint(knex, documentId);
    } else if ((await findFingerprint(knex, documentId)) !== fresh) {
      await saveFingerprint(knex, documentId, fresh);
    }
  }
}
