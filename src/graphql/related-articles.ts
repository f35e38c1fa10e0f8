import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { DEFAULT_RELATED_LIMIT, parseRelatedQuery } from '../related/read';
import { LIST_LENGTH } from '../core/relatedness';
import { countArgument, givenArguments, registerRootQuery } from './arguments';

const typeDefs = /* GraphQL */ `
  enum RelatedKind {
    all
    curated
    computed
  }

  type RelatedArticleRef {
    documentId: ID!
    slug: String
    title: String!
  }

  type RelatedArticleItem {
    kind: RelatedKind!
    title: String
    excerpt: String!
    "ISO UTC, as REST gives it"
    date: String
    url: String
    score: Float
    article: RelatedArticleRef
  }

  type RelatedArticlesCategory {
    name: String!
    slug: String
  }

  type RelatedArticlesMeta {
    article: RelatedArticleRef!
    category: RelatedArticlesCategory
    moreUrl: String
  }

  type RelatedArticles {
    data: [RelatedArticleItem!]!
    meta: RelatedArticlesMeta!
  }

  extend type Query {
    "The same list as GET /api/articles/:idOrSlug/related"
    relatedArticles(idOrSlug: String!, limit: Int, kind: RelatedKind, category: String): RelatedArticles
  }
`;

/**
 * What one related list costs, in the cost limit's points: each item is read with its article
 * (ITEM_COST); a category, or more items than the stored list holds, ranks the list live from
 * the champion lists of the article's terms, which reads about what a search's candidates do.
 */
const ITEM_COST = 10;
const LIVE_RANKING_COST = 250;

/**
 * `relatedArticles`: the REST related list over GraphQL, from the same service. Whoever may list
 * articles may ask for it (the Article `find` permission), not every authenticated user.
 */
export function registerRelatedArticlesQuery(strapi: Core.Strapi): void {
  registerRootQuery(strapi, {
    name: 'relatedArticles',
    typeDefs,
    scope: 'api::article.article.find',
    cost: ({ limit, category }) => {
      const items = countArgument(limit, DEFAULT_RELATED_LIMIT);
      return items * ITEM_COST + (category != null || items > LIST_LENGTH ? LIVE_RANKING_COST : 0);
    },
    resolve: ({ idOrSlug, ...options }) =>
      strapi.service(ARTICLE).related(idOrSlug as string, parseRelatedQuery(givenArguments(options))),
  });
}
