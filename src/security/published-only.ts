import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../db/document-actions';
import { errors } from '@strapi/utils';
import { ARTICLE, RELATED_LINK } from '../db/uids';
import { publishedRowFilter, visibleRowFilter, withheldDocumentIds } from '../db/visibility';
import { hideWithheld, withoutWithheld } from './withheld-reads';
import { RelationScopeError, scopeFilters, scopeQuery, type OperatorStyle, type RowScope, type Schema, type SchemaOf } from './relation-scope';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Types without draft & publish whose rows belong to an article: a related link exists for the
 * public only while the article it is printed under has a published, visible version (the
 * importer and the admin join a link to the draft row too, so a never-published article's links
 * exist; a withheld article's links are part of its withheld page).
 */
const OWNER_RELATION: Record<string, string> = {
  [RELATED_LINK]: 'article',
};

/**
 * Marks a request whose signed preview address was checked (preview/signing.ts): it reads the
 * draft an editor asked to see. A symbol, so nothing a request carries can set it.
 */
export const SIGNED_PREVIEW = Symbol('signed preview');

/**
 * Who may read drafts: the admin panel (editors), API tokens (trusted back ends) and a checked
 * preview address. Code outside a request (bootstrap, the import script) is trusted too. Everyone else — the
 * Public role and end users — reads published content only, over REST, GraphQL and custom routes,
 * and never an article withheld by a takedown (takedown/visibility.ts).
 */
export function mayReadDrafts(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get();
  if (!ctx) return true;
  if (ctx.state?.route?.info?.type === 'admin') return true;
  if ((ctx.state as Record<symbol, unknown> | undefined)?.[SIGNED_PREVIEW] === true) return true;
  return ctx.state?.auth?.strategy?.name === 'content-api-token';
}

export const schemaLookup =
  (strapi: Core.Strapi): SchemaOf =>
  (uid) =>
    (strapi.contentTypes[uid as keyof typeof strapi.contentTypes] ?? strapi.components[uid as keyof typeof strapi.components]) as
      | Schema
      | undefined;

/**
 * The rule for a row reached through a relation: published, and for an article also not withheld
 * (takedown/visibility.ts), so that a filter such as `filters[target][title]` cannot probe a
 * withheld article's headline. REST filters reach the Document Service past validation and name
 * the private `withheldAt`; GraphQL relation arguments are validated and sanitised after this
 * rewrite, which refuse a private attribute, so there the withheld articles are named by documentId.
 */
const visibleRow =
  (withheldArticles: readonly string[]): RowScope =>
  (target, style) =>
    target === ARTICLE ? visibleRowFilter(style, withheldArticles) : publishedRowFilter(style);

/**
 * A query as the public may run it: relation steps to draft-and-publish types narrowed to
 * published rows (visible ones, for articles), sorts through them refused, and owned rows limited
 * to published owners.
 */
export function publicQuery<T extends Record<string, unknown>>(
  strapi: Core.Strapi,
  uid: string,
  query: T,
  style: OperatorStyle,
  /** Needed in GraphQL style only (withheldDocumentIds). */
  withheldArticles: readonly string[] = [],
): T {
  const schemaOf = schemaLookup(strapi);
  const visible = visibleRow(withheldArticles);
  let scoped: T;
  try {
    scoped = scopeQuery(schemaOf, uid, query, style, visible);
  } catch (error) {
    if (error instanceof RelationScopeError) throw new errors.ValidationError(error.message);
    throw error;
  }
  const owner = OWNER_RELATION[uid];
  if (!owner) return scoped;
  // Visible owners only: a link printed under a withheld article is part of the withheld page.
  const ownerPublished = scopeFilters(schemaOf, uid, { [owner]: {} }, style, visible) as Record<string, unknown>;
  const filters = scoped.filters ? { [`${style}and`]: [scoped.filters, ownerPublished] } : ownerPublished;
  return { ...scoped, filters };
}

/** Whether the public rewrite of this query reaches an article through a relation: only then does GraphQL need the withheld list. */
function reachesArticle(strapi: Core.Strapi, uid: string, query: Record<string, unknown>, style: OperatorStyle): boolean {
  const schemaOf = schemaLookup(strapi);
  let reached = false;
  const recording: RowScope = (target, rowStyle) => {
    reached ||= target === ARTICLE;
    return publishedRowFilter(rowStyle);
  };
  try {
    scopeQuery(schemaOf, uid, query, style, recording);
  } catch (error) {
    // publicQuery refuses it with a message.
    if (!(error instanceof RelationScopeError)) throw error;
  }
  const owner = OWNER_RELATION[uid];
  return reached || (owner !== undefined && schemaOf(uid)?.attributes[owner]?.target === ARTICLE);
}

/**
 * Stock Strapi 5 returns drafts to the Public role on `?status=draft`, and applies the status to
 * the queried type only. One Document Service middleware closes every REST path (and GraphQL's
 * root queries) at once, because they all read through the Document Service; GraphQL's relation
 * fields read through the query engine and get the same rule in registerPublishedOnlyGraphql.
 */
export function publishedOnlyReads(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (READ_ACTIONS.has(context.action) && !mayReadDrafts(strapi)) {
      const params = (context.params ?? {}) as { status?: string };
      if (params.status === 'draft') {
        // A PolicyError keeps its message through Strapi's authorize step (a plain ForbiddenError is reduced to "Forbidden").
        throw new errors.PolicyError('Drafts are not available to this role: only published content can be read');
      }
      const scoped = publicQuery(strapi, context.uid, params as Record<string, unknown>, '$');
      context.params = hideWithheld(strapi, context.uid, { ...scoped, status: 'published' }) as typeof context.params;
    }
    return next();
  };
}

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * GraphQL relation fields (`relatedLinks { article { … } }`) load through the query engine, not
 * the Document Service, and take their status from the root query only when it is a built-in
 * one (not `relatedArticles`), or from the client. For the public, every relation field reads
 * published rows with the same filter rule, and never a withheld article; the field list comes
 * from the schemas.
 */
export function registerPublishedOnlyGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  const { naming } = strapi.plugin('graphql').service('utils');
  // Read once per GraphQL request (its context object), and only for a field whose filters reach an article.
  const withheldPerRequest = new WeakMap<object, Promise<string[]>>();
  const withheldArticles = (context: unknown) => {
    if (typeof context !== 'object' || context === null) return withheldDocumentIds(strapi);
    if (!withheldPerRequest.has(context)) withheldPerRequest.set(context, withheldDocumentIds(strapi));
    return withheldPerRequest.get(context)!;
  };
  const scoped = (target: string) => async (resolve: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
    if (mayReadDrafts(strapi)) return resolve(parent, args, context, info);
    const withheld = reachesArticle(strapi, target, args ?? {}, '') ? await withheldArticles(context) : [];
    const query = publicQuery(strapi, target, args ?? {}, '', withheld);
    const result = await resolve(parent, { ...query, status: 'published' }, context, info);
    // Nor a withheld article (takedown/): the query engine does not pass through hideWithheld.
    return target === ARTICLE ? withoutWithheld(result) : result;
  };
  extension.use(() => {
    const resolversConfig: Record<string, { middlewares: unknown[] }> = {};
    for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
      if (!uid.startsWith('api::')) continue;
      const typeName = naming.getTypeName(contentType);
      for (const [name, attribute] of Object.entries((contentType as unknown as Schema).attributes)) {
        if (attribute.type !== 'relation' || !attribute.target) continue;
        resolversConfig[`${typeName}.${name}`] = { middlewares: [scoped(attribute.target)] };
        resolversConfig[`${typeName}.${name}_connection`] = { middlewares: [scoped(attribute.target)] };
      }
    }
    return { resolversConfig };
  });
}
