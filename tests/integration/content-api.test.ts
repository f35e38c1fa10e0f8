import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';
import { writeArchive, type ArchiveFixture } from '../helpers/archive';
import { SEED } from '../helpers/seed';

let app: Core.Strapi;
let archive: ArchiveFixture;
let token: string;
const http = () => request(app.server.httpServer);
const graphql = (query: string, variables?: object) => http().post('/graphql').send({ query, variables });

beforeAll(async () => {
  app = await startStrapi();
  archive = await writeArchive(app);
  token = await createFullAccessToken(app);
});
afterAll(async () => {
  await stopStrapi(app);
});

describe('an API token with full access', () => {
  test('creates an article with its relations', async () => {
    const res = await http()
      .post('/api/articles?populate=*&status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({
        data: {
          title: '江门推进中部八镇联动',
          byline: '南方日报讯 (记者/李霭莹)',
          sourcePublishedAt: '2024-05-03T01:00:00.000Z',
          category: archive.categoryId,
          source: archive.sourceId,
          reprintedFrom: archive.outletId,
          capturedBy: archive.crawlerId,
          contributors: [{ name: '李霭莹', role: 'reporter' }],
          body: [{ type: 'paragraph', children: [{ type: 'text', text: '八镇联动发展。' }] }],
        },
      });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      title: '江门推进中部八镇联动',
      category: { documentId: archive.categoryId, name: SEED.category },
      source: { documentId: archive.sourceId },
      reprintedFrom: { documentId: archive.outletId },
      capturedBy: { documentId: archive.crawlerId },
      contributors: [{ name: '李霭莹', role: 'reporter' }],
    });
    const publicRead = await http().get(`/api/articles/${res.body.data.documentId}?populate=category`);
    expect(publicRead.status).toBe(200);
    expect(publicRead.body.data.category.name).toBe(SEED.category);
  });

  test('reads drafts, as a trusted back end previewing them', async () => {
    const res = await http().get('/api/articles?status=draft').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: { documentId: string }) => a.documentId)).toContain(archive.draftId);
  });

  test('rejects a contributor role outside the list', async () => {
    const res = await http()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'x', contributors: [{ name: 'A', role: 'chef' }] } });
    expect(res.status).toBe(400);
  });
});

describe('GraphQL', () => {
  test('the articles query returns the same data as REST', async () => {
    const rest = await http().get('/api/articles?populate[category][fields][0]=name&populate[source][fields][0]=name&sort=title');
    const gql = await graphql(`{
      articles(sort: "title") {
        documentId title slug kicker byline sourcePublishedAt snapshotAt originalUrl attribution excerpt
        category { name } source { name }
      }
    }`);
    expect(gql.body.errors).toBeUndefined();
    const fromRest = rest.body.data.map((a: any) => ({
      documentId: a.documentId,
      title: a.title,
      slug: a.slug,
      kicker: a.kicker,
      byline: a.byline,
      sourcePublishedAt: a.sourcePublishedAt,
      snapshotAt: a.snapshotAt,
      originalUrl: a.originalUrl,
      attribution: a.attribution,
      excerpt: a.excerpt,
      category: a.category && { name: a.category.name },
      source: a.source && { name: a.source.name },
    }));
    expect(gql.body.data.articles).toEqual(fromRest);
    expect(fromRest.length).toBeGreaterThan(0);
  });

  test('a query within the depth limit is answered', async () => {
    const res = await graphql('{ relatedLinks { article { relatedLinks { article { category { name } } } } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.relatedLinks[0].article.relatedLinks[0].article.category.name).toBe(SEED.category);
  });

  test('a query deeper than the depth limit is refused', async () => {
    const deep = '{ relatedLinks { article { relatedLinks { article { relatedLinks { article { relatedLinks { article { title } } } } } } } } }';
    const res = await graphql(deep);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth/);
  });

  test('a page larger than maxLimit is cut to maxLimit', async () => {
    const res = await graphql('{ articles_connection(pagination: { pageSize: 1000 }) { pageInfo { pageSize } } }');
    expect(res.body.data.articles_connection.pageInfo.pageSize).toBe(100);
  });
});

describe('bad query parameters give 400 with a message', () => {
  test.each([
    ['a filter on an unknown field', '/api/articles?filters[nope][$eq]=1', /Invalid key nope/],
    ['a filter on a private field', '/api/articles?filters[contentHash][$eq]=c0ffee', /Invalid key contentHash/],
    ['a page size over the maximum', '/api/articles?pagination[pageSize]=1000', /pagination\[pageSize\] must be an integer from 1 to 100/],
    ['a limit over the maximum', '/api/articles?pagination[limit]=101', /pagination\[limit\] must be an integer from 1 to 100/],
    ['an unbounded limit', '/api/articles?pagination[limit]=-1', /pagination\[limit\]/],
    ['a page size that is not a number', '/api/articles?pagination[pageSize]=ten', /pagination\[pageSize\]/],
    ['a page that is not a number', '/api/articles?pagination[page]=abc', /positive integer/],
    ['a populate of an unknown relation', '/api/articles?populate=nope', /Invalid key nope/],
    ['a malformed nested populate', '/api/articles?populate[category][populate]=zzz', /Invalid key zzz/],
    ['a sort on an unknown field', '/api/articles?sort=nope', /Invalid key nope/],
    ['a sort on a private field', '/api/articles?sort=contentHash', /Invalid key contentHash/],
  ])('%s', async (_name, url, message) => {
    const res = await http().get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  test('a page size at the maximum is fine', async () => {
    const res = await http().get('/api/articles?pagination[pageSize]=100');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.pageSize).toBe(100);
  });
});
