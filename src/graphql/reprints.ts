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
    resolve: async ({ idOrSlug }) => withSources(strapi, await strapi.service(ARTICLE).reprints(idOrSlug as string)),
  });
}

type NamedSources = { source: string | null; reprintedFrom: string | null };

/**
 * REST names a copy's sources; GraphQL gives them as the Source type, as Article.source does:
 * every source of the list read in one query, not one per copy and field.
 */
async function withSources<T extends { data: NamedSources[] } | null>(strapi: Core.Strapi, reprints: T): Promise<T> {
  if (!reprints) return reprints;
  const names = [...new Set(reprints.data.flatMap(({ source, reprintedFrom }) => [source, reprintedFrom]).filter((name): name is string => name !== null))];
  const sources = names.length > 0 ? await strapi.documents(SOURCE).findMany({ filters: { name: { $in: names } } }) : [];
  const byName = new Map(sources.map((source) => [source.name as string, source]));
  const sourceNamed = (name: string | null) => (name === null ? null : (byName.get(name) ?? null));
  return { ...reprints, data: reprints.data.map((copy) => ({ ...copy, source: sourceNamed(copy.source), reprintedFrom: sourceNamed(copy.reprintedFrom) })) };
}
