import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { parseRelatedQuery } from '../related/read';
import { givenArguments, registerRootQuery } from './arguments';

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
 * `relatedArticles`: the REST related list over GraphQL, from the same service. Whoever may list
 * articles may ask for it (the Article `find` permission), not every authenticated user.
 */
export function registerRelatedArticlesQuery(strapi: Core.Strapi): void {
  registerRootQuery(strapi, {
    name: 'relatedArticles',
    typeDefs,
    scope: 'api::article.article.find',
    resolve: ({ idOrSlug, ...options }) =>
      strapi.service(ARTICLE).related(idOrSlug as string, parseRelatedQuery(givenArguments(options))),
  });
}
