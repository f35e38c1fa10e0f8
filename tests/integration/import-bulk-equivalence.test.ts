/**
 * The bulk import (`--bulk`, src/import/bulk-articles.ts) writes below the Document Service. This
 * file imports the same pages both ways into the same app and compares every row the Document
 * Service writes: draft and published rows, components and their join rows, relation join rows
 * with their order columns, related links, the derived related-articles index, document ids
 * (named by slug), locale and times. Then it edits, unpublishes and republishes a bulk-imported
 * article through the Document Service and reads it through REST and GraphQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { ndjson, writeFiles } from '../helpers/import-files';
import { SEED_SLUG, seedText } from '../helpers/seed';
import { emptyArchive, storageSnapshot, type StorageSnapshot } from '../helpers/storage-snapshot';
import { syntheticPage } from '../../src/bench/synthetic-pages';
import { DERIVED_INDEXES } from '../../src/app/derived-indexes';
import { STORAGE_LAYOUT_STRAPI_VERSION } from '../../src/import/bulk-articles';
import { listInputFiles } from '../../src/import/input';
import { formatProblem, importFiles, type ImportReport } from '../../src/import/run-import';

const ARTICLE = 'api::article.article';
const SYNTHETIC = 70; // more than one batch of 50, so batches meet
let app: Core.Strapi;
let dir: string;

/** An NDJSON article, fields named as the content model. */
const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  category: '国内',
  source: '每日看点快看',
  sourcePublishedAt: '2024-06-01 08:00:00',
  snapshotAt: '2024-07-01 09:00:00',
  body: [`${title}的正文。`],
  ...extra,
});

function pages(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < SYNTHETIC; i += 1) files[`pages/${String(i).padStart(3, '0')}.txt`] = syntheticPage(i, SYNTHETIC);
  files['pages/seed.txt'] = seedText;
  files['more.ndjson'] = ndjson(
    article('按地址收录的文章', { originalUrl: 'https://news.example.com/a/1', byline: '新华社讯 (记者/王福强)', capturedBy: 'kz.crawler.cn' }),
    // The same address again in the same batch: an update of the article just created.
    article('按地址收录的文章(更正)', { originalUrl: 'https://news.example.com/a/1', byline: '新华社讯 (记者/王福强)', capturedBy: 'kz.crawler.cn' }),
    // Same title, another source, time and text: another article, whose slug takes a suffix.
    article('同名的文章', { source: '网易新闻', sourcePublishedAt: '2024-06-02 08:00:00', body: ['网易的正文。'] }),
    article('同名的文章', { source: '腾讯新闻', sourcePublishedAt: '2024-06-03 08:00:00', body: ['腾讯的正文。'] }),
    // No byline, no crawler, no snapshot time: contributors empty, times and attribution stamped.
    article('没有署名的文章', { snapshotAt: null }),
    // Refused by the rules after its category was created: rolled back with it.
    article('时间颠倒的文章', { category: '回滚栏目', snapshotAt: '2024-05-01 00:00:00' }),
    // A chosen slug that another article already has; a chosen excerpt.
    article('自带网址名的文章', { slug: 'tong-ming-de-wen-zhang', excerpt: '编辑写的摘要。' }),
    article('带相关列表的文章', {
      relatedLinks: [
        { title: '同名的文章', excerpt: '...同名', date: '2024-06-02 08:00:00' },
        { title: '还没收录的文章', excerpt: '...还没', date: '2024-06-09 10:00:00', url: 'https://news.example.com/a/9' },
      ],
    }),
    article('还没收录的文章', { sourcePublishedAt: '2024-06-09 10:00:00', snapshotAt: '2024-06-10 09:00:00' }),
    // Refused by Strapi's validator (maxLength 500), by either path.
    article('长'.repeat(501)),
    article('导语太长的文章', { kicker: '导'.repeat(501) }),
  );
  return writeFiles(files);
}

const counts = ({ created, updated, unchanged, failed }: ImportReport) => ({ created, updated, unchanged, failed });

async function importBothWays(): Promise<{ reports: ImportReport[]; snapshots: StorageSnapshot[]; indexDifferences: string[][] }> {
  const files = listInputFiles([dir]).files;
  const reports: ImportReport[] = [];
  const snapshots: StorageSnapshot[] = [];
  const indexDifferences: string[][] = [];
  for (const bulk of [false, true]) {
    await emptyArchive(app);
    // Stamped times are whole seconds (core/article-rules.ts), so the run starts at its second.
    const since = Math.floor(Date.now() / 1000) * 1000;
    reports.push(await importFiles(app, files, { publish: true, dryRun: false, bulk }));
    // Each path's incremental sync must equal a rebuild of every derived index...
    const differences: string[] = [];
    for (const index of DERIVED_INDEXES) differences.push(...(await index.check(app)));
    indexDifferences.push(differences);
    // ...but the related index's weights depend on when it took its epochs (a write one article at
    // a time, or a batch of 50), so its tables are compared after one rebuild on each side.
    for (const index of DERIVED_INDEXES) await index.rebuild(app);
    snapshots.push(await storageSnapshot(app, since, Date.now()));
  }
  return { reports, snapshots, indexDifferences };
}

beforeAll(async () => {
  app = await startStrapi();
  dir = pages();
});
afterAll(async () => {
  await stopStrapi(app);
  fs.rmSync(dir, { recursive: true, force: true });
});

test(`Strapi is ${STORAGE_LAYOUT_STRAPI_VERSION}, the version whose storage layout the bulk import writes`, () => {
  const { version } = JSON.parse(fs.readFileSync(require.resolve('@strapi/strapi/package.json'), 'utf8'));
  if (version !== STORAGE_LAYOUT_STRAPI_VERSION) {
    throw new Error(
      `@strapi/strapi is ${version}, but src/import/bulk-articles.ts writes the tables as Strapi ${STORAGE_LAYOUT_STRAPI_VERSION} lays them out: ` +
        're-check what the Document Service writes (this test compares it), then update STORAGE_LAYOUT_STRAPI_VERSION',
    );
  }
});

describe('the same pages through the Document Service and through the bulk path', () => {
  let reports: ImportReport[];
  let snapshots: StorageSnapshot[];
  let indexDifferences: string[][];
  beforeAll(async () => {
    ({ reports, snapshots, indexDifferences } = await importBothWays());
  });

  test('each path leaves every derived index equal to a rebuild', () => {
    expect(indexDifferences).toEqual([[], []]);
  });

  test('report the same outcomes and failures', () => {
    const expected = { created: SYNTHETIC + 1 + 7, updated: 1, unchanged: 0, failed: 3 };
    expect(counts(reports[0])).toEqual(expected);
    expect(counts(reports[1])).toEqual(expected);
    expect(reports[1].failures.map(formatProblem)).toEqual(reports[0].failures.map(formatProblem));
    expect(reports[1].failures.map(formatProblem)).toEqual([
      `${path.join(dir, 'more.ndjson')}:6: snapshotAt (2024-04-30T16:00:00.000Z) is before sourcePublishedAt (2024-06-01T00:00:00.000Z): a page cannot be captured before it was published`,
      `${path.join(dir, 'more.ndjson')}:10: title must be at most 500 characters`,
      `${path.join(dir, 'more.ndjson')}:11: kicker must be at most 500 characters`,
    ]);
  });

  test('write the same tables', () => {
    expect(Object.keys(snapshots[1].tables)).toEqual(Object.keys(snapshots[0].tables));
    expect(Object.keys(snapshots[0].tables)).toEqual(
      expect.arrayContaining([
        'articles',
        'articles_captured_by_lnk',
        'articles_category_lnk',
        'articles_cmps',
        'articles_reprinted_from_lnk',
        'articles_source_lnk',
        'categories',
        'components_article_contributors',
        'related_links',
        'related_links_article_lnk',
        'related_links_target_lnk',
        'sources',
      ]),
    );
  });

  test('write the same rows in every table, row for row and column for column', () => {
    for (const table of Object.keys(snapshots[0].tables)) {
      expect({ table, rows: snapshots[1].tables[table] }).toEqual({ table, rows: snapshots[0].tables[table] });
    }
  });

  test('draft and published rows: one of each per article, locale null, as the Document Service leaves them', () => {
    const rows = snapshots[1].tables.articles;
    expect(rows.filter((row) => row.published_at === null)).toHaveLength(SYNTHETIC + 1 + 7);
    expect(rows.filter((row) => row.published_at !== null)).toHaveLength(SYNTHETIC + 1 + 7);
    expect(new Set(rows.map((row) => row.locale))).toEqual(new Set([null]));
    expect(rows.find((row) => row.id === 'tong-ming-de-wen-zhang-3#draft')).toMatchObject({ title: '自带网址名的文章', excerpt: '编辑写的摘要。' });
  });

  test('times relate the same way (created, updated, published) for every version', () => {
    expect(snapshots[1].articleTimes).toEqual(snapshots[0].articleTimes);
    expect(snapshots[1].articleTimes['da-po-zhen-yu-xing-zheng-bian-jie-qiao-dong-qu-yu-ping-heng-fa-zhan#published']).toBe(
      'updated = created, published after created, created with its draft',
    );
  });

  test('a second bulk import of the same pages creates nothing', async () => {
    const again = await importFiles(app, listInputFiles([dir]).files, { publish: true, dryRun: false, bulk: true });
    // The two captures of one address update it in turn, as on the first run; everything else is unchanged.
    expect(counts(again)).toEqual({ created: 0, updated: 2, unchanged: SYNTHETIC + 1 + 6, failed: 3 });
  });
});

describe('a bulk-imported article through the Document Service, REST and GraphQL', () => {
  const http = () => request(app.server.httpServer);
  let documentId: string;
  beforeAll(async () => {
    const found = await app.documents(ARTICLE).findFirst({ filters: { slug: SEED_SLUG }, status: 'published' });
    documentId = found!.documentId;
  });

  test('REST and GraphQL show it with its relations and contributors', async () => {
    const res = await http().get(`/api/articles/${documentId}?populate[category]=true&populate[contributors]=true&populate[capturedBy]=true`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ slug: SEED_SLUG, category: { name: '国内' }, capturedBy: { name: 'td.fyun.cc' } });
    expect(res.body.data.contributors.map(({ name, role }: any) => [name, role])).toEqual([
      ['李霭莹', 'reporter'],
      ['肖艳霞', 'correspondent'],
    ]);
    const gql = await http()
      .post('/graphql')
      .send({ query: `{ article(documentId: "${documentId}") { slug category { name } contributors { name role } } }` });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.article).toEqual({
      slug: SEED_SLUG,
      category: { name: '国内' },
      contributors: [
        { name: '李霭莹', role: 'reporter' },
        { name: '肖艳霞', role: 'correspondent' },
      ],
    });
  });

  test('an edit through the Document Service keeps its slug and re-stamps its hash', async () => {
    const before = await app.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, select: ['contentHash'] });
    await app.documents(ARTICLE).update({ documentId, data: { title: '打破镇域行政边界(修订)' } as any, status: 'published' });
    const res = await http().get(`/api/articles/${documentId}`);
    expect(res.body.data).toMatchObject({ title: '打破镇域行政边界(修订)', slug: SEED_SLUG });
    const after = await app.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, select: ['contentHash'] });
    expect(after.contentHash).not.toBe(before.contentHash);
  });

  test('unpublish hides it from the Public role; publish shows it again with its relations', async () => {
    await app.documents(ARTICLE).unpublish({ documentId });
    expect((await http().get(`/api/articles/${documentId}`)).status).toBe(404);
    expect(await app.db.query(ARTICLE).count({ where: { documentId } })).toBe(1);

    await app.documents(ARTICLE).publish({ documentId });
    const res = await http().get(`/api/articles/${documentId}?populate[category]=true&populate[source]=true&populate[contributors]=true`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: '打破镇域行政边界(修订)', category: { name: '国内' }, source: { name: '每日看点快看' } });
    expect(res.body.data.contributors).toHaveLength(2);
    expect(await app.db.query(ARTICLE).count({ where: { documentId } })).toBe(2);
  });
});
