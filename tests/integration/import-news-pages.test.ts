/**
 * Real news pages of other layouts (tests/fixtures/pages, gathered from public sites) through the
 * real importer and exporter: which layout each page is read as, what is refused and why, what is
 * archived, and that an archived page exports in the seed layout and imports back unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { runCli } from '../helpers/cli';
import { writeFiles } from '../helpers/import-files';
import { parseNewsPage } from '../../src/core/news-page';
import { parseSnapshotPage } from '../../src/core/snapshot-page';
import { exportArticle } from '../../src/import/export-article';
import { listInputFiles } from '../../src/import/input';
import { formatProblem, importFiles, type ImportReport } from '../../src/import/run-import';

const FIXTURES = path.resolve(__dirname, '../fixtures/pages');
const ARTICLE = 'api::article.article';
const DRAFT = { publish: false, dryRun: false };

interface Expected {
  title: string | null;
  publishedAt: string | null;
}

const pages = listInputFiles([FIXTURES]).files;
const expectedOf = (file: string): Expected => JSON.parse(fs.readFileSync(file.replace(/\.txt$/, '.expected.json'), 'utf8'));
const fixture = (name: string) => path.join(FIXTURES, name);

let app: Core.Strapi;
const dirs: string[] = [];

beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const storedArticles = async (): Promise<{ documentId: string; title: string; sourcePublishedAt: string | null }[]> =>
  app.db.query(ARTICLE).findMany({ where: { publishedAt: null }, select: ['documentId', 'title', 'sourcePublishedAt'] });

describe('the import command on news pages', () => {
  test('says which pages were read as general news pages, and writes nothing on a dry run', async () => {
    const dir = writeFiles({
      'dzllzg-1.txt': fs.readFileSync(fixture('dzllzg-1.txt')),
      'no-title.txt': fs.readFileSync(fixture('81cn-1.txt')),
    });
    dirs.push(dir);
    const run = await runCli(['import', '--dry-run', '--draft', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('created 1, updated 0, unchanged 0, failed 1 (dry run: nothing was written; as drafts; 1 read as general news pages)\n');
    expect(run.stderr.split('\n').filter((line) => line.startsWith(dir))).toEqual([
      `${dir}/dzllzg-1.txt:1: read as a general news page (not the seed layout) (warning)`,
      `${dir}/no-title.txt:1: no title found above the first dated line or paragraph`,
    ]);
    expect(await app.db.query(ARTICLE).count({})).toBe(0);
  });
});

describe('importing every fixture page as drafts', () => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importFiles(app, pages, DRAFT);
  });

  test('reads every page as a general news page; none has the seed furniture', () => {
    expect(report.layouts).toEqual({ 'news page': report.created });
  });

  test('refuses at least 85% of the pages that show no title, each as path:line: reason', () => {
    const refused = new Set(report.failures.map((failure) => failure.path));
    const titleless = pages.filter((file) => expectedOf(file).title === null);
    const archivedAnyway = titleless.filter((file) => !refused.has(file));
    console.log(`pages without a title that were archived anyway: ${archivedAnyway.map((file) => path.basename(file)).join(', ') || 'none'}`);
    expect(1 - archivedAnyway.length / titleless.length).toBeGreaterThanOrEqual(0.85);
    for (const failure of report.failures) expect(formatProblem(failure)).toMatch(new RegExp(`^${failure.path}:\\d+: (no title found|no body)`));
  });

  test('archives at least 85% of the pages that show a title under that title, with the time right where the page shows one', async () => {
    const stored = await storedArticles();
    const titled = pages.map(expectedOf).filter((expected) => expected.title !== null);
    const right = titled.filter((expected) =>
      stored.some(
        (article) =>
          article.title === expected.title &&
          (expected.publishedAt === null || new Date(article.sourcePublishedAt as string).toISOString() === expected.publishedAt),
      ),
    );
    console.log(`archived under the shown title, time right: ${right.length} of ${titled.length} pages`);
    expect(right.length / titled.length).toBeGreaterThanOrEqual(0.85);
  });

  test('creates one draft per archived page and publishes none', async () => {
    expect(report.created).toBe(pages.length - report.failed);
    expect(await app.db.query(ARTICLE).count({ where: { publishedAt: { $notNull: true } } })).toBe(0);
  });
});

describe('round trip: a general page exports in the seed layout', () => {
  test.each(['vigoraudio-1.txt', 'dzllzg-1.txt', 'xjishu-1.txt'])('%s exports as a seed page that reads back the same and imports unchanged', async (name) => {
    const read = parseNewsPage(fs.readFileSync(fixture(name), 'utf8')).record;
    const [article] = (await storedArticles()).filter((stored) => stored.title === read.title);
    const page = await exportArticle(app, article.documentId);
    const back = parseSnapshotPage(page as string).record;
    expect(back).toMatchObject({
      title: read.title,
      category: read.category,
      sourcePublishedAt: read.sourcePublishedAt,
      source: read.source,
      reprintedFrom: read.reprintedFrom,
      paragraphs: read.paragraphs,
    });

    const dir = writeFiles({ [name]: page as string });
    dirs.push(dir);
    // The same article, not a new one; the export's attribution names the crawler (Kuaizhao),
    // which the first re-import records; from then on the page imports unchanged.
    const again = await importFiles(app, listInputFiles([dir]).files, DRAFT);
    expect([again.layouts, again.created, again.updated, again.failed]).toEqual([{ 'snapshot page': 1 }, 0, 1, 0]);
    const third = await importFiles(app, listInputFiles([dir]).files, DRAFT);
    expect([third.created, third.updated, third.unchanged]).toEqual([0, 0, 1]);
  });
});
