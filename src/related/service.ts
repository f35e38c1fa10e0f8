/**
 * The related-articles list of one published article: its curated links (the page's own list)
 * and the computed ones from the write-time index. Every article read here is a publicly visible
 * row (article-queries.ts), so no draft and no withheld article reaches any field. REST and
 * GraphQL both answer from this one function.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LIST_LENGTH, rankList, scoreNeighbours } from '../core/relatedness';
import { otherCopiesAmong } from '../fingerprints/reprints';
import type { Knex } from '../indexes/derived-index';
import { findIndexedDocuments, readChampions, readPostings } from './index-queries';
import { withExcerpts } from './sync';
import { isSafeUrl } from '../core/url';
import { findCategoryBySlug, findPublishedArticles, findRelatedSources, type ArticleSummary, type ComputedRow } from './article-queries';

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
