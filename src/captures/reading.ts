/**
 * Reading the capture history: an article's captures, the captures of an address (Memento),
 * and the page a capture holds. Public paths see the captures of publicly visible articles that
 * their published version has reached (db/visibility.ts), never one of an unpublished edit.
 */
import type { Core } from '@strapi/strapi';
import type { ArticleInput } from '../core/article-input';
import { canonicalUrl } from '../core/canonical-url';
import { captureInForce } from '../core/memento';
import { ARTICLE } from '../db/uids';
import { isPublishedCapture, visibleSnapshotTimes, WITHHELD_ATTRIBUTE } from '../db/visibility';
import { findCapture, findCaptures, type StoredCapture } from './capture-store';

/** An article's captures, oldest first, published or not: for editors, API tokens and the export. */
export function capturesOfArticle(strapi: Core.Strapi, articleDocumentId: string): Promise<StoredCapture[]> {
  return findCaptures(strapi, { articleDocumentId });
}

/** The captures among these that the public may read (db/visibility.ts's isPublishedCapture). */
async function publishedAmong(strapi: Core.Strapi, captures: StoredCapture[]): Promise<StoredCapture[]> {
  const shown = await visibleSnapshotTimes(strapi, captures.map((capture) => capture.articleDocumentId));
  return captures.filter((capture) => isPublishedCapture(capture.snapshotAt, shown.get(capture.articleDocumentId)));
}

/** An article's public captures, oldest first: none unless it is visible, and none of an unpublished edit. */
export async function publishedCapturesOfArticle(strapi: Core.Strapi, articleDocumentId: string): Promise<StoredCapture[]> {
  return publishedAmong(strapi, await capturesOfArticle(strapi, articleDocumentId));
}

/** Which of these articles are withheld by a takedown now (takedown/withholding.ts). */
async function withheldAmong(strapi: Core.Strapi, documentIds: string[]): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const rows = await strapi.db.query(ARTICLE).findMany({
    where: { documentId: { $in: documentIds }, [WITHHELD_ATTRIBUTE]: { $notNull: true } },
    select: ['documentId'],
  });
  return [...new Set(rows.map((row: { documentId: string }) => row.documentId))];
}

/**
 * Whether what a Memento route addresses (a page address, or one capture) was captured from an
 * article withheld by a takedown: then it answers 451 rather than 404 (as pywb does for blocked
 * captures). Asked only once the visible captures came back empty.
 */
export async function isWithheldCapture(strapi: Core.Strapi, address: { url: string } | { documentId: string }): Promise<boolean> {
  if ('documentId' in address) {
    const capture = await findCapture(strapi, { documentId: address.documentId });
    return capture !== null && (await withheldAmong(strapi, [capture.articleDocumentId])).length > 0;
  }
  const key = canonicalUrl(address.url);
  if (!key) return false;
  const captures = await findCaptures(strapi, { canonicalUrl: key });
  return (await withheldAmong(strapi, [...new Set(captures.map((capture) => capture.articleDocumentId))])).length > 0;
}

/**
 * The captures of a page address, however it is written, that the public may read, oldest
 * first; [] for an address never captured (or not an http(s) address).
 */
export async function publishedCapturesOfUrl(strapi: Core.Strapi, url: string): Promise<StoredCapture[]> {
  const key = canonicalUrl(url);
  if (!key) return [];
  return publishedAmong(strapi, await findCaptures(strapi, { canonicalUrl: key }));
}

/** One capture by its documentId, when the public may read it. */
export async function publishedCapture(strapi: Core.Strapi, documentId: string): Promise<StoredCapture | null> {
  const capture = await findCapture(strapi, { documentId });
  if (!capture) return null;
  const [published] = await publishedAmong(strapi, [capture]);
  return published ?? null;
}

/** The page as this capture saw it; a revisit shows the page it repeats, at its own time and address. */
export async function pageOfCapture(strapi: Core.Strapi, capture: StoredCapture): Promise<ArticleInput> {
  if (capture.record) return capture.record;
  const repeated = await findCapture(strapi, { id: capture.revisitOf });
  if (!repeated?.record) throw new Error(`capture ${capture.documentId} revisits capture ${capture.revisitOf}, which holds no page`);
  return {
    ...repeated.record,
    snapshotAt: repeated.record.snapshotAt === null ? null : capture.snapshotAt,
    originalUrl: capture.originalUrl,
  };
}

/** The page of the article's capture in force at `at` (the latest taken at or before it), or null. */
export async function pageAt(strapi: Core.Strapi, articleDocumentId: string, at: Date): Promise<ArticleInput | null> {
  const captures = await capturesOfArticle(strapi, articleDocumentId);
  const capture = captureInForce(captures, at);
  return capture ? pageOfCapture(strapi, capture) : null;
}
