/**
 * What an import needs from the capture history: every imported page is a capture of its
 * article (recorded from the page as read, so exporting it gives the page back byte for byte),
 * and the article shows the latest capture only. Any import path (file by file or in bulk)
 * calls these where it has matched or created the article.
 */
import type { Core } from '@strapi/strapi';
import type { ArticleInput } from '../core/article-input';
import { contentHash } from '../core/content-hash';
import { isoOfStored } from '../db/time';
import { ARTICLE } from '../db/uids';
import { latestCaptureTime } from './capture-store';
import { recordCapture, recordFirstCaptures, type CaptureOutcome } from './recording';


async function articleSnapshotAt(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  const row = await strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, select: ['snapshotAt'] });
  return isoOfStored(row?.snapshotAt);
}

/** Records the imported page as a capture of the article (a page without a time is captured when the article was). */
export async function recordImportedCapture(strapi: Core.Strapi, documentId: string, record: ArticleInput): Promise<CaptureOutcome> {
  const snapshotAt = record.snapshotAt ?? (await articleSnapshotAt(strapi, documentId));
  if (!snapshotAt) return 'known';
  return recordCapture(strapi, documentId, { record, snapshotAt, via: 'import' });
}

/**
 * recordImportedCapture for new articles (written by the bulk import, with no history yet), in
 * one statement. `snapshotAt` is each article's own, as stamped: a page without a time is
 * captured when the article was.
 */
export async function recordFirstImportedCaptures(
  strapi: Core.Strapi,
  articles: { documentId: string; record: ArticleInput; snapshotAt: string | null }[],
): Promise<void> {
  await recordFirstCaptures(
    strapi,
    articles.flatMap(({ documentId, record, snapshotAt }) => {
      const at = record.snapshotAt ?? snapshotAt;
      return at ? [{ articleDocumentId: documentId, capture: { record, snapshotAt: at, via: 'import' as const } }] : [];
    }),
  );
}

/** Whether the page was captured before what the article shows (its latest capture): history only. */
export async function isOlderCapture(strapi: Core.Strapi, documentId: string, record: ArticleInput): Promise<boolean> {
  if (!record.snapshotAt) return false;
  const times = [await latestCaptureTime(strapi, documentId), await articleSnapshotAt(strapi, documentId)].filter(
    (time): time is string => time !== null,
  );
  return times.some((time) => Date.parse(record.snapshotAt!) < Date.parse(time));
}

/**
 * The page as the article would show it once imported. A later capture of the same text is a
 * revisit: the article keeps the time its text was first captured (the write path moves the
 * time only for other text, see core/article-rules.ts), so that time is what to compare.
 */
export function asShownBy(stored: ArticleInput, record: ArticleInput): ArticleInput {
  if (!record.snapshotAt || !stored.snapshotAt) return record;
  const sameText = contentHash(record.title, record.paragraphs) === contentHash(stored.title, stored.paragraphs);
  return sameText ? { ...record, snapshotAt: stored.snapshotAt } : record;
}
