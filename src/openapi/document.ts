/**
 * The OpenAPI document of the public REST API, served at GET /api/openapi.json.
 *
 * Made here from what the server itself has: routes read from Strapi's router (a route added
 * under src/api appears on the next boot, and one this file cannot describe stops the boot's first
 * request with its name), entry schemas from the content types (schemas.ts, as they are served),
 * core routes' parameters as the server enforces them (core-operations.ts) and our own routes'
 * parameters and responses (operations.ts). Strapi's generator (@strapi/openapi) is not used: its
 * schemas rejected real responses (null fields, meta, component ids) and its parameters allowed
 * what the server refuses.
 */
import type { Core } from '@strapi/strapi';
import { fieldDescription } from '../admin-config/content-manager';
import { PUBLIC_ACTIONS } from '../security/public-permissions';
import { coreOperations, type RestLimits } from './core-operations';
import { CUSTOM_OPERATIONS } from './operations';
import { ERROR_SCHEMA, ERROR_SCHEMA_NAME, errorResponse, type Json } from './responses';
import { entrySchema, inputSchema, schemaName, type Model } from './schemas';

export interface ApiRoute {
  method: string;
  /** With the REST prefix, in Strapi's syntax: /api/articles/:idOrSlug/related */
  path: string;
  /** The permission the route checks, e.g. api::article.article.related */
  action: string;
}

export const API_TOKEN_SCHEME = 'apiToken';

/**
 * `/api/articles/:idOrSlug/related` under prefix `/api` → `/articles/{idOrSlug}/related`; a
 * parameter's Koa pattern goes (`/timegate/:uri(.*)` → `/timegate/{uri}`).
 */
export const openApiPath = (path: string, prefix: string): string =>
  path
    .slice(path.startsWith(prefix) ? prefix.length : 0)
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}');

/** Every anonymous request counts against its client's budget (middlewares/rate-limit.ts). */
const TOO_MANY = {
  ...errorResponse('Too many requests from this client: retry after Retry-After seconds'),
  headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
};

const CORE_ACTIONS = ['find', 'findOne', 'create', 'update', 'delete'] as const;

const TAGS: Record<string, string> = {
  Article: 'Snapshots (快照) of news articles, their search, related lists, copies and JSON-LD',
  Source: 'Outlets (本文转自), aggregators (来源) and crawlers',
  Category: 'News categories (类别)',
  RelatedLink: 'The related items printed under a snapshot page (相关资讯)',
  Takedown: "Rights holders' notices (侵权删除): API token only",
  Memento: 'Every capture of an address over time (RFC 7089)',
  Meta: 'About this API',
};

/** `listArticles`, `getArticle`, `createArticle`… from the model's names. */
function coreOperationId(model: Model & { pluralName?: string }, action: (typeof CORE_ACTIONS)[number]): string {
  const one = schemaName(model.uid);
  const many = schemaName(`api::x.${model.pluralName ?? `${model.singularName}s`}`);
  return { find: `list${many}`, findOne: `get${one}`, create: `create${one}`, update: `update${one}`, delete: `delete${one}` }[action];
}

function coreSummary(model: Model, action: (typeof CORE_ACTIONS)[number]): string {
  const name = (model.displayName ?? schemaName(model.uid)).toLowerCase();
  return { find: `List ${name}s`, findOne: `One ${name} by documentId`, create: `Create a ${name}`, update: `Change a ${name}`, delete: `Delete a ${name}` }[action];
}

export interface DocumentInput {
  routes: readonly ApiRoute[];
  prefix: string;
  publicActions: ReadonlySet<string>;
  /** Content types (by uid) and components (by uid) as Strapi has them loaded. */
  contentTypes: Record<string, Model & { pluralName?: string }>;
  components: Record<string, Model>;
  limits: RestLimits;
  version: string;
}

/**
 * The whole document from our routes and models. Pure: the same input gives the same document,
 * so tests can build it without a server and the server builds it once.
 */
export function buildDocument({ routes, prefix, publicActions, contentTypes, components, limits, version }: DocumentInput): Json {
  const owners = new Set(routes.map((route) => route.action.split('.').slice(0, 2).join('.')));
  const documented = Object.values(contentTypes)
    .filter((model) => owners.has(model.uid))
    .sort((a, b) => a.uid.localeCompare(b.uid));
  const known = new Set(documented.map((model) => model.uid));
  const core = new Map(documented.map((model) => [model.uid, coreOperations(model, known, limits)]));

  const schemas: Json = { [ERROR_SCHEMA_NAME]: ERROR_SCHEMA };
  for (const model of documented) {
    const describe = (field: string) => fieldDescription(model.uid, field);
    schemas[schemaName(model.uid)] = entrySchema(model, { kind: 'contentType', known, describe });
    schemas[`${schemaName(model.uid)}Input`] = inputSchema(model, known, { forCreate: true });
  }
  // In uid order: the document is the same whatever order the models were loaded in.
  for (const component of Object.values(components).sort((a, b) => a.uid.localeCompare(b.uid))) {
    schemas[schemaName(component.uid)] = entrySchema(component, { kind: 'component', known, describe: () => undefined });
    schemas[`${schemaName(component.uid)}Input`] = inputSchema(component, known, { forCreate: true });
  }

  const paths: Json = {};
  for (const route of routes) {
    const path = openApiPath(route.path, prefix);
    const method = route.method.toLowerCase();
    const owner = route.action.split('.').slice(0, 2).join('.');
    const action = route.action.split('.').pop()!;
    const model = contentTypes[owner];
    const isCore = model && (CORE_ACTIONS as readonly string[]).includes(action) && route.action === `${owner}.${action}`;
    const operation = isCore
      ? {
          operationId: coreOperationId(model, action as (typeof CORE_ACTIONS)[number]),
          tags: [schemaName(model.uid)],
          summary: coreSummary(model, action as (typeof CORE_ACTIONS)[number]),
          ...core.get(model.uid)![action],
        }
      : CUSTOM_OPERATIONS[route.action];
    if (!operation) throw new Error(`the OpenAPI document does not describe ${route.method} ${route.path} (${route.action}): add it to src/openapi/operations.ts`);
    const isPublic = publicActions.has(route.action);
    const responses = isPublic ? { ...operation.responses, 429: TOO_MANY } : operation.responses;
    paths[path] = { ...paths[path], [method]: { ...operation, responses, 'x-strapi-action': route.action, security: isPublic ? [] : [{ [API_TOKEN_SCHEME]: [] }] } };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Kuaizhao (快照) public API',
      version,
      description:
        'Published snapshot pages of Chinese news articles. Read routes are open to everyone; write routes need an API token (admin → Settings → API Tokens) as a bearer token. Times are UTC ISO 8601. Nested `filters` and `populate` objects follow Strapi\'s qs syntax: give a generated client a qs query serialiser.',
    },
    servers: [{ url: prefix, description: 'This server' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        [API_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer', description: 'A Strapi API token: admin → Settings → API Tokens' },
      },
    },
  };
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

const modelOf = (uid: string, schema: any): Model & { pluralName?: string } => ({
  uid,
  singularName: schema.info?.singularName ?? schema.modelName,
  pluralName: schema.info?.pluralName,
  displayName: schema.info?.displayName,
  description: schema.info?.description,
  draftAndPublish: schema.options?.draftAndPublish === true,
  attributes: schema.attributes,
  privateAttributes: schema.privateAttributes,
});

/** Built on first request and kept: routes and models do not change while the app runs. */
export function openApiDocument(strapi: Core.Strapi): Promise<Json> {
  if (!cached || cachedFor !== strapi) {
    cachedFor = strapi;
    cached = (async () => {
      const rest = (key: string, fallback: number): number => strapi.config.get(`api.rest.${key}`, fallback);
      return buildDocument({
        routes: await apiRoutes(strapi),
        prefix: strapi.config.get('api.rest.prefix', '/api'),
        publicActions: new Set<string>(PUBLIC_ACTIONS),
        contentTypes: Object.fromEntries(Object.entries(strapi.contentTypes).filter(([uid]) => uid.startsWith('api::')).map(([uid, schema]) => [uid, modelOf(uid, schema)])),
        components: Object.fromEntries(Object.entries(strapi.components).map(([uid, schema]) => [uid, modelOf(uid, schema)])),
        limits: { defaultLimit: rest('defaultLimit', 25), maxLimit: rest('maxLimit', 100), maxPopulateDepth: rest('maxPopulateDepth', 3) },
        version: strapi.config.get('info.version', '0.0.0') as string,
      });
    })();
    cached.catch(() => (cached = undefined));
  }
  return cached;
}
