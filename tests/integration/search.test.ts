import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { SnapshotRecord } from '../../src/core/snapshot-page';
import { seedRecord } from '../helpers/seed';
import { ArticleImporter } from '../../src/import/importer';
import { searchIndex } from '../../src/search';
import { clearEntries, MAX_CANDIDATES } from '../../src/search/queries';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';

const seed = seedRecord;

let app: Core.Strapi;
const http = () => request(app.server.httpServer);
const search = (query: Record<string, string | number>) => http().get('/api/articles/search').query(query);
const idsOf = (body: any): string[] => body.data.map((hit: any) => hit.documentId);

/** A page of the small archive: the seed's layout, with its own text, category, source and date. */
const page = (title: string, paragraphs: string[], category: string, date: string, source = seed.source): SnapshotRecord => ({
  ...seed,
  title,
  kicker: null,
  byline: null,
  paragraphs,
  category,
  source,
  sourcePublishedAt: date,
  snapshotAt: date,
  relatedLinks: [],
});

const PAGES = {
  bank: page('春耕备耕信贷投放加快', ['中国农业发展银行江门分行加大信贷投放,支持春耕备耕。'], '财经', '2024-03-01T02:00:00.000Z'),
  chips: page('AI芯片需求旺盛', ['Nvidia发布新一代GPU,人工智能芯片需求旺盛,国内厂商加快追赶。'], '科技', '2024-04-02T02:00:00.000Z', '今日头条'),
  regional: page('江门推进城乡区域协调发展', ['江门市加快推进城乡区域协调发展,区域发展格局不断优化。江门各区域联动,促进县域经济发展。'], '国内', '2024-04-20T02:00:00.000Z'),
  scattered: page('佛山企业交流会举行', ['来自八镇的企业代表联动对接,共谋发展。江门与佛山企业签约。'], '国内', '2024-04-25T02:00:00.000Z'),
  titled: page('海洋牧场建设提速', ['沿海各地加快渔业转型,养殖企业扩大投资。'], '国内', '2024-04-10T02:00:00.000Z'),
  mentioned: page('渔业转型见成效', ['沿海各地加快渔业转型,一批海洋牧场项目落地。'], '国内', '2024-04-12T02:00:00.000Z'),
  // Two words, the same characters in each page (one BM25 score): together in the older, apart in the newer.
  near: page('近邻甲', ['kzprox 与 kzimity 在一起,后面是一段同样长的文字。'], '国内', '2024-04-01T02:00:00.000Z'),
  far: page('近邻乙', ['kzprox 在前面,后面是一段同样长的文字 kzimity 与。'], '国内', '2024-04-03T02:00:00.000Z'),
  draft: page('江门区域发展规划草案', ['江门区域发展规划草案提出,八镇联动,区域协调。'], '国内', '2024-05-01T02:00:00.000Z'),
};

const ids: Record<keyof typeof PAGES | 'seed', string> = {} as any;
let slugs: Record<string, string>;

beforeAll(async () => {
  app = await startStrapi();
  ids.seed = (await writeSnapshotRecord(app, seed)).documentId;
  for (const [name, record] of Object.entries(PAGES)) {
    ids[name as keyof typeof PAGES] = (await writeSnapshotRecord(app, record, { status: name === 'draft' ? 'draft' : 'published' })).documentId;
  }
  const categories = await app.documents('api::category.category').findMany({ fields: ['name', 'slug'] });
  const sources = await app.documents('api::source.source').findMany({ fields: ['name', 'slug'] });
  slugs = Object.fromEntries([...categories, ...sources].map((row: any) => [row.name, row.slug]));
});
afterAll(async () => {
  await stopStrapi(app);
});

describe('finding the real page', () => {
  test('its own title finds it first, with its fields', async () => {
    const res = await search({ q: seed.title });
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({
      documentId: ids.seed,
      title: seed.title,
      sourcePublishedAt: '2024-05-02T22:58:00.000Z',
      snapshotAt: '2024-05-03T00:45:09.000Z',
      category: { name: '国内', slug: slugs['国内'] },
      source: { name: '每日看点快看', slug: slugs['每日看点快看'] },
    });
    expect(res.body.meta.terms).toEqual(['打破', '镇域', '行政', '边界', '撬动', '区域', '平衡', '发展']);
  });

  test.each([
    ['a dozen characters of its body', '江门举办八镇联动发展产业对接会'],
    ['the same, quoted as a phrase', '"江门举办八镇联动发展产业对接会"'],
    ['a dozen characters of a later paragraph', '规划产值超百亿元重大项目'],
  ])('%s find it in the top five', async (_what, q) => {
    const res = await search({ q });
    expect(idsOf(res.body).slice(0, 5)).toContain(ids.seed);
  });
});

describe('segmentation', () => {
  test('农业 finds 中国农业发展银行, with the word marked in the snippet', async () => {
    const res = await search({ q: '农业' });
    expect(idsOf(res.body)).toEqual([ids.bank]);
    const hit = res.body.data[0];
    expect(hit.snippet).toBe('...中国农业发展银行江门分行加大信贷投放,支持春耕备耕。');
    expect(hit.highlights).toEqual([[5, 7]]);
    expect(hit.snippet.slice(5, 7)).toBe('农业');
  });

  test('the whole name finds it too, and marks the name', async () => {
    const res = await search({ q: '中国农业发展银行' });
    expect(idsOf(res.body)).toEqual([ids.bank]);
    const { snippet, highlights } = res.body.data[0];
    expect(highlights.map(([start, end]: [number, number]) => snippet.slice(start, end))).toEqual(['中国', '农业发展银行']);
  });

  test('Latin words are found whatever their case, and marked as written', async () => {
    for (const q of ['nvidia', 'NVIDIA', 'gpu']) expect(idsOf((await search({ q })).body)).toEqual([ids.chips]);
    const hit = (await search({ q: 'NVIDIA' })).body.data[0];
    expect(hit.highlights.map(([start, end]: [number, number]) => hit.snippet.slice(start, end))).toEqual(['Nvidia']);
    expect((await search({ q: 'ai' })).body.data.map((h: any) => h.title)).toEqual(['AI芯片需求旺盛']);
  });

  test('a two-character word inside a longer one', async () => {
    expect(idsOf((await search({ q: '牧场' })).body).sort()).toEqual([ids.titled, ids.mentioned].sort());
  });
});

describe('ranking', () => {
  test('a match in the title ranks above one in the body', async () => {
    const res = await search({ q: '海洋牧场' });
    expect(idsOf(res.body)).toEqual([ids.titled, ids.mentioned]);
    expect(res.body.data[0].score).toBeGreaterThan(res.body.data[1].score);
  });

  test('words found close together rank above the same words apart, and the score says so', async () => {
    const res = await search({ q: 'kzprox kzimity' });
    expect(idsOf(res.body)).toEqual([ids.near, ids.far]);
    expect(res.body.data[0].score).toBeGreaterThan(res.body.data[1].score);
    // Newest first would put the page holding them apart first: the order is proximity's.
    expect(idsOf((await search({ q: 'kzprox kzimity', sort: 'newest' })).body)).toEqual([ids.far, ids.near]);
  });

  test('every word must match', async () => {
    expect(idsOf((await search({ q: '海洋牧场 投资' })).body)).toEqual([ids.titled]);
    expect((await search({ q: '海洋牧场 芯片' })).body.meta.pagination.total).toBe(0);
  });

  test('newest puts the latest publication first', async () => {
    const res = await search({ q: '江门', sort: 'newest' });
    expect(idsOf(res.body)).toEqual([ids.seed, ids.scattered, ids.regional, ids.bank]);
  });

  test('pages through the hits', async () => {
    const all = idsOf((await search({ q: '江门', sort: 'newest' })).body);
    const second = await search({ q: '江门', sort: 'newest', page: 2, pageSize: 3 });
    expect(idsOf(second.body)).toEqual(all.slice(3));
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 3, pageCount: 2, total: 4 });
  });
});

describe('phrases', () => {
  test('a quoted phrase needs its words next to each other', async () => {
    const loose = await search({ q: '八镇 联动 发展' });
    expect(idsOf(loose.body)).toEqual(expect.arrayContaining([ids.seed, ids.scattered]));
    const phrase = await search({ q: '"八镇联动发展"' });
    expect(idsOf(phrase.body)).toEqual([ids.seed]);
    expect(phrase.body.meta.terms).toEqual(['八镇', '联动', '发展']);
    const { snippet, highlights } = phrase.body.data[0];
    expect(snippet.slice(highlights[0][0], highlights[0][1])).toBe('八镇联动发展');
  });

  test('a space inside a Chinese phrase does not matter; Chinese quotes work as well', async () => {
    expect(idsOf((await search({ q: '“八镇联动 发展”' })).body)).toEqual([ids.seed]);
  });
});

describe('filters', () => {
  test('by category and by source', async () => {
    expect(idsOf((await search({ q: '江门', category: slugs['财经'] })).body)).toEqual([ids.bank]);
    expect(idsOf((await search({ q: '芯片', source: slugs['今日头条'] })).body)).toEqual([ids.chips]);
    expect((await search({ q: '江门', source: slugs['今日头条'] })).body.meta.pagination.total).toBe(0);
  });

  test('by dates, naive ones in Beijing time, a day alone meaning the whole day', async () => {
    // regional: 2024-04-20 10:00 Beijing; scattered: 2024-04-25 10:00 Beijing.
    const within = (from: string, to: string) => search({ q: '江门', from, to, sort: 'newest' }).then((res) => idsOf(res.body));
    expect(await within('2024-04-20', '2024-04-25')).toEqual([ids.scattered, ids.regional]);
    expect(await within('2024-04-20 10:00:01', '2024-04-25')).toEqual([ids.scattered]);
    expect(await within('2024-04-01', '2024-04-25 09:59')).toEqual([ids.regional]);
    expect(await within('2024-04-20T02:00:00Z', '2024-04-20T02:00:00Z')).toEqual([ids.regional]);
  });
});

describe('drafts, unpublishing and deleting', () => {
  test('a draft is never found, until it is published', async () => {
    expect((await search({ q: '草案' })).body.meta.pagination.total).toBe(0);
    expect(JSON.stringify((await search({ q: '江门 区域' })).body)).not.toContain(ids.draft);
    await app.documents('api::article.article').publish({ documentId: ids.draft });
    expect(idsOf((await search({ q: '草案' })).body)).toEqual([ids.draft]);
  });

  test('an unpublished article is gone at once', async () => {
    await app.documents('api::article.article').unpublish({ documentId: ids.draft });
    expect((await search({ q: '草案' })).body.meta.pagination.total).toBe(0);
  });

  test('a draft-only edit changes nothing until it is published', async () => {
    await app.documents('api::article.article').update({ documentId: ids.titled, data: { title: '深远海养殖起步' } as any });
    expect(idsOf((await search({ q: '海洋牧场' })).body)).toEqual([ids.titled, ids.mentioned]);
    expect((await search({ q: '深远海' })).body.meta.pagination.total).toBe(0);
    await app.documents('api::article.article').publish({ documentId: ids.titled });
    expect(idsOf((await search({ q: '深远海' })).body)).toEqual([ids.titled]);
    expect(idsOf((await search({ q: '海洋牧场' })).body)).toEqual([ids.mentioned]);
  });

  test('a deleted article is gone at once', async () => {
    await app.documents('api::article.article').delete({ documentId: ids.mentioned });
    expect((await search({ q: '海洋牧场' })).body.meta.pagination.total).toBe(0);
  });
});

describe('the stored index', () => {
  test('matches a fresh rebuild, says where it does not, and is restored by rebuild', async () => {
    expect(await searchIndex.check(app)).toEqual([]);
    const before = (await search({ q: '江门' })).body;
    await app.db.connection('search_index_documents').where({ document_id: ids.bank }).update({ fingerprint: 'stale' });
    expect(await searchIndex.check(app)).toEqual([`search: ${ids.bank} is indexed from an older version`]);
    const progress: [number, number][] = [];
    await searchIndex.rebuild(app, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([[8, 8]]);
    expect(await searchIndex.check(app)).toEqual([]);
    expect((await search({ q: '江门' })).body).toEqual(before);
  });

  test("BM25's totals row follows every write, says when it does not, and is restored by rebuild", async () => {
    const totals = () => app.db.connection('search_index_totals').where({ id: 1 }).first('documents');
    expect(Number((await totals()).documents)).toBe(8);
    await app.db.connection('search_index_totals').where({ id: 1 }).update({ documents: 3 });
    expect(await searchIndex.check(app)).toEqual([expect.stringMatching(/^search: the totals row says 3 entries of \d+ characters, the entries add up to 8 of \d+$/)]);
    await searchIndex.rebuild(app);
    expect(await searchIndex.check(app)).toEqual([]);
    expect(Number((await totals()).documents)).toBe(8);
  });

  test('sync brings many documents in step at once', async () => {
    // Every table of the index emptied, as a lost index would be.
    await clearEntries(app.db.connection as any, app.db.dialect.client === 'sqlite' ? 'sqlite' : 'postgres');
    expect((await searchIndex.check(app)).length).toBe(8);
    await app.db.transaction(({ trx }) => searchIndex.sync(app, trx as any, [...Object.values(ids), 'nosucharticlenosucharticl']));
    expect(await searchIndex.check(app)).toEqual([]);
    expect(idsOf((await search({ q: '农业' })).body)).toEqual([ids.bank]);
  });
});

const SEARCH_QUERY = `query ($q: String!, $page: Int, $pageSize: Int, $category: String, $sort: SearchSort) {
  searchArticles(q: $q, page: $page, pageSize: $pageSize, category: $category, sort: $sort) {
    data { documentId slug title snapshotAt sourcePublishedAt category { name slug } source { name slug } score snippet highlights }
    meta { pagination { page pageSize pageCount total } capped terms }
  }
}`;
const graphql = (variables: object) => http().post('/graphql').send({ query: SEARCH_QUERY, variables });

describe('GraphQL', () => {
  test('searchArticles returns the same hits as REST', async () => {
    const [rest, gql] = await Promise.all([search({ q: '江门 发展' }), graphql({ q: '江门 发展' })]);
    expect(gql.body.errors).toBeUndefined();
    expect(idsOf(rest.body).sort()).toEqual([ids.seed, ids.regional, ids.scattered, ids.bank].sort());
    expect(gql.body.data.searchArticles).toEqual(rest.body);
  });

  test('with options, as over REST', async () => {
    const options = { q: '江门', page: 2, pageSize: 1, category: slugs['国内'], sort: 'newest' };
    const [rest, gql] = await Promise.all([search(options), graphql(options)]);
    expect(idsOf(rest.body)).toEqual([ids.scattered]);
    expect(gql.body.data.searchArticles).toEqual(rest.body);
  });

  test('bad options are BAD_USER_INPUT with the REST message', async () => {
    const res = await graphql({ q: '江门', pageSize: 101 });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toBe('pageSize must be an integer from 1 to 100');
  });
});

describe('the route', () => {
  test('is open to the Public role and not read as /articles/:id', async () => {
    const res = await search({ q: '江门' });
    expect(res.status).toBe(200);
    expect((await http().get('/api/articles/search')).body.error.message).toBe('q is required');
    expect((await http().get(`/api/articles/${ids.seed}`)).body.data.documentId).toBe(ids.seed);
  });

  test.each([
    [{}, 'q is required'],
    [{ q: '' }, 'q must not be empty'],
    [{ q: '   ' }, 'q must not be empty'],
    [{ q: '江'.repeat(201) }, 'q must be at most 200 characters'],
    [{ q: ',。!?' }, 'q must contain a word to search for, not only punctuation'],
    [{ q: '江门', pageSize: 101 }, 'pageSize must be an integer from 1 to 100'],
    [{ q: '江门', pageSize: 'ten' }, 'pageSize must be an integer from 1 to 100'],
    [{ q: '江门', page: 0 }, 'page must be a positive integer'],
    [{ q: '江门', sort: 'best' }, 'sort must be one of relevance, newest'],
    [{ q: '江门', category: 'Not A Slug' }, 'category must be a category slug'],
    [{ q: '江门', category: 'no-such-category' }, 'category must be the slug of a category, got "no-such-category"'],
    [{ q: '江门', source: 'no-such-source' }, 'source must be the slug of a source, got "no-such-source"'],
    [{ q: '江门', from: '2024-13-01' }, 'from must be a date: YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS] (Beijing time), or ISO 8601 with a zone'],
    [{ q: '江门', from: '2024-05-02', to: '2024-05-01' }, 'to must not be before from'],
    [{ q: '江门', limit: 5 }, "Unrecognized key(s) in object: 'limit'"],
  ])('400 with a message for %j', async (query, message) => {
    const res = await search(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  test.each([["o'neil \\ 江门"], ['title:江门 AND OR NOT'], ['江门*'], ['(江门) | !发展 & <->']])('query syntax of either database is only text: %s', async (q) => {
    const res = await search({ q });
    expect(res.status).toBe(200);
    expect(res.body.meta.terms).toContain('江门');
  });

  test('a repeated q is a 400, not a 500', async () => {
    const res = await http().get('/api/articles/search?q=a&q=b');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('q must be a string');
  });
});

describe('a word in more articles than search ranks', () => {
  // MAX_CANDIDATES + 1 articles share one word, a minute apart: the first written is the oldest,
  // and the one about it (the word four times): the best match, though an index yields it last.
  const records = Array.from({ length: MAX_CANDIDATES + 1 }, (_, i) =>
    page(
      `广泛报道第${i + 1}篇 kzbroad`,
      [i === 0 ? 'kzbroad 反复出现:kzbroad、kzbroad、kzbroad。' : `这是第${i + 1}篇含有 kzbroad 的报道,内容与其他各篇大同小异。`],
      '国内',
      new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(),
    ),
  );
  let broad: string[];
  beforeAll(async () => {
    // The bulk import's path (the one that brings archives this large), indexes synced per batch.
    const importer = new ArticleImporter(app, { publish: true, dryRun: false, bulk: true });
    broad = [];
    for (let i = 0; i < records.length; i += 100) {
      for (const result of await importer.importBatch(records.slice(i, i + 100))) {
        if ('error' in result) throw result.error;
        broad.push(result.documentId);
      }
    }
  }, 600_000);

  test('ranks MAX_CANDIDATES of them, says so, and pages through those only', async () => {
    const first = await search({ q: 'kzbroad', pageSize: 100 });
    expect(first.status).toBe(200);
    expect(first.body.meta).toMatchObject({ pagination: { page: 1, pageSize: 100, pageCount: 10, total: MAX_CANDIDATES }, capped: true });
    // The best of all matches, not of the first MAX_CANDIDATES the index yields (SQLite's FTS5 yields the oldest last).
    expect(idsOf(first.body)[0]).toBe(broad[0]);
    const found: string[] = [];
    for (let p = 1; p <= 10; p += 1) found.push(...idsOf((await search({ q: 'kzbroad', pageSize: 100, page: p })).body));
    expect(new Set(found).size).toBe(MAX_CANDIDATES);
    expect(broad).toEqual(expect.arrayContaining(found));
    expect((await search({ q: 'kzbroad', pageSize: 100, page: 11 })).body.data).toEqual([]);
    const gql = await graphql({ q: 'kzbroad', pageSize: 5 });
    expect(gql.body.data.searchArticles).toEqual((await search({ q: 'kzbroad', pageSize: 5 })).body);
  });

  test('newest pages through the newest MAX_CANDIDATES', async () => {
    const newest = await search({ q: 'kzbroad', sort: 'newest', pageSize: 100 });
    expect(newest.body.meta).toMatchObject({ pagination: { total: MAX_CANDIDATES, pageCount: 10 }, capped: true });
    expect(idsOf(newest.body)).toEqual([...broad].reverse().slice(0, 100));
    expect(idsOf((await search({ q: 'kzbroad', sort: 'newest', pageSize: 100, page: 10 })).body)).toEqual([...broad].reverse().slice(900, 1000));
  });

  test('a headline is still found first among them, and a rarer word narrows them to an exact count', async () => {
    expect(idsOf((await search({ q: '广泛报道第1篇 kzbroad' })).body)[0]).toBe(broad[0]);
    const narrowed = await search({ q: 'kzbroad 第7篇' });
    expect(narrowed.body.meta).toMatchObject({ pagination: { total: 1 }, capped: false });
  });

  test('with one fewer, every match is ranked and counted', async () => {
    await app.documents('api::article.article').unpublish({ documentId: broad[1] });
    const res = await search({ q: 'kzbroad' });
    expect(res.body.meta).toMatchObject({ pagination: { total: MAX_CANDIDATES, pageCount: MAX_CANDIDATES / 10 }, capped: false });
    expect(idsOf((await search({ q: 'kzbroad', pageSize: 100, page: 10 })).body)).toHaveLength(100);
  });
});

describe('Traditional and Simplified find each other', () => {
  let traditional: string;
  let simplified: string;
  beforeAll(async () => {
    traditional = (await writeSnapshotRecord(app, page('臺灣半導體產業擴張', ['新竹科學園區的晶圓廠擴建,帶動半導體產業鏈發展。'], '科技', '2024-05-10T02:00:00.000Z'))).documentId;
    simplified = (await writeSnapshotRecord(app, page('半导体产业链加快布局', ['多地晶圆厂扩建,半导体设备需求上升。'], '科技', '2024-05-11T02:00:00.000Z'))).documentId;
  });

  test.each(['晶圓廠', '晶圆厂'])('%s finds the Taiwan page and the mainland one', async (q) => {
    const res = await search({ q });
    expect(new Set(idsOf(res.body))).toEqual(new Set([traditional, simplified]));
  });

  test('the snippet shows the stored Traditional text, with the word marked where it stands', async () => {
    const res = await search({ q: '晶圆厂' });
    const hit = res.body.data.find((item: any) => item.documentId === traditional);
    expect(hit.snippet).toContain('晶圓廠擴建');
    expect(hit.highlights.map(([start, end]: [number, number]) => hit.snippet.slice(start, end))).toContain('晶圓廠');
  });

  test('a quoted Traditional phrase finds the Simplified page too', async () => {
    const res = await search({ q: '"半導體設備需求"' });
    expect(idsOf(res.body)).toEqual([simplified]);
  });
});

describe('pinyin', () => {
  test.each(['jiangmen', 'JiangMen', 'jiang men'])('%s finds the pages that name 江门, in their title or their text', async (q) => {
    const res = await search({ q, pageSize: 50 });
    const found = new Set(idsOf(res.body));
    for (const name of ['seed', 'regional', 'bank', 'scattered'] as const) expect({ name, found: found.has(ids[name]) }).toEqual({ name, found: true });
    for (const name of ['chips', 'titled', 'mentioned'] as const) expect({ name, found: found.has(ids[name]) }).toEqual({ name, found: false });
  });

  test('one syllable alone is not a word: single characters have no pinyin in the index', async () => {
    expect((await search({ q: 'men' })).body.data).toEqual([]);
  });

  test('English words are searched as typed, not joined', async () => {
    expect(idsOf((await search({ q: 'nvidia gpu' })).body)).toEqual([ids.chips]);
  });
});
