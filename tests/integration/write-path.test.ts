import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';
import { SEED, SEED_SLUG } from '../helpers/seed';
import { DEFAULT_ATTRIBUTION_TEMPLATE } from '../../src/core/attribution';

const ARTICLE = 'api::article.article';
const SEED_ATTRIBUTION = '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。';
const LEAD = `${SEED.byline}“目前行业在降本方面已碰到‘天花板’,必须要以设备更新改造和工艺提升,找到新的发展思路。”`;
const LEAD_WITHOUT_BYLINE = '“目前行业在降本方面已碰到‘天花板’,必须要以设备更新改造和工艺提升,找到新的发展思路。”';

let app: Core.Strapi;
let token: string;
let crawlerId: string;
let customCrawlerId: string;

const http = () => request(app.server.httpServer);
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** The stored article, read back the way the archive holds it (draft row, private fields included). */
async function stored(documentId: string) {
  return app.db.query(ARTICLE).findOne({
    where: { documentId, publishedAt: null },
    populate: { contributors: true, capturedBy: true },
  });
}

type Way = 'document service' | 'REST' | 'GraphQL';
const WAYS: Way[] = ['document service', 'REST', 'GraphQL'];

/** Creates an article one way in and returns its documentId; throws with the message of a refusal. */
async function createVia(way: Way, data: Record<string, unknown>): Promise<string> {
  if (way === 'document service') {
    const doc = await app.documents(ARTICLE).create({ data: data as any });
    return doc.documentId;
  }
  if (way === 'REST') {
    const res = await http().post('/api/articles').set('Authorization', `Bearer ${token}`).send({ data });
    if (res.status !== 201) throw new Error(`${res.status} ${res.body?.error?.message}`);
    return res.body.data.documentId;
  }
  const res = await http()
    .post('/graphql')
    .set('Authorization', `Bearer ${token}`)
    .send({ query: 'mutation($data: ArticleInput!) { createArticle(data: $data) { documentId } }', variables: { data } });
  if (res.body.errors) throw new Error(`${res.body.errors[0].extensions?.code} ${res.body.errors[0].message}`);
  return res.body.data.createArticle.documentId;
}

async function updateVia(way: Way, documentId: string, data: Record<string, unknown>): Promise<void> {
  if (way === 'document service') {
    await app.documents(ARTICLE).update({ documentId, data: data as any });
    return;
  }
  if (way === 'REST') {
    const res = await http().put(`/api/articles/${documentId}`).set('Authorization', `Bearer ${token}`).send({ data });
    if (res.status !== 200) throw new Error(`${res.status} ${res.body?.error?.message}`);
    return;
  }
  const res = await http()
    .post('/graphql')
    .set('Authorization', `Bearer ${token}`)
    .send({
      query: 'mutation($id: ID!, $data: ArticleInput!) { updateArticle(documentId: $id, data: $data) { documentId } }',
      variables: { id: documentId, data },
    });
  if (res.body.errors) throw new Error(res.body.errors[0].message);
}

beforeAll(async () => {
  app = await startStrapi();
  token = await createFullAccessToken(app);
  crawlerId = (await app.documents('api::source.source').create({ data: { name: SEED.capturedBy, kind: 'crawler' } as any })).documentId;
  customCrawlerId = (
    await app.documents('api::source.source').create({
      data: { name: 'Baiduspider', kind: 'crawler', attributionTemplate: '本页由{crawler}抓取。' } as any,
    })
  ).documentId;
});
afterAll(async () => {
  await stopStrapi(app);
});

describe.each(WAYS)('through the %s', (way) => {
  test('a Chinese title gets its pinyin slug, unique with a numeric suffix', async () => {
    const title = `${SEED.title} ${way === 'document service' ? 'ds' : way}`;
    const first = await stored(await createVia(way, { title }));
    const second = await stored(await createVia(way, { title }));
    const base = `${SEED_SLUG}-${way === 'document service' ? 'ds' : way.toLowerCase()}`;
    expect(first.slug).toBe(base);
    expect(second.slug).toBe(`${base}-2`);
  });

  test('the seed byline yields its two contributors', async () => {
    const article = await stored(await createVia(way, { title: '八镇联动', byline: SEED.byline }));
    expect(article.contributors.map(({ name, role }: any) => ({ name, role }))).toEqual([
      { name: '李霭莹', role: 'reporter' },
      { name: '肖艳霞', role: 'correspondent' },
    ]);
  });

  test('given contributors are kept', async () => {
    const article = await stored(
      await createVia(way, { title: '八镇联动', byline: SEED.byline, contributors: [{ name: '王福强', role: 'author' }] }),
    );
    expect(article.contributors.map(({ name, role }: any) => ({ name, role }))).toEqual([{ name: '王福强', role: 'author' }]);
  });

  test('a missing snapshotAt is stamped with the time of creation', async () => {
    const before = Date.now();
    const article = await stored(await createVia(way, { title: '江门' }));
    const stamped = new Date(article.snapshotAt).getTime();
    expect(stamped).toBeGreaterThanOrEqual(before - 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test('a given snapshotAt is kept exactly, and a naive time reads as Beijing time', async () => {
    const article = await stored(
      await createVia(way, { title: '江门', snapshotAt: '2024-05-03 08:45:09', sourcePublishedAt: '2024-05-03 06:58:00' }),
    );
    expect(new Date(article.snapshotAt).toISOString()).toBe(SEED.snapshotAt);
    expect(new Date(article.sourcePublishedAt).toISOString()).toBe(SEED.sourcePublishedAt);
  });

  test("the attribution is rendered from the crawler's template", async () => {
    expect((await stored(await createVia(way, { title: '江门', capturedBy: crawlerId }))).attribution).toBe(SEED_ATTRIBUTION);
    expect((await stored(await createVia(way, { title: '江门', capturedBy: customCrawlerId }))).attribution).toBe('本页由Baiduspider抓取。');
  });

  test('without a crawler the attribution names the archive itself', async () => {
    const article = await stored(await createVia(way, { title: '江门' }));
    expect(article.attribution).toBe(DEFAULT_ATTRIBUTION_TEMPLATE.replace('{crawler}', 'Kuaizhao'));
  });

  test('a given attribution is kept', async () => {
    const article = await stored(await createVia(way, { title: '江门', capturedBy: crawlerId, attribution: '转载自网络。' }));
    expect(article.attribution).toBe('转载自网络。');
  });

  test('the excerpt comes from the first paragraph, without the byline', async () => {
    const article = await stored(
      await createVia(way, { title: '江门', byline: SEED.byline, body: [paragraph(LEAD), paragraph(SEED.firstParagraph)] }),
    );
    expect(article.excerpt).toBe(LEAD_WITHOUT_BYLINE);
  });

  test('the content hash changes with the title and the body, and only then', async () => {
    const documentId = await createVia(way, { title: '江门', body: [paragraph(SEED.firstParagraph)] });
    const first = (await stored(documentId)).contentHash;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    await updateVia(way, documentId, { kicker: '引题' });
    expect((await stored(documentId)).contentHash).toBe(first);
    await updateVia(way, documentId, { title: '江门八镇' });
    const second = (await stored(documentId)).contentHash;
    expect(second).not.toBe(first);
    await updateVia(way, documentId, { body: [paragraph('新的正文。')] });
    expect((await stored(documentId)).contentHash).not.toBe(second);
  });

  test.each([
    ['a title that is empty after trimming', { title: '   ' }, /title must not be empty/],
    ['an originalUrl that is not http(s)', { title: '江门', originalUrl: 'ftp://example.com/a' }, /originalUrl must be an http\(s\) address/],
    [
      'a snapshotAt before sourcePublishedAt',
      { title: '江门', sourcePublishedAt: '2024-05-03 06:58:00', snapshotAt: '2024-05-03 06:00:00' },
      /snapshotAt .* is before sourcePublishedAt/,
    ],
  ])('refuses %s with a clear message', async (_name, data, message) => {
    const count = await app.db.query(ARTICLE).count();
    const attempt = createVia(way, data);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toThrow(way === 'GraphQL' ? /BAD_USER_INPUT/ : way === 'REST' ? /^400 / : /./);
    expect(await app.db.query(ARTICLE).count()).toBe(count);
  });
});

describe('snapshotAt and slug once set', () => {
  test('snapshotAt survives update, publish, unpublish and discard-draft unchanged', async () => {
    const { documentId } = await app.documents(ARTICLE).create({ data: { title: '江门', snapshotAt: SEED.snapshotAt } as any });
    const documents = app.documents(ARTICLE);
    await documents.update({ documentId, data: { kicker: '引题', snapshotAt: '2025-01-01T00:00:00.000Z' } as any });
    await documents.publish({ documentId });
    await documents.update({ documentId, data: { kicker: '改过的引题' } as any });
    await documents.discardDraft({ documentId });
    await documents.unpublish({ documentId });
    await documents.publish({ documentId });
    const rows = await app.db.query(ARTICLE).findMany({ where: { documentId } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(new Date(row.snapshotAt).toISOString()).toBe(SEED.snapshotAt);
  });

  test('editing the title of a published article keeps its slug', async () => {
    const { documentId } = await app.documents(ARTICLE).create({ data: { title: '国内' } as any, status: 'published' });
    await app.documents(ARTICLE).update({ documentId, data: { title: '国际' } as any, status: 'published' });
    const rows = await app.db.query(ARTICLE).findMany({ where: { documentId } });
    expect(rows.map((row: any) => [row.title, row.slug])).toEqual([
      ['国际', 'guo-nei'],
      ['国际', 'guo-nei'],
    ]);
  });

  test('the 22nd article of one title gets the suffix -22', async () => {
    const slugs: string[] = [];
    for (let i = 0; i < 22; i += 1) slugs.push((await app.documents(ARTICLE).create({ data: { title: '同名' } as any })).slug);
    expect(slugs[0]).toBe('tong-ming');
    expect(slugs.slice(1)).toEqual(Array.from({ length: 21 }, (_, i) => `tong-ming-${i + 2}`));
  });

  test('a title with neither Han nor Latin letters still gets a stable slug', async () => {
    const a = await stored((await app.documents(ARTICLE).create({ data: { title: '！？…' } as any })).documentId);
    expect(a.slug).toMatch(/^untitled-[0-9a-f]{8}$/);
  });

  test('sources and categories get pinyin slugs too', async () => {
    const category = await app.documents('api::category.category').create({ data: { name: '国内' } as any });
    const source = await app.documents('api::source.source').create({ data: { name: '南方日报', kind: 'outlet' } as any });
    expect(category.slug).toBe('guo-nei');
    expect(source.slug).toBe('nan-fang-ri-bao');
  });
});

test('the same article through every way in ends with the same stamped fields', async () => {
  const input = { title: SEED.title, byline: SEED.byline, capturedBy: crawlerId, body: [paragraph(LEAD)] };
  const articles = [];
  for (const way of WAYS) articles.push(await stored(await createVia(way, input)));
  const stamped = articles.map((a) => ({
    slug: a.slug.replace(/-\d+$/, ''),
    contributors: a.contributors.map(({ name, role }: any) => ({ name, role })),
    attribution: a.attribution,
    excerpt: a.excerpt,
    contentHash: a.contentHash,
  }));
  expect(stamped[0]).toEqual({
    slug: SEED_SLUG,
    contributors: [
      { name: '李霭莹', role: 'reporter' },
      { name: '肖艳霞', role: 'correspondent' },
    ],
    attribution: SEED_ATTRIBUTION,
    excerpt: LEAD_WITHOUT_BYLINE,
    contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(stamped[1]).toEqual(stamped[0]);
  expect(stamped[2]).toEqual(stamped[0]);
});
