/**
 * The fingerprint index's queries: over its table (tables.ts), and the reads of Strapi's article
 * table it is built from. Each takes the knex handle to use: the write path passes its
 * transaction, reads pass the connection. The article reads test "published" by hand, not the
 * visibility rule: the index keeps withheld copies, so that a later reprint of a withheld story
 * is recognised.
 */
import type { Core } from '@strapi/strapi';
import { articleFingerprint, fingerprintBlocks, hammingDistance, NEAR_DUPLICATE_BITS, sameStory, type Fingerprint } from '../core/simhash';
import type { Knex } from '../db/derived-index';
import { chunks, insertInBatches } from '../db/sql';
import { ARTICLE } from '../db/uids';
import { wherePublished } from '../db/visibility';
import { BLOCK_COLUMNS, FINGERPRINT_TABLE } from './tables';

export async function findFingerprint(knex: Knex, documentId: string): Promise<Fingerprint | null> {
  const row = await knex(FINGERPRINT_TABLE).where('document_id', documentId).first('fingerprint');
  return row?.fingerprint ?? null;
}

export async function findFingerprints(knex: Knex, documentIds: readonly string[]): Promise<Map<string, Fingerprint>> {
  if (documentIds.length === 0) return new Map();
  const rows = await knex(FINGERPRINT_TABLE).whereIn('document_id', [...documentIds]).select('document_id', 'fingerprint');
  return new Map(rows.map((row: any) => [row.document_id, row.fingerprint]));
}

/** The indexed fingerprint and text digest of each of `documentIds` that has a row. */
export async function findIndexed(knex: Knex, documentIds: readonly string[]): Promise<Map<string, { fingerprint: Fingerprint; textHash: string | null }>> {
  const indexed = new Map<string, { fingerprint: Fingerprint; textHash: string | null }>();
  for (const ids of chunks(documentIds)) {
    const rows = await knex(FINGERPRINT_TABLE).whereIn('document_id', ids).select('document_id', 'fingerprint', 'text_hash');
    for (const row of rows) indexed.set(row.document_id, { fingerprint: row.fingerprint, textHash: row.text_hash ?? null });
  }
  return indexed;
}

/** New rows (the caller deleted any earlier row of these documents), in multi-row inserts. */
export async function saveFingerprints(knex: Knex, rows: readonly { documentId: string; fingerprint: Fingerprint; textHash: string | null }[]): Promise<void> {
  await insertInBatches(
    knex,
    FINGERPRINT_TABLE,
    rows.map(({ documentId, fingerprint, textHash }) => {
      const blocks = fingerprintBlocks(fingerprint);
      return { document_id: documentId, fingerprint, text_hash: textHash, ...Object.fromEntries(BLOCK_COLUMNS.map((column, i) => [column, blocks[i]])) };
    }),
  );
}

export async function deleteFingerprints(knex: Knex, documentIds: readonly string[]): Promise<void> {
  for (const ids of chunks(documentIds)) await knex(FINGERPRINT_TABLE).whereIn('document_id', ids).delete();
}

export interface NearCopy {
  documentId: string;
  distance: number;
}

/** A fingerprint index row that shares a block with a fingerprint: maybe a copy of its story. */
export interface CopyCandidate {
  document_id: string;
  fingerprint: Fingerprint;
}

/**
 * The rows sharing at least one block with `blocks` (an index lookup each): the candidates of a
 * near copy. The blocks are values, or column references of an outer statement (the related
 * list reads its candidates in the statement that reads the article).
 */
export function nearCopyCandidates(knex: Knex, blocks: readonly unknown[]) {
  return knex(`${FINGERPRINT_TABLE} as candidate`)
    .where((query) => {
      BLOCK_COLUMNS.forEach((column, i) => query.orWhere(`candidate.${column}`, blocks[i] as any));
    })
    .select('candidate.document_id', 'candidate.fingerprint');
}

/** The candidates within NEAR_DUPLICATE_BITS of `fingerprint` (the full distance checked), nearest first. */
export function nearCopiesAmong(fingerprint: Fingerprint, candidates: readonly CopyCandidate[]): NearCopy[] {
  return candidates
    .filter((row) => sameStory(fingerprint, row.fingerprint))
    .map((row) => ({ documentId: row.document_id, distance: hammingDistance(fingerprint, row.fingerprint) }))
    .sort((a, b) => a.distance - b.distance || (a.documentId < b.documentId ? -1 : 1));
}

/** Every indexed article within NEAR_DUPLICATE_BITS of `fingerprint`, nearest first. */
export async function findNearCopies(knex: Knex, fingerprint: Fingerprint): Promise<NearCopy[]> {
  return nearCopiesAmong(fingerprint, await nearCopyCandidates(knex, fingerprintBlocks(fingerprint)));
}

export { NEAR_DUPLICATE_BITS };

// ---------------------------------------------------------------------------
// The articles the index is built from

export interface PublishedText {
  fingerprint: () => Fingerprint;
  /** The write path's digest of headline and body (core/content-hash.ts). */
  textHash: string | null;
}

/** The published text of each of `documentIds` that has a published version, a query per 400. */
export async function readPublished(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, PublishedText>> {
  const table = strapi.db.metadata.get(ARTICLE).tableName;
  const published = new Map<string, PublishedText>();
  for (const ids of chunks(documentIds)) {
    const rows = await knex(table).whereIn('document_id', ids).where(wherePublished()).select('document_id', 'title', 'body', 'content_hash');
    for (const row of rows) {
      const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
      published.set(row.document_id, { fingerprint: () => articleFingerprint({ title: row.title, body }), textHash: row.content_hash ?? null });
    }
  }
  return published;
}

/** Every document id with a published version, in order. */
export async function publishedDocumentIds(strapi: Core.Strapi): Promise<string[]> {
  const rows = await strapi.db.connection(strapi.db.metadata.get(ARTICLE).tableName).where(wherePublished()).distinct('document_id').orderBy('document_id');
  return rows.map((row: { document_id: string }) => row.document_id);
}
