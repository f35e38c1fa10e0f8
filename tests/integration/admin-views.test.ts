import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeArchive, type ArchiveFixture } from '../helpers/archive';
import { SEED } from '../helpers/seed';

const ARTICLES = '/content-manager/collection-types/api::article.article';

let app: Core.Strapi;
let archive: ArchiveFixture;
let adminToken: string;
const http = () => request(app.server.httpServer);
const asEditor = (url: string) => http().get(url).set('Authorization', `Bearer ${adminToken}`);

beforeAll(async () => {
  app = await startStrapi();
  archive = await writeArchive(app);
  const superAdmin = await app.service('admin::role').getSuperAdmin();
  await app.service('admin::user').create({
    email: 'editor@kuaizhao.test',
    firstname: 'Ada',
    password: 'Kuaizhao-2024',
    isActive: true,
    roles: [superAdmin.id],
  });
  const login = await http().post('/admin/login').send({ email: 'editor@kuaizhao.test', password: 'Kuaizhao-2024' });
  adminToken = login.body.data.token;
});
afterAll(async () => {
  await stopStrapi(app);
});

describe('the article views an editor gets on a fresh database', () => {
  test('the list shows title, category, source and both times, newest snapshot first', async () => {
    const res = await asEditor('/content-manager/content-types/api::article.article/configuration');
    expect(res.status).toBe(200);
    const { settings, layouts } = res.body.data.contentType;
    expect(layouts.list).toEqual(['title', 'category', 'source', 'sourcePublishedAt', 'snapshotAt']);
    expect(settings).toMatchObject({ defaultSortBy: 'snapshotAt', defaultSortOrder: 'DESC', mainField: 'title', filterable: true });
  });

  test('the edit view puts the text before the provenance', async () => {
    const res = await asEditor('/content-manager/content-types/api::article.article/configuration');
    const rows: string[][] = res.body.data.contentType.layouts.edit.map((row: { name: string }[]) => row.map((f) => f.name));
    const order = rows.flat();
    const lastText = Math.max(...['title', 'kicker', 'byline', 'contributors', 'body', 'excerpt'].map((f) => order.indexOf(f)));
    const firstProvenance = Math.min(
      ...['source', 'reprintedFrom', 'capturedBy', 'originalUrl', 'sourcePublishedAt', 'snapshotAt', 'attribution'].map((f) => order.indexOf(f)),
    );
    expect(order.slice(0, 6)).toEqual(['title', 'kicker', 'byline', 'contributors', 'body', 'excerpt']);
    expect(lastText).toBeLessThan(firstProvenance);
  });

  test('fields carry English labels with the Chinese term as a hint', async () => {
    const res = await asEditor('/content-manager/content-types/api::article.article/configuration');
    const { metadatas } = res.body.data.contentType;
    expect(metadatas.snapshotAt.edit.label).toBe('Snapshot time (快照生成时间)');
    expect(metadatas.sourcePublishedAt.edit.label).toBe('Published at source (发布时间)');
    expect(metadatas.reprintedFrom.edit.label).toBe('Reprinted from (本文转自)');
    expect(metadatas.kicker.edit.label).toBe('Kicker (引题)');
    expect(metadatas.source.list.mainField).toBe('name');
  });

  test('the list filters by category', async () => {
    const other = await app.documents('api::category.category').create({ data: { name: '国际' } as any });
    await app.documents('api::article.article').create({ data: { title: 'World news', category: other.documentId } as any });
    const res = await asEditor(`${ARTICLES}?filters[$and][0][category][documentId][$eq]=${archive.categoryId}&sort=snapshotAt:DESC`);
    expect(res.status).toBe(200);
    const titles = res.body.results.map((a: { title: string }) => a.title).sort();
    expect(titles).toEqual([SEED.title, 'Unpublished scoop 未发布'].sort());
  });

  test('the list filters by source', async () => {
    const res = await asEditor(`${ARTICLES}?filters[$and][0][source][name][$eq]=${encodeURIComponent(SEED.source)}`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((a: { title: string }) => a.title).sort()).toEqual([SEED.title, 'Unpublished scoop 未发布'].sort());
  });

  test("the admin's slug generator gives the pinyin slug of a Chinese title", async () => {
    const res = await http()
      .post('/content-manager/uid/generate')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ contentTypeUID: 'api::article.article', field: 'slug', data: { title: '国内新闻' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toBe('guo-nei-xin-wen');
  });
});
