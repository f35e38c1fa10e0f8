/**
 * The OpenAPI document of the public REST API, served at GET /api/openapi.json.
 *
 * Strapi's own generator (@strapi/openapi, which ships with @strapi/strapi) turns the registered
 * content-API routes and the content types into paths and schemas, private fields left out. What
 * it does not know we add here: only our API's routes (the plugins' are closed to the Public role),
 * which routes need an API token, our document ids, and the custom routes' parameters and
 * responses (operations.ts). Routes are read from Strapi's router, never listed by hand, so a
 * route added anywhere under src/api appears on the next boot.
 */
import type { Core } from '@strapi/strapi';
import { generate } from '@strapi/openapi';
import { PUBLIC_ACTIONS } from '../security/public-permissions';
import { CUSTOM_OPERATIONS } from './operations';

type Json = any;

export interface ApiRoute {
  method: string;
  /** With the REST prefix, in Strapi's syntax: /api/articles/:idOrSlug/related */
  path: string;
  /** The permission the route checks, e.g. api::article.article.related */
  action: string;
}

export const API_TOKEN_SCHEME = 'apiToken';

/** `/api/articles/:idOrSlug/related` under prefix `/api` → `/articles/{idOrSlug}/related` */
export const openApiPath = (path: string, prefix: string): string =>
  path.slice(path.startsWith(prefix) ? prefix.length : 0).replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Strapi's generator describes document ids as UUIDs; ours are 24 lowercase letters and digits. */
const DOCUMENT_ID_SCHEMA = { type: 'string', pattern: '^[a-z0-9]{24}$', description: 'The document id' };

function fixDocumentIds(node: Json): Json {
  if (Array.isArray(node)) return node.map(fixDocumentIds);
  if (!node || typeof node !== 'object') return node;
  if (node.type === 'string' && node.format === 'uuid') return { ...DOCUMENT_ID_SCHEMA };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fixDocumentIds(value)]));
}

/** Strapi's own filter operators that join conditions, valid at the top of `filters`. */
const LOGICAL_OPERATORS = ['$and', '$or', '$not'];

/**
 * Strapi's generator lists only scalar fields as filter keys, but filters go through relations
 * and components too (`filters[category][slug][$eq]=guo-nei`): the populatable names join them.
 */
function widenFilters(operation: Json): Json {
  const parameters: Json[] | undefined = operation.parameters;
  const filters = parameters?.find((parameter) => parameter.name === 'filters');
  const populate = parameters?.find((parameter) => parameter.name === 'populate');
  const names: string[] | undefined = filters?.schema?.propertyNames?.enum;
  if (!filters || !names) return operation;
  const related: string[] = (populate?.schema?.anyOf ?? []).flatMap((option: Json) => option.enum ?? []);
  const widened = { ...filters, schema: { ...filters.schema, propertyNames: { ...filters.schema.propertyNames, enum: [...new Set([...names, ...related, ...LOGICAL_OPERATORS])] } } };
  return { ...operation, parameters: parameters!.map((parameter) => (parameter === filters ? widened : parameter)) };
}

/**
 * Keeps the generated operations of `routes`, each marked public (no security) or as needing an
 * API token, with the custom routes' descriptions merged in. Pure: document in, document out.
 */
export function shapePublicDocument(generated: Json, routes: readonly ApiRoute[], prefix: string, publicActions: ReadonlySet<string>): Json {
  const paths: Json = {};
  for (const route of routes) {
    const path = openApiPath(route.path, prefix);
    const method = route.method.toLowerCase();
    const operation = generated.paths?.[path]?.[method] ?? { responses: { default: { description: 'See the route' } } };
    const isPublic = publicActions.has(route.action);
    paths[path] = {
      ...paths[path],
      [method]: {
        ...widenFilters(operation),
        ...CUSTOM_OPERATIONS[route.action],
        'x-strapi-action': route.action,
        security: isPublic ? [] : [{ [API_TOKEN_SCHEME]: [] }],
      },
    };
  }
  return fixDocumentIds({
    openapi: generated.openapi,
    info: {
      title: 'Kuaizhao (快照) public API',
      version: generated.info?.version,
      description:
        'Published snapshot pages of Chinese news articles. Read routes are open to everyone; write routes need an API token (admin → Settings → API Tokens) as a bearer token. Times are UTC ISO 8601.',
    },
    servers: [{ url: prefix, description: 'This server' }],
    paths,
    components: {
      ...generated.components,
      securitySchemes: {
        [API_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer', description: 'A Strapi API token: admin → Settings → API Tokens' },
      },
    },
  });
}

/** Our API's content-API routes as Strapi's router has them (plugins' routes left out). */
export async function apiRoutes(strapi: Core.Strapi): Promise<ApiRoute[]> {
  const routesMap: Record<string, Json[]> = await strapi.get('content-api').getRoutesMap();
  return Object.entries(routesMap)
    .filter(([owner]) => owner.startsWith('api::'))
    .flatMap(([, routes]) => routes)
    .map((route) => ({ method: route.method, path: route.path, action: route.config?.auth?.scope?.[0] ?? route.handler }));
}

let cached: Promise<Json> | undefined;
let cachedFor: Core.Strapi | undefined;

/** Built on first request (about a second of CPU) and kept: routes do not change while the app runs. */
export function openApiDocument(strapi: Core.Strapi): Promise<Json> {
  if (!cached || cachedFor !== strapi) {
    cachedFor = strapi;
    cached = (async () => {
      const prefix: string = strapi.config.get('api.rest.prefix', '/api');
      const { document } = generate(strapi, { type: 'content-api' });
      return shapePublicDocument(document, await apiRoutes(strapi), prefix, new Set<string>(PUBLIC_ACTIONS));
    })();
    cached.catch(() => (cached = undefined));
  }
  return cached;
}
