import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { hideWithheld } from '../takedown/public-reads';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Who may read drafts: the admin panel (editors) and API tokens (trusted back ends, previews).
 * Code outside a request (bootstrap, the import script) is trusted too. Everyone else — the
 * Public role and end users — reads published content only, over REST, GraphQL and custom routes,
 * and never an article withheld by a takedown (takedown/visibility.ts).
 */
export function mayReadDrafts(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get();
  if (!ctx) return true;
  if (ctx.state?.route?.info?.type === 'admin') return true;
  return ctx.state?.auth?.strategy?.name === 'content-api-token';
}

/**
 * Stock Strapi 5 returns drafts to the Public role on `?status=draft`. One Document Service
 * middleware closes every path at once, because REST, GraphQL and our own controllers all read
 * through the Document Service.
 */
export function registerPublishedOnly(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (READ_ACTIONS.has(context.action) && !mayReadDrafts(strapi)) {
      const params = (context.params ?? {}) as { status?: string };
      if (params.status === 'draft') {
        // A PolicyError keeps its message through Strapi's authorize step (a plain ForbiddenError is reduced to "Forbidden").
        throw new errors.PolicyError('Drafts are not available to this role: only published content can be read');
      }
      context.params = hideWithheld(strapi, context.uid, { ...params, status: 'published' }) as typeof context.params;
    }
    return next();
  });
}
