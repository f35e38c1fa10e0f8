/**
 * Queries over the fingerprint table. Each takes the knex handle to use: the write path passes
 * its transaction, reads pass the connection.
 */
import { fingerprintBlocks, hammingDistance, NEAR_DUPLICATE_BITS, sameStory, type Fingerprint } from '../core/simhash';
import { BLOCK_COLUMNS, FINGERPRINT_TABLE } from './tables';

import type { Knex } from '../indexes/derived-index';

export type { Knex };

export interface StoredFingerprint {
  documentId: string;
  fingerprint: Fingerprint;
}

export async function findFingerprint(knex: Knex, documentId: string): Promise<Fingerprint | null> {
  const row = await knex(FINGERPRINT_TABLE).where('document_id', documentId).first('fingerprint');
  return row?.fingerprint ?? null;
}

export async function findFingerprints(knex: Knex, documentIds: readonly string[]): Promise<Map<string, Fingerprint>> {
  if (documentIds.length === 0) return new Map();
  const rows = await knex(FINGERPRINT_TABLE).whereIn('document_id', [...documentIds]).select('document_id', 'fingerprint');
  return new Map(rows.map((row: any) => [row.document_id, row.fingerprint]));
}

export async function findIndexed(knex: Knex, documentId: string): Promise<{ fingerprint: Fingerprint; textHash: string | null } | null> {
  const row = await knex(FINGERPRINT_TABLE).where('document_id', documentId).first('fingerprint', 'text_hash');
  return row ? { fingerprint: row.fingerprint, textHash: row.text_hash ?? null } : null;
}

export async function saveFingerprint(knex: Knex, documentId: string, fingerprint: Fingerprint, textHash: string | null): Promise<void> {
  const blocks = fingerprintBlocks(fingerprint);
  const row = { document_id: documentId, fingerprint, text_hash: textHash, ...Object.fromEntries(BLOCK_COLUMNS.map((column, i) => [column, blocks[i]])) };
  await knex(FINGERPRINT_TABLE).insert(row).onConflict('document_id').merge();
}

export async function deleteFingerprint(knex: Knex, documentId: string): Promise<void> {
  await knex(FINGERPRINT_TABLE).where('document_id', documentId).delete();
}

export interface NearCopy {
  documentId: string;
  distance: number;
}

/**
 * Every indexed article within NEAR_DUPLICATE_BITS of `fingerprint`: candidates by an exact
 * match on any one block (an index lookup each), then the full distance checked.
 */
export async function findNearCopies(knex: Knex, fingerprint: Fingerprint): Promise<NearCopy[]> {
  const blocks = fingerprintBlocks(fingerprint);
  const rows = await knex(FINGERPRINT_TABLE)
    .where((query) => {
      BLOCK_COLUMNS.forEach((column, i) => query.orWhere(column, blocks[i]));
    })
    .select('document_id', 'fingerprint');
  return rows
    .filter((row: any) => sameStory(fingerprint, row.fingerprint))
    .map((row: any) => ({ documentId: row.document_id as string, distance: hammingDistance(fingerprint, row.fingerprint) }))
    .sort((a: NearCopy, b: NearCopy) => a.distance - b.distance || (a.documentId < b.documentId ? -1 : 1));
}

export { NEAR_DUPLICATE_BITS };
