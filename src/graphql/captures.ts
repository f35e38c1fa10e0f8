import type { Core } from '@strapi/strapi';
import { capturesOfArticle } from '../captures/reading';
import { timeMapOf } from '../captures/memento';
import type { StoredCapture } from '../captures/capture-store';
import { CAPTURE } from '../db/uids';
import { registerRootQuery } from './arguments';


const typeDefs = /* GraphQL */ `
  type ArticleCapture {
    "ISO UTC, as the JSON TimeMap gives it"
    datetime: String!
    digest: String!
    "Repeats an earlier capture's page"
    revisit: Boolean!
    capturedBy: String
    originalUrl: String
    "The memento (this capture's article as it was), for a published article with an address"
    uri: String
  }

  type CaptureHistory {
    original: String!
    captures: [ArticleCapture!]!
  }

  extend type Article {
    "The article's captures, oldest first"
    captures: [ArticleCapture!]!
  }

`;

const queryTypeDefs = /* GraphQL */ `
  extend type Query {
    "The captures of a page address however written, as GET /api/timemap/json/<url>; null when never captured"
    capturesByUrl(url: String!): CaptureHistory
  }
`;

/** What one look-up by address costs, in the cost limit's points: its captures, each read once; a page is captured tens of times. */
const CAPTURES_BY_URL_COST = 100;

type Context = { koaContext?: { origin?: string } };

/**
 * Captures over GraphQL: a field of Article (whoever sees the article sees its history) and a
 * look-up by address (published articles only, like the TimeMap). The Capture type's generated
 * queries are off: drafts' captures must not be listed by a path that does not check the article.
 */
export function registerCaptureQueries(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  extension.shadowCRUD(CAPTURE).disable();
  const base = (context: Context) => `${context.koaContext?.origin ?? ''}${strapi.config.get('api.rest.prefix', '/api')}`;
  const view = (capture: StoredCapture, uri: string | null) => ({
    datetime: capture.snapshotAt,
    digest: capture.digest,
    revisit: capture.revisitOf !== null,
    capturedBy: capture.capturedBy,
    originalUrl: capture.originalUrl,
    uri,
  });

  extension.use(() => ({
    typeDefs,
    resolvers: {
      Article: {
        async captures(parent: { documentId: string; publishedAt?: string | null }, _args: unknown, context: Context) {
          const captures = await capturesOfArticle(strapi, parent.documentId);
          const published = Boolean(parent.publishedAt);
          return captures.map((capture) =>
            view(capture, published && capture.canonicalUrl ? `${base(context)}/mementos/${capture.documentId}` : null),
          );
        },
      },
    },
  }));
  registerRootQuery(strapi, {
    name: 'capturesByUrl',
    typeDefs: queryTypeDefs,
    scope: 'api::capture.memento.timeMapJson',
    cost: () => CAPTURES_BY_URL_COST,
    async resolve({ url }, context: Context) {
      const timeMap = await timeMapOf(strapi, url as string, base(context));
      if (!timeMap) return null;
      return { original: timeMap.original, captures: timeMap.mementos.map(({ capture, uri }) => view(capture, uri)) };
    },
  });
}
