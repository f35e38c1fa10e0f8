import type { Core } from '@strapi/strapi';
import { publicUrlOf, safeUrl } from '../core/url';
import { URL_FIELDS } from '../db/uids';
import type { DocumentMiddleware } from '../db/document-actions';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne']);

type Row = Record<string, unknown>;

/** Whether the request is the admin panel's, which shows a stored value as it is so an editor can fix it. */
function isAdminRequest(strapi: Core.Strapi): boolean {
  return strapi.requestContext.get()?.state?.route?.info?.type === 'admin';
}

/** A stored address as it is served: its stored form, or null when it breaks the rule. */
function servedUrl(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const verdict = typeof value === 'string' ? safeUrl(value) : null;
  return verdict && 'href' in verdict ? verdict.href : null;
}

/** Serves every URL field as servedUrl does, in `row` and in the relations populated under it. */
function blankUnsafeUrls(strapi: Core.Strapi, uid: string, row: unknown, depth = 0): void {
  if (!row || typeof row !== 'object' || depth > 10) return;
  if (Array.isArray(row)) {
    for (const item of row) blankUnsafeUrls(strapi, uid, item, depth);
    return;
  }
  const record = row as Row;
  for (const field of URL_FIELDS[uid] ?? []) {
    if (field in record) record[field] = servedUrl(record[field]);
  }
  const schema = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  if (!schema) return;
  for (const [name, attribute] of Object.entries(schema.attributes as Record<string, { type: string; target?: string }>)) {
    if (attribute.type === 'relation' && attribute.target && record[name]) blankUnsafeUrls(strapi, attribute.target, record[name], depth + 1);
  }
}

/**
 * Rows stored before the URL rule existed (or written around it) may hold `javascript:` and the
 * like, or an address as typed rather than in its stored form. Whatever reads them through the
 * Document Service (REST, GraphQL's root queries) gets null in their place (and the stored form
 * of a good one); GraphQL's relation fields get the same through a field middleware
 * (registerSafeUrlsGraphql).
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
    return servedUrl(await resolve(...args));
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

/**
 * Where the public reaches the archive (PUBLIC_URL, Strapi's `server.url`), without a trailing
 * slash. Every absolute link the archive serves starts here, never with the request's Host.
 */
export function publicUrl(strapi: Core.Strapi): string {
  return publicUrlOf(strapi.config.get<string>('server.url', ''), process.env.NODE_ENV);
}
