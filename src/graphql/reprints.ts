import type { Core } from '@strapi/strapi';
import { ARTICLE, SOURCE } from '../db/uids';
import { registerRootQuery } from './arguments';

const typeDefs = /* GraphQL */ `
  "Another published copy of the same story (转载), found by its text's fingerprint"
  type ArticleReprint {
    "The copy's document id"
    documentId: ID!
    "The copy's slug (URL)"
    slug: String
    "The copy's title (标题)"
    title: String!
    "The aggregator that carried this copy (来源)"
    source: Source
    "The outlet that wrote the story (本文转自)"
    reprintedFrom: Source
    "When the copy was captured"
    snapshotAt: DateTime
    "Bits by which this copy's fingerprint differs (0-3): 0 is the same text"
    distance: Int!
  }

  "The other copies of an article's story, nearest first"
  type ArticleReprints {
    "The copies"
    data: [ArticleReprint!]!
    "Which article they are copies of"
    meta: ArticleReprintsMeta!
  }

  "About a reprints list"
  type ArticleReprintsMeta {
    "The article asked about"
    article: RelatedArticleRef!
  }

  extend type Query {
    "Other published copies of an article's story: the same list as GET /api/articles/:idOrSlug/reprints. idOrSlug: a documentId or a slug"
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
  // REST names a copy's sources; GraphQL gives them as the Source type, as Article.source does.
  const sourceNamed = (name: string | null) => (name ? strapi.documents(SOURCE).findFirst({ filters: { name } }) : null);
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      resolvers: {
        ArticleReprint: {
          source: (reprint: { source: string | null }) => sourceNamed(reprint.source),
          reprintedFrom: (reprint: { reprintedFrom: string | null }) => sourceNamed(reprint.reprintedFrom),
        },
      },
    }));
}
