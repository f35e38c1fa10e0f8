import request from 'supertest';
import type { Core } from '@strapi/strapi';
import jsonld from 'jsonld';
import { seedRecord } from '../helpers/seed';
import schemaOrgContext from '../fixtures/schema-org-context.json';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { TABLES } from '../../src/related/tables';

const seed = seedRecord;
/** The seed page names no original URL; this copy of it does, to show isBasedOn. */
const ORIGINAL_URL = 'https://epaper.southcn.com/nfdaily/html/202405/03/content_10099582.html';
const S = 'http://schema.org/';

/**
 * There is no network here, and a test should not depend on schema.org being up: the loader
 * serves a local context for schema.org's URLs and refuses any other. Rather than a copy of
 * schema.org's whole context (thousands of terms, to be kept in step), the fixture holds what
 * decides the IRIs: "@vocab": "http://schema.org/", as in schema.org's own context, so every
 * term expands to its schema.org IRI, and our URL-valued properties typed "@id" so they expand
 * to IRIs.
 */
const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: schemaOrgContext };
};

let app: Core.Strapi;
let documentId: string;
let slug: string;
let draftId: string;
/** The archive's public address (PUBLIC_URL): archivedAt is built from it, whatever Host the request names. */
const HOST = 'kuaizhao.test';
const jsonldOf = (idOrSlug: string) => request(app.server.httpServer).get(`/api/articles/${idOrSlug}/jsonld`).set('Host', HOST);

beforeAll(async () => {
  process.env.PUBLIC_URL = `http://${HOST}`;
  app = await startStrapi();
  ({ documentId, slug } = await writeSnapshotRecord(app, { ...seed, originalUrl: ORIGINAL_URL }));
  ({ documentId: draftId } = await writeSnapshotRecord(app, { ...seed, title: '江门区域发展规划草案', originalUrl: null }, { status: 'draft' }));
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.PUBLIC_URL;
});

test('answers application/ld+json, by documentId and by slug alike', async () => {
  const byId = await jsonldOf(documentId);
  expect(byId.status).toBe(200);
  expect(byId.headers['content-type']).toBe('application/ld+json');
  const bySlug = await jsonldOf(slug);
  expect(bySlug.body).toEqual(byId.body);
});

test("expands to a schema.org NewsArticle with the seed page's provenance", async () => {
  const res = await jsonldOf(documentId);
  const [article] = await jsonld.expand(res.body, { documentLoader: documentLoader as any });
  const archivedAt = `http://${HOST}/api/articles/${documentId}`;

  expect(article['@type']).toEqual([`${S}NewsArticle`]);
  expect(article[`${S}headline`]).toEqual([{ '@value': '打破镇域行政边界 撬动区域平衡发展' }]);
  expect(article[`${S}datePublished`]).toEqual([{ '@value': '2024-05-02T22:58:00.000Z' }]);
  expect(article[`${S}dateCreated`]).toEqual([{ '@value': '2024-05-03T00:45:09.000Z' }]);
  expect(article[`${S}author`]).toEqual([
    { '@type': [`${S}Person`], [`${S}name`]: [{ '@value': '李霭莹' }], [`${S}jobTitle`]: [{ '@value': 'reporter' }] },
    { '@type': [`${S}Person`], [`${S}name`]: [{ '@value': '肖艳霞' }], [`${S}jobTitle`]: [{ '@value': 'correspondent' }] },
  ]);
  expect(article[`${S}sourceOrganization`]).toEqual([{ '@type': [`${S}Organization`], [`${S}name`]: [{ '@value': '南方日报' }] }]);
  expect(article[`${S}publisher`]).toEqual([{ '@type': [`${S}Organization`], [`${S}name`]: [{ '@value': '每日看点快看' }] }]);
  expect(article[`${S}isBasedOn`]).toEqual([{ '@id': ORIGINAL_URL }]);
  expect(article[`${S}creditText`]).toEqual([
    { '@value': '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。' },
  ]);
  expect(article[`${S}articleSection`]).toEqual([{ '@value': '国内' }]);
  expect(article[`${S}inLanguage`]).toEqual([{ '@value': 'zh-CN' }]);
  expect(article[`${S}archivedAt`]).toEqual([{ '@id': archivedAt }]);
});

test('its keywords are the key terms of the related index, strongest first', async () => {
  const res = await jsonldOf(documentId);
  const [article] = await jsonld.expand(res.body, { documentLoader: documentLoader as any });
  const stored = await app.db
    .connection(TABLES.postings)
    .where({ document_id: documentId })
    .orderBy([{ column: 'weight', order: 'desc' }, { column: 'term', order: 'asc' }])
    .pluck('term');
  expect(stored).toHaveLength(12);
  expect(res.body.keywords).toEqual(stored);
  expect(article[`${S}keywords`]).toEqual(stored.map((term: string) => ({ '@value': term })));
});

test('an unknown or unpublished article is 404 with a message', async () => {
  for (const idOrSlug of [draftId, 'no-such-article']) {
    const res = await jsonldOf(idOrSlug);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`No published article has the id or slug "${idOrSlug}"`);
  }
});
