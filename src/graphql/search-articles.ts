import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { DEFAULT_PAGE_SIZE, parseSearchQuery } from '../search/read';
import { MAX_CANDIDATES, MAX_SCORED } from '../search/queries';
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
 * What one search costs, in the cost limit's points (about one per row read). Newest reads the
 * date of every match to keep the newest MAX_CANDIDATES (two points each). Relevance does the same
 * to keep the newest MAX_SCORED, then scores each of them from its text: about one and a half times
 * newest's work for a word in every article (bench:search at 100k), three tenths of a point per
 * scored match. Each hit on the page is then read and its snippet cut.
 */
const RELEVANCE_CANDIDATE_COST = 0.3;
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
      (sort === 'newest' ? MAX_CANDIDATES * NEWEST_CANDIDATE_COST : MAX_SCORED * RELEVANCE_CANDIDATE_COST) + countArgument(pageSize, DEFAULT_PAGE_SIZE) * HIT_COST,
    resolve: (args) => strapi.service(ARTICLE).search(parseSearchQuery(givenArguments(args))),
  });
}
