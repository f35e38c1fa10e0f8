import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { ndjson, writeFiles } from '../helpers/import-files';
import { SEED_FILE, SEED_SLUG, seedText } from '../helpers/seed';
import { exportArticle } from '../../src/import/export-article';
import { listInputFiles } from '../../src/import/input';
import { formatProblem, importFiles, type ImportReport } from '../../src/import/run-import';
import type { ImportOptions } from '../../src/import/importer';

let app: Core.Strapi;
const dirs: string[] = [];
const http = () => request(app.server.httpServer);

const PUBLISH: ImportOptions = { publish: true, dryRun: false };

/** Imports files or directories through the import service, as the CLI does. */
async function importPaths(paths: string[], options: ImportOptions = PUBLISH): Promise<ImportReport> {
  return importFiles(app, listInputFiles(paths).files, options);
}

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = writeFiles(files);
  dirs.push(dir);
  return dir;
}

const counts = ({ created, updated, unchanged, failed }: ImportReport) => ({ created, updated, unchanged, failed });
const count = (uid: string, where: object = {}) => app.db.query(uid as any).count({ where });

const SEED_POPULATE =
  'populate[category]=true&populate[source]=true&populate[reprintedFrom]=true&populate[capturedBy]=true' +
  '&populate[contributors]=true&populate[relatedLinks][sort][0]=position:asc';

beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('importing the seed page', () => {
  let first: ImportReport;
  beforeAll(async () => {
    first = await importPaths([SEED_FILE]);
  });

  test('creates one article', () => {
    expect(counts(first)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
  });

  test('publishes it with every field exact, as the REST API shows it', async () => {
    const res = await http().get(`/api/articles?filters[slug][$eq]=${SEED_SLUG}&${SEED_POPULATE}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const [article] = res.body.data;
    const paragraphs = seedText.split('\n').filter((_line, i) => [14, 16, 18, 20, 22, 24, 26].includes(i + 1));
    expect(article).toMatchObject({
      title: '打破镇域行政边界 撬动区域平衡发展',
      slug: SEED_SLUG,
      kicker: '江门推进中部八镇联动,促进工业重镇区域一体化发展',
      byline: '南方日报讯 (记者/李霭莹 通讯员/肖艳霞)',
      sourcePublishedAt: '2024-05-02T22:58:00.000Z',
      snapshotAt: '2024-05-03T00:45:09.000Z',
      originalUrl: null,
      attribution: '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。',
      category: { name: '国内' },
      source: { name: '每日看点快看', kind: 'aggregator' },
      reprintedFrom: { name: '南方日报', kind: 'outlet' },
      capturedBy: { name: 'td.fyun.cc', kind: 'crawler' },
    });
    expect(article.contributors.map(({ name, role }: any) => ({ name, role }))).toEqual([
      { name: '李霭莹', role: 'reporter' },
      { name: '肖艳霞', role: 'correspondent' },
    ]);
    expect(article.body.map((block: any) => block.children.map((child: any) => child.text).join(''))).toEqual(paragraphs);
    expect(article.body).toHaveLength(7);
  });

  test('stores the nine related links in page order with titles, excerpts and dates exact', async () => {
    const res = await http().get(`/api/articles?filters[slug][$eq]=${SEED_SLUG}&${SEED_POPULATE}`);
    const links = res.body.data[0].relatedLinks;
    const lines = seedText.split('\n');
    expect(links.map((link: any) => link.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(links.map((link: any) => link.title)).toEqual([lines[35], lines[38], lines[41], lines[44], lines[47], lines[50], null, null, lines[57]]);
    expect(links.map((link: any) => link.excerpt)).toEqual([36, 39, 42, 45, 48, 51, 53, 55, 58].map((i) => lines[i]));
    expect(links.map((link: any) => link.dateText)).toEqual([37, 40, 43, 46, 49, 52, 54, 56, 59].map((i) => lines[i]));
    expect(links[4]).toMatchObject({ dateText: '2022-12-15 22:55', date: '2022-12-15T14:55:00.000Z' });
    expect(links[0].date).toBe('2024-01-09T08:40:00.000Z');
  });

  test('exports back byte for byte', async () => {
    expect(await exportArticle(app, SEED_SLUG)).toBe(seedText);
  });

  test('a second import of the same file changes nothing and says so', async () => {
    const before = await count('api::related-link.related-link');
    const again = await importPaths([SEED_FILE]);
    expect(counts(again)).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(await count('api::related-link.related-link')).toBe(before);
    expect(await count('api::article.article', { slug: SEED_SLUG })).toBe(2); // one draft row, one published row
  });

  test('creates each category and source once, with its kind', async () => {
    await importPaths([SEED_FILE]);
    expect(await count('api::category.category', { name: '国内' })).toBe(1);
    expect(await count('api::source.source', { name: '每日看点快看', kind: 'aggregator' })).toBe(1);
    expect(await count('api::source.source', { name: '南方日报', kind: 'outlet' })).toBe(1);
    expect(await count('api::source.source', { name: 'td.fyun.cc', kind: 'crawler' })).toBe(1);
  });
});

/** An NDJSON article of its own, fields named as the content model. */
const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  category: '国内',
  source: '每日看点快看',
  sourcePublishedAt: '2024-06-01 08:00:00',
  snapshotAt: '2024-07-01 09:00:00',
  body: [`${title}的正文。`],
  ...extra,
});

const titles = async (where: object = {}) =>
  (await app.db.query('api::article.article').findMany({ where: { publishedAt: null, ...where }, select: ['title'], orderBy: { id: 'asc' } })).map((a: any) => a.title);

describe('bad input', () => {
  let dir: string;
  let report: ImportReport;
  const messages = () => report.failures.map(formatProblem);

  beforeAll(async () => {
    dir = dirWith({
      'a-empty.txt': '',
      'b-binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'c-latin1.txt': Buffer.concat([Buffer.from(seedText.split('\n').slice(0, 5).join('\n') + '\n'), Buffer.from([0xc9, 0xcf, 0xba, 0xa3])]),
      'd-not-a-snapshot.txt': 'Dear diary,\n\ntoday nothing happened.\n',
      'e-articles.ndjson': ndjson(
        article('坏输入之前的好文章'),
        '{"title": "半行',
        { category: '国内', body: ['没有标题'] },
        article('坏输入之后的好文章'),
      ),
      'f-empty.jsonl': '',
      'g-good.txt': seedText.replace('打破镇域行政边界 撬动区域平衡发展', '坏输入目录里的好页面').replace('打破镇域行政边界 撬动区域平衡发展', '坏输入目录里的好页面'),
      'notes.md': 'not an input file: skipped inside a directory',
    });
    report = await importPaths([dir]);
  });

  test('an empty file is reported with its path and line', () => {
    expect(messages()).toContain(`${dir}/a-empty.txt:1: empty file`);
  });

  test('a binary file is reported', () => {
    expect(messages()).toContain(`${dir}/b-binary.txt:3: binary data (a NUL byte), not a text file`);
  });

  test('invalid UTF-8 is reported at its line', () => {
    expect(messages()).toContain(`${dir}/c-latin1.txt:6: invalid UTF-8 (byte 0xC9 at offset ${Buffer.byteLength(seedText.split('\n').slice(0, 5).join('\n') + '\n')})`);
  });

  test('a page that is not an article is reported', () => {
    expect(messages()).toContain(`${dir}/d-not-a-snapshot.txt:1: no title found: no dated header and no paragraph to stand under one`);
  });

  test('an NDJSON line that is not JSON is reported at its line', () => {
    expect(messages().find((m) => m.startsWith(`${dir}/e-articles.ndjson:2: not JSON: `))).toBeDefined();
  });

  test('an NDJSON line without a title is reported at its line', () => {
    expect(messages()).toContain(`${dir}/e-articles.ndjson:3: no title`);
  });

  test('an empty NDJSON file is reported', () => {
    expect(messages()).toContain(`${dir}/f-empty.jsonl:1: empty file: no articles`);
  });

  test('nothing else fails, and files of other types in a directory are skipped', () => {
    expect(report.failed).toBe(7);
    expect(messages().some((m) => m.includes('notes.md'))).toBe(false);
  });

  test('every good article is imported', async () => {
    expect(report.created).toBe(3);
    expect(await titles({ title: { $in: ['坏输入之前的好文章', '坏输入之后的好文章', '坏输入目录里的好页面'] } })).toHaveLength(3);
  });
});

describe('a failure inside one article', () => {
  test('rolls back that article only, with everything it created', async () => {
    const dir = dirWith({
      'batch.ndjson': ndjson(
        article('同一批的第一篇'),
        // Captured before it was published: refused by the write path after its category was created.
        article('时间颠倒的文章', { category: '回滚栏目', source: '回滚来源', snapshotAt: '2024-05-01 00:00:00' }),
        article('同一批的第三篇'),
      ),
    });
    const report = await importPaths([dir]);
    expect(report.failures.map(formatProblem)).toEqual([
      `${dir}/batch.ndjson:2: snapshotAt (2024-04-30T16:00:00.000Z) is before sourcePublishedAt (2024-06-01T00:00:00.000Z): a page cannot be captured before it was published`,
    ]);
    expect(counts(report)).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 1 });
    expect(await count('api::category.category', { name: '回滚栏目' })).toBe(0);
    expect(await count('api::source.source', { name: '回滚来源' })).toBe(0);
    expect(await titles({ title: { $in: ['同一批的第一篇', '时间颠倒的文章', '同一批的第三篇'] } })).toEqual(['同一批的第一篇', '同一批的第三篇']);
  });
});

describe('matching an existing article', () => {
  test('by original address: a corrected capture updates the article', async () => {
    const url = 'https://news.example.com/a/1';
    await importPaths([dirWith({ 'v1.ndjson': ndjson(article('按地址匹配', { originalUrl: url })) })]);
    const report = await importPaths([dirWith({ 'v2.ndjson': ndjson(article('按地址匹配(更正)', { originalUrl: url })) })]);
    expect(counts(report)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    expect(await titles({ originalUrl: url })).toEqual(['按地址匹配(更正)']);
  });

  test('by content: the same text captured again with another kicker updates the article', async () => {
    await importPaths([dirWith({ 'v1.ndjson': ndjson(article('按内容匹配', { kicker: '旧引题' })) })]);
    const report = await importPaths([dirWith({ 'v2.ndjson': ndjson(article('按内容匹配', { kicker: '新引题' })) })]);
    expect(counts(report)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    const stored = await app.db.query('api::article.article').findMany({ where: { title: '按内容匹配' }, select: ['kicker'] });
    expect(stored.map((a: any) => a.kicker)).toEqual(['新引题', '新引题']);
  });

  test('by title, publication time and source: a corrected body updates the article', async () => {
    await importPaths([dirWith({ 'v1.ndjson': ndjson(article('按标题匹配', { body: ['初版正文。'] })) })]);
    const report = await importPaths([dirWith({ 'v2.ndjson': ndjson(article('按标题匹配', { body: ['更正后的正文。'] })) })]);
    expect(counts(report)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    expect(await titles({ title: '按标题匹配' })).toHaveLength(1);
  });
});

describe('related links and their targets', () => {
  const linkTo = (title: string, date: string) => ({ title, excerpt: `...${title}`, date });

  test('a link to an archived article gets its target at once, one arriving later gets it when it arrives', async () => {
    const early = await importPaths([dirWith({ 'early.ndjson': ndjson(article('早到的文章', { sourcePublishedAt: '2024-06-02 10:00:00' })) })]);
    expect(counts(early)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    await importPaths([
      dirWith({
        'page.ndjson': ndjson(
          article('有相关列表的文章', {
            relatedLinks: [linkTo('早到的文章', '2024-06-02 10:00:00'), linkTo('晚到的文章', '2024-06-03 11:30')],
          }),
        ),
      }),
    ]);
    const targetOf = async (title: string) => {
      const [link] = await app.db.query('api::related-link.related-link').findMany({ where: { title }, populate: { target: true } });
      return link.target?.title ?? null;
    };
    expect(await targetOf('早到的文章')).toBe('早到的文章');
    expect(await targetOf('晚到的文章')).toBeNull();

    const late = await importPaths([dirWith({ 'late.ndjson': ndjson(article('晚到的文章', { sourcePublishedAt: '2024-06-03 11:30:00' })) })]);
    expect(counts(late)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    expect(await targetOf('晚到的文章')).toBe('晚到的文章');
  });

  test('the Public role sees a resolved target through REST', async () => {
    const res = await http().get(
      '/api/articles?filters[title][$eq]=有相关列表的文章&populate[relatedLinks][sort][0]=position:asc&populate[relatedLinks][populate][target][fields][0]=title',
    );
    expect(res.body.data[0].relatedLinks.map((link: any) => link.target?.title ?? null)).toEqual(['早到的文章', '晚到的文章']);
  });

  test('re-importing a changed list replaces the links as a set', async () => {
    await importPaths([
      dirWith({ 'page.ndjson': ndjson(article('有相关列表的文章', { relatedLinks: [linkTo('替换后的链接', '2024-06-04 00:00:00')] })) }),
    ]);
    const res = await http().get('/api/articles?filters[title][$eq]=有相关列表的文章&populate[relatedLinks]=true');
    expect(res.body.data[0].relatedLinks.map((link: any) => link.title)).toEqual(['替换后的链接']);
    expect(await count('api::related-link.related-link', { title: '早到的文章' })).toBe(0);
  });
});

describe('options', () => {
  test('--dry-run reports what an import would do and writes nothing', async () => {
    const dir = dirWith({ 'dry.ndjson': ndjson(article('演练文章', { category: '演练栏目' })) });
    const before = await count('api::article.article');
    const report = await importPaths([dir, SEED_FILE], { publish: true, dryRun: true });
    expect(counts(report)).toEqual({ created: 1, updated: 0, unchanged: 1, failed: 0 });
    expect(await count('api::article.article')).toBe(before);
    expect(await count('api::category.category', { name: '演练栏目' })).toBe(0);
  });

  test('--draft leaves articles unpublished, invisible to the Public role', async () => {
    const dir = dirWith({ 'draft.ndjson': ndjson(article('草稿文章')) });
    const report = await importPaths([dir], { publish: false, dryRun: false });
    expect(counts(report)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    expect(await count('api::article.article', { title: '草稿文章', publishedAt: { $notNull: true } })).toBe(0);
    expect(await count('api::article.article', { title: '草稿文章' })).toBe(1);
    const res = await http().get('/api/articles?filters[title][$eq]=草稿文章');
    expect(res.body.data).toEqual([]);
  });

  test('importing a draft again without --draft publishes it', async () => {
    const dir = dirWith({ 'draft.ndjson': ndjson(article('草稿文章')) });
    const report = await importPaths([dir]);
    expect(counts(report)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    const res = await http().get('/api/articles?filters[title][$eq]=草稿文章');
    expect(res.body.data).toHaveLength(1);
  });
});
