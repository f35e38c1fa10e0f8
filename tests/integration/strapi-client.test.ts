import type { Core } from '@strapi/strapi';
import { strapi as strapiClient, HTTPBadRequestError, HTTPNotFoundError, type StrapiClient } from '@strapi/client';
import type { SnapshotRecord } from '../../src/core/snapshot-page';
import { seedRecord } from '../helpers/seed';
import { baseUrl, startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';

const seed = seedRecord;

/** Three more pages in the seed's layout: two in its category (国内), one in 国际; newest snapshot last. */
const page = (title: string, category: string, snapshotAt: string): SnapshotRecord => ({
  ...seed,
  title,
  kicker: null,
  paragraphs: [`${title}。江门推进区域协调发展。`],
  category,
  sourcePublishedAt: snapshotAt,
  snapshotAt,
  relatedLinks: [],
});
const OLDER = page('江门港口航运迎来新机遇', '国内', '2024-04-10T00:00:00.000Z');
const NEWER = page('江门八镇联动 推动区域协调发展', '国内', '2024-05-04T00:00:00.000Z');
const ABROAD = page('江门侨乡区域文化走向世界', '国际', '2024-05-05T00:00:00.000Z');

let app: Core.Strapi;
let client: StrapiClient;
const ids: Record<'seed' | 'older' | 'newer' | 'abroad', { documentId: string; slug: string }> = {} as any;

beforeAll(async () => {
  app = await startStrapi();
  // A frontend reaches the app over a real port, as in production.
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  ids.seed = await writeSnapshotRecord(app, seed);
  ids.older = await writeSnapshotRecord(app, OLDER);
  ids.newer = await writeSnapshotRecord(app, NEWER);
  ids.abroad = await writeSnapshotRecord(app, ABROAD);
  client = strapiClient({ baseURL: `${baseUrl(app)}/api` });
});
afterAll(async () => {
  await stopStrapi(app);
});

test("find: one category's articles through the relation, populated, newest snapshot first, a page at a time", async () => {
  const query = {
    filters: { category: { slug: { $eq: 'guo-nei' } } },
    populate: { category: { fields: ['name', 'slug'] }, source: { fields: ['name'] } },
    sort: 'snapshotAt:desc',
    fields: ['title', 'slug', 'snapshotAt'],
  };
  const first = await client.collection('articles').find({ ...query, pagination: { page: 1, pageSize: 2 } });
  expect(first.data.map((article) => article.title)).toEqual([NEWER.title, seed.title]);
  expect(first.data[1]).toMatchObject({
    documentId: ids.seed.documentId,
    slug: ids.seed.slug,
    snapshotAt: '2024-05-03T00:45:09.000Z',
    category: { name: '国内', slug: 'guo-nei' },
    source: { name: '每日看点快看' },
  });
  expect(first.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });

  const second = await client.collection('articles').find({ ...query, pagination: { page: 2, pageSize: 2 } });
  expect(second.data.map((article) => article.title)).toEqual([OLDER.title]);
});

test('findOne: an article by documentId, with its contributors and provenance', async () => {
  const { data } = await client.collection('articles').findOne(ids.seed.documentId, {
    populate: { contributors: true, reprintedFrom: { fields: ['name'] }, capturedBy: { fields: ['name'] } },
  });
  expect(data).toMatchObject({
    documentId: ids.seed.documentId,
    title: seed.title,
    byline: '南方日报讯 (记者/李霭莹 通讯员/肖艳霞)',
    reprintedFrom: { name: '南方日报' },
    capturedBy: { name: 'td.fyun.cc' },
  });
  expect(data.contributors.map(({ name, role }: any) => ({ name, role }))).toEqual([
    { name: '李霭莹', role: 'reporter' },
    { name: '肖艳霞', role: 'correspondent' },
  ]);
  expect(data.contentHash).toBeUndefined();
});

test('fetch: the related list of an article by slug, and the JSON-LD', async () => {
  const related = await client.fetch(`/articles/${ids.seed.slug}/related?kind=curated&limit=3`);
  expect(related.status).toBe(200);
  const body = await related.json();
  expect(body.data.map((item: any) => item.title)).toEqual(seed.relatedLinks.slice(0, 3).map((link) => link.title));
  expect(body.meta.article).toEqual({ documentId: ids.seed.documentId, slug: ids.seed.slug, title: seed.title });

  const jsonld = await client.fetch(`/articles/${ids.seed.slug}/jsonld`);
  expect(jsonld.headers.get('content-type')).toBe('application/ld+json');
  expect(await jsonld.json()).toMatchObject({ '@type': 'NewsArticle', headline: seed.title });
});

test('a request the API refuses reaches the frontend as the client\'s typed error, with our message', async () => {
  const refusal = async (request: Promise<unknown>) => {
    const error = await request.then(() => null, (thrown) => thrown);
    return { type: error?.constructor, message: (await error.response.json()).error.message };
  };
  await expect(refusal(client.collection('articles').find({ pagination: { page: 1, pageSize: 1000 } }))).resolves.toEqual({
    type: HTTPBadRequestError,
    message: 'pagination[pageSize] must be an integer from 1 to 100, got "1000"',
  });
  await expect(refusal(client.fetch('/articles/no-such-article/related'))).resolves.toEqual({
    type: HTTPNotFoundError,
    message: 'No published article has the id or slug "no-such-article"',
  });
});
