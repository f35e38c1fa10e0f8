import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { DEFAULT_PAGE_SIZE, parseSearchQuery } from '../search/read';
import { MAX_CANDIDATES } from '../search/queries';
import { countArgument, givenArguments, registerRootQuery } from './arguments';

const typeDefs = /* GraphQL */ `
  enum SearchSort {
    relevance
    newest
  }

  type SearchHitTaxon {
    name: String!
    slug: String
  }

  type SearchHit {
    documentId: ID!
    slug: String
    title: String!
    "ISO UTC, as REST gives it"
    snapshotAt: String
    "ISO UTC, as REST gives it"
    sourcePublishedAt: String
    category: SearchHitTaxon
    source: SearchHitTaxon
    score: Float!
    "Plain text around the best match"
    snippet: String!
    "[start, end) offsets of the matched terms in snippet (UTF-16 code units)"
    highlights: [[Int!]!]!
  }

  type SearchPagination {
    page: Int!
    pageSize: Int!
    pageCount: Int!
    total: Int!
  }

  type SearchArticlesMeta {
    pagination: SearchPagination!
    "More articles match than are ranked: total is then the cap (${MAX_CANDIDATES}), as over REST"
    capped: Boolean!
    terms: [String!]!
  }

  type SearchArticles {
    data: [SearchHit!]!
    meta: SearchArticlesMeta!
  }

  extend type Query {
    "The same hits as GET /api/articles/search"
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
