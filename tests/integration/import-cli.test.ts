/**
 * The import and export commands as an operator runs them: real child processes of
 * scripts/cli.js against the database this file boots (on SQLite, the same file).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { runCli, startCli } from '../helpers/cli';
import { ndjson, writeFiles, syntheticPageFiles } from '../helpers/import-files';
import { SEED_FILE, SEED_SLUG, seedText } from '../helpers/seed';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { exportArticle } from '../../src/import/export-article';
import { slugFor } from '../../src/core/slug';

let app: Core.Strapi;
const dirs: string[] = [];

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = writeFiles(files);
  dirs.push(dir);
  return dir;
}

/** `total` synthetic pages in the seed layout, one file each. */
const syntheticDir = (total: number, offset = 0): string => dirWith(syntheticPageFiles(total, offset));

const ARTICLE = 'api::article.article';
const draftRows = (where: object = {}) => app.db.query(ARTICLE).count({ where: { publishedAt: null, ...where } });

beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('usage errors exit with 2 before touching the database', () => {
  test.each([
    ['no path', [], /no file or directory to import/],
    ['an unknown option', ['--force', SEED_FILE], /unknown option --force/],
    ['a path that does not exist', ['/nonexistent/archive'], /\/nonexistent\/archive: no such file or directory/],
  ])('%s', async (_case, args, message) => {
    const run = await runCli(['import', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^usage: npm run import/m);
  });
});

describe('the seed through the real commands', () => {
  test('import prints the summary and exits with 0', async () => {
    const run = await runCli(['import', SEED_FILE]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('created 1, updated 0, unchanged 0, failed 0\n');
    expect(run.code).toBe(0);
  });

  test('export prints the page byte for byte', async () => {
    const run = await runCli(['export', SEED_SLUG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(seedText);
  });

  test('a second import reports 0 created, 0 updated, as JSON with --json', async () => {
    const run = await runCli(['import', '--json', SEED_FILE]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      withheld: 0,
      failed: 0,
      failures: [],
      warnings: [],
      layouts: { 'snapshot page': 1 },
      // Crawl records skipped by reason (redirects, errors, non-HTML): none in a page file.
      skipped: {},
      // Derived indexes rebuilt between batches as the archive outgrew them: none for one page.
      rebuilt: {},
      dryRun: false,
      draft: false,
    });
  });

  test('export of an unknown article exits with 1', async () => {
    const run = await runCli(['export', 'no-such-article']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('no article with slug or documentId "no-such-article"\n');
  });
});

test('the app refuses to boot with a placeholder secret, and says how to make real ones', async () => {
  const real = process.env.ADMIN_JWT_SECRET;
  process.env.ADMIN_JWT_SECRET = 'tobemodified';
  try {
    const run = await runCli(['export', 'no-such-article']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Refusing to start: ADMIN_JWT_SECRET is missing or a placeholder ("tobemodified")');
    expect(run.stderr).toContain('node scripts/ensure-env.js');
  } finally {
    process.env.ADMIN_JWT_SECRET = real;
  }
});

test('bad input: every failure on stderr as path:line: reason, the good articles imported, exit 1', async () => {
  const dir = dirWith({
    'bad.ndjson': ndjson({ title: 'CLI 好文章', sourcePublishedAt: '2024-06-01 08:00:00', body: ['正文。'] }, 'not json', { body: ['无标题'] }),
    'empty.txt': '',
  });
  const run = await runCli(['import', dir]);
  expect(run.code).toBe(1);
  expect(run.stderr.split('\n').filter((line) => line.startsWith(dir))).toEqual([
    expect.stringMatching(new RegExp(`^${dir}/bad.ndjson:2: not JSON: `)),
    `${dir}/bad.ndjson:3: no title`,
    `${dir}/empty.txt:1: empty file`,
  ]);
  expect(run.stdout).toBe('created 1, updated 0, unchanged 0, failed 3\n');
  expect(await draftRows({ title: 'CLI 好文章' })).toBe(1);
});

describe('two imports of the same files at the same time', () => {
  const TOTAL = 40;
  let runs: Awaited<ReturnType<typeof runCli>>[];
  beforeAll(async () => {
    const dir = syntheticDir(TOTAL, 1000);
    runs = await Promise.all([runCli(['import', '--json', dir]), runCli(['import', '--json', dir])]);
  });

  test('both succeed, and between them create each article once', () => {
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const reports = runs.map((run) => JSON.parse(run.stdout));
    expect(reports[0].created + reports[1].created).toBe(TOTAL);
    expect(reports[0].unchanged + reports[1].unchanged).toBe(TOTAL);
    expect(reports[0].updated + reports[1].updated + reports[0].failed + reports[1].failed).toBe(0);
  });

  test('each article is stored once', async () => {
    for (let i = 1000; i < 1000 + TOTAL; i += 1) {
      expect(await draftRows({ title: syntheticRecord(i, 1000 + TOTAL).title })).toBe(1);
    }
  });

  test('each category and source is created once', async () => {
    const names = (uid: string) => app.db.query(uid as any).findMany({ select: ['name'] });
    for (const uid of ['api::category.category', 'api::source.source']) {
      const all = (await names(uid)).map((row: any) => row.name);
      expect(all.length).toBeGreaterThan(1);
      expect(new Set(all).size).toBe(all.length);
    }
  });
});

test('an import killed in the middle and started again ends as one clean import', async () => {
  const TOTAL = 150;
  const OFFSET = 2000;
  const dir = syntheticDir(TOTAL, OFFSET);
  const titles = Array.from({ length: TOTAL }, (_, i) => syntheticRecord(OFFSET + i, OFFSET + TOTAL).title);
  const stored = async () => app.db.query(ARTICLE).count({ where: { publishedAt: null, title: { $in: titles } } });

  const { child, done } = startCli(['import', dir]);
  // Kill as soon as a first batch is committed, long before the last.
  for (let waited = 0; (await stored()) === 0; waited += 50) {
    if (waited > 120_000) throw new Error('the import committed nothing in two minutes');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  const killed = await done;
  expect(killed.signal).toBe('SIGKILL');
  const partial = await stored();
  expect(partial).toBeLessThan(TOTAL);

  const restarted = await runCli(['import', dir]);
  expect(restarted.code).toBe(0);
  expect(restarted.stdout).toBe(`created ${TOTAL - partial}, updated 0, unchanged ${partial}, failed 0\n`);

  // Every page is stored once and renders back as the file it came from, slugs as a clean run gives them.
  expect(await stored()).toBe(TOTAL);
  for (let i = 0; i < TOTAL; i += 1) {
    const file = path.join(dir, `page-${String(i).padStart(4, '0')}.txt`);
    expect(await exportArticle(app, slugFor(titles[i]))).toBe(fs.readFileSync(file, 'utf8'));
  }
});
