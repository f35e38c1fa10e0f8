/**
 * 451 Unavailable For Legal Reasons (RFC 7725) for an article addressed directly while withheld:
 * a JSON error in Strapi's shape and a `Link: <…>; rel="blocked-by"` naming who blocks it (the
 * archive itself, which honours the notice).
 */
import type { Core } from '@strapi/strapi';
import { resolveArticle } from '../db/articles';
import { mayReadDrafts } from '../security/published-only';
import { publicUrl } from '../security/safe-urls';

export const WITHHELD_MESSAGE = "This article is withheld on a rights holder's request (侵权删除)";

/** Whether a published article with this documentId or slug is withheld now. */
export async function isWithheldAddress(strapi: Core.Strapi, idOrSlug: string): Promise<boolean> {
  return (await resolveArticle(strapi, idOrSlug))?.withheld === true;
}

export function respondWithheld(strapi: Core.Strapi, ctx: any): void {
  ctx.status = 451;
  ctx.set('Link', `<${publicUrl(strapi)}/>; rel="blocked-by"`);
  ctx.body = { data: null, error: { status: 451, name: 'UnavailableForLegalReasonsError', message: WITHHELD_MESSAGE, details: {} } };
}

/**
 * Answers 451 and returns true when a reader kept to public content addresses a withheld article.
 * Editors and API tokens read it as they read drafts. Call it first in every route that takes an
 * article's id or slug.
 */
export async function refuseWithheld(strapi: Core.Strapi, ctx: any, idOrSlug: string): Promise<boolean> {
  if (mayReadDrafts(strapi) || !(await isWithheldAddress(strapi, idOrSlug))) return false;
  respondWithheld(strapi, ctx);
  return true;
}
