/**
 * The capture history's rows: one per capture of an article's page, written and read here only.
 * Rows go through the Query Engine, not the Document Service: a capture is a fact the archive
 * records, never a document someone edits (see read-only.ts), and inside the importer's or the
 * write's transaction the Query Engine joins it.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { ArticleInput } from '../core/article-input';
import { isoOfStored } from '../db/time';
import { CAPTURE } from '../db/uids';

export type CaptureVia = 'import' | 'api';

export interface StoredCapture {
  id: number;
  documentId: string;
  articleDocumentId: string;
  /** ISO UTC. */
  snapshotAt: string;
  originalUrl: string | null;
  canonicalUrl: string | null;
  capturedBy: string | null;
  digest: string;
  /** The capture whose text this one repeats, or null when it holds its own. */
  revisitOf: number | null;
  via: CaptureVia;
  /** The page as captured; null on a revisit. */
  record: ArticleInput | null;
}

export type NewCapture = Omit<StoredCapture, 'id' | 'documentId'> & { title: string | null };

function toStored(row: Record<string, any>): StoredCapture {
  const record = typeof row.record === 'string' ? JSON.parse(row.record) : (row.record ?? null);
  return {
    id: row.id,
    documentId: row.documentId,
    articleDocumentId: row.articleDocumentId,
    snapshotAt: isoOfStored(row.snapshotAt)!,
    originalUrl: row.originalUrl ?? null,
    canonicalUrl: row.canonicalUrl ?? null,
    capturedBy: row.capturedBy ?? null,
    digest: row.digest,
    revisitOf: row.revisitOf ?? null,
    via: row.via,
    record,
  };
}

const OLDEST_FIRST = [{ snapshotAt: 'asc' }, { id: 'asc' }];

export async function findCaptures(strapi: Core.Strapi, where: Record<string, unknown>): Promise<StoredCapture[]> {
  const rows = await strapi.db.query(CAPTURE).findMany({ where, orderBy: OLDEST_FIRST as any });
  return rows.map(toStored);
}

export async function findCapture(strapi: Core.Strapi, where: Record<string, unknown>): Promise<StoredCapture | null> {
  const row = await strapi.db.query(CAPTURE).findOne({ where });
  return row ? toStored(row) : null;
}

/** Document ids look like the Document Service's (24 lower-case characters), for the admin's sake. */
const newDocumentId = () => `c${randomBytes(12).toString('hex').slice(1)}`;

// A type without draft & publish is "published" from the start, as the Document Service stores it.
const captureData = (capture: NewCapture) => ({ ...capture, documentId: newDocumentId(), publishedAt: new Date() });

export async function insertCapture(strapi: Core.Strapi, capture: NewCapture): Promise<StoredCapture> {
  return toStored(await strapi.db.query(CAPTURE).create({ data: captureData(capture) }));
}

/** insertCapture for several, in multi-row inserts. */
export async function insertCaptures(strapi: Core.Strapi, captures: NewCapture[]): Promise<void> {
  if (captures.length > 0) await strapi.db.query(CAPTURE).createMany({ data: captures.map(captureData) });
}

/** The latest capture time of an article, or null when it has none. */
export async function latestCaptureTime(strapi: Core.Strapi, articleDocumentId: string): Promise<string | null> {
  const [row] = await strapi.db.query(CAPTURE).findMany({
    where: { articleDocumentId },
    select: ['snapshotAt'],
    orderBy: { snapshotAt: 'desc' },
    limit: 1,
  });
  return row ? isoOfStored(row.snapshotAt) : null;
}

/** The articles that have been captured at this canonical address, oldest capture first. */
export async function articlesCapturedAt(strapi: Core.Strapi, canonicalUrl: string): Promise<string[]> {
  const rows = await strapi.db.query(CAPTURE).findMany({
    where: { canonicalUrl },
    select: ['articleDocumentId'],
    orderBy: OLDEST_FIRST as any,
  });
  return [...new Set(rows.map((row: { articleDocumentId: string }) => row.articleDocumentId))];
}
