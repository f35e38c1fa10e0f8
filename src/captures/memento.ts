/**
 * The Memento views of the capture history (RFC 7089): the TimeMap of an address, the memento a
 * TimeGate chooses, and a memento itself (the article as that capture saw it). Publicly
 * visible articles only (published, not withheld); the HTTP shape is in src/api/capture/controllers/memento.ts, the formats in
 * src/core/memento.ts.
 */
import type { Core } from '@strapi/strapi';
import type { ArticleInput } from '../core/article-input';
import { paragraphsToBlocks } from '../core/body';
import type { StoredCapture } from './capture-store';
import { withoutTracking } from '../core/canonical-url';
import { ARTICLE } from '../db/uids';
import { VISIBLE_ARTICLE_WHERE } from '../db/visibility';
import { pageOfCapture, publishedCapture, publishedCapturesOfUrl } from './reading';

/**
 * The original resource's address for Memento: the first capture's, so the TimeMap's own URIs
 * stay the same when later captures arrive, less its tracking parameters and fragment (no part of
 * the resource), header-safe (ASCII: a Chinese path percent-encoded, an IDN host punycoded).
 */
const originalOf = (captures: StoredCapture[], uriR: string) => withoutTracking(captures[0].originalUrl) ?? withoutTracking(uriR) ?? uriR;

export interface MementoRef {
  capture: StoredCapture;
  uri: string;
}

export interface TimeMap {
  /** The page's address as its first capture wrote it, without tracking parameters or fragment. */
  original: string;
  timeMapLink: string;
  timeMapJson: string;
  timeGate: string;
  /** Oldest first. */
  mementos: MementoRef[];
}

/**
 * The TimeMap of an address however written, or null when no published article was captured
 * there. `base` is this archive's API root, e.g. `https://archive.example/api`.
 */
export async function timeMapOf(strapi: Core.Strapi, uriR: string, base: string): Promise<TimeMap | null> {
  const captures = await publishedCapturesOfUrl(strapi, uriR);
  if (captures.length === 0) return null;
  const original = originalOf(captures, uriR);
  return {
    original,
    timeMapLink: `${base}/timemap/link/${original}`,
    timeMapJson: `${base}/timemap/json/${original}`,
    timeGate: `${base}/timegate/${original}`,
    mementos: captures.map((capture) => ({ capture, uri: `${base}/mementos/${capture.documentId}` })),
  };
}

/** The JSON TimeMap: one entry per capture, oldest first. */
export function timeMapJson(timeMap: TimeMap) {
  return {
    original: timeMap.original,
    captures: timeMap.mementos.map(({ capture, uri }) => ({
      datetime: capture.snapshotAt,
      uri,
      digest: capture.digest,
      revisit: capture.revisitOf !== null,
      capturedBy: capture.capturedBy,
    })),
  };
}

/** The article fields of a captured page, shaped as the REST API shows an article. */
function articleOfPage(page: ArticleInput, capture: StoredCapture) {
  return {
    title: page.title,
    kicker: page.kicker,
    byline: page.byline,
    body: paragraphsToBlocks(page.paragraphs),
    category: page.category,
    source: page.source,
    reprintedFrom: page.reprintedFrom,
    capturedBy: page.capturedBy,
    sourcePublishedAt: page.sourcePublishedAt,
    snapshotAt: capture.snapshotAt,
    originalUrl: page.originalUrl,
    attribution: page.attribution,
    relatedLinks: page.relatedLinks.map(({ title, excerpt, date, dateText, url }) => ({
      title,
      excerpt,
      date,
      dateText,
      url: url ?? null,
    })),
  };
}

export interface Memento {
  capture: StoredCapture;
  timeMap: TimeMap;
  body: { data: Record<string, unknown>; meta: { memento: Record<string, unknown> } };
}

/** A memento by its capture's documentId, when its article is published and has an address. */
export async function mementoOf(strapi: Core.Strapi, documentId: string, base: string): Promise<Memento | null> {
  const capture = await publishedCapture(strapi, documentId);
  if (!capture?.canonicalUrl || !capture.originalUrl) return null;
  const timeMap = await timeMapOf(strapi, capture.originalUrl, base);
  if (!timeMap) return null;
  const page = await pageOfCapture(strapi, capture);
  const article = await strapi.db.query(ARTICLE).findOne({
    where: { documentId: capture.articleDocumentId, ...VISIBLE_ARTICLE_WHERE },
    select: ['documentId', 'slug'],
  });
  return {
    capture,
    timeMap,
    body: {
      data: { documentId: capture.articleDocumentId, slug: article?.slug ?? null, ...articleOfPage(page, capture) },
      meta: {
        memento: {
          datetime: capture.snapshotAt,
          digest: capture.digest,
          revisit: capture.revisitOf !== null,
          capturedBy: capture.capturedBy,
        },
      },
    },
  };
}
