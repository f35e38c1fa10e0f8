/**
 * Reads of Strapi's own article tables for the related index: the published text the index is
 * built from, and what the endpoint shows. They go to SQL directly, past the Document Service and
 * the query engine, to keep a read close to a plain findOne. Every article row they return is a
 * publicly visible one (published and not withheld: takedown/visibility.ts): that is what keeps
 * drafts and withheld articles out of the index and every field.
 */
import type { Core } from '@strapi/strapi';
import { blocksToParagraphs } from '../core/body';
import type { ArticleText } from '../core/key-terms';
import type { Knex } from '../indexes/derived-index';
import { chunks } from '../indexes/sql';
import { whereVisible } from '../takedown/visibility';
import { articleTables } from './article-tables';
import { LIST_ORDER } from './index-queries';
import { TABLES } from './schema';

/** Strapi's document ids: 24 lowercase letters and digits. Anything else can only be a slug. */
const DOCUMENT_ID = /^[a-z0-9]{24}$/;
export const mayBeDocumentId = (idOrSlug: string): boolean => DOCUMENT_ID.test(idOrSlug);

export interface PublishedArticle {
  id: number;
  documentId: string;
  slug: string | null;
  title: string;
  category: { id: number; name: string; slug: string | null } | null;
}

/** Stored times come back as epoch milliseconds from SQLite and as Date from PostgreSQL. */
export const isoTime = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

export async function findPublishedArticle(strapi: Core.Strapi, idOrSlug: string): Promise<PublishedArticle | null> {
  const t = articleTables(strapi);
  const knex = strapi.db.connection as Knex;
  const find = (column: 'document_id' | 'slug') =>
    knex(`${t.articles} as a`)
      .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.article}`, 'a.id')
      .leftJoin(`${t.categories} as c`, 'c.id', `ac.${t.articleCategory.category}`)
      .where(`a.${column}`, idOrSlug)
      .where(whereVisible('a'))
      .first('a.id', 'a.document_id', 'a.slug', 'a.title', 'c.id as category_id', 'c.name as category_name', 'c.slug as category_slug');
  const row = (DOCUMENT_ID.test(idOrSlug) ? await find('document_id') : undefined) ?? (await find('slug'));
  if (!row) return null;
  return {
    id: row.id,
    documentId: row.document_id,
    slug: row.slug ?? null,
    title: row.title,
    category: row.category_id ? { id: row.category_id, name: row.category_name, slug: row.category_slug ?? null } : null,
  };
}

export interface ArticleSummary {
  documentId: string;
  slug: string | null;
  title: string;
}

/** The published versions of the given articles; the others are simply absent. */
export async function findPublishedArticles(strapi: Core.Strapi, documentIds: readonly string[]): Promise<Map<string, ArticleSummary>> {
  if (documentIds.length === 0) return new Map();
  const rows = await (strapi.db.connection as Knex)(articleTables(strapi).articles)
    .whereIn('document_id', [...documentIds])
    .where(whereVisible())
    .select('document_id', 'slug', 'title');
  return new Map(rows.map((row: any) => [row.document_id, { documentId: row.document_id, slug: row.slug ?? null, title: row.title }]));
}

export async function findCategoryBySlug(strapi: Core.Strapi, slug: string): Promise<{ id: number } | null> {
  const row = await (strapi.db.connection as Knex)(articleTables(strapi).categories).where({ slug }).first('id');
  return row ? { id: row.id } : null;
}

export interface CuratedLink {
  title: string | null;
  excerpt: string;
  date: string | null;
  url: string | null;
  targetDocumentId: string | null;
}

/** The article's RelatedLinks in page order, with the document each one points at (draft or not: checked by the caller). */
export async function findCuratedLinks(strapi: Core.Strapi, documentId: string): Promise<CuratedLink[]> {
  const t = articleTables(strapi);
  const rows = await (strapi.db.connection as Knex)(`${t.relatedLinks} as rl`)
    .join(`${t.linkArticle.table} as la`, `la.${t.linkArticle.link}`, 'rl.id')
    .leftJoin(`${t.linkTarget.table} as lt`, `lt.${t.linkTarget.link}`, 'rl.id')
    .leftJoin(`${t.articles} as target`, 'target.id', `lt.${t.linkTarget.article}`)
    // Links are kept on the draft and the published row alike; match the document, not one row.
    .whereIn(`la.${t.linkArticle.article}`, (strapi.db.connection as Knex)(t.articles).select('id').where('document_id', documentId))
    .orderBy([{ column: 'rl.position', order: 'asc' }, { column: 'rl.id', order: 'asc' }])
    .select('rl.id', 'rl.title', 'rl.excerpt', 'rl.date', 'rl.url', 'target.document_id as target_document_id');
  const seen = new Set<number>();
  return rows.flatMap((row: any) => {
    if (seen.has(row.id)) return [];
    seen.add(row.id);
    return [{ title: row.title ?? null, excerpt: row.excerpt ?? '', date: isoTime(row.date), url: row.url ?? null, targetDocumentId: row.target_document_id ?? null }];
  });
}

export interface ComputedRow {
  documentId: string;
  slug: string | null;
  title: string;
  score: number;
  excerpt: string;
  date: string | null;
}

/** The stored computed list, best first, joined with the related articles' published rows. */
export async function findComputedList(strapi: Core.Strapi, documentId: string, limit: number): Promise<ComputedRow[]> {
  const rows = await (strapi.db.connection as Knex)(`${TABLES.lists} as l`)
    .join(`${articleTables(strapi).articles} as a`, 'a.document_id', 'l.related_document_id')
    .where(whereVisible('a'))
    .where('l.document_id', documentId)
    .orderByRaw(LIST_ORDER.split(', ').map((key) => `l.${key}`).join(', '))
    .limit(limit)
    .select('l.related_document_id', 'l.score', 'l.excerpt', 'l.date', 'a.slug', 'a.title');
  return rows.map((row: any) => ({
    documentId: row.related_document_id,
    slug: row.slug ?? null,
    title: row.title,
    score: Number(row.score),
    excerpt: row.excerpt,
    date: row.date || null,
  }));
}

export interface PublishedText {
  documentId: string;
  text: ArticleText;
  categoryId: number | null;
  /** ISO time published (or captured); '' when unknown. */
  date: string;
}

/** The published versions of the given articles, as the index reads them; the others are absent. */
export async function readPublishedTexts(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, PublishedText>> {
  const t = articleTables(strapi);
  const texts = new Map<string, PublishedText>();
  for (const ids of chunks(documentIds, 200)) {
    const rows = await knex(`${t.articles} as a`)
      .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.article}`, 'a.id')
      .whereIn('a.document_id', ids)
      .where(whereVisible('a'))
      .select('a.document_id', 'a.title', 'a.kicker', 'a.body', 'a.source_published_at', 'a.snapshot_at', `ac.${t.articleCategory.category} as category_id`);
    for (const row of rows) {
      const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
      texts.set(row.document_id, {
        documentId: row.document_id,
        text: { title: row.title ?? '', kicker: row.kicker ?? null, paragraphs: blocksToParagraphs(body) },
        categoryId: row.category_id ?? null,
        date: isoTime(row.source_published_at ?? row.snapshot_at) ?? '',
      });
    }
  }
  return texts;
}

/** The document ids of visible articles after `after`, in order: the walk of a rebuild. */
export async function publishedDocumentIds(strapi: Core.Strapi, knex: Knex, after: string, limit: number): Promise<string[]> {
  const rows = await knex(articleTables(strapi).articles)
    .where(whereVisible())
    .where('document_id', '>', after)
    .orderBy('document_id')
    .limit(limit)
    .select('document_id');
  return rows.map((row: { document_id: string }) => row.document_id);
}
