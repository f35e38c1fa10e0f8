import type { Core } from '@strapi/strapi';
import { parseRelatedQuery } from '../related/query-schema';
import { givenArguments } from './arguments';

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
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      typeDefs,
      resolvers: {
        Query: {
          relatedArticles(_parent: unknown, { idOrSlug, ...options }: { idOrSlug: string } & Record<string, unknown>) {
            return strapi.service('api::article.article').related(idOrSlug, parseRelatedQuery(givenArguments(options)));
          },
        },
      },
      resolversConfig: {
        'Query.relatedArticles': { auth: { scope: ['api::article.article.find'] } },
      },
    }));
}
