import request from 'supertest';
import type { Core } from '@strapi/strapi';
import SwaggerParser from '@apidevtools/swagger-parser';
import { relatedQuerySchema } from '../../src/related/read';
import { openApiPath as toOpenApiPath } from '../../src/openapi/document';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
let document: any;
const WRITE_METHODS = ['POST', 'PUT', 'DELETE'];

const openApiPath = (path: string) => toOpenApiPath(path, '/api');

/** Every content-API route Strapi has registered, plugins' included, with the permission it checks. */
async function registeredRoutes() {
  const routesMap: Record<string, any[]> = await app.get('content-api').getRoutesMap();
  return Object.values(routesMap)
    .flat()
    .map((route) => ({ method: route.method as string, path: route.path as string, action: route.config?.auth?.scope?.[0] ?? route.handler }));
}

beforeAll(async () => {
  app = await startStrapi();
  const res = await request(app.server.httpServer).get('/api/openapi.json');
  expect(res.status).toBe(200);
  document = res.body;
});
afterAll(async () => {
  await stopStrapi(app);
});

test('the Public role reads it, and it is a valid OpenAPI 3 document', async () => {
  expect(document.openapi).toBe('3.1.0');
  expect(document.servers).toEqual([{ url: '/api', description: 'This server' }]);
  // validate() dereferences in place: give it a copy.
  await expect(SwaggerParser.validate(structuredClone(document))).resolves.toMatchObject({ openapi: '3.1.0' });
});

test('every route the Public role may call is in it, open to everyone', async () => {
  const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' }, populate: ['permissions'] });
  const allowed = new Set(role.permissions.map((permission: { action: string }) => permission.action));
  const publicRoutes = (await registeredRoutes()).filter((route) => allowed.has(route.action));
  // Each permission opens at least one route; a permission with none would be a stale grant.
  expect(new Set(publicRoutes.map((route) => route.action))).toEqual(allowed);
  for (const route of publicRoutes) {
    const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
    expect({ route, operation: operation && { action: operation['x-strapi-action'], security: operation.security } }).toEqual({
      route,
      operation: { action: route.action, security: [] },
    });
  }
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(['/articles', '/articles/{id}', '/articles/{idOrSlug}/related', '/articles/{idOrSlug}/jsonld', '/openapi.json']),
  );
});

test("our API's write routes are in it too, marked as needing an API token; the plugins' routes are not", async () => {
  const ours = (await registeredRoutes()).filter((route) => route.action.startsWith('api::'));
  const writes = ours.filter((route) => WRITE_METHODS.includes(route.method));
  expect(writes.map((route) => `${route.method} ${openApiPath(route.path)}`).sort()).toEqual([
    'DELETE /articles/{id}',
    'DELETE /categories/{id}',
    'DELETE /related-links/{id}',
    'DELETE /sources/{id}',
    'DELETE /takedowns/{id}',
    'POST /articles',
    'POST /categories',
    'POST /related-links',
    'POST /sources',
    'POST /takedowns',
    'PUT /articles/{id}',
    'PUT /categories/{id}',
    'PUT /related-links/{id}',
    'PUT /sources/{id}',
    'PUT /takedowns/{id}',
  ]);
  for (const route of writes) {
    expect(document.paths[openApiPath(route.path)][route.method.toLowerCase()].security).toEqual([{ apiToken: [] }]);
  }
  expect(document.components.securitySchemes).toEqual({
    apiToken: { type: 'http', scheme: 'bearer', description: 'A Strapi API token: admin → Settings → API Tokens' },
  });
  const documented = Object.entries(document.paths).flatMap(([path, item]: [string, any]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  expect(documented.sort()).toEqual(ours.map((route) => `${route.method} ${openApiPath(route.path)}`).sort());
});

test('response schemas come from the content types, private fields left out, ids as Strapi makes them', () => {
  const article = document.components.schemas.Article;
  expect(Object.keys(article.properties).sort()).toEqual(
    [
      'attribution', 'body', 'byline', 'capturedBy', 'category', 'contributors', 'createdAt', 'documentId', 'excerpt', 'id', 'kicker',
      'originalUrl', 'publishedAt', 'relatedLinks', 'reprintedFrom', 'slug', 'snapshotAt', 'source', 'sourcePublishedAt', 'title', 'updatedAt',
    ].sort(),
  );
  expect(article.properties.documentId).toMatchObject({ type: 'string', pattern: '^[a-z0-9]{24}$' });
  const list = document.paths['/articles'].get.responses['200'].content['application/json'].schema;
  expect(list.properties.data.items).toEqual({ $ref: '#/components/schemas/Article' });
  expect(article.properties.contentHash).toBeUndefined();
  expect(article.properties.withheldAt).toBeUndefined();
  expect(article.properties.title).toEqual({ type: 'string', maxLength: 500, description: 'Title (标题)' });
  // Unset fields and relations are served as null, and the schema says so.
  expect(article.properties.kicker.type).toEqual(['string', 'null']);
  expect(article.properties.category).toMatchObject({ oneOf: [{ $ref: '#/components/schemas/Category' }, { type: 'null' }] });
  expect(document.components.schemas.Takedown.properties.contact).toBeUndefined();
});

test('filters reach through relations and components, as the API allows', () => {
  const filters = document.paths['/articles'].get.parameters.find((parameter: any) => parameter.name === 'filters');
  expect(filters.schema.propertyNames.enum).toEqual([
    'title', 'slug', 'kicker', 'byline', 'body', 'excerpt', 'sourcePublishedAt', 'snapshotAt', 'originalUrl', 'attribution', 'createdAt', 'updatedAt', 'publishedAt',
    'contributors', 'category', 'source', 'reprintedFrom', 'capturedBy', 'relatedLinks', '$and', '$or', '$not',
  ]);
});

test('custom routes carry their parameters', () => {
  const related = document.paths['/articles/{idOrSlug}/related'].get;
  expect(related.parameters.map((parameter: any) => `${parameter.in}:${parameter.name}`)).toEqual(['path:idOrSlug', 'query:limit', 'query:kind', 'query:category']);
  expect(related.parameters[1].schema).toEqual({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
  // The table in src/openapi/operations.ts names the options the route's zod schema accepts, no more, no fewer.
  expect(related.parameters.filter((parameter: any) => parameter.in === 'query').map((parameter: any) => parameter.name)).toEqual(
    Object.keys(relatedQuerySchema.shape),
  );
  const jsonld = document.paths['/articles/{idOrSlug}/jsonld'].get;
  expect(Object.keys(jsonld.responses['200'].content)).toEqual(['application/ld+json']);
});

test('the search route documents what its zod schema accepts', () => {
  const search = document.paths['/articles/search'].get;
  expect(search.security).toEqual([]);
  expect(search.parameters.map((parameter: any) => parameter.name)).toEqual(['q', 'page', 'pageSize', 'category', 'source', 'from', 'to', 'sort']);
  const byName = Object.fromEntries(search.parameters.map((parameter: any) => [parameter.name, parameter]));
  expect(byName.q).toMatchObject({ in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } });
  expect(byName.pageSize).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } });
  expect(byName.sort.schema).toEqual({ type: 'string', enum: ['relevance', 'newest'], default: 'relevance' });
  expect(byName.from.description).toMatch(/Beijing time/);
});
