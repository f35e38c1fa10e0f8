import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { DEFAULT_PAGE_SIZE, parseSearchQuery } from '../search/read';
import { MAX_CANDIDATES } from '../search/queries';
import { countArgument, givenArguments, registerRootQuery } from './arguments';

const typeDefs = /* GraphQL */ `
  "The order of search hits"
  enum SearchSort {
    "Best match first"
    relevance
    "Latest snapshot first"
    newest
  }

  "A category or source named by a hit"
  type SearchHitTaxon {
    "Its name"
    name: String!
    "Its slug"
    slug: String
  }

  "One article a search found"
  type SearchHit {
    "Its document id"
    documentId: ID!
    "Its slug (URL)"
    slug: String
    "Its title (标题)"
    title: String!
    "When it was captured"
    snapshotAt: DateTime
    "When its outlet published it"
    sourcePublishedAt: DateTime
    "Its category (类别)"
    category: SearchHitTaxon
    "The aggregator that carried it (来源)"
    source: SearchHitTaxon
    "How well it matches: higher is better"
    score: Float!
    "Plain text around the best match"
    snippet: String!
    "[start, end) offsets of the matched terms in snippet (UTF-16 code units)"
    highlights: [[Int!]!]!
  }

  "Which page of hits this is"
  type SearchPagination {
    "The page, from 1"
    page: Int!
    "Hits per page"
    pageSize: Int!
    "How many pages there are"
    pageCount: Int!
    "How many articles match"
    total: Int!
  }

  "About a search's hits"
  type SearchArticlesMeta {
    "Which page of hits this is"
    pagination: SearchPagination!
    "More articles match than are ranked: total is then the cap (${MAX_CANDIDATES}), as over REST"
    capped: Boolean!
    "The words the query was read as"
    terms: [String!]!
  }

  "A page of search hits (信息快照查询)"
  type SearchArticles {
    "The hits"
    data: [SearchHit!]!
    "About them"
    meta: SearchArticlesMeta!
  }

  extend type Query {
    "Full-text search over published articles: the same hits as GET /api/articles/search. from, to: a date or time, Beijing time when no zone is given"
    searchArticles(q: String!, page: Int, pageSize: Int, category: String, source: String, from: String, to: String, sort: SearchSort): SearchArticles
  }
`;

/**
 * What one search costs, in the cost limit's points (about one per row read). Both orders read up
 * to MAX_CANDIDATES candidates before the page: by relevance in the index's own order, scored as
 * they come (a quarter of a point each); newest reads the date of every match to keep the newest
 * ones, seven times the work at 2,000 articles (two points each). Each hit on the page is then
 * read and its snippet cut.
 */
const RELEVANCE_CANDIDATE_COST = 0.25;
const NEWEST_CANDIDATE_COST = 2;
const HIT_COST = 10;

/**
 * `searchArticles`: REST search over GraphQL, from the same parser and service. Whoever may
 * list articles may search them (the Article `find` permission).
 */
export function registerSearchArticlesQuery(strapi: Core.Strapi): void {
  registerRootQuery(strapi, {
    name: 'searchArticles',
    typeDefs,
    scope: 'api::article.article.find',
    cost: ({ sort, pageSize }) =>
      MAX_CANDIDATES * (sort === 'newest' ? NEWEST_CANDIDATE_COST : RELEVANCE_CANDIDATE_COST) + countArgument(pageSize, DEFAULT_PAGE_SIZE) * HIT_COST,
    resolve: (args) => strapi.service(ARTICLE).search(parseSearchQuery(givenArguments(args))),
  });
}
