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
import { runPrepared } from '../indexes/prepared-statement';
import { chunks } from '../indexes/sql';
import { whereVisible } from '../takedown/visibility';
import { nearCopyCandidates, type CopyCandidate } from '../fingerprints/store';
import { BLOCK_COLUMNS, FINGERPRINT_TABLE } from '../fingerprints/tables';
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
  /** The document the link points at, draft or not. */
  targetDocumentId: string | null;
  /** That document's visible article; null when it has none (a draft, withheld, or no target). */
  target: ArticleSummary | null;
}

export interface ComputedRow {
  documentId: string;
  slug: string | null;
  title: string;
  score: number;
  excerpt: string;
  date: string | null;
}

/** What the related endpoint shows of one visible article, read in one statement. */
export interface RelatedSources {
  article: PublishedArticle;
  /** Its curated links (the RelatedLinks of its rows), in page order. */
  links: CuratedLink[];
  /** The first `listLength` entries of its stored computed list whose article is visible; null when not asked for. */
  list: ComputedRow[] | null;
  /** Its SimHash in the fingerprint index (fingerprints/), null when it has none. */
  fingerprint: string | null;
  /** The rows of the fingerprint index that may be copies of its story (fingerprints/reprints.ts's otherCopiesAmong tells). */
  copyCandidates: CopyCandidate[];
}

/**
 * `(SELECT <JSON array of the rows of sub> ...) AS alias`: a subquery's rows as one value of the
 * outer row, so a list and the article it belongs to come back in one round trip. Each row
 * carries a `place`; parseJsonRows puts them back in that order.
 */
function jsonRows(strapi: Core.Strapi, sub: ReturnType<Knex>, columns: readonly string[], alias: string) {
  const knex = strapi.db.connection as Knex;
  const pairs = columns.map((column) => `'${column}', s.${column}`).join(', ');
  return strapi.db.dialect.client === 'postgres'
    ? knex.raw(`(SELECT COALESCE(json_agg(json_build_object(${pairs})), '[]'::json) FROM (?) s) AS ${alias}`, [sub])
    : knex.raw(`(SELECT json_group_array(json_object(${pairs})) FROM (?) s) AS ${alias}`, [sub]);
}

/** PostgreSQL returns json parsed, SQLite as text. */
const parseJson = (value: unknown): any[] => (typeof value === 'string' ? JSON.parse(value) : ((value as any[] | null) ?? []));

const parseJsonRows = (value: unknown): any[] => parseJson(value).sort((a, b) => Number(a.place) - Number(b.place));

/**
 * The visible article with this documentId or slug, its curated links with their targets' visible
 * articles, its stored computed list (when `listLength` is given), its fingerprint and the
 * candidates of its copies: one statement (two for a slug shaped like a documentId that is none),
 * prepared once (indexes/prepared-statement.ts): it runs on every request of the related endpoint.
 */
export async function findRelatedSources(strapi: Core.Strapi, idOrSlug: string, listLength: number | null): Promise<RelatedSources | null> {
  const knex = strapi.db.connection as Knex;
  const find = async (column: 'document_id' | 'slug') => {
    const name = `related_sources_by_${column}_${listLength === null ? 'without_list' : `with_list_of_${listLength}`}`;
    const rows = await runPrepared(knex, name, (parameter) => relatedSourcesStatement(strapi, column, parameter, listLength), [idOrSlug]);
    return rows[0];
  };
  const row = (DOCUMENT_ID.test(idOrSlug) ? await find('document_id') : undefined) ?? (await find('slug'));
  if (!row) return null;

  const seen = new Set<number>();
  return {
    article: {
      id: row.id,
      documentId: row.document_id,
      slug: row.slug ?? null,
      title: row.title,
      category: row.category_id ? { id: row.category_id, name: row.category_name, slug: row.category_slug ?? null } : null,
    },
    links: parseJsonRows(row.links).flatMap((link) => {
      // One link joined through both rows of its article comes back twice.
      if (seen.has(link.id)) return [];
      seen.add(link.id);
      return [
        {
          title: link.title ?? null,
          excerpt: link.excerpt ?? '',
          date: isoTime(link.date),
          url: link.url ?? null,
          targetDocumentId: link.target_document_id ?? null,
          target: link.visible_document_id ? { documentId: link.visible_document_id, slug: link.target_slug ?? null, title: link.target_title } : null,
        },
      ];
    }),
    list:
      listLength === null
        ? null
        : parseJsonRows(row.list).map((entry) => ({
            documentId: entry.related_document_id,
            slug: entry.slug ?? null,
            title: entry.title,
            score: Number(entry.score),
            excerpt: entry.excerpt,
            date: entry.date || null,
          })),
    fingerprint: row.fingerprint ?? null,
    copyCandidates: parseJson(row.copy_candidates),
  };
}

/** The statement of findRelatedSources. */
function relatedSourcesStatement(strapi: Core.Strapi, column: 'document_id' | 'slug', idOrSlug: string, listLength: number | null) {
  const t = articleTables(strapi);
  const knex = strapi.db.connection as Knex;
  const visibleArticles = () => knex(t.articles).where(whereVisible()).select('document_id', 'slug', 'title');

  const links = knex(`${t.relatedLinks} as rl`)
    .join(`${t.linkArticle.table} as la`, `la.${t.linkArticle.link}`, 'rl.id')
    // Links are kept on the draft and the published row alike; match the document, not one row.
    .join(`${t.articles} as own`, 'own.id', `la.${t.linkArticle.article}`)
    .leftJoin(`${t.linkTarget.table} as lt`, `lt.${t.linkTarget.link}`, 'rl.id')
    .leftJoin(`${t.articles} as target`, 'target.id', `lt.${t.linkTarget.article}`)
    .leftJoin(visibleArticles().as('tv'), 'tv.document_id', 'target.document_id')
    .where('own.document_id', knex.ref('a.document_id'))
    .select(
      'rl.id',
      'rl.title',
      'rl.excerpt',
      'rl.date',
      'rl.url',
      'target.document_id as target_document_id',
      'tv.document_id as visible_document_id',
      'tv.slug as target_slug',
      'tv.title as target_title',
      knex.raw('ROW_NUMBER() OVER (ORDER BY rl.position, rl.id) AS place'),
    );
  const order = LIST_ORDER.split(', ').map((key) => `l.${key}`).join(', ');
  const list = knex(`${TABLES.lists} as l`)
    .join(visibleArticles().as('v'), 'v.document_id', 'l.related_document_id')
    .where('l.document_id', knex.ref('a.document_id'))
    .orderByRaw(order)
    .limit(listLength ?? 0)
    .select('l.related_document_id', 'l.score', 'l.excerpt', 'l.date', 'v.slug', 'v.title', knex.raw(`ROW_NUMBER() OVER (ORDER BY ${order}) AS place`));
  const copyCandidates = nearCopyCandidates(knex, BLOCK_COLUMNS.map((block) => knex.ref(`fp.${block}`)));

  return knex(`${t.articles} as a`)
    .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.article}`, 'a.id')
    .leftJoin(`${t.categories} as c`, 'c.id', `ac.${t.articleCategory.category}`)
    .leftJoin(`${FINGERPRINT_TABLE} as fp`, 'fp.document_id', 'a.document_id')
    .where(`a.${column}`, idOrSlug)
    .where(whereVisible('a'))
    .limit(1)
    .select(
      'a.id',
      'a.document_id',
      'a.slug',
      'a.title',
      'c.id as category_id',
      'c.name as category_name',
      'c.slug as category_slug',
      jsonRows(strapi, links, ['id', 'title', 'excerpt', 'date', 'url', 'target_document_id', 'visible_document_id', 'target_slug', 'target_title', 'place'], 'links'),
      listLength === null
        ? knex.raw('NULL AS list')
        : jsonRows(strapi, list, ['related_document_id', 'score', 'excerpt', 'date', 'slug', 'title', 'place'], 'list'),
      'fp.fingerprint',
      jsonRows(strapi, copyCandidates, ['document_id', 'fingerprint'], 'copy_candidates'),
    );
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
