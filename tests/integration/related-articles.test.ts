import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { paragraphsToBlocks } from '../../src/core/body';
import type { SnapshotRecord } from '../../src/core/snapshot-page';
import { seedRecord } from '../helpers/seed';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';

const seed = seedRecord;

let app: Core.Strapi;
const http = () => request(app.server.httpServer);
const graphql = (query: string, variables?: object, jwt?: string) => {
  const req = http().post('/graphql');
  if (jwt) req.set('Authorization', `Bearer ${jwt}`);
  return req.send({ query, variables });
};
const related = (idOrSlug: string, query = '') => http().get(`/api/articles/${idOrSlug}/related${query}`);
const computedIds = (body: any) => body.data.filter((item: any) => item.kind === 'computed').map((item: any) => item.article.documentId);

/** A page of the small archive: the seed's layout, with its own text, category and date. */
const page = (title: string, paragraphs: string[], category = '国内', date = '2024-04-01T00:00:00.000Z'): SnapshotRecord => ({
  ...seed,
  title,
  kicker: null,
  byline: null,
  paragraphs,
  category,
  sourcePublishedAt: date,
  snapshotAt: date,
  relatedLinks: [],
});

const PAGES = {
  twin: page('江门八镇联动 推动区域协调发展', seed.paragraphs.slice(1, 4), '国内', '2024-05-04T00:00:00.000Z'),
  regional: page('江门推进城乡区域协调发展', ['江门市加快推进城乡区域协调发展,区域发展格局不断优化。江门各区域联动,促进县域经济发展,八镇产业集聚。'], '国内', '2024-04-20T00:00:00.000Z'),
  port: page('江门港口航运迎来新机遇', ['江门港口货物吞吐量持续增长,航运企业看好江门的区位优势。'], '国内', '2024-04-10T00:00:00.000Z'),
  abroad: page('江门侨乡区域文化走向世界', ['江门是著名侨乡,区域文化交流活跃,江门华侨遍布世界各地。'], '国际', '2024-04-25T00:00:00.000Z'),
  unrelated: page('女排联赛决赛落幕', ['昨晚进行的女排联赛决赛中,主队以三比一获胜,夺得本赛季冠军。'], '国内', '2024-04-28T00:00:00.000Z'),
  draft: page('江门区域发展规划草案', ['江门区域发展规划草案提出,八镇联动,区域协调,江门全域推进。'], '国内', '2024-05-01T00:00:00.000Z'),
  curating: page('江门区域品牌建设提速', ['江门推进区域品牌建设,打造区域公共品牌,江门企业积极参与。'], '国内', '2024-04-15T00:00:00.000Z'),
};

const ids: Record<keyof typeof PAGES | 'seed', string> = {} as any;
let seedSlug: string;

beforeAll(async () => {
  app = await startStrapi();
  const stored = await writeSnapshotRecord(app, seed);
  ids.seed = stored.documentId;
  seedSlug = stored.slug;
  for (const [name, record] of Object.entries(PAGES)) {
    ids[name as keyof typeof PAGES] = (await writeSnapshotRecord(app, record, { status: name === 'draft' ? 'draft' : 'published' })).documentId;
  }
  // The curating page lists two articles itself: one published, one still a draft.
  for (const [position, target] of [ids.regional, ids.draft].entries()) {
    await app.documents('api::related-link.related-link').create({
      data: { title: `curated ${position}`, excerpt: '...江门区域', position, article: ids.curating, target } as any,
    });
  }
});
afterAll(async () => {
  await stopStrapi(app);
});

describe('the seed article', () => {
  test('lists its 9 curated links in page order, titles, excerpts and dates exact', async () => {
    const res = await related(ids.seed, '?kind=curated&limit=50');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(
      seed.relatedLinks.map((link) => ({ kind: 'curated', title: link.title, excerpt: link.excerpt, date: link.date, url: null, score: null, article: null })),
    );
    expect(res.body.data.map((item: any) => item.title).slice(6, 8)).toEqual([null, null]);
  });

  test('describes itself and links to more of its category', async () => {
    const category = await app.documents('api::category.category').findFirst({ filters: { name: '国内' } });
    const res = await related(ids.seed);
    expect(res.body.meta).toEqual({
      article: { documentId: ids.seed, slug: seedSlug, title: seed.title },
      category: { name: '国内', slug: category!.slug },
      moreUrl: `/api/articles?filters[category][slug][$eq]=${category!.slug}`,
    });
    const more = await http().get(res.body.meta.moreUrl);
    expect(more.status).toBe(200);
    expect(more.body.data.map((a: any) => a.documentId)).toContain(ids.seed);
  });

  test('puts curated links first, then computed ones, up to the limit', async () => {
    const res = await related(ids.seed);
    expect(res.body.data.map((item: any) => item.kind)).toEqual([...Array(9).fill('curated'), 'computed']);
  });

  test('is found by slug as by documentId', async () => {
    const [bySlug, byId] = await Promise.all([related(seedSlug, '?limit=50'), related(ids.seed, '?limit=50')]);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toEqual(byId.body);
  });
});

describe('computed related articles', () => {
  test('rank the articles sharing most key terms first, and leave out what shares nothing', async () => {
    const res = await related(ids.seed, '?kind=computed');
    const order = computedIds(res.body);
    expect(order[0]).toBe(ids.twin);
    expect(order).toEqual(expect.arrayContaining([ids.regional, ids.abroad, ids.curating]));
    expect(order).not.toContain(ids.unrelated);
    // The port article shares only 江门, which nearly every article here has: weighed against the
    // archive as it now is (not as it was when the seed was written), 江门 is no key term of the seed.
    expect(order).not.toContain(ids.port);
    const scores = res.body.data.map((item: any) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('never list the article itself or a draft', async () => {
    for (const id of [ids.seed, ids.twin, ids.regional, ids.curating]) {
      const order = computedIds((await related(id, '?kind=computed&limit=50')).body);
      expect(order).not.toContain(id);
      expect(order).not.toContain(ids.draft);
    }
  });

  test('each carry an excerpt cut around a shared term, and a link to the article', async () => {
    const res = await related(ids.seed, '?kind=computed&limit=50');
    for (const item of res.body.data) {
      expect(item.excerpt.startsWith('...')).toBe(true);
      expect(item.excerpt).toMatch(/江门|区域/);
      expect(item.url).toBe(`/api/articles/${item.article.documentId}`);
      expect(item.title).toBe(item.article.title);
    }
  });

  test('never repeat a curated link target; a draft target shows as a link without its article', async () => {
    const res = await related(ids.curating, '?limit=50');
    const curated = res.body.data.filter((item: any) => item.kind === 'curated');
    expect(curated.map((item: any) => item.article?.documentId ?? null)).toEqual([ids.regional, null]);
    expect(computedIds(res.body)).not.toContain(ids.regional);
    expect(computedIds((await related(ids.curating, '?kind=computed&limit=50')).body)).not.toContain(ids.regional);
    expect(computedIds((await related(ids.seed, '?kind=computed&limit=50')).body)).toContain(ids.regional);
    expect(JSON.stringify(res.body)).not.toContain(ids.draft);
    expect(JSON.stringify(res.body)).not.toContain(PAGES.draft.title);
  });

  test('can be restricted to one category', async () => {
    const category = await app.documents('api::category.category').findFirst({ filters: { name: '国际' } });
    const res = await related(ids.seed, `?kind=computed&category=${category!.slug}`);
    expect(computedIds(res.body)).toEqual([ids.abroad]);
  });
});

describe('when articles come and go', () => {
  test('an unpublished article disappears from every related list at once', async () => {
    const lists = [ids.seed, ids.twin, ids.port, ids.abroad];
    for (const id of lists) expect(computedIds((await related(id, '?kind=computed')).body)).toContain(ids.regional);
    await app.documents('api::article.article').unpublish({ documentId: ids.regional });
    // The stored lists (default limit) and the live ranking (a larger limit) alike.
    for (const id of [...lists, ids.curating]) {
      for (const query of ['', '?kind=computed', '?limit=50']) {
        const res = await related(id, query);
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(ids.regional);
      }
    }
    expect((await related(ids.regional)).status).toBe(404);
  });

  test('a newly published article appears where it belongs', async () => {
    const late = await writeSnapshotRecord(app, page('江门八镇联动发展 区域经济新格局', seed.paragraphs.slice(2, 6), '国内', '2024-05-05T00:00:00.000Z'));
    const order = computedIds((await related(ids.seed, '?kind=computed&limit=50')).body);
    expect(order.slice(0, 2)).toEqual(expect.arrayContaining([late.documentId]));
    expect(order).toContain(ids.curating);
    expect(order.indexOf(late.documentId)).toBeLessThan(order.indexOf(ids.curating));
    expect(computedIds((await related(ids.twin, '?kind=computed')).body)).toContain(late.documentId);
  });
  test('an edited and republished article is ranked by its new text', async () => {
    const scoreOf = async (id: string) =>
      (await related(ids.seed, '?kind=computed')).body.data.find((item: any) => item.article.documentId === id)?.score ?? 0;
    const before = await scoreOf(ids.port);
    await app.documents('api::article.article').update({
      documentId: ids.port,
      data: { body: paragraphsToBlocks(seed.paragraphs.slice(3, 7)) } as any,
      status: 'published',
    });
    expect(await scoreOf(ids.port)).toBeGreaterThan(before);
  });

  test('a draft-only edit changes nothing until it is published', async () => {
    const before = (await related(ids.seed, '?kind=computed')).body;
    await app.documents('api::article.article').update({ documentId: ids.twin, data: { body: paragraphsToBlocks(['女排联赛决赛落幕']) } as any });
    expect((await related(ids.seed, '?kind=computed')).body).toEqual(before);
  });

  test('a deleted article disappears from every related list', async () => {
    expect(computedIds((await related(ids.seed, '?kind=computed')).body)).toContain(ids.abroad);
    await app.documents('api::article.article').delete({ documentId: ids.abroad });
    for (const id of [ids.seed, ids.twin, ids.port]) {
      for (const query of ['', '?limit=50']) expect(JSON.stringify((await related(id, query)).body)).not.toContain(ids.abroad);
    }
  });

  test('a list read over and over (one prepared statement) loses an article the moment it is unpublished', async () => {
    // Run often enough on every pooled connection for PostgreSQL to switch to its generic plan (from the sixth run).
    for (let i = 0; i < 30; i += 1) {
      expect(computedIds((await related(ids.seed, '?kind=computed')).body)).toContain(ids.twin);
      expect((await related(ids.twin)).status).toBe(200);
    }
    await app.documents('api::article.article').unpublish({ documentId: ids.twin });
    expect(JSON.stringify((await related(ids.seed, '?kind=computed')).body)).not.toContain(ids.twin);
    expect((await related(ids.twin)).status).toBe(404);
  });
});

describe('bad requests', () => {
  test.each([
    ['an unknown id', 'nosucharticlenosucharticl'],
    ['an unknown slug', 'no-such-article'],
  ])('404 for %s', async (_what, idOrSlug) => {
    const res = await related(idOrSlug);
    expect(res.status).toBe(404);
  });

  test('404 for a draft', async () => {
    const res = await related(ids.draft);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(PAGES.draft.title);
  });

  test.each([
    ['?limit=0', /limit must be an integer from 1 to 50/],
    ['?limit=51', /limit must be an integer from 1 to 50/],
    ['?limit=ten', /limit must be an integer from 1 to 50/],
    ['?limit=2.5', /limit must be an integer from 1 to 50/],
    ['?kind=best', /kind must be one of all, curated, computed/],
    ['?category=Not%20A%20Slug', /category must be a category slug/],
    ['?category=no-such-category', /category must be the slug of a category, got "no-such-category"/],
    ['?sort=title', /Unrecognized key/],
  ])('400 with a message for %s', async (query, message) => {
    const res = await related(ids.seed, query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});

const RELATED_QUERY = `query ($idOrSlug: String!, $limit: Int, $kind: RelatedKind) {
  relatedArticles(idOrSlug: $idOrSlug, limit: $limit, kind: $kind) {
    data { kind title excerpt date url score article { documentId slug title } }
    meta { article { documentId slug title } category { name slug } moreUrl }
  }
}`;

describe('GraphQL', () => {
  test('relatedArticles returns the same list as REST', async () => {
    const [rest, gql] = await Promise.all([related(ids.seed, '?limit=30'), graphql(RELATED_QUERY, { idOrSlug: ids.seed, limit: 30 })]);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.relatedArticles).toEqual(rest.body);
    expect(rest.body.data.length).toBeGreaterThan(9);
  });

  test('kind and slug work as over REST', async () => {
    const [rest, gql] = await Promise.all([related(seedSlug, '?kind=computed&limit=3'), graphql(RELATED_QUERY, { idOrSlug: seedSlug, limit: 3, kind: 'computed' })]);
    expect(gql.body.data.relatedArticles).toEqual(rest.body);
  });

  test('a draft is not found and a bad limit is refused', async () => {
    const draft = await graphql(RELATED_QUERY, { idOrSlug: ids.draft });
    expect(draft.body.data.relatedArticles).toBeNull();
    expect(draft.body.errors[0].message).toMatch(/No published article/);
    const bad = await graphql(RELATED_QUERY, { idOrSlug: ids.seed, limit: 99 });
    expect(bad.body.errors[0].message).toMatch(/limit must be an integer from 1 to 50/);
  });
});

describe('permissions', () => {
  let jwt: string;

  beforeAll(async () => {
    const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const user = await app.plugin('users-permissions').service('user').add({
      username: 'reader',
      email: 'reader@example.com',
      password: 'Passw0rd!',
      provider: 'local',
      confirmed: true,
      role: role.id,
    });
    jwt = app.plugin('users-permissions').service('jwt').issue({ id: user.id });
  });

  test('Public may call both', async () => {
    expect((await related(ids.seed)).status).toBe(200);
    expect((await graphql(RELATED_QUERY, { idOrSlug: ids.seed })).body.errors).toBeUndefined();
  });

  test('a role without Article find may call neither', async () => {
    const rest = await related(ids.seed).set('Authorization', `Bearer ${jwt}`);
    expect(rest.status).toBe(403);
    const gql = await graphql(RELATED_QUERY, { idOrSlug: ids.seed }, jwt);
    expect(gql.body.data?.relatedArticles ?? null).toBeNull();
    expect(gql.body.errors[0].message).toMatch(/Forbidden/);
  });
});
