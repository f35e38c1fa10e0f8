import type { Core } from '@strapi/strapi';
import { ARTICLE } from '../db/uids';
import { registerRootQuery } from './arguments';

const typeDefs = /* GraphQL */ `
  type ArticleReprint {
    documentId: ID!
    slug: String
    title: String!
    "The aggregator that carried this copy (来源)"
    source: String
    "The outlet that wrote the story (本文转自)"
    reprintedFrom: String
    "ISO UTC, as REST gives it"
    snapshotAt: String
    "Bits by which this copy's fingerprint differs (0-3)"
    distance: Int!
  }

  type ArticleReprints {
    data: [ArticleReprint!]!
    meta: ArticleReprintsMeta!
  }

  type ArticleReprintsMeta {
    article: RelatedArticleRef!
  }

  extend type Query {
    "The same list as GET /api/articles/:idOrSlug/reprints"
    reprints(idOrSlug: String!): ArticleReprints
  }
`;

/**
 * What one reprints list costs, in the cost limit's points: the fingerprint's candidates (one
 * lookup per band) and each copy read with its sources; a story has tens of copies, not thousands.
 */
const REPRINTS_COST = 100;

/**
 * `reprints`: the REST list of the other copies of a story, from the same service. A withheld
 * article is simply not found here (GraphQL has no status line for a 451).
 */
export function registerReprintsQuery(strapi: Core.Strapi): void {
  registerRootQuery(strapi, {
    name: 'reprints',
    typeDefs,
    scope: 'api::article.article.reprints',
    cost: () => REPRINTS_COST,
    resolve: ({ idOrSlug }) => strapi.service(ARTICLE).reprints(idOrSlug as string),
  });
}
