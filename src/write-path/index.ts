import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ArticleRuleError, stampArticleUpdate, stampNewArticle, type ArticleFields } from '../core/article-rules';
import { isBlank } from '../core/text';
import { safeUrl } from '../core/url';
import type { DocumentMiddleware } from '../db/document-actions';
import { ARTICLE, CATEGORY, SOURCE, URL_FIELDS } from '../db/uids';
import { manyToOneRef, type RelationRef } from './relations';
import { allocateSlug, isSlugCollision } from './slugs';

/** The content types whose slug follows a text field, and which field that is. */
const SLUG_SOURCES: Partial<Record<UID.ContentType, string>> = {
  [ARTICLE]: 'title',
  [SOURCE]: 'name',
  [CATEGORY]: 'name',
};

type Data = Record<string, any>;

/** Each round of a race settles one writer: enough rounds for a burst of writers on one title. */
const SLUG_ATTEMPTS = 10;
/** Attempts so far per write (keyed by its original data), so a retried write stops after SLUG_ATTEMPTS. */
const slugAttempts = new WeakMap<object, number>();

/** The crawler an article is captured by, as the attribution rule reads it. */
export async function crawlerOf(strapi: Core.Strapi, ref: RelationRef | undefined) {
  if (!ref) return null;
  const where = 'documentId' in ref ? { documentId: ref.documentId } : { id: ref.id };
  const source = await strapi.db.query(SOURCE).findOne({ where, select: ['name', 'attributionTemplate'] });
  return source ? { name: source.name as string, attributionTemplate: source.attributionTemplate as string | null } : null;
}

/** The stored draft of a document (drafts hold the latest edit), with what the rules read. */
async function storedDraft(strapi: Core.Strapi, uid: UID.ContentType, documentId: string): Promise<Data | null> {
  const populate = uid === ARTICLE ? { contributors: true, capturedBy: { select: ['documentId'] } } : undefined;
  const rows = await strapi.db.query(uid).findMany({ where: { documentId }, populate, orderBy: { publishedAt: 'desc' } });
  // Without draft & publish there is one row; with it, the draft row has publishedAt null.
  return rows.find((row: Data) => row.publishedAt === null) ?? rows[0] ?? null;
}

async function stampArticle(strapi: Core.Strapi, action: 'create' | 'update', data: Data, previous: Data | null): Promise<Data> {
  const ref = manyToOneRef(data.capturedBy);
  const crawler = await crawlerOf(strapi, ref === undefined && previous?.capturedBy ? { documentId: previous.capturedBy.documentId } : ref);
  const ctx = { now: new Date(), crawler };
  return action === 'create' || !previous
    ? stampNewArticle(data as ArticleFields, ctx)
    : stampArticleUpdate(data as ArticleFields, previous as ArticleFields, ctx);
}

/**
 * Slugs: a given slug is kept (made unique); a missing one comes from the title (or name). Once
 * set, a slug never follows later title edits, so a published URL stays put and every way in
 * (the admin sends the slug back on each save, REST may not) ends the same.
 */
export async function stampSlug(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  data: Data,
  previous: Data | null,
  documentId?: string,
  /** Slugs taken by writes not stored yet (a bulk import's batch). */
  reserved?: ReadonlySet<string>,
) {
  if (!isBlank(data.slug)) {
    if (data.slug !== previous?.slug) data.slug = await allocateSlug(strapi, uid, String(data.slug), documentId, reserved);
    return;
  }
  if (previous && !isBlank(previous.slug)) {
    delete data.slug;
    return;
  }
  const text = data[SLUG_SOURCES[uid]!] ?? previous?.[SLUG_SOURCES[uid]!];
  if (!isBlank(text)) data.slug = await allocateSlug(strapi, uid, String(text), documentId, reserved);
}

/**
 * Write-time rules, reached by every way in: the admin, REST, GraphQL and the importer all write
 * through the Document Service, and this middleware sits in front of its create and update.
 * Publish, unpublish and discard-draft copy rows without passing here, so stamped fields
 * (snapshotAt above all) are carried over untouched.
 */
/**
 * The URL rule (core/url.ts) for the fields the article rules do not already check: `data` with
 * each address in its stored form, or a 400 naming the field.
 */
function withSafeUrlFields(uid: string, data: Data | undefined): Data | undefined {
  let safe = data;
  for (const field of uid === ARTICLE ? [] : (URL_FIELDS[uid] ?? [])) {
    const value = data?.[field];
    if (value === undefined || value === null || value === '') continue;
    const verdict = safeUrl(String(value));
    if ('problem' in verdict) {
      const message = `${field} must be an http(s) address: ${verdict.problem}`;
      throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
    }
    if (verdict.href !== value) safe = { ...safe, [field]: verdict.href };
  }
  return safe;
}

export function writePathStamps(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const uid = context.uid as UID.ContentType;
    if (context.action === 'create' || context.action === 'update') {
      const params = context.params as { data?: Data };
      const data = withSafeUrlFields(uid, params.data);
      if (data !== params.data) context.params = { ...params, data } as typeof context.params;
    }
    if (!(uid in SLUG_SOURCES) || (context.action !== 'create' && context.action !== 'update')) return next();

    const params = context.params as { data?: Data; documentId?: string };
    const documentId = context.action === 'update' ? params.documentId : undefined;
    const previous = documentId ? await storedDraft(strapi, uid, documentId) : null;
    const original: Data = params.data ?? {};
    let data: Data = { ...original };
    try {
      if (uid === ARTICLE) data = await stampArticle(strapi, context.action, data, previous);
    } catch (error) {
      if (error instanceof ArticleRuleError) {
        throw new errors.ValidationError(error.message, { errors: [{ path: [error.field], message: error.message, name: 'ValidationError' }] });
      }
      throw error;
    }
    await stampSlug(strapi, uid, data, previous, documentId);
    context.params = { ...params, data } as typeof context.params;
    // A concurrent writer may take the same free slug between the look-up and the insert; the
    // unique index refuses the second, which is then run again from the top (every middleware,
    // a fresh slug). The write runs in a savepoint: on PostgreSQL a failed statement spoils the
    // transaction around it.
    if (data.slug === undefined) return next();
    const attempts = (slugAttempts.get(original) ?? 0) + 1;
    return strapi.db.transaction(async ({ trx }) => {
      await trx.raw('SAVEPOINT kuaizhao_slug');
      try {
        const result = await next();
        await trx.raw('RELEASE SAVEPOINT kuaizhao_slug');
        return result;
      } catch (error) {
        await trx.raw('ROLLBACK TO SAVEPOINT kuaizhao_slug');
        await trx.raw('RELEASE SAVEPOINT kuaizhao_slug');
        if (attempts >= SLUG_ATTEMPTS || !isSlugCollision(error)) throw error;
        slugAttempts.set(original, attempts);
        const documents = strapi.documents(uid) as unknown as Record<string, (params: unknown) => Promise<any>>;
        return documents[context.action]({ ...params, data: original });
      }
    });
  };
}
