/**
 * The capture history outside the import of one page: writes over the API, the seed page (no
 * address), who may see which captures, and the admin's read-only view.
 */
import fs from 'node:fs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';
import { ndjson, writeFiles } from '../helpers/import-files';
import { SEED_FILE, SEED_SLUG, seedText } from '../helpers/seed';
import { exportArticleAt } from '../../src/import/export-article';
import { listInputFiles } from '../../src/import/input';
import { importFiles } from '../../src/import/run-import';
import type { ImportOptions } from '../../src/import/importer';

const ARTICLE = 'api::article.article';
const CAPTURE = 'api::capture.capture';
const SEED_DIGEST = 'a5593e913d16481bebf1ba814f4990abcafaa723a3a818f42c8d3c08f17b1684';

let app: Core.Strapi;
let token: string;
const dirs: string[] = [];
const http = () => request(app.server.httpServer);
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const graphql = (query: string, variables: Record<string, unknown> = {}, auth?: string) => {
  const req = http().post('/graphql');
  if (auth) req.set('Authorization', `Bearer ${auth}`);
  return req.send({ query, variables });
};

async function importPaths(files: Record<string, string>, options: ImportOptions = { publish: true, dryRun: false }) {
  const dir = writeFiles(files);
  dirs.push(dir);
  return importFiles(app, listInputFiles([dir]).files, options);
}

/** An article's captures as the history holds them, oldest first. */
const capturesOf = async (documentId: string) =>
  (
    await app.db.query(CAPTURE).findMany({
      where: { articleDocumentId: documentId },
      orderBy: [{ snapshotAt: 'asc' }, { id: 'asc' }],
    })
  ).map((row: any) => ({ snapshotAt: new Date(row.snapshotAt).toISOString(), via: row.via, revisit: row.revisitOf !== null, title: row.title }));

beforeAll(async () => {
  app = await startStrapi();
  token = await createFullAccessToken(app);
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the seed page, which has no address', () => {
  let documentId: string;
  beforeAll(async () => {
    await importFiles(app, listInputFiles([SEED_FILE]).files, { publish: true, dryRun: false });
    documentId = (await app.db.query(ARTICLE).findOne({ where: { slug: SEED_SLUG, publishedAt: null } })).documentId;
  });

  test('has one capture, kept by its article', async () => {
    expect(await capturesOf(documentId)).toEqual([
      { snapshotAt: '2024-05-03T00:45:09.000Z', via: 'import', revisit: false, title: '打破镇域行政边界 撬动区域平衡发展' },
    ]);
  });

  test('shows it over GraphQL to the Public role, without a memento (Memento needs an address)', async () => {
    const res = await graphql(
      `query ($slug: String!) { articles(filters: { slug: { eq: $slug } }) { captures { datetime digest revisit capturedBy originalUrl uri } } }`,
      { slug: SEED_SLUG },
    );
    expect(res.body).toEqual({
      data: {
        articles: [
          {
            captures: [
              { datetime: '2024-05-03T00:45:09.000Z', digest: SEED_DIGEST, revisit: false, capturedBy: 'td.fyun.cc', originalUrl: null, uri: null },
            ],
          },
        ],
      },
    });
  });

  test('exports at any time after its capture as the seed, byte for byte', async () => {
    expect(await exportArticleAt(app, SEED_SLUG, new Date('2024-05-03T00:45:09Z'))).toEqual({ page: seedText });
  });

  test('importing it again adds no capture', async () => {
    await importFiles(app, listInputFiles([SEED_FILE]).files, { publish: true, dryRun: false });
    expect(await capturesOf(documentId)).toHaveLength(1);
  });
});

describe('writes over the API', () => {
  let documentId: string;
  const put = (data: Record<string, unknown>) =>
    http().put(`/api/articles/${documentId}`).set('Authorization', `Bearer ${token}`).send({ data });
  const snapshotAt = async () => new Date((await app.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } })).snapshotAt).toISOString();

  beforeAll(async () => {
    const res = await http()
      .post('/api/articles')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: '接口写入的文章', body: [paragraph('第一版正文。')], snapshotAt: '2024-08-01 10:00:00', originalUrl: 'https://api.example.com/n/1' } });
    expect(res.status).toBe(201);
    documentId = res.body.data.documentId;
  });

  test('creating an article records its first capture', async () => {
    expect(await capturesOf(documentId)).toEqual([{ snapshotAt: '2024-08-01T02:00:00.000Z', via: 'api', revisit: false, title: '接口写入的文章' }]);
  });

  test("an editor's correction (same snapshot time) is not a capture", async () => {
    expect((await put({ title: '接口写入的文章(更正)', body: [paragraph('更正后的正文。')] })).status).toBe(200);
    expect(await capturesOf(documentId)).toHaveLength(1);
    expect(await snapshotAt()).toBe('2024-08-01T02:00:00.000Z');
  });

  test('a later snapshot time with the same text is not a capture, and does not move the time', async () => {
    expect((await put({ snapshotAt: '2024-09-01 10:00:00', kicker: '新引题' })).status).toBe(200);
    expect(await capturesOf(documentId)).toHaveLength(1);
    expect(await snapshotAt()).toBe('2024-08-01T02:00:00.000Z');
  });

  test('a later snapshot time with changed text is a capture, and the article shows it', async () => {
    expect((await put({ snapshotAt: '2024-09-01 10:00:00', body: [paragraph('九月再抓取时的正文。')] })).status).toBe(200);
    expect(await snapshotAt()).toBe('2024-09-01T02:00:00.000Z');
    const captures = await capturesOf(documentId);
    expect(captures.map((c) => [c.snapshotAt, c.via])).toEqual([
      ['2024-08-01T02:00:00.000Z', 'api'],
      ['2024-09-01T02:00:00.000Z', 'api'],
    ]);
    const latest = await app.db.query(CAPTURE).findOne({ where: { articleDocumentId: documentId, snapshotAt: '2024-09-01T02:00:00.000Z' } });
    const record = typeof latest.record === 'string' ? JSON.parse(latest.record) : latest.record;
    expect(record.paragraphs).toEqual(['九月再抓取时的正文。']);
    expect(record.title).toBe('接口写入的文章(更正)');
  });

  test('so does one over GraphQL', async () => {
    const res = await graphql(
      'mutation($id: ID!, $data: ArticleInput!) { updateArticle(documentId: $id, data: $data) { documentId } }',
      { id: documentId, data: { snapshotAt: '2024-10-01T00:00:00Z', title: '十月的标题' } },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    expect((await capturesOf(documentId)).map((c) => c.snapshotAt)).toEqual([
      '2024-08-01T02:00:00.000Z',
      '2024-09-01T02:00:00.000Z',
      '2024-10-01T00:00:00.000Z',
    ]);
  });

  test('they make the TimeMap of its address (REST publishes by default)', async () => {
    const res = await http().get('/api/timemap/json/https://api.example.com/n/1');
    expect(res.body.captures.map((c: any) => [c.datetime, c.revisit])).toEqual([
      ['2024-08-01T02:00:00.000Z', false],
      ['2024-09-01T02:00:00.000Z', false],
      ['2024-10-01T00:00:00.000Z', false],
    ]);
  });
});

describe('the Public role sees captures of published articles only', () => {
  const DRAFT_URL = 'https://drafts.example.com/scoop';
  const PUBLISHED_URL = 'https://news.example.com/public/1';
  const article = (title: string, originalUrl: string) => ({
    title,
    category: '国内',
    source: '每日看点快看',
    sourcePublishedAt: '2024-06-01 08:00:00',
    snapshotAt: '2024-07-01 09:00:00',
    originalUrl,
    body: [`${title}的正文。`],
  });
  let draftCapture: string;

  beforeAll(async () => {
    await importPaths({ 'draft.ndjson': ndjson(article('未发布的独家', DRAFT_URL)) }, { publish: false, dryRun: false });
    await importPaths({ 'published.ndjson': ndjson(article('已发布的文章', PUBLISHED_URL)) });
    draftCapture = (await app.db.query(CAPTURE).findOne({ where: { originalUrl: DRAFT_URL } })).documentId;
  });

  test('a draft imported with an address has its capture recorded', async () => {
    expect(await app.db.query(CAPTURE).count({ where: { originalUrl: DRAFT_URL } })).toBe(1);
  });

  test.each(['/api/timemap/link/', '/api/timemap/json/', '/api/timegate/'])('%s<draft address> is 404', async (route) => {
    expect((await http().get(`${route}${DRAFT_URL}`)).status).toBe(404);
  });

  test("a draft's memento is 404", async () => {
    expect((await http().get(`/api/mementos/${draftCapture}`)).status).toBe(404);
  });

  test('GraphQL finds the published address and not the draft one', async () => {
    const query = 'query($url: String!) { capturesByUrl(url: $url) { original captures { datetime revisit } } }';
    expect((await graphql(query, { url: PUBLISHED_URL })).body).toEqual({
      data: { capturesByUrl: { original: PUBLISHED_URL, captures: [{ datetime: '2024-07-01T01:00:00.000Z', revisit: false }] } },
    });
    expect((await graphql(query, { url: DRAFT_URL })).body).toEqual({ data: { capturesByUrl: null } });
  });

  test('captures have no REST routes and no generated GraphQL queries', async () => {
    expect((await http().get('/api/captures')).status).toBe(404);
    expect((await http().get('/api/captures').set('Authorization', `Bearer ${token}`)).status).toBe(404);
    const res = await graphql('{ captures { documentId } }', {}, token);
    expect(res.body.errors[0].message).toBe('Cannot query field "captures" on type "Query".');
  });

  test('unpublishing an article takes its captures out of Memento', async () => {
    const { documentId } = await app.db.query(ARTICLE).findOne({ where: { originalUrl: PUBLISHED_URL, publishedAt: null } });
    expect((await http().get(`/api/timemap/json/${PUBLISHED_URL}`)).status).toBe(200);
    await app.documents(ARTICLE).unpublish({ documentId });
    expect((await http().get(`/api/timemap/json/${PUBLISHED_URL}`)).status).toBe(404);
  });
});

describe('the admin', () => {
  let adminToken: string;
  const asEditor = (req: request.Test) => req.set('Authorization', `Bearer ${adminToken}`);

  beforeAll(async () => {
    const superAdmin = await app.service('admin::role').getSuperAdmin();
    await app.service('admin::user').create({
      email: 'editor@kuaizhao.test',
      firstname: 'Ada',
      password: 'Kuaizhao-2024',
      isActive: true,
      roles: [superAdmin.id],
    });
    adminToken = (await http().post('/admin/login').send({ email: 'editor@kuaizhao.test', password: 'Kuaizhao-2024' })).body.data.token;
  });

  test("lists an article's captures, filtered by the article", async () => {
    const { documentId } = await app.db.query(ARTICLE).findOne({ where: { slug: SEED_SLUG, publishedAt: null } });
    const res = await asEditor(
      http().get(`/content-manager/collection-types/api::capture.capture?filters[articleDocumentId][$eq]=${documentId}`),
    );
    expect(res.status).toBe(200);
    expect(res.body.results.map((c: any) => [c.title, c.snapshotAt, c.digest])).toEqual([
      ['打破镇域行政边界 撬动区域平衡发展', '2024-05-03T00:45:09.000Z', SEED_DIGEST],
    ]);
  });

  test('shows every capture field read-only', async () => {
    const res = await asEditor(http().get('/content-manager/content-types/api::capture.capture/configuration'));
    const { metadatas, layouts } = res.body.data.contentType;
    const fields: string[] = layouts.edit.flat().map((f: { name: string }) => f.name);
    expect(fields).toEqual(['title', 'snapshotAt', 'capturedBy', 'originalUrl', 'canonicalUrl', 'digest', 'revisitOf', 'articleDocumentId', 'via', 'record']);
    expect(fields.filter((f) => metadatas[f].edit.editable !== false)).toEqual([]);
  });

  test('refuses to create, change or delete a capture by hand', async () => {
    const { documentId } = await app.db.query(CAPTURE).findOne({ where: { digest: SEED_DIGEST } });
    // No role holds a write of Captures (desk/permissions.ts): the admin refuses before the archive is asked.
    const create = await asEditor(http().post('/content-manager/collection-types/api::capture.capture')).send({
      articleDocumentId: 'x',
      snapshotAt: '2024-01-01T00:00:00.000Z',
      digest: 'd',
      via: 'api',
    });
    expect(create.status).toBe(403);
    const update = await asEditor(http().put(`/content-manager/collection-types/api::capture.capture/${documentId}`)).send({ title: '改过' });
    expect(update.status).toBe(403);
    const remove = await asEditor(http().delete(`/content-manager/collection-types/api::capture.capture/${documentId}`));
    expect(remove.status).toBe(403);
    // And the archive refuses whatever asks, a role given the permission back included.
    const message = 'Captures are recorded by the archive and cannot be created, changed or deleted by hand';
    await expect(app.documents(CAPTURE as any).create({ data: { articleDocumentId: 'x', snapshotAt: '2024-01-01T00:00:00.000Z', digest: 'd', via: 'api' } as any })).rejects.toThrow(message);
    await expect(app.documents(CAPTURE as any).update({ documentId, data: { title: '改过' } as any })).rejects.toThrow(message);
    await expect(app.documents(CAPTURE as any).delete({ documentId })).rejects.toThrow(message);
    expect(await app.db.query(CAPTURE).count({ where: { documentId, title: '打破镇域行政边界 撬动区域平衡发展' } })).toBe(1);
  });
});
