/**
 * The GraphQL endpoint as the tools and clients frontends use meet it, with their defaults: the
 * standard introspection query (graphql-js's getIntrospectionQuery, what GraphQL Code Generator,
 * graphql-inspector and Apollo's sandbox send) rebuilt into a schema and the README's queries
 * validated against it with graphql-inspector; urql sending its queries over GET; CSRF kept for
 * POSTs a form could send; and CORS for a listed origin, for none, and for a stranger.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isObjectType, parse, Source, type GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { validate } from '@graphql-inspector/core';
import { Client, fetchExchange } from '@urql/core';
import { SEED, seedRecord } from '../helpers/seed';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { listInputFiles } from '../../src/import/input';
import { importFiles } from '../../src/import/run-import';
import { DEFAULT_MAX_COST, queryCost } from '../../src/security/graphql-cost';

const FRONTEND = 'https://front.example';

let app: Core.Strapi;
const http = () => request(app.server.httpServer);
const graphql = (query: string) => http().post('/graphql').send({ query });

beforeAll(async () => {
  process.env.CORS_ORIGINS = FRONTEND;
  app = await startStrapi();
  const report = await importFiles(app, listInputFiles([path.resolve(__dirname, '../../data/seed')]).files, { publish: true, dryRun: false });
  expect(report.failures).toEqual([]);
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.CORS_ORIGINS;
});

/** The ```graphql blocks of the README. */
function readmeQueries(): Source[] {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, index) => new Source(match[1], `README.md graphql block ${index + 1}`));
}

describe('introspection', () => {
  let introspection: IntrospectionQuery;

  test('the standard introspection query is answered whole, under the cost limit', async () => {
    const res = await graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    introspection = res.body.data;
    const cost = queryCost(app.plugin('graphql').service('content-api').buildSchema(), parse(getIntrospectionQuery()));
    // It lists every type, field and argument once: about the schema's size, not rows.
    expect(cost).toBeLessThanOrEqual(DEFAULT_MAX_COST);
    expect(introspection.__schema.types.length).toBeGreaterThan(50);
  });

  test('buildClientSchema rebuilds it, and graphql-inspector finds the README queries valid', () => {
    const schema = buildClientSchema(introspection);
    expect(schema.getQueryType()?.getFields().articles).toBeDefined();
    const queries = readmeQueries();
    expect(queries.length).toBeGreaterThanOrEqual(2);
    const invalid = validate(schema, queries);
    expect(invalid.map((doc) => [doc.source.name, doc.errors.map((error) => error.message)])).toEqual([]);
  });

  /** The types the app itself defines (src/graphql/*), beside those Strapi makes from the content types. */
  const CUSTOM_TYPES = [
    'ArticleCapture', 'CaptureHistory', 'ArticleReprint', 'ArticleReprints', 'ArticleReprintsMeta',
    'RelatedKind', 'RelatedArticleRef', 'RelatedArticleItem', 'RelatedArticlesCategory', 'RelatedArticlesMeta', 'RelatedArticles',
    'SearchSort', 'SearchHitTaxon', 'SearchHit', 'SearchPagination', 'SearchArticlesMeta', 'SearchArticles',
  ];

  test('every custom type, field and enum value has a description, and times are DateTime', () => {
    const schema = buildClientSchema(introspection);
    const undescribed: string[] = [];
    for (const name of CUSTOM_TYPES) {
      const type = schema.getType(name);
      if (!type) throw new Error(`${name} is not in the schema`);
      if (!type.description) undescribed.push(name);
      if (isObjectType(type)) for (const field of Object.values(type.getFields())) if (!field.description) undescribed.push(`${name}.${field.name}`);
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) undescribed.push(`${name}.${value.name}`);
    }
    for (const name of ['relatedArticles', 'searchArticles', 'reprints', 'capturesByUrl']) {
      if (!schema.getQueryType()!.getFields()[name].description) undescribed.push(`Query.${name}`);
    }
    expect(undescribed).toEqual([]);
    const timeFields = CUSTOM_TYPES.flatMap((name) => {
      const type = schema.getType(name);
      return isObjectType(type) ? Object.values(type.getFields()).filter((field) => /At$|^date|datetime/.test(field.name)).map((field) => `${name}.${field.name}: ${getNamedType(field.type).name}`) : [];
    });
    expect(timeFields.sort()).toEqual([
      'ArticleCapture.datetime: DateTime', 'ArticleReprint.snapshotAt: DateTime', 'RelatedArticleItem.date: DateTime',
      'SearchHit.snapshotAt: DateTime', 'SearchHit.sourcePublishedAt: DateTime',
    ]);
    // The content types' own types carry the words editors see in the admin.
    const article = schema.getType('Article') as GraphQLObjectType;
    expect(article.description).toMatch(/快照/);
    expect(article.getFields().title.description).toBe('Title (标题)');
    expect(article.getFields().reprintedFrom.description).toBe('Reprinted from (本文转自): The outlet that wrote it');
  });

  test("a reprint's sources are Sources, as an article's are", async () => {
    const schema = buildClientSchema(introspection);
    const reprint = schema.getType('ArticleReprint') as GraphQLObjectType;
    expect(getNamedType(reprint.getFields().source.type).name).toBe('Source');
    expect(getNamedType(reprint.getFields().reprintedFrom.type).name).toBe('Source');
    const copy = await writeSnapshotRecord(app, { ...seedRecord, source: '南方+', title: `${seedRecord.title}(转载)` });
    const res = await graphql(`{ reprints(idOrSlug: "${copy.documentId}") { data { title snapshotAt source { name kind } reprintedFrom { name } } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.reprints.data).toEqual([
      { title: SEED.title, snapshotAt: expect.stringMatching(/Z$/), source: { name: seedRecord.source, kind: 'aggregator' }, reprintedFrom: { name: seedRecord.reprintedFrom } },
    ]);
  });

  test('the root fields are those of the archive: no plugin types, no end-user accounts; writes and takedowns say they need a token', () => {
    const schema = buildClientSchema(introspection);
    const queries = schema.getQueryType()!.getFields();
    const mutations = schema.getMutationType()!.getFields();
    expect(Object.keys(queries).sort()).toEqual(
      [
        'article', 'articles', 'articles_connection', 'capturesByUrl', 'categories', 'categories_connection', 'category', 'relatedArticles',
        'relatedLink', 'relatedLinks', 'relatedLinks_connection', 'reprints', 'searchArticles', 'source', 'sources', 'sources_connection',
        'takedown', 'takedowns', 'takedowns_connection',
      ].sort(),
    );
    expect(Object.keys(mutations).every((name) => /^(create|update|delete)(Article|Category|RelatedLink|Source|Takedown)$/.test(name))).toBe(true);
    const tokenOnly = [...Object.values(mutations), queries.takedown, queries.takedowns, queries.takedowns_connection];
    expect(tokenOnly.filter((field) => !/API token/.test(field.description ?? '')).map((field) => field.name)).toEqual([]);
    expect(queries.articles.description ?? '').not.toMatch(/API token/);
    expect(schema.getType('UsersPermissionsMe')).toBeUndefined();
    expect(schema.getType('UploadFile')).toBeUndefined();
  });

  test('the README queries run and answer the seed', async () => {
    const [latest, bySlug] = readmeQueries();
    const res = await http().post('/graphql').send({ query: latest.body });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles.map((article: { title: string }) => article.title)).toContain(SEED.title);
    const one = await http()
      .post('/graphql')
      .send({ query: bySlug.body, variables: { slug: res.body.data.articles[0].slug } });
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data.articles).toHaveLength(1);
  });

  test('a query walking types inside types again and again is refused with 400', async () => {
    // graphql-js's MaxIntrospectionDepthRule refuses the third pass by shape; two passes are priced by the walk.
    const res = await graphql('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/introspection depth/);
  });

  test('aliased copies of the whole introspection each pay', async () => {
    const copies = Array.from({ length: 40 }, (_, i) => `s${i}: __schema { types { name fields { name args { name } type { name } } inputFields { name } } }`);
    const res = await graphql(`{ ${copies.join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  test('__type costs the named type, and an unknown name costs nothing and answers null', async () => {
    const res = await graphql('{ __type(name: "Article") { name fields { name } } missing: __type(name: "Nope") { name } }');
    expect(res.status).toBe(200);
    expect(res.body.data.__type.fields.map((field: { name: string }) => field.name)).toContain('title');
    expect(res.body.data.missing).toBeNull();
  });
});

describe('queries over GET, CSRF kept for POST', () => {
  test('urql with its defaults sends the query as GET and gets the seed', async () => {
    const server = app.server.httpServer.listen(0);
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const { port } = server.address() as { port: number };
      const methods: string[] = [];
      const client = new Client({
        url: `http://127.0.0.1:${port}/graphql`,
        exchanges: [fetchExchange],
        fetch: (input, init) => {
          methods.push(init?.method ?? 'GET');
          return fetch(input, init);
        },
      });
      const result = await client.query('query Titles { articles { title } }', {}).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data.articles.map((article: { title: string }) => article.title)).toContain(SEED.title);
      expect(methods).toEqual(['GET']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a mutation over GET is refused', async () => {
    const res = await http().get('/graphql').query({ query: 'mutation { createArticle(data: { title: "x" }) { title } }' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toContain('"createArticle":{');
  });

  test.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('a POST as %s, which a cross-site form can send, is refused with 400 saying why', async (_name, type) => {
    const res = await http().post('/graphql').set('Content-Type', type).send('query=%7B%20articles%20%7B%20title%20%7D%20%7D');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/cross-site request forgery.*application\/json/);
  });

  test('the same form POST with apollo-require-preflight passes the CSRF check', async () => {
    const res = await http()
      .post('/graphql')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('apollo-require-preflight', 'true')
      .send(`query=${encodeURIComponent('{ articles { title } }')}`);
    expect(res.status).toBe(200);
    expect(res.body.data.articles.map((article: { title: string }) => article.title)).toContain(SEED.title);
  });
});

describe('CORS', () => {
  const corsHeaders = (headers: Record<string, string>) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

  test.each([
    ['REST', '/api/articles'],
    ['GraphQL', `/graphql?query=${encodeURIComponent('{ articles { title } }')}`],
  ])('%s without an Origin: no CORS header at all (no empty Allow-Origin, no Allow-Credentials)', async (_name, url) => {
    const res = await http().get(url);
    expect(res.status).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.vary.toLowerCase()).toContain('origin');
  });

  test.each([
    ['REST', '/api/articles'],
    ['GraphQL', `/graphql?query=${encodeURIComponent('{ articles { title } }')}`],
  ])('%s from an unlisted origin: no CORS header', async (_name, url) => {
    const res = await http().get(url).set('Origin', 'https://evil.example');
    expect(corsHeaders(res.headers)).toEqual([]);
  });

  test('a listed origin reads with credentials, and sees the Memento headers', async () => {
    const res = await http().get('/api/articles').set('Origin', FRONTEND);
    expect(res.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toMatch(/Link.*Memento-Datetime/);
  });

  test("a listed origin's preflight for the TimeGate may send Accept-Datetime", async () => {
    const res = await http()
      .options('/api/timegate/http://www.example.com/a.html')
      .set('Origin', FRONTEND)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'accept-datetime');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(res.headers['access-control-allow-headers']).toMatch(/Accept-Datetime/);
  });

  test("a stranger's preflight to GraphQL is not allowed", async () => {
    const res = await http()
      .options('/graphql')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
