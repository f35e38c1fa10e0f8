/**
 * Search over the published archive: the read service behind GET /api/articles/search and the
 * `searchArticles` GraphQL query, which both answer from this one function, and the request's
 * options, over REST (strings) and GraphQL (typed) alike.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { parseBeijingTime } from '../core/beijing-time';
import { fragmentOf, joinedPinyinQuery, parseSearchText, type SearchText } from '../core/search-terms';
import { searchSnippet, snippetNeedles } from '../core/snippet';
import type { Knex } from '../db/derived-index';
import { findIdBySlug, findMatches, findSearchable } from './queries';
import { dialectOf } from './tables';

export interface SearchHit {
  documentId: string;
  slug: string | null;
  title: string;
  snapshotAt: string | null;
  sourcePublishedAt: string | null;
  category: { name: string; slug: string | null } | null;
  source: { name: string; slug: string | null } | null;
  score: number;
  snippet: string;
  highlights: [number, number][];
}

export interface SearchResult {
  data: SearchHit[];
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    /** More articles match than are ranked (queries.ts MAX_CANDIDATES): total is that cap. */
    capped: boolean;
    terms: string[];
  };
}

export async function searchArticles(strapi: Core.Strapi, query: SearchQuery): Promise<SearchResult> {
  const knex = strapi.db.connection as Knex;
  let search = parseSearchText(query.q);
  if (search.words.length === 0) throw new errors.ValidationError('q must contain a word to search for, not only punctuation', { param: 'q' });

  const [categoryId, sourceId] = await Promise.all([
    query.category === undefined ? undefined : findIdBySlug(strapi, knex, 'category', query.category),
    query.source === undefined ? undefined : findIdBySlug(strapi, knex, 'source', query.source),
  ]);
  if (categoryId === null) throw new errors.ValidationError(`category must be the slug of a category, got "${query.category}"`, { param: 'category' });
  if (sourceId === null) throw new errors.ValidationError(`source must be the slug of a source, got "${query.source}"`, { param: 'source' });

  const find = (text: SearchText, fragment = fragmentOf(query.q)) =>
    findMatches(knex, dialectOf(strapi), {
      search: text,
      fragment,
      categoryId,
      sourceId,
      from: query.from,
      before: query.before,
      sort: query.sort,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
  let found = await find(search);
  // Pinyin typed syllable by syllable (`jiang men`) matches no word as typed: read it joined, as indexed.
  const joined = found.total === 0 ? joinedPinyinQuery(query.q) : null;
  if (joined) {
    search = parseSearchText(joined);
    // The letters are the same as typed: the first look found no page holding them.
    found = await find(search, null);
  }
  const { total, capped, matches } = found;
  const articles = await findSearchable(strapi, knex, matches.map(({ documentId }) => documentId));
  const needles = snippetNeedles(search);
  const data = matches.flatMap(({ documentId, score }): SearchHit[] => {
    const article = articles.get(documentId);
    if (!article) return [];
    const snippet = searchSnippet(article, needles);
    return [
      {
        documentId,
        slug: article.slug,
        title: article.title,
        snapshotAt: article.snapshotAt,
        sourcePublishedAt: article.sourcePublishedAt,
        category: article.category ? { name: article.category.name, slug: article.category.slug } : null,
        source: article.source ? { name: article.source.name, slug: article.source.slug } : null,
        score,
        snippet: snippet.text,
        highlights: snippet.highlights,
      },
    ];
  });
  return {
    data,
    meta: {
      pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total },
      capped,
      terms: search.terms,
    },
  };
}

// ---------------------------------------------------------------------------
// The request's options

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;
export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

const PAGE_RULE = 'must be a positive integer';
const PAGE_SIZE_RULE = `must be an integer from 1 to ${MAX_PAGE_SIZE}`;
const DATE_RULE = 'must be a date: YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS] (Beijing time), or ISO 8601 with a zone';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_ONLY = /^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}\s*$/;

const date = z
  .string()
  .refine((text) => parseBeijingTime(text) !== null, DATE_RULE);

/**
 * The parameters of a search, over REST (strings) and GraphQL (typed) alike; anything else is
 * refused. The OpenAPI description of GET /api/articles/search is derived from this schema.
 */
export const searchQuerySchema = z
  .object({
    q: z
      .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
      .describe('What to look for: words (Chinese is segmented, Latin is case-insensitive); "a quoted phrase" must appear as typed'),
    page: z.coerce.number({ invalid_type_error: PAGE_RULE }).int(PAGE_RULE).min(1, PAGE_RULE).default(1).describe('Page number, from 1'),
    pageSize: z.coerce
      .number({ invalid_type_error: PAGE_SIZE_RULE })
      .int(PAGE_SIZE_RULE)
      .min(1, PAGE_SIZE_RULE)
      .max(MAX_PAGE_SIZE, PAGE_SIZE_RULE)
      .default(DEFAULT_PAGE_SIZE)
      .describe(`Hits per page, 1 to ${MAX_PAGE_SIZE}`),
    category: z.string().regex(SLUG, 'must be a category slug').optional().describe('Only articles of this category (slug)'),
    source: z.string().regex(SLUG, 'must be a source slug').optional().describe('Only articles carried by this source (slug of the aggregator, 来源)'),
    from: date.optional().describe('Only articles published at or after this time; a date without a zone is Beijing time'),
    to: date.optional().describe('Only articles published at or before this time; a date alone includes that whole day (Beijing time)'),
    sort: z
      .enum(SEARCH_SORTS, { errorMap: () => ({ message: `must be one of ${SEARCH_SORTS.join(', ')}` }) })
      .default('relevance')
      .describe('relevance (the best match first) or newest (the latest publication first)'),
  })
  .strict();

export interface SearchQuery {
  q: string;
  page: number;
  pageSize: number;
  category?: string;
  source?: string;
  /** ISO UTC: the earliest publication time, inclusive. */
  from?: string;
  /** ISO UTC: the first publication time past the range (exclusive). */
  before?: string;
  sort: SearchSort;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const invalid = (param: string, message: string) => new errors.ValidationError(`${param} ${message}`, { param });

/** Reads the parameters or throws a ValidationError (400) naming the first bad one. */
export function parseSearchQuery(input: unknown): SearchQuery {
  const parsed = searchQuerySchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
    throw new errors.ValidationError(`${where}${issue.message}`.trim(), { param: issue.path.join('.') || undefined });
  }
  const { from, to, ...rest } = parsed.data;
  const start = from === undefined ? undefined : parseBeijingTime(from)!.getTime();
  // A day given alone ends at the next midnight, Beijing time.
  const end = to === undefined ? undefined : parseBeijingTime(to)!.getTime() + (DATE_ONLY.test(to) ? DAY_MS : 1);
  if (start !== undefined && end !== undefined && start >= end) throw invalid('to', 'must not be before from');
  return {
    ...(rest as Omit<SearchQuery, 'from' | 'before'>),
    from: start === undefined ? undefined : new Date(start).toISOString(),
    before: end === undefined ? undefined : new Date(end).toISOString(),
  };
}
