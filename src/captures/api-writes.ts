/**
 * Captures recorded by writes over HTTP (REST, GraphQL, the admin), and the rule that nobody
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
import { recordCapture } from './recording';

/** What a capture records of a stored article: the fields its page prints. */
const PAGE_POPULATE = {
  category: { select: ['name'] },
  source: { select: ['name'] },
  reprintedFrom: { select: ['name'] },
  capturedBy: { select: ['name'] },
  relatedLinks: { select: ['title', 'excerpt', 'date', 'dateText', 'url', 'position'] },
};

async function storedDraft(strapi: Core.Strapi, documentId: string, populate?: object) {
  return strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, populate: populate as any });
}

/**
 * A write over HTTP records a capture when it creates an article or moves its snapshot time,
 * which the write path allows only for a later capture with other text: an editor's
 * correction keeps the time and is not a capture.
 */
export function captureRecording(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid === CAPTURE && WRITE_ACTIONS.has(context.action)) {
      throw new errors.ValidationError('Captures are recorded by the archive and cannot be created, changed or deleted by hand');
    }
    const { action } = context;
    if (context.uid !== ARTICLE || (action !== 'create' && action !== 'update') || !strapi.requestContext.get()) return next();

    return strapi.db.transaction(async () => {
      const given = (context.params as { documentId?: string }).documentId;
      const before = given ? isoOfStored((await storedDraft(strapi, given))?.snapshotAt) : null;
      const result = await next();
      const documentId = given ?? (result as { documentId?: string } | null)?.documentId;
      const stored = documentId ? await storedDraft(strapi, documentId, PAGE_POPULATE) : null;
      const snapshotAt = isoOfStored(stored?.snapshotAt);
      if (stored && snapshotAt && (action === 'create' || snapshotAt !== before)) {
        await recordCapture(strapi, documentId!, { record: recordOfStoredArticle(stored), snapshotAt, via: 'api' });
      }
      return result;
    });
  };
}
