/**
 * Search over the published archive: the read service behind GET /api/articles/search and the
 * `searchArticles` GraphQL query, which both answer from this one function.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseSearchText } from '../core/search-terms';
import { searchSnippet, snippetNeedles } from '../core/snippet';
import type { SearchQuery } from './query-schema';
import { findIdBySlug, findSearchable } from './searchable';
import { findMatches } from './store';
import { dialectOf, type Knex } from './tables';

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
    /** More articles match than are ranked (store.ts MAX_CANDIDATES): total is that cap. */
    capped: boolean;
    terms: string[];
  };
}

export async function searchArticles(strapi: Core.Strapi, query: SearchQuery): Promise<SearchResult> {
  const knex = strapi.db.connection as Knex;
  const search = parseSearchText(query.q);
  if (search.words.length === 0) throw new errors.ValidationError('q must contain a word to search for, not only punctuation', { param: 'q' });

  const [categoryId, sourceId] = await Promise.all([
    query.category === undefined ? undefined : findIdBySlug(strapi, knex, 'category', query.category),
    query.source === undefined ? undefined : findIdBySlug(strapi, knex, 'source', query.source),
  ]);
  if (categoryId === null) throw new errors.ValidationError(`category must be the slug of a category, got "${query.category}"`, { param: 'category' });
  if (sourceId === null) throw new errors.ValidationError(`source must be the slug of a source, got "${query.source}"`, { param: 'source' });

  const { total, capped, matches } = await findMatches(knex, dialectOf(strapi), {
    search,
    categoryId,
    sourceId,
    from: query.from,
    before: query.before,
    sort: query.sort,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
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
