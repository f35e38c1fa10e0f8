import type { Core } from '@strapi/strapi';
import { capturesOfArticle, publishedCapturesOfArticle } from '../captures/reading';
import { timeMapOf } from '../captures/memento';
import type { StoredCapture } from '../captures/capture-store';
import { CAPTURE } from '../db/uids';
import { mayReadDrafts } from '../security/published-only';
import { publicUrl } from '../security/safe-urls';
import { registerRootQuery } from './arguments';


const typeDefs = /* GraphQL */ `
  "One capture (快照) of an article's page"
  type ArticleCapture {
    "When it was captured"
    datetime: DateTime!
    "Content hash of the captured title and body"
    digest: String!
    "Repeats an earlier capture's page"
    revisit: Boolean!
    "The crawler that captured it (爬虫)"
    capturedBy: String
    "The page's address as the crawler wrote it"
    originalUrl: String
    "The memento (this capture's article as it was), for a published capture with an address"
    uri: String
  }

  "Every capture of one address, oldest first (a TimeMap)"
  type CaptureHistory {
    "The address, as first captured, without tracking parameters"
    original: String!
    "The captures, oldest first"
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

/**
 * Captures over GraphQL: a field of Article and a look-up by address, both showing the public
 * what Memento shows (db/visibility.ts's rule for captures). The Capture type's generated
 * queries are off: drafts' captures must not be listed by a path that does not check the article.
 */
export function registerCaptureQueries(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  extension.shadowCRUD(CAPTURE).disable();
  const base = () => `${publicUrl(strapi)}${strapi.config.get('api.rest.prefix', '/api')}`;
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
        async captures(parent: { documentId: string }, _args: unknown) {
          // The public reads what Memento serves; editors and API tokens, who read drafts, the whole history.
          const published = await publishedCapturesOfArticle(strapi, parent.documentId);
          const captures = mayReadDrafts(strapi) ? await capturesOfArticle(strapi, parent.documentId) : published;
          const mementos = new Set(published.filter((capture) => capture.canonicalUrl).map((capture) => capture.documentId));
          return captures.map((capture) => view(capture, mementos.has(capture.documentId) ? `${base()}/mementos/${capture.documentId}` : null));
        },
      },
    },
  }));
  registerRootQuery(strapi, {
    name: 'capturesByUrl',
    typeDefs: queryTypeDefs,
    scope: 'api::capture.memento.timeMapJson',
    cost: () => CAPTURES_BY_URL_COST,
    async resolve({ url }) {
      const timeMap = await timeMapOf(strapi, url as string, base());
      if (!timeMap) return null;
      return { original: timeMap.original, captures: timeMap.mementos.map(({ capture, uri }) => view(capture, uri)) };
    },
  });
}
