/**
 * Finding 7: readers keep being served while an import, in another process, writes into the
 * same database. Before WAL and a busy timeout, SQLite readers failed with SQLITE_BUSY (500s).
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { baseUrl, startStrapi, stopStrapi } from '../helpers/strapi';
import { startCli } from '../helpers/cli';
import { writeFiles } from '../helpers/import-files';
import { syntheticPage } from '../../src/bench/synthetic-pages';
import { importFiles } from '../../src/import/run-import';
import { listInputFiles } from '../../src/import/input';

const PAGES = 150;
const READERS = 10;

let app: Core.Strapi;
let dir: string;
let firstId: string;
let pragmas: { journal_mode: string; timeout: number } | null = null;

beforeAll(async () => {
  app = await startStrapi();
  // Many readers at once need a listening server (supertest opens and closes one per request).
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  if (app.db.dialect.client === 'sqlite') {
    // Read before any import: the importer raises its own connection's busy timeout.
    const [{ journal_mode }] = (await app.db.connection.raw('PRAGMA journal_mode')) as { journal_mode: string }[];
    const [{ timeout }] = (await app.db.connection.raw('PRAGMA busy_timeout')) as { timeout: number }[];
    pragmas = { journal_mode, timeout };
  }
  dir = writeFiles(Object.fromEntries(Array.from({ length: PAGES }, (_, i) => [`p${String(i).padStart(4, '0')}.txt`, syntheticPage(i, PAGES)])));
  // One article already there, so /related has something to answer for.
  const first = writeFiles({ 'first.txt': syntheticPage(PAGES, PAGES + 1) });
  await importFiles(app, listInputFiles([first]).files, { publish: true, dryRun: false });
  fs.rmSync(first, { recursive: true, force: true });
  firstId = (await app.db.query('api::article.article').findOne({ where: { publishedAt: { $notNull: true } } })).documentId;
});
afterAll(async () => {
  await stopStrapi(app);
  fs.rmSync(dir, { recursive: true, force: true });
});

test(`${READERS} readers of /api/articles and /related get only 200s while ${PAGES} articles are imported`, async () => {
  const import_ = startCli(['import', dir]);
  let importing = true;
  void import_.done.then(() => {
    importing = false;
  });
  const answers = new Map<string, number>();
  const reader = async (i: number) => {
    while (importing) {
      const url = i % 5 === 0 ? `/api/articles/${firstId}/related` : '/api/articles?pagination[pageSize]=25&populate=*';
      let status: string;
      try {
        const res = await fetch(`${baseUrl(app)}${url}`);
        await res.arrayBuffer();
        status = String(res.status);
      } catch (error) {
        // A reset connection (the server failing mid-answer) is an answer the reader did not get.
        status = `failed (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message})`;
      }
      const key = `${url.split('?')[0].replace(firstId, ':id')} ${status}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: READERS }, (_, i) => reader(i)));
  const run = await import_.done;
  expect(run.code).toBe(0);
  expect(await app.db.query('api::article.article').count({ where: { publishedAt: { $notNull: true } } })).toBe(PAGES + 1);
  expect([...answers.keys()].sort()).toEqual(['/api/articles 200', '/api/articles/:id/related 200']);
});

test('the SQLite connection runs in WAL mode with a busy timeout', () => {
  expect(pragmas).toEqual(app.db.dialect.client === 'sqlite' ? { journal_mode: 'wal', timeout: 60000 } : null);
});
