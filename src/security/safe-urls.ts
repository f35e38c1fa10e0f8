import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../db/document-actions';
import { isSafeUrl, URL_FIELDS } from '../core/url';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne']);

type Row = Record<string, unknown>;

/** Whether the request is the admin panel's, which shows a stored value as it is so an editor can fix it. */
function isAdminRequest(strapi: Core.Strapi): boolean {
  return strapi.requestContext.get()?.state?.route?.info?.type === 'admin';
}

/** Nulls every URL field that breaks the rule, in `row` and in the relations populated under it. */
function blankUnsafeUrls(strapi: Core.Strapi, uid: string, row: unknown, depth = 0): void {
  if (!row || typeof row !== 'object' || depth > 10) return;
  if (Array.isArray(row)) {
    for (const item of row) blankUnsafeUrls(strapi, uid, item, depth);
    return;
  }
  const record = row as Row;
  for (const field of URL_FIELDS[uid] ?? []) {
    if (record[field] !== undefined && record[field] !== null && !isSafeUrl(record[field])) record[field] = null;
  }
  const schema = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  if (!schema) return;
  for (const [name, attribute] of Object.entries(schema.attributes as Record<string, { type: string; target?: string }>)) {
    if (attribute.type === 'relation' && attribute.target && record[name]) blankUnsafeUrls(strapi, attribute.target, record[name], depth + 1);
  }
}

/**
 * Rows stored before the URL rule existed (or written around it) may hold `javascript:` and the
 * like. Whatever reads them through the Document Service (REST, GraphQL's root queries) gets null
 * in their place; GraphQL's relation fields get the same through a field middleware.
 */
export function safeUrlReads(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    const result = await next();
    if (READ_ACTIONS.has(context.action) && !isAdminRequest(strapi)) blankUnsafeUrls(strapi, context.uid, result);
    return result;
  };
}

/** GraphQL's relation fields read past the Document Service: the same blanking as a field middleware. */
export function registerSafeUrlsGraphql(strapi: Core.Strapi): void {
  const { naming } = strapi.plugin('graphql').service('utils');
  const safe = async (resolve: (...args: unknown[]) => unknown, ...args: unknown[]) => {
    const value = await resolve(...args);
    return value === null || value === undefined || isSafeUrl(value) ? value : null;
  };
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => {
      const resolversConfig: Record<string, { middlewares: unknown[] }> = {};
      for (const [uid, fields] of Object.entries(URL_FIELDS)) {
        const typeName = naming.getTypeName(strapi.contentTypes[uid as keyof typeof strapi.contentTypes]);
        for (const field of fields) resolversConfig[`${typeName}.${field}`] = { middlewares: [safe] };
      }
      return { resolversConfig };
    });
}
