import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeArchive, type ArchiveFixture } from '../helpers/archive';
import { SEED } from '../helpers/seed';

let app: Core.Strapi;
let archive: ArchiveFixture;
const http = () => request(app.server.httpServer);
const graphql = (query: string) => http().post('/graphql').send({ query });

beforeAll(async () => {
  app = await startStrapi();
  archive = await writeArchive(app);
});
afterAll(async () => {
  await stopStrapi(app);
});

describe('Public reads published content', () => {
  test('lists published articles with category and sources populated', async () => {
    const res = await http().get('/api/articles?populate[category]=true&populate[source]=true&populate[reprintedFrom]=true&populate[capturedBy]=true');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBe(1);
    const [article] = res.body.data;
    expect(article).toMatchObject({
      documentId: archive.publishedId,
      title: SEED.title,
      kicker: SEED.kicker,
      byline: SEED.byline,
      sourcePublishedAt: SEED.sourcePublishedAt,
      snapshotAt: SEED.snapshotAt,
    });
    expect(article.category.name).toBe(SEED.category);
    expect(article.source).toMatchObject({ name: SEED.source, kind: 'aggregator' });
    expect(article.reprintedFrom).toMatchObject({ name: SEED.reprintedFrom, kind: 'outlet' });
    expect(article.capturedBy).toMatchObject({ name: SEED.capturedBy, kind: 'crawler' });
  });

  test('reads one published article by documentId', async () => {
    const res = await http().get(`/api/articles/${archive.publishedId}?populate=category`);
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe(SEED.title);
    expect(res.body.data.category.name).toBe(SEED.category);
  });

  test('never sees the private content hash', async () => {
    const res = await http().get(`/api/articles/${archive.publishedId}`);
    expect(res.body.data.title).toBe(SEED.title);
    expect(res.body.data).not.toHaveProperty('contentHash');
  });

  test.each(['sources', 'categories', 'related-links'])('lists %s', async (path) => {
    const res = await http().get(`/api/${path}`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
  });
});

test('the favicon is served (without one, every admin page load logged a 500)', async () => {
  const res = await http().get('/favicon.ico');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('image/x-icon');
});

describe('Public writes nothing', () => {
  const collections = ['articles', 'sources', 'categories', 'related-links'];

  test.each(collections)('POST /api/%s is 403', async (path) => {
    const res = await http().post(`/api/${path}`).send({ data: { title: 'x', name: 'x' } });
    expect(res.status).toBe(403);
  });

  test.each(collections)('PUT /api/%s/:id is 403', async (path) => {
    const list = await http().get(`/api/${path}`);
    const res = await http().put(`/api/${path}/${list.body.data[0].documentId}`).send({ data: { title: 'x', name: 'x' } });
    expect(res.status).toBe(403);
  });

  test.each(collections)('DELETE /api/%s/:id is 403 and deletes nothing', async (path) => {
    const list = await http().get(`/api/${path}`);
    const res = await http().delete(`/api/${path}/${list.body.data[0].documentId}`);
    expect(res.status).toBe(403);
    const after = await http().get(`/api/${path}`);
    expect(after.body.meta.pagination.total).toBe(list.body.meta.pagination.total);
  });

  test.each([
    ['createArticle', 'mutation { createArticle(data: { title: "x" }) { documentId } }'],
    ['updateArticle', 'mutation { updateArticle(documentId: "ID", data: { title: "x" }) { documentId } }'],
    ['deleteArticle', 'mutation { deleteArticle(documentId: "ID") { documentId } }'],
    ['createCategory', 'mutation { createCategory(data: { name: "x" }) { documentId } }'],
    ['createSource', 'mutation { createSource(data: { name: "x" }) { documentId } }'],
    ['createRelatedLink', 'mutation { createRelatedLink(data: { title: "x" }) { documentId } }'],
  ])('GraphQL %s is refused', async (field, query) => {
    const res = await graphql(query.replace('ID', archive.publishedId));
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(res.body.data?.[field] ?? null).toBeNull();
    const article = await http().get(`/api/articles/${archive.publishedId}`);
    expect(article.body.data.title).toBe(SEED.title);
  });

  test('the Public role holds read permissions only, reset at every boot', async () => {
    const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' }, populate: ['permissions'] });
    const actions = role.permissions.map((p: { action: string }) => p.action).sort();
    expect(actions).toEqual([
      'api::article.article.find',
      'api::article.article.findOne',
      'api::article.article.related',
      'api::article.article.reprints',
      'api::article.article.search',
      'api::article.jsonld.findOne',
      'api::capture.memento.memento',
      'api::capture.memento.timeGate',
      'api::capture.memento.timeMapJson',
      'api::capture.memento.timeMapLink',
      'api::category.category.find',
      'api::category.category.findOne',
      'api::openapi.openapi.document',
      'api::related-link.related-link.find',
      'api::related-link.related-link.findOne',
      'api::source.source.find',
      'api::source.source.findOne',
    ]);
  });
});

describe('Drafts never reach the Public role', () => {
  test('the list omits the draft', async () => {
    const res = await http().get('/api/articles');
    expect(res.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([archive.publishedId]);
  });

  test('?status=draft is refused with a message', async () => {
    const res = await http().get('/api/articles?status=draft');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/only published content/);
  });

  test('a draft is 404 by documentId', async () => {
    const res = await http().get(`/api/articles/${archive.draftId}`);
    expect(res.status).toBe(404);
  });

  test('a draft is 404 by documentId even with ?status=published', async () => {
    const res = await http().get(`/api/articles/${archive.draftId}?status=published`);
    expect(res.status).toBe(404);
  });

  test('a related link pointing at a draft shows no target', async () => {
    const res = await http().get('/api/related-links?populate=*');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(archive.draftId);
    expect(res.body.data[0].target).toBeNull();
  });

  test('GraphQL lists published articles only', async () => {
    const res = await graphql('{ articles { documentId title } }');
    expect(res.body.data.articles).toEqual([{ documentId: archive.publishedId, title: SEED.title }]);
  });

  test('GraphQL status: DRAFT is refused', async () => {
    const res = await graphql('{ articles(status: DRAFT) { documentId title } }');
    expect(res.body.data?.articles ?? null).toBeNull();
    expect(res.body.errors[0].message).toMatch(/only published content/);
  });

  test('GraphQL article(documentId) of a draft is null', async () => {
    const res = await graphql(`{ article(documentId: "${archive.draftId}") { documentId title } }`);
    expect(res.body.data.article).toBeNull();
  });

  test('GraphQL relations never resolve to a draft', async () => {
    const res = await graphql('{ relatedLinks { title target { documentId } article { documentId } } }');
    expect(JSON.stringify(res.body)).not.toContain(archive.draftId);
    expect(res.body.data.relatedLinks[0].target).toBeNull();
  });
});
