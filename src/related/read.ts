/**
 * The read side of the related index: the related-articles list of one published article, its
 * curated links (the page's own list) and the computed ones from the write-time index, as REST
 * (`GET /api/articles/:idOrSlug/related`) and GraphQL (`relatedArticles`) both serve it; and the
 * key terms JSON-LD shows. Reads go to SQL directly, past the Document Service and the Query
 * Engine, to keep a request close to a plain findOne. Every article row read here is a publicly
 * visible one (db/visibility.ts), so no draft and no withheld article reaches any field.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { LIST_LENGTH, rankList, scoreNeighbours } from '../core/relatedness';
import { isSafeUrl } from '../core/url';
import { addressColumns } from '../db/articles';
import type { Knex } from '../db/derived-index';
import { articleTables } from '../db/join-tables';
import { runPrepared } from '../db/prepared-statement';
import { isoOfStored } from '../db/time';
import { whereVisible } from '../db/visibility';
import { nearCopyCandidates, type CopyCandidate } from '../fingerprints/queries';
import { otherCopiesAmong } from '../fingerprints/read';
import { BLOCK_COLUMNS, FINGERPRINT_TABLE } from '../fingerprints/tables';
import { findIndexedDocuments, LIST_ORDER, readChampions, readPostings, withExcerpts } from './queries';
import { TABLES } from './tables';

export const RELATED_KINDS = ['all', 'curated', 'computed'] as const;
export type RelatedKind = (typeof RELATED_KINDS)[number];
export const MAX_RELATED_LIMIT = 50;
export const DEFAULT_RELATED_LIMIT = 10;

export interface RelatedQuery {
  limit: number;
  kind: RelatedKind;
  /** A category slug restricting the computed items. */
  category?: string;
}

export interface ArticleRef {
  documentId: string;
  slug: string | null;
  title: string;
}

export interface RelatedItem {
  kind: 'curated' | 'computed';
  title: string | null;
  excerpt: string;
  date: string | null;
  url: string | null;
  score: number | null;
  article: ArticleRef | null;
}

export interface RelatedArticles {
  data: RelatedItem[];
  meta: { article: ArticleRef; category: { name: string; slug: string | null } | null; moreUrl: string | null };
}

const refOf = (article: ArticleSummary): ArticleRef => ({ documentId: article.documentId, slug: article.slug, title: article.title });

export async function relatedArticles(strapi: Core.Strapi, idOrSlug: string, query: RelatedQuery): Promise<RelatedArticles> {
  const prefix: string = strapi.config.get('api.rest.prefix', '/api');
  const articleUrl = (documentId: string) => `${prefix}/articles/${documentId}`;

  const restriction = query.category === undefined ? null : await findCategoryBySlug(strapi, query.category);
  if (query.category !== undefined && !restriction) {
    throw new errors.ValidationError(`category must be the slug of a category, got "${query.category}"`);
  }
  // The stored list answers the usual request; a category, or more than it holds, is ranked live.
  // Curated links are read even for kind=computed: their targets are left out of the computed items.
  const sources = await findRelatedSources(strapi, idOrSlug, restriction || query.kind === 'curated' ? null : LIST_LENGTH);
  if (!sources) throw new errors.NotFoundError(`No published article has the id or slug "${idOrSlug}"`);
  const { article, links, list } = sources;

  const data: RelatedItem[] = [];
  const curatedTargets = new Set(links.flatMap((link) => (link.targetDocumentId ? [link.targetDocumentId] : [])));
  if (query.kind !== 'computed') {
    for (const link of links.slice(0, query.limit)) {
      data.push({
        kind: 'curated',
        title: link.title,
        excerpt: link.excerpt,
        date: link.date,
        // A stored address that breaks the URL rule (core/url.ts) is never served as a link.
        url: (isSafeUrl(link.url) ? link.url : null) ?? (link.target ? articleUrl(link.target.documentId) : null),
        score: null,
        article: link.target ? refOf(link.target) : null,
      });
    }
  }

  const room = query.limit - data.length;
  if (query.kind !== 'curated' && room > 0) {
    // A curated link's target is never repeated as a computed item (drafts among them included),
    // and a copy of the same story (fingerprints/reprints.ts) is not a related article.
    const copies = otherCopiesAmong(article.documentId, sources.fingerprint, sources.copyCandidates);
    const excluded = new Set([...curatedTargets, ...copies.map((copy) => copy.documentId)]);
    const wanted = room + excluded.size;
    const ranked = list && wanted <= LIST_LENGTH ? list : await rankLive(strapi, article.documentId, wanted, restriction?.id);
    for (const item of ranked.filter((row) => !excluded.has(row.documentId)).slice(0, room)) {
      data.push({ kind: 'computed', title: item.title, excerpt: item.excerpt, date: item.date, url: articleUrl(item.documentId), score: item.score, article: refOf(item) });
    }
  }

  const category = article.category;
  return {
    data,
    meta: {
      article: refOf(article),
      category: category ? { name: category.name, slug: category.slug } : null,
      // The page's "更多关于<category>的资讯" link: the API listing of the category's articles.
      moreUrl: category?.slug ? `${prefix}/articles?filters[category][slug][$eq]=${encodeURIComponent(category.slug)}` : null,
    },
  };
}

/** Ranks the computed items from the champion lists, as the write path ranks a stored list. */
async function rankLive(strapi: Core.Strapi, documentId: string, limit: number, categoryId?: number): Promise<ComputedRow[]> {
  const knex = strapi.db.connection as Knex;
  const own = (await readPostings(knex, [documentId])).filter((posting) => posting.champion);
  if (own.length === 0) return [];
  const neighbours = scoreNeighbours({ documentId, postings: own }, await readChampions(knex, own.map(({ term }) => term)));
  const articles = await findIndexedDocuments(knex, [documentId, ...neighbours.keys()]);
  const subject = articles.get(documentId);
  if (!subject) return [];
  const candidates = [...neighbours.values()].filter((n) => categoryId === undefined || articles.get(n.documentId)?.categoryId === categoryId);
  const ranked = await withExcerpts(knex, rankList(subject, candidates, articles, limit));
  const published = await findPublishedArticles(strapi, ranked.map((entry) => entry.relatedDocumentId));
  return ranked.flatMap((entry) => {
    const article = published.get(entry.relatedDocumentId);
    return article ? [{ ...article, score: entry.score, excerpt: entry.excerpt, date: entry.date || null }] : [];
  });
}

// ---------------------------------------------------------------------------
// The request's options

const LIMIT_RULE = `must be an integer from 1 to ${MAX_RELATED_LIMIT}`;

/** The options of a related-articles request, over REST (strings) and GraphQL (typed) alike; anything else is refused. */
export const relatedQuerySchema = z
  .object({
    limit: z.coerce
      .number({ invalid_type_error: LIMIT_RULE })
      .int(LIMIT_RULE)
      .min(1, LIMIT_RULE)
      .max(MAX_RELATED_LIMIT, LIMIT_RULE)
      .default(DEFAULT_RELATED_LIMIT),
    kind: z.enum(RELATED_KINDS, { errorMap: () => ({ message: `must be one of ${RELATED_KINDS.join(', ')}` }) }).default('all'),
    category: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a category slug').optional(),
  })
  .strict();

/** Reads the options or throws a ValidationError (400) naming the first bad one. */
export function parseRelatedQuery(input: unknown): RelatedQuery {
  const parsed = relatedQuerySchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data as RelatedQuery;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
  throw new errors.ValidationError(`${where}${issue.message}`.trim(), { param: issue.path.join('.') || undefined });
}

// ---------------------------------------------------------------------------
// Reads of the article tables

export interface PublishedArticle {
  id: number;
  documentId: string;
  slug: string | null;
  title: string;
  category: { id: number; name: string; slug: string | null } | null;
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
  /** Its curated links (the RelatedLinks of its published row), in page order. */
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
  let row: any;
  for (const column of addressColumns(idOrSlug)) if ((row = await find(column))) break;
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
      // A target is joined through both rows of its document (draft and published): one link, two rows.
      if (seen.has(link.id)) return [];
      seen.add(link.id);
      return [
        {
          title: link.title ?? null,
          excerpt: link.excerpt ?? '',
          date: isoOfStored(link.date),
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
    .join(`${t.linkArticle.table} as la`, `la.${t.linkArticle.from}`, 'rl.id')
    .leftJoin(`${t.linkTarget.table} as lt`, `lt.${t.linkTarget.from}`, 'rl.id')
    .leftJoin(`${t.articles} as target`, 'target.id', `lt.${t.linkTarget.to}`)
    .leftJoin(visibleArticles().as('tv'), 'tv.document_id', 'target.document_id')
    // The links of the published row `a` only: a link connected to the draft is not published yet.
    .where(`la.${t.linkArticle.to}`, knex.ref('a.id'))
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
    .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.from}`, 'a.id')
    .leftJoin(`${t.categories} as c`, 'c.id', `ac.${t.articleCategory.to}`)
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

// ---------------------------------------------------------------------------
// Key terms (JSON-LD keywords)

/** The key terms the index holds for a published article, strongest first; [] when it holds none. */
export async function articleKeyTerms(strapi: Core.Strapi, documentId: string): Promise<string[]> {
  const terms = await readPostings(strapi.db.connection, [documentId]);
  return terms.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)).map((term) => term.term);
}
