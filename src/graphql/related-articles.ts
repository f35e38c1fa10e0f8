import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { DEFAULT_RELATED_LIMIT, parseRelatedQuery } from '../related/read';
import { LIST_LENGTH } from '../core/relatedness';
import { countArgument, givenArguments, registerRootQuery } from './arguments';

const typeDefs = /* GraphQL */ `
  "Which related items to list"
  enum RelatedKind {
    "The page's own links, then computed ones"
    all
    "The links printed on the page (相关资讯), in page order"
    curated
    "Archive articles sharing the article's key terms"
    computed
  }

  "An article named by another list"
  type RelatedArticleRef {
    "Its document id"
    documentId: ID!
    "Its slug (URL)"
    slug: String
    "Its title (标题)"
    title: String!
  }

  "One item of a related list"
  type RelatedArticleItem {
    "curated (from the page) or computed (from the archive)"
    kind: RelatedKind!
    "The item's title; some printed items have none"
    title: String
    "Keyword in context, as printed, or the article's opening"
    excerpt: String!
    "The item's date"
    date: DateTime
    "The item's address, when it links outside the archive"
    url: String
    "How closely a computed item shares the article's terms; null for curated items"
    score: Float
    "The archive's article the item points to, when the archive holds it"
    article: RelatedArticleRef
  }

  "A category (类别) a related list is restricted to"
  type RelatedArticlesCategory {
    "Its name"
    name: String!
    "Its slug"
    slug: String
  }

  "About a related list"
  type RelatedArticlesMeta {
    "The article the list is for"
    article: RelatedArticleRef!
    "The category the computed items were restricted to"
    category: RelatedArticlesCategory
    "Where more of the category's articles are listed"
    moreUrl: String
  }

  "A related-articles list (相关资讯)"
  type RelatedArticles {
    "The items: curated first, in page order, then computed, best first"
    data: [RelatedArticleItem!]!
    "About the list"
    meta: RelatedArticlesMeta!
  }

  extend type Query {
    "Related articles of a published article: the same list as GET /api/articles/:idOrSlug/related. limit: 1 to 50 (10); category: a category slug restricting computed items"
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
