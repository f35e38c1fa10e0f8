/**
 * Public reads of an article's draft: each finding's exact requests, as the outsider sent them,
 * against the real app. The setup writes over HTTP with an API token, as a back end or the
 * outsider's own test instance would.
 */
import fs from 'node:fs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { contentHash } from '../../src/core/content-hash';
import { listInputFiles } from '../../src/import/input';
import { importFiles } from '../../src/import/run-import';
import { ndjson, writeFiles } from '../helpers/import-files';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
let token: string;
const http = () => request(app.server.httpServer);
const graphql = (query: string, variables: Record<string, unknown> = {}) => http().post('/graphql').send({ query, variables });
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const withToken = <T extends request.Test>(req: T) => req.set('Authorization', `Bearer ${token}`);

async function createArticle(data: Record<string, unknown>): Promise<string> {
  const res = await withToken(http().post('/api/articles')).send({ data });
  expect(res.status).toBe(201);
  return res.body.data.documentId;
}

beforeAll(async () => {
  app = await startStrapi();
  token = await createFullAccessToken(app);
});
afterAll(() => stopStrapi(app));

describe('finding 1: a draft edit never reaches captures or Memento', () => {
  const URL = 'https://news.example.com/2024/08/01/draft-edit.html';
  const PUBLISHED_TEXT = '公开版本的正文。';
  const DRAFT_TITLE = '草稿标题：尚未发布';
  const DRAFT_TEXT = '草稿里的新正文，尚未发布。';
  const DRAFT_DIGEST = contentHash(DRAFT_TITLE, [DRAFT_TEXT]);
  let id: string;

  beforeAll(async () => {
    id = await createArticle({ title: '公开的标题', body: [paragraph(PUBLISHED_TEXT)], snapshotAt: '2024-08-01T02:00:00Z', originalUrl: URL });
    const draft = await withToken(http().put(`/api/articles/${id}?status=draft`)).send({
      data: { title: DRAFT_TITLE, body: [paragraph(DRAFT_TEXT)], snapshotAt: '2024-09-01T02:00:00Z' },
    });
    expect(draft.status).toBe(200);
  });

  test('GET /api/timegate/<URL> redirects to the published capture, whose body is the published text', async () => {
    const gate = await http().get(`/api/timegate/${URL}`);
    expect(gate.status).toBe(302);
    const memento = await http().get(new globalThis.URL(gate.headers.location).pathname);
    expect(memento.status).toBe(200);
    expect(memento.headers['memento-datetime']).toBe('Thu, 01 Aug 2024 02:00:00 GMT');
    expect(memento.body.data.body).toEqual([paragraph(PUBLISHED_TEXT)]);
    expect(JSON.stringify(memento.body)).not.toContain(DRAFT_TEXT);
  });

  test('GET /api/timemap/json/<URL> lists the published capture only', async () => {
    const res = await http().get(`/api/timemap/json/${URL}`);
    expect(res.status).toBe(200);
    expect(res.body.captures.map((capture: { datetime: string }) => capture.datetime)).toEqual(['2024-08-01T02:00:00.000Z']);
    expect(JSON.stringify(res.body)).not.toContain(DRAFT_DIGEST);
  });

  test('GraphQL Article.captures lists the published capture only', async () => {
    const res = await graphql('query ($id: ID!) { article(documentId: $id) { captures { datetime digest } } }', { id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.article.captures.map((capture: { datetime: string }) => capture.datetime)).toEqual(['2024-08-01T02:00:00.000Z']);
    expect(JSON.stringify(res.body)).not.toContain(DRAFT_DIGEST);
  });

  test('GraphQL capturesByUrl lists the published capture only', async () => {
    const res = await graphql('query ($url: String!) { capturesByUrl(url: $url) { captures { datetime digest uri } } }', { url: URL });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.capturesByUrl.captures.map((capture: { datetime: string }) => capture.datetime)).toEqual(['2024-08-01T02:00:00.000Z']);
    expect(JSON.stringify(res.body)).not.toContain(DRAFT_DIGEST);
  });

  test('publishing the edit records its capture, and Memento then shows it', async () => {
    const other = 'https://news.example.com/2024/08/02/published-later.html';
    const laterId = await createArticle({ title: '先发布的标题', body: [paragraph('第一版。')], snapshotAt: '2024-08-02T02:00:00Z', originalUrl: other });
    const edit = { title: '后发布的标题', body: [paragraph('第二版，发布后才公开。')], snapshotAt: '2024-09-02T02:00:00Z' };
    expect((await withToken(http().put(`/api/articles/${laterId}?status=draft`)).send({ data: edit })).status).toBe(200);
    expect((await http().get(`/api/timemap/json/${other}`)).body.captures).toHaveLength(1);
    // REST publishes on an update without ?status=draft.
    expect((await withToken(http().put(`/api/articles/${laterId}`)).send({ data: {} })).status).toBe(200);
    const timeMap = await http().get(`/api/timemap/json/${other}`);
    expect(timeMap.body.captures.map((capture: { datetime: string; digest: string }) => [capture.datetime, capture.digest])).toEqual([
      ['2024-08-02T02:00:00.000Z', contentHash('先发布的标题', ['第一版。'])],
      ['2024-09-02T02:00:00.000Z', contentHash(edit.title, ['第二版，发布后才公开。'])],
    ]);
  });
});

describe('finding 1: a capture imported as a draft waits for its publication', () => {
  const URL = 'https://news.example.com/2024/08/05/imported.html';
  const LATER_TEXT = '以草稿导入的再抓取正文。';
  const page = (title: string, text: string, snapshotAt: string) => ({ title, body: [text], snapshotAt, originalUrl: URL, sourcePublishedAt: '2024-08-05 08:00:00' });
  let id: string;

  beforeAll(async () => {
    const dir = writeFiles({ 'first.ndjson': ndjson(page('导入的文章', '第一次抓取的正文。', '2024-08-05 10:00:00')) });
    const later = writeFiles({ 'later.ndjson': ndjson(page('导入的文章', LATER_TEXT, '2024-09-05 10:00:00')) });
    try {
      expect((await importFiles(app, listInputFiles([dir]).files, { publish: true, dryRun: false })).created).toBe(1);
      expect((await importFiles(app, listInputFiles([later]).files, { publish: false, dryRun: false })).failed).toBe(0);
    } finally {
      for (const d of [dir, later]) fs.rmSync(d, { recursive: true, force: true });
    }
    id = (await app.db.query('api::article.article').findOne({ where: { originalUrl: URL } })).documentId;
    expect(await app.db.query('api::capture.capture').count({ where: { articleDocumentId: id } })).toBe(2);
  });

  test('the TimeMap, Article.captures and the later memento leave it out', async () => {
    const timeMap = await http().get(`/api/timemap/json/${URL}`);
    expect(timeMap.body.captures.map((capture: { datetime: string }) => capture.datetime)).toEqual(['2024-08-05T02:00:00.000Z']);
    const res = await graphql('query ($id: ID!) { article(documentId: $id) { captures { datetime } } }', { id });
    expect(res.body.data.article.captures).toEqual([{ datetime: '2024-08-05T02:00:00.000Z' }]);
    const later = await app.db.query('api::capture.capture').findOne({ where: { articleDocumentId: id, snapshotAt: '2024-09-05T02:00:00.000Z' } });
    expect((await http().get(`/api/mementos/${later.documentId}`)).status).toBe(404);
  });

  test('an API token still reads the whole history', async () => {
    const res = await withToken(http().post('/graphql')).send({ query: `{ article(documentId: "${id}", status: DRAFT) { captures { datetime uri } } }` });
    expect(res.body.data.article.captures.map((capture: { datetime: string; uri: string | null }) => [capture.datetime, capture.uri === null])).toEqual([
      ['2024-08-05T02:00:00.000Z', false],
      ['2024-09-05T02:00:00.000Z', true],
    ]);
  });

  test('once published, the TimeMap lists it and adds no capture of its own', async () => {
    expect((await withToken(http().put(`/api/articles/${id}`)).send({ data: {} })).status).toBe(200);
    const timeMap = await http().get(`/api/timemap/json/${URL}`);
    expect(timeMap.body.captures.map((capture: { datetime: string }) => capture.datetime)).toEqual(['2024-08-05T02:00:00.000Z', '2024-09-05T02:00:00.000Z']);
  });
});

describe('finding 2: a related link connected to the draft only stays out of /related', () => {
  const LINK_TITLE = '只连在草稿上的相关链接';
  const LINK_URL = 'https://example.com/draft-only-link';
  let id: string;

  beforeAll(async () => {
    id = await createArticle({ title: '有草稿链接的文章', body: [paragraph('正文。')], snapshotAt: '2024-08-03T02:00:00Z' });
    const link = await withToken(http().post('/api/related-links')).send({ data: { title: LINK_TITLE, url: LINK_URL, excerpt: '...链接', position: 0 } });
    expect(link.status).toBe(201);
    const connect = await withToken(http().put(`/api/articles/${id}?status=draft`)).send({ data: { relatedLinks: { connect: [link.body.data.documentId] } } });
    expect(connect.status).toBe(200);
  });

  test('GET /api/articles/$ID/related?kind=curated does not list it', async () => {
    const res = await http().get(`/api/articles/${id}/related?kind=curated`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(LINK_URL);
  });

  test('GraphQL relatedArticles does not list it either', async () => {
    const res = await graphql('query ($id: String!) { relatedArticles(idOrSlug: $id, kind: "curated") { data { title url } } }', { id });
    expect(JSON.stringify(res.body)).not.toContain(LINK_TITLE);
  });

  test('once the draft is published, it is listed', async () => {
    expect((await withToken(http().put(`/api/articles/${id}`)).send({ data: {} })).status).toBe(200);
    const res = await http().get(`/api/articles/${id}/related?kind=curated`);
    expect(res.body.data.map((item: { title: string; url: string }) => [item.title, item.url])).toEqual([[LINK_TITLE, LINK_URL]]);
  });
});

describe('finding 11: relation filters answer 200 or 400, never 500', () => {
  let publishedRowId: number;
  let draftRowId: number;

  beforeAll(async () => {
    const owner = await createArticle({ title: '有公开链接的文章', body: [paragraph('正文。')], snapshotAt: '2024-08-04T02:00:00Z' });
    const target = await createArticle({ title: '被链接的文章', body: [paragraph('正文。')], snapshotAt: '2024-08-04T03:00:00Z' });
    const rows = await app.db.query('api::article.article').findMany({ where: { documentId: owner }, select: ['id', 'publishedAt'] });
    publishedRowId = rows.find((row: { publishedAt: unknown }) => row.publishedAt !== null).id;
    draftRowId = rows.find((row: { publishedAt: unknown }) => row.publishedAt === null).id;
    const links = [
      { title: '指向文章的链接', article: owner, target },
      { title: '没有目标的链接', article: owner },
    ];
    for (const [position, data] of links.entries()) {
      expect((await withToken(http().post('/api/related-links')).send({ data: { ...data, excerpt: '...', position } })).status).toBe(201);
    }
  });

  const titles = (res: request.Response) => res.body.data.map((link: { title: string }) => link.title).sort();

  test('filters[article]=<id> lists the links of the published row with that id', async () => {
    const res = await http().get(`/api/related-links?filters[article]=${publishedRowId}`);
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(['指向文章的链接', '没有目标的链接']);
  });

  test('filters[article]=<id of a draft row> lists nothing', async () => {
    const res = await http().get(`/api/related-links?filters[article]=${draftRowId}`);
    expect([res.status, res.body.data]).toEqual([200, []]);
  });

  test('filters[article][$eq]=<id> lists the same links', async () => {
    const res = await http().get(`/api/related-links?filters[article][$eq]=${publishedRowId}`);
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(['指向文章的链接', '没有目标的链接']);
  });

  test('filters[article][$null]=true answers 400 with a message', async () => {
    const res = await http().get('/api/related-links?filters[article][$null]=true');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/\$null/);
  });

  test('filters[target][$notNull]=true lists the links with a visible target', async () => {
    const res = await http().get('/api/related-links?filters[target][$notNull]=true');
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(['指向文章的链接']);
  });

  test('filters[target][$not][title][$eq]=x lists the links whose published target is titled otherwise', async () => {
    const other = await http().get(`/api/related-links?filters[target][$not][title][$eq]=x`);
    expect(other.status).toBe(200);
    expect(titles(other)).toContain('指向文章的链接');
    const same = await http().get(`/api/related-links?filters[target][$not][title][$eq]=${encodeURIComponent('被链接的文章')}`);
    expect(same.status).toBe(200);
    expect(titles(same)).not.toContain('指向文章的链接');
  });

  test('GraphQL relatedLinks(filters:{target:{not:{title:{eq:"x"}}}}) answers', async () => {
    const res = await graphql('{ relatedLinks(filters: { target: { not: { title: { eq: "x" } } } }) { title } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.relatedLinks.map((link: { title: string }) => link.title)).toContain('指向文章的链接');
  });
});
