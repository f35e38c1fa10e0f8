/**
 * Render back: a stored article printed as the snapshot page it was read from. The record comes
 * from the stored fields only, so what the export prints is what the archive really holds.
 */
import type { Core } from '@strapi/strapi';
import { recordOfStoredArticle } from '../core/article-input';
import { renderSnapshotPage } from '../core/snapshot-page';
import { pageAt } from '../captures/reading';
import { ARTICLE } from '../db/uids';


export const STORED_ARTICLE_POPULATE = {
  category: { fields: ['name'] },
  source: { fields: ['name'] },
  reprintedFrom: { fields: ['name'] },
  capturedBy: { fields: ['name'] },
  relatedLinks: { fields: ['title', 'excerpt', 'date', 'dateText', 'url', 'position'] },
};

/** The document id of the article with this slug or documentId, or null. */
export async function documentIdOf(strapi: Core.Strapi, slugOrDocumentId: string): Promise<string | null> {
  const row = await strapi.db.query(ARTICLE).findOne({
    where: { publishedAt: null, $or: [{ slug: slugOrDocumentId }, { documentId: slugOrDocumentId }] },
    select: ['documentId'],
  });
  return row?.documentId ?? null;
}

/** The page of the article with this slug or documentId (its latest version), or null. */
export async function exportArticle(strapi: Core.Strapi, slugOrDocumentId: string): Promise<string | null> {
  const documentId = await documentIdOf(strapi, slugOrDocumentId);
  if (!documentId) return null;
  const article = await strapi
    .documents(ARTICLE)
    .findOne({ documentId, status: 'draft', populate: STORED_ARTICLE_POPULATE as any });
  return article ? renderSnapshotPage(recordOfStoredArticle(article as any)) : null;
}

export type ExportAt = { page: string } | { problem: 'no article' | 'no capture yet' };

/**
 * The page of the article's capture in force at `at` (the latest taken at or before it), as it
 * was captured: the page imported then, not the article as edited since.
 */
export async function exportArticleAt(strapi: Core.Strapi, slugOrDocumentId: string, at: Date): Promise<ExportAt> {
  const documentId = await documentIdOf(strapi, slugOrDocumentId);
  if (!documentId) return { problem: 'no article' };
  const page = await pageAt(strapi, documentId, at);
  return page ? { page: renderSnapshotPage(page) } : { problem: 'no capture yet' };
}
