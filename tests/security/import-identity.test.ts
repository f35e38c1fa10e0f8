/**
 * An import never takes another source's article for its own: the same story from another
 * source, or from a page that names none, is another copy (the fingerprint index links the two),
 * and an update never replaces what is known of an article's provenance with nothing.
 */
import fs from 'node:fs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { ndjson, writeFiles } from '../helpers/import-files';
import { SEED_FILE, SEED_SLUG, seedLines as lines } from '../helpers/seed';
import { listInputFiles } from '../../src/import/input';
import { importFiles, type ImportReport } from '../../src/import/run-import';

let app: Core.Strapi;
const dirs: string[] = [];
const http = () => request(app.server.httpServer);

async function importText(files: Record<string, string>): Promise<ImportReport> {
  const dir = writeFiles(files);
  dirs.push(dir);
  return importFiles(app, listInputFiles([dir]).files, { publish: true, dryRun: false });
}

const counts = ({ created, updated, unchanged, failed }: ImportReport) => ({ created, updated, unchanged, failed });

async function seedArticle() {
  const res = await http().get(
    `/api/articles?filters[slug][$eq]=${SEED_SLUG}&populate[source]=true&populate[reprintedFrom]=true&populate[capturedBy]=true&populate[category]=true&populate[relatedLinks]=true`,
  );
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(1);
  return res.body.data[0];
}

beforeAll(async () => {
  app = await startStrapi();
  expect(counts(await importFiles(app, [SEED_FILE], { publish: true, dryRun: false }))).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test("a plain page with the seed's headline and body but not its source is another copy, and the seed keeps its source and links", async () => {
  // The seed's headline (line 4), a bare date and an outlet, then its lines 11–28.
  const plain = [lines[3], '', '2024-05-03 06:58 南方日报', ...lines.slice(10, 28)].join('\n');
  const report = await importText({ 'plain.txt': plain });
  expect(counts(report)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });

  const seed = await seedArticle();
  expect(seed.source?.name).toBe('每日看点快看');
  expect(seed.reprintedFrom?.name).toBe('南方日报');
  expect(seed.capturedBy?.name).toBe('td.fyun.cc');
  expect(seed.category?.name).toBe('国内');
  expect(seed.relatedLinks).toHaveLength(9);

  const copies = await http().get(`/api/articles?filters[title][$eq]=${encodeURIComponent(lines[3])}`);
  expect(copies.body.data).toHaveLength(2);
});

test('the same text from another source (NDJSON) is another copy, not an update', async () => {
  const report = await importText({
    'other.ndjson': ndjson({
      title: lines[3],
      source: '另一家聚合站',
      sourcePublishedAt: '2024-05-03 06:58:00',
      body: lines.slice(13, 27).filter((line) => line.trim() !== ''),
    }),
  });
  expect(counts(report)).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
  expect((await seedArticle()).source?.name).toBe('每日看点快看');
});

test('an update that names no source, crawler, category or links keeps the known ones', async () => {
  // The same source, title and publication time make it the same article; the line names no category, crawler, outlet or links.
  const seed = await seedArticle();
  const report = await importText({
    'same-article.ndjson': ndjson({
      title: lines[3],
      source: '每日看点快看',
      sourcePublishedAt: '2024-05-03 06:58:00',
      snapshotAt: '2024-05-04 09:00:00',
      body: ['一段更正后的正文。'],
    }),
  });
  expect(counts(report)).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
  const after = await seedArticle();
  expect(after.documentId).toBe(seed.documentId);
  expect(after.body).not.toEqual(seed.body);
  expect(after.reprintedFrom?.name).toBe('南方日报');
  expect(after.capturedBy?.name).toBe('td.fyun.cc');
  expect(after.category?.name).toBe('国内');
  expect(after.relatedLinks).toHaveLength(9);
});

test('importing the same sourceless page twice creates it once', async () => {
  const page = ['无来源的稿件标题', '', '2024-06-01 10:00', '', '第一段正文，讲述了一件事情的经过。', '', '第二段正文，补充了更多细节。'].join('\n');
  expect(counts(await importText({ 'a.txt': page }))).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
  expect(counts(await importText({ 'b.txt': page }))).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
});
