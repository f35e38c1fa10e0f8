/**
 * Captures recorded by writes over HTTP (REST, GraphQL, the admin) that publish, and the rule that nobody
 * edits a capture. The importer records its own captures, from the page as read (see
 * src/import/importer.ts); so does any code writing outside a request.
 */
import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../db/document-actions';
import { errors } from '@strapi/utils';
import { recordOfStoredArticle } from '../core/article-input';
import { WRITE_ACTIONS } from '../db/document-actions';
import { isoOfStored } from '../db/time';
import { ARTICLE, CAPTURE } from '../db/uids';
import { PUBLISHED_ROW_WHERE } from '../db/visibility';
import { latestCaptureTime } from './capture-store';
import { recordCapture } from './recording';

/** What a capture records of a stored article: the fields its page prints. */
const PAGE_POPULATE = {
  category: { select: ['name'] },
  source: { select: ['name'] },
  reprintedFrom: { select: ['name'] },
  capturedBy: { select: ['name'] },
  relatedLinks: { select: ['title', 'excerpt', 'date', 'dateText', 'url', 'position'] },
};

/** The published row of an article: what a capture over HTTP records. */
async function storedPublished(strapi: Core.Strapi, documentId: string) {
  return strapi.db.query(ARTICLE).findOne({ where: { documentId, ...PUBLISHED_ROW_WHERE }, populate: PAGE_POPULATE as any });
}

/** Whether this write publishes a version: `publish`, or a create or update with status published (REST's default). */
const publishes = (action: string, params: { status?: string }) => action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');

/**
 * A write over HTTP records a capture when it publishes a version whose snapshot time is later
 * than every capture of the article (or the article has none): the first publication, or a
 * later capture with other text (the write path moves the time only for that). The capture is
 * recorded from the published row, never from the draft: a draft save records nothing, so an
 * unpublished edit never reaches the history Memento serves. An editor's correction keeps the
 * time and is not a capture.
 */
export function captureRecording(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid === CAPTURE && WRITE_ACTIONS.has(context.action)) {
      throw new errors.ValidationError('Captures are recorded by the archive and cannot be created, changed or deleted by hand');
    }
    const params = (context.params ?? {}) as { documentId?: string; status?: string };
    if (context.uid !== ARTICLE || !publishes(context.action, params) || !strapi.requestContext.get()) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      const stored = documentId ? await storedPublished(strapi, documentId) : null;
      const snapshotAt = isoOfStored(stored?.snapshotAt);
      if (stored && snapshotAt) {
        const latest = await latestCaptureTime(strapi, documentId!);
        if (latest === null || Date.parse(snapshotAt) > Date.parse(latest)) {
          await recordCapture(strapi, documentId!, { record: recordOfStoredArticle(stored), snapshotAt, via: 'api' });
        }
      }
      return result;
    });
  };
}
