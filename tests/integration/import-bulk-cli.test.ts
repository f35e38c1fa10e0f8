/**
 * `npm run import -- --bulk` and `--report FILE` as an operator runs them: real child processes of
 * scripts/cli.js against the database this file boots. The bulk path keeps the importer's
 * promises: transactional, idempotent, resumable after a kill, safe with two imports at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { runCli, startCli } from '../helpers/cli';
import { ndjson, writeFiles, syntheticPageFiles } from '../helpers/import-files';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { exportArticle } from '../../src/import/export-article';
import { slugFor } from '../../src/core/slug';

const ARTICLE = 'api::article.article';
let app: Core.Strapi;
const dirs: string[] = [];

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = writeFiles(files);
  dirs.push(dir);
  return dir;
}

const syntheticDir = (total: number, offset: number): string => dirWith(syntheticPageFiles(total, offset));

const draftRows = (where: object = {}) => app.db.query(ARTICLE).count({ where: { publishedAt: null, ...where } });

beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('--report writes every failure and warning as an NDJSON line as well as on stderr, then the counts', async () => {
  const dir = dirWith({
    'a.ndjson': ndjson(
      { title: '报告里的好文章', sourcePublishedAt: '2024-06-01 08:00:00', body: ['正文。'], mood: 'calm' },
      'not json',
      { body: ['无标题'] },
    ),
    'b.txt': '',
  });
  const reportFile = path.join(dir, 'report.ndjson');
  const run = await runCli(['import', '--bulk', '--report', reportFile, dir]);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('created 1, updated 0, unchanged 0, failed 3\n');
  const lines = fs.readFileSync(reportFile, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
  expect(lines).toEqual([
    { kind: 'warning', path: `${dir}/a.ndjson`, line: 1, message: 'ignored unknown field mood' },
    { kind: 'failure', path: `${dir}/a.ndjson`, line: 2, message: expect.stringMatching(/^not JSON: /) },
    { kind: 'failure', path: `${dir}/a.ndjson`, line: 3, message: 'no title' },
    { kind: 'failure', path: `${dir}/b.txt`, line: 1, message: 'empty file' },
    { kind: 'summary', created: 1, updated: 0, unchanged: 0, withheld: 0, failed: 3 },
  ]);
  expect(run.stderr.split('\n').filter((line) => line.startsWith(dir))).toEqual([
    `${dir}/a.ndjson:1: ignored unknown field mood (warning)`,
    expect.stringMatching(new RegExp(`^${dir}/a.ndjson:2: not JSON: `)),
    `${dir}/a.ndjson:3: no title`,
    `${dir}/b.txt:1: empty file`,
  ]);
});

test('--report into a folder that does not exist is a usage error', async () => {
  const run = await runCli(['import', '--report', '/nonexistent/report.ndjson', dirWith({ 'a.ndjson': ndjson({ title: 't' }) })]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^--report \/nonexistent\/report.ndjson: no such directory$/m);
});

describe('two bulk imports of the same files at the same time', () => {
  const TOTAL = 60;
  const OFFSET = 5000;
  let runs: Awaited<ReturnType<typeof runCli>>[];
  beforeAll(async () => {
    const dir = syntheticDir(TOTAL, OFFSET);
    runs = await Promise.all([runCli(['import', '--bulk', '--json', dir]), runCli(['import', '--bulk', '--json', dir])]);
  });

  test('both succeed, and between them create each article once', async () => {
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const reports = runs.map((run) => JSON.parse(run.stdout));
    expect(reports[0].created + reports[1].created).toBe(TOTAL);
    expect(reports[0].unchanged + reports[1].unchanged).toBe(TOTAL);
    for (let i = OFFSET; i < OFFSET + TOTAL; i += 1) {
      expect(await draftRows({ title: syntheticRecord(i, OFFSET + TOTAL).title })).toBe(1);
    }
  });
});

test('a bulk import killed in the middle and started again ends as one clean import', async () => {
  const TOTAL = 400;
  const OFFSET = 3000;
  const dir = syntheticDir(TOTAL, OFFSET);
  const titles = Array.from({ length: TOTAL }, (_, i) => syntheticRecord(OFFSET + i, OFFSET + TOTAL).title);
  const stored = async () => app.db.query(ARTICLE).count({ where: { publishedAt: null, title: { $in: titles } } });

  const { child, done } = startCli(['import', '--bulk', dir]);
  for (let waited = 0; (await stored()) === 0; waited += 20) {
    if (waited > 120_000) throw new Error('the import committed nothing in two minutes');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  const killed = await done;
  expect(killed.signal).toBe('SIGKILL');
  const partial = await stored();
  expect(partial).toBeLessThan(TOTAL);
  // Whole batches or nothing: a batch is one transaction.
  expect(partial % 50).toBe(0);

  const restarted = await runCli(['import', '--bulk', dir]);
  expect(restarted.code).toBe(0);
  expect(restarted.stdout).toBe(`created ${TOTAL - partial}, updated 0, unchanged ${partial}, failed 0\n`);

  expect(await stored()).toBe(TOTAL);
  expect(await app.db.query(ARTICLE).count({ where: { publishedAt: { $notNull: true }, title: { $in: titles } } })).toBe(TOTAL);
  for (let i = 0; i < TOTAL; i += 1) {
    const file = path.join(dir, `page-${String(i).padStart(4, '0')}.txt`);
    expect(await exportArticle(app, slugFor(titles[i]))).toBe(fs.readFileSync(file, 'utf8'));
  }
});
