/**
 * Which articles search may show, decided here and nowhere else: publicly visible rows only
 * (takedown/visibility.ts: published and not withheld), so a draft never enters the index, and
 * unpublishing, deleting or a takedown takes it out. The index is synced from these rows and hits
 * are read back through them, so an article this module does not return can never be found.
 */
import type { Core } from '@strapi/strapi';
import { blocksToParagraphs } from '../core/body';
import { isoTime } from '../related/article-queries';
import { whereVisible } from '../takedown/visibility';
import type { Knex } from './tables';

const ARTICLE = 'api::article.article';

export interface SearchableArticle {
  /** The published row's id. */
  id: number;
  documentId: string;
  slug: string | null;
  title: string;
  kicker: string | null;
  paragraphs: string[];
  sourcePublishedAt: string | null;
  snapshotAt: string | null;
  category: { id: number; name: string; slug: string | null } | null;
  source: { id: number; name: string; slug: string | null } | null;
}

interface Tables {
  articles: string;
  categories: string;
  sources: string;
  category: { table: string; article: string; target: string };
  source: { table: string; article: string; target: string };
}

let cached: Tables | undefined;

/** Strapi's own table names for articles and their category and source, read from its metadata. */
function tables(strapi: Core.Strapi): Tables {
  if (cached) return cached;
  const attributes = strapi.db.metadata.get(ARTICLE).attributes as Record<string, any>;
  const join = (name: string) => ({
    table: attributes[name].joinTable.name as string,
    article: attributes[name].joinTable.joinColumn.name as string,
    target: attributes[name].joinTable.inverseJoinColumn.name as string,
  });
  cached = {
    articles: strapi.db.metadata.get(ARTICLE).tableName,
    categories: strapi.db.metadata.get('api::category.category').tableName,
    sources: strapi.db.metadata.get('api::source.source').tableName,
    category: join('category'),
    source: join('source'),
  };
  return cached;
}

/** Searchable article rows, with their category and source: refine with where/order/limit. */
function searchableRows(strapi: Core.Strapi, knex: Knex) {
  const t = tables(strapi);
  return knex(`${t.articles} as a`)
    .leftJoin(`${t.category.table} as ac`, `ac.${t.category.article}`, 'a.id')
    .leftJoin(`${t.categories} as c`, 'c.id', `ac.${t.category.target}`)
    .leftJoin(`${t.source.table} as asrc`, `asrc.${t.source.article}`, 'a.id')
    .leftJoin(`${t.sources} as s`, 's.id', `asrc.${t.source.target}`)
    .where(whereVisible('a'))
    .select(
      'a.id', 'a.document_id', 'a.slug', 'a.title', 'a.kicker', 'a.body', 'a.source_published_at', 'a.snapshot_at',
      'c.id as category_id', 'c.name as category_name', 'c.slug as category_slug',
      's.id as source_id', 's.name as source_name', 's.slug as source_slug',
    );
}

function toArticle(row: any): SearchableArticle {
  const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
  return {
    id: row.id,
    documentId: row.document_id,
    slug: row.slug ?? null,
    title: row.title ?? '',
    kicker: row.kicker ?? null,
    paragraphs: blocksToParagraphs(body),
    sourcePublishedAt: isoTime(row.source_published_at),
    snapshotAt: isoTime(row.snapshot_at),
    category: row.category_id ? { id: row.category_id, name: row.category_name, slug: row.category_slug ?? null } : null,
    source: row.source_id ? { id: row.source_id, name: row.source_name, slug: row.source_slug ?? null } : null,
  };
}

/** SQLite and PostgreSQL allow this many bound values per statement with room to spare. */
const CHUNK = 400;

/** The searchable versions of these documents; the others (drafts only, deleted, unknown) are absent. */
export async function findSearchable(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, SearchableArticle>> {
  const found = new Map<string, SearchableArticle>();
  const unique = [...new Set(documentIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    // The row ids first, then the rows by primary key: with `document_id IN (…)` in the same query,
    // SQLite, and PostgreSQL without fresh statistics, pick the index on withheld_at for its
    // `IS NULL` and read every article (0.3 s and 0.8 s for a page of hits at 100k).
    const ids: number[] = await knex(tables(strapi).articles).whereIn('document_id', unique.slice(i, i + CHUNK)).pluck('id');
    if (ids.length === 0) continue;
    const rows = await searchableRows(strapi, knex).whereIn('a.id', ids);
    for (const row of rows) found.set(row.document_id, toArticle(row));
  }
  return found;
}

/** One page of every searchable article, in row order after `afterId`: for a rebuild or a check. */
export async function searchablePage(strapi: Core.Strapi, knex: Knex, afterId: number, limit: number): Promise<SearchableArticle[]> {
  const rows = await searchableRows(strapi, knex).where('a.id', '>', afterId).orderBy('a.id').limit(limit);
  return rows.map(toArticle);
}

export async function countSearchable(strapi: Core.Strapi, knex: Knex): Promise<number> {
  const row = await knex(tables(strapi).articles).where(whereVisible()).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** The id of a category or source by slug, or null when there is none. */
export async function findIdBySlug(strapi: Core.Strapi, knex: Knex, kind: 'category' | 'source', slug: string): Promise<number | null> {
  const t = tables(strapi);
  const row = await knex(kind === 'category' ? t.categories : t.sources).where({ slug }).first('id');
  return row ? Number(row.id) : null;
}
