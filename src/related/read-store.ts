/**
 * Reads for the related-articles endpoint. They go to the query engine and the index tables
 * directly, past the Document Service, to keep a read close to a plain findOne; each one reads
 * published article rows only (`publishedAt` set), which is what keeps drafts out.
 */
import type { Core } from '@strapi/strapi';
import { LIST_ORDER, type Knex } from './index-store';
import { TABLES } from './tables';

const ARTICLE = 'api::article.article';
const RELATED_LINK = 'api::related-link.related-link';
const CATEGORY = 'api::category.category';
const PUBLISHED = { publishedAt: { $notNull: true } };
/** Strapi's document ids: 24 lowercase letters and digits. Anything else can only be a slug. */
const DOCUMENT_ID = /^[a-z0-9]{24}$/;

export interface PublishedArticle {
  documentId: string;
  slug: string | null;
  title: string;
  date: string | null;
  category: { id: number; name: string; slug: string | null } | null;
}

const iso = (value: unknown): string | null => {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

const toArticle = (row: any): PublishedArticle => ({
  documentId: row.documentId,
  slug: row.slug ?? null,
  title: row.title,
  date: iso(row.sourcePublishedAt ?? row.snapshotAt),
  category: row.category ? { id: row.category.id, name: row.category.name, slug: row.category.slug ?? null } : null,
});

const ARTICLE_FIELDS = ['documentId', 'slug', 'title', 'sourcePublishedAt', 'snapshotAt'];

export async function findPublishedArticle(strapi: Core.Strapi, idOrSlug: string): Promise<PublishedArticle | null> {
  const populate = { category: { select: ['id', 'name', 'slug'] } };
  const query = strapi.db.query(ARTICLE);
  const byId = DOCUMENT_ID.test(idOrSlug) ? await query.findOne({ where: { documentId: idOrSlug, ...PUBLISHED }, select: ARTICLE_FIELDS, populate }) : null;
  const row = byId ?? (await query.findOne({ where: { slug: idOrSlug, ...PUBLISHED }, select: ARTICLE_FIELDS, populate }));
  return row ? toArticle(row) : null;
}

export async function findPublishedArticles(strapi: Core.Strapi, documentIds: readonly string[]): Promise<Map<string, PublishedArticle>> {
  if (documentIds.length === 0) return new Map();
  const rows = await strapi.db.query(ARTICLE).findMany({ where: { documentId: { $in: [...documentIds] }, ...PUBLISHED }, select: ARTICLE_FIELDS });
  return new Map(rows.map((row: any) => [row.documentId, toArticle(row)]));
}

export async function findCategoryBySlug(strapi: Core.Strapi, slug: string): Promise<{ id: number } | null> {
  return strapi.db.query(CATEGORY).findOne({ where: { slug }, select: ['id'] });
}

export interface CuratedLink {
  title: string | null;
  excerpt: string;
  date: string | null;
  url: string | null;
  targetDocumentId: string | null;
}

/** The article's RelatedLinks in page order. */
export async function findCuratedLinks(strapi: Core.Strapi, documentId: string): Promise<CuratedLink[]> {
  const rows = await strapi.db.query(RELATED_LINK).findMany({
    where: { article: { documentId } },
    select: ['id', 'title', 'excerpt', 'date', 'url', 'position'],
    populate: { target: { select: ['documentId'] } },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row: any) => ({
    title: row.title ?? null,
    excerpt: row.excerpt ?? '',
    date: iso(row.date),
    url: row.url ?? null,
    targetDocumentId: row.target?.documentId ?? null,
  }));
}

/** The stored computed list, best first. */
export async function findListRows(knex: Knex, documentId: string, limit: number): Promise<{ documentId: string; score: number; excerpt: string }[]> {
  const rows = await knex(TABLES.lists)
    .where({ document_id: documentId })
    .orderByRaw(LIST_ORDER)
    .limit(limit)
    .select('related_document_id', 'score', 'excerpt');
  return rows.map((row: any) => ({ documentId: row.related_document_id, score: Number(row.score), excerpt: row.excerpt }));
}
