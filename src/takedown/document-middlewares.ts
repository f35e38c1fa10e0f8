/**
 * The two write-time hooks of takedowns, both Document Service middlewares so that every way in
 * (admin, REST, GraphQL, import) reaches them:
 * - a takedown write stamps its times and history, then withholds or restores the articles it covers;
 * - an article write re-decides that article's withholding (a later reprint of a withheld story
 *   is withheld on arrival; a re-import of a withheld page stays withheld).
 * Each runs inside the write's transaction: the write and its withholding land together.
 */
import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../db/document-actions';
import { errors } from '@strapi/utils';
import { stampNewTakedown, stampTakedownUpdate, type Actor, type StateChange, type TakedownFields } from '../core/takedown-rules';
import { indexingSwitchedOff, type Knex } from '../db/derived-index';
import { WRITE_ACTIONS } from '../db/document-actions';
import { ARTICLE, TAKEDOWN } from '../db/uids';
import { lockWriters } from '../db/writers';
import { fingerprintIndex } from '../fingerprints';
import { applyWithholding, namedByStoryTakedown, storiesOf } from './withholding';

const TAKEDOWN_WRITES = new Set(['create', 'update', 'delete']);

/** Who is writing: an editor in the admin, an API token (by its name), or the archive's own code. */
function currentActor(strapi: Core.Strapi): Actor {
  const ctx = strapi.requestContext.get();
  const user = ctx?.state?.user;
  if (user && (ctx?.state?.route?.info?.type === 'admin' || ctx?.state?.auth?.strategy?.name === 'admin')) {
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ');
    return { kind: 'admin', name: name ? `${name} <${user.email}>` : String(user.email) };
  }
  if (ctx?.state?.auth?.strategy?.name === 'content-api-token') {
    return { kind: 'api-token', name: String(ctx.state.auth.credentials?.name ?? 'unnamed token') };
  }
  return { kind: 'system', name: 'kuaizhao' };
}

interface StoredTakedown {
  state: StateChange['state'];
  history: StateChange[];
  article: { documentId: string } | null;
}

async function storedTakedown(strapi: Core.Strapi, documentId: string): Promise<StoredTakedown | null> {
  const row = await strapi.db.query(TAKEDOWN).findOne({
    where: { documentId },
    populate: { history: true, article: { select: ['documentId'] } },
  });
  if (!row) return null;
  const history = (row.history ?? []).map(({ state, at, actor, by }: any) => ({ state, at: new Date(at).toISOString(), actor, by }));
  return { state: row.state, history, article: row.article ?? null };
}

export function takedownWrites(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid !== TAKEDOWN || !TAKEDOWN_WRITES.has(context.action)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      // The derived indexes' lock first, as every article write takes it: withholding syncs them.
      await lockWriters(strapi, trx);
      const params = context.params as { documentId?: string; data?: TakedownFields };
      const previous = params.documentId ? await storedTakedown(strapi, params.documentId) : null;
      if (context.action !== 'delete') {
        const input = { ...(params.data ?? {}) };
        const data = previous
          ? stampTakedownUpdate(input, previous, currentActor(strapi), new Date())
          : stampNewTakedown(input, currentActor(strapi), new Date());
        context.params = { ...params, data } as typeof context.params;
      }
      const result = await next();

      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      const current = context.action === 'delete' || !documentId ? null : await storedTakedown(strapi, documentId);
      if (current && !current.article) {
        throw new errors.ValidationError('article must be the article the notice is about', {
          errors: [{ path: ['article'], message: 'article must be the article the notice is about', name: 'ValidationError' }],
        });
      }
      const articles = [previous?.article?.documentId, current?.article?.documentId].filter((id): id is string => Boolean(id));
      const knex = trx as unknown as Knex;
      await applyWithholding(strapi, knex, await storiesOf(knex, [...new Set(articles)]));
      return result;
    });
  };
}

/** Register after every other article middleware: it must run first once the write is done. */
export function withholdingOnArticleWrites(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid !== ARTICLE || !WRITE_ACTIONS.has(context.action)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (!documentId) return result;
      const knex = trx as unknown as Knex;
      // The copies it had before the write and has after, when a story takedown names it: an
      // edit that moves its fingerprint moves the story, and both sets must be re-decided.
      // Otherwise the write can change its own withholding only.
      const namesStory = await namedByStoryTakedown(strapi, knex, documentId);
      const copies = async () => (namesStory ? storiesOf(knex, [documentId]) : [documentId]);
      const before = await copies();
      // Its story is decided by its fingerprint, which must be current whatever the middleware order.
      if (!indexingSwitchedOff(fingerprintIndex.name)) await fingerprintIndex.sync(strapi, knex, [documentId]);
      const after = await copies();
      await applyWithholding(strapi, knex, [...new Set([...before, ...after])]);
      return result;
    });
  };
}
