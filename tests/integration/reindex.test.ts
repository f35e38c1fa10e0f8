/**
 * The related index under concurrent writers, and `npm run reindex` as an operator runs it: real
 * child processes against the database this file boots (on SQLite, the same file).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { runCli } from '../helpers/cli';
import { writeFiles, syntheticPageFiles } from '../helpers/import-files';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { syntheticPage, syntheticRecord } from '../../src/bench/synthetic-pages';
import { relatedIndex } from '../../src/related';
import { runRebuild } from '../../src/related/rebuild';
import { countIndexed, readEpoch, readState, readVocabulary, takeChampionThresholds } from '../../src/related/queries';
import { AUTO_EPOCH_LIMIT, isChampion } from '../../src/core/relatedness';
import { TABLES } from '../../src/related/tables';

let app: Core.Strapi;
const dirs: string[] = [];
const ids: string[] = [];
const WRITER = path.resolve(__dirname, '../helpers/index-writer.js');

/** A second app process writing through the Document Service (tests/helpers/index-writer.js). */
function runWriter(seed: number, operations: number, documentIds: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, String(seed), String(operations), ...documentIds], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, NODE_OPTIONS: '--no-deprecation' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  app = await startStrapi();
  // A small archive of neighbouring articles (shared places and topics), all published.
  for (let i = 0; i < 24; i += 1) ids.push((await writeSnapshotRecord(app, syntheticRecord(i, 24))).documentId);
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('concurrent writers', () => {
  let runs: { code: number | null; stdout: string; stderr: string }[];
  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i += 1) files[`page-${i}.txt`] = syntheticPage(3000 + i, 3100);
    const dir = writeFiles(files);
    dirs.push(dir);
    // Two app processes editing the same articles, and an import of neighbouring ones, at once.
    runs = await Promise.all([runWriter(1, 25, ids.slice(0, 16)), runWriter(2, 25, ids.slice(8, 24)), runCli(['import', dir])]);
  });

  test('all succeed', () => {
    expect(runs.map((run) => [run.code, run.code === 0 ? '' : run.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
    const [first, second] = runs.slice(0, 2).map((run) => JSON.parse(run.stdout));
    expect(Object.values(first).reduce((a: number, b) => a + (b as number), 0)).toBe(25);
    expect(Object.values(second).reduce((a: number, b) => a + (b as number), 0)).toBe(25);
  });

  test('leave the index equal to a rebuild: reindex --check exits 0', async () => {
    const check = await runCli(['reindex', '--check']);
    expect(check.stdout).toBe('fingerprints: same as a rebuild\nwithholding: same as the takedowns in force\nrelated: same as a rebuild\nsearch: same as a rebuild\n');
    expect(check.code).toBe(0);
  });
});

describe('npm run reindex', () => {
  test('--check names a difference and exits 1; a reindex repairs it', async () => {
    const knex = app.db.connection;
    const row = await knex(TABLES.lists).orderBy('id').first('id', 'document_id');
    await knex(TABLES.lists).where({ id: row.id }).update({ score: 9.99 });
    const check = await runCli(['reindex', '--check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`related: list of ${row.document_id}: stored [`);
    expect(check.stdout).toMatch(/related: \d+ difference\(s\) from a rebuild\nsearch: same as a rebuild\n$/);

    const reindex = await runCli(['reindex']);
    expect(reindex.code).toBe(0);
    expect(reindex.stdout).toMatch(/^fingerprints: rebuilt in \d+\.\d s\nwithholding: re-decided, 0 changed\nrelated: rebuilt in \d+\.\d s\nsearch: rebuilt in \d+\.\d s\n$/);
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test("--check names a list whose recorded last entry is not its last entry (it decides who gets in)", async () => {
    const knex = app.db.connection;
    const row = await knex(TABLES.documents).where('list_size', '>', 0).orderBy('document_id').first('document_id');
    await knex(TABLES.documents).where({ document_id: row.document_id }).update({ floor_document_id: 'zzzzzzzzzzzzzzzzzzzzzzzz' });
    const differences = await relatedIndex.check(app);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(new RegExp(`^article ${row.document_id} records a list of \\d+ ending \\[zzzzzzzzzzzzzzzzzzzzzzzz\\(`));
    expect((await runCli(['reindex'])).code).toBe(0);
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test('an index of the layout before the recorded last entry is upgraded at boot: columns added and filled', async () => {
    const knex = app.db.connection;
    await knex.schema.alterTable(TABLES.documents, (table) => {
      table.dropColumn('floor_same_category');
      table.dropColumn('floor_date');
      table.dropColumn('floor_document_id');
    });
    expect(await knex.schema.hasColumn(TABLES.documents, 'floor_document_id')).toBe(false);
    await relatedIndex.ensureTables(app);
    expect(await knex.schema.hasColumn(TABLES.documents, 'floor_document_id')).toBe(true);
    const unfilled: { n: number | string } = await knex(TABLES.documents).where('list_size', '>', 0).where({ floor_document_id: '' }).first(knex.raw('COUNT(*) AS n'));
    expect(Number(unfilled.n)).toBe(0);
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test('a champion list holds its length however many postings weigh the same as its last (copies of one story: ties cut by document id)', async () => {
    const knex = app.db.connection;
    // Six copies of one story at six addresses: six articles with the same text, so the same
    // weight for every term, and one term none of the other articles has.
    const story = syntheticRecord(5000, 5001);
    const copies = [];
    for (let k = 0; k < 6; k += 1) {
      copies.push(await writeSnapshotRecord(app, { ...story, title: `量子纠缠研究${story.title}`, originalUrl: `https://news.example.com/copy/${k}`, paragraphs: [...story.paragraphs, '量子纠缠研究。'] }));
    }
    // A new epoch, whose vocabulary has their terms.
    expect((await runCli(['reindex'])).code).toBe(0);
    const ids = copies.map(({ documentId }) => documentId).sort();
    // A key term only the copies have.
    const [{ term }] = await knex(TABLES.postings).groupBy('term').havingRaw('COUNT(*) = 6').havingRaw(`SUM(CASE WHEN document_id IN (${ids.map(() => '?').join(', ')}) THEN 1 ELSE 0 END) = 6`, ids).select('term');
    const postingsOf = (champion?: number) => knex(TABLES.postings).where({ term, ...(champion === undefined ? {} : { champion }) }).orderBy('document_id').pluck('document_id');
    expect(new Set((await knex(TABLES.postings).where({ term }).pluck('weight')).map(Number)).size).toBe(1);
    expect(await postingsOf()).toHaveLength(6);
    // Champion lists of four, through the SQL a rebuild runs: four of the six tied copies, the first by document id.
    await app.db.transaction(({ trx }) => takeChampionThresholds(trx as any, 4));
    expect(await postingsOf(1)).toEqual(ids.slice(0, 4));
    expect(await knex(TABLES.vocabulary).where({ term }).first('threshold_document_id')).toEqual({ threshold_document_id: ids[3] });
    // The write path flags a new copy by the same rule (core/relatedness.ts isChampion) as the SQL did.
    const cut = (await readVocabulary(knex, [term])).get(term)!;
    expect(ids.map((id) => isChampion(cut.threshold, id, cut))).toEqual([true, true, true, true, false, false]);
    expect((await runCli(['reindex'])).code).toBe(0);
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test('an index of the layout before thresholds named a document is upgraded at boot, its champions unchanged', async () => {
    const knex = app.db.connection;
    const before = await knex(TABLES.postings).orderBy(['document_id', 'term']).select('document_id', 'term', 'champion');
    await knex.schema.alterTable(TABLES.vocabulary, (table) => table.dropColumn('threshold_document_id'));
    await relatedIndex.ensureTables(app);
    expect(await knex.schema.hasColumn(TABLES.vocabulary, 'threshold_document_id')).toBe(true);
    expect(await knex(TABLES.postings).orderBy(['document_id', 'term']).select('document_id', 'term', 'champion')).toEqual(before);
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test('an article published behind the index (no sync) is found by --check and indexed by reindex', async () => {
    const { documentId } = await writeSnapshotRecord(app, syntheticRecord(4000, 4001));
    await app.db.connection(TABLES.postings).where({ document_id: documentId }).delete();
    await app.db.connection(TABLES.documents).where({ document_id: documentId }).delete();
    expect(await relatedIndex.check(app)).toContain(`published article ${documentId} is not indexed`);
    expect((await runCli(['reindex'])).code).toBe(0);
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test('a rebuild interrupted after a step resumes there, under the same epoch', async () => {
    const before = await readEpoch(app.db.connection);
    let steps = 0;
    const interrupted = runRebuild(app, async (work) => {
      if ((steps += 1) > 8) throw new Error('killed');
      return app.db.transaction(({ trx }) => work(trx as any));
    });
    await expect(interrupted).rejects.toThrow('killed');
    const midway = await readState<{ step: string }>(app.db.connection, 'rebuild');
    expect(midway).not.toBeNull();
    expect((await readEpoch(app.db.connection)).number).toBe(before.number + 1);
    expect((await relatedIndex.check(app))[0]).toBe(`a rebuild is unfinished (at step "${midway!.step}"): run npm run reindex`);

    const resumed = await runCli(['reindex']);
    expect(resumed.code).toBe(0);
    expect((await readEpoch(app.db.connection)).number).toBe(before.number + 1);
    expect(await readState(app.db.connection, 'rebuild')).toBeNull();
    expect(await relatedIndex.check(app)).toEqual([]);
  });

  test('an unknown argument is a usage error', async () => {
    const run = await runCli(['reindex', '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('unknown argument --force\nusage: npm run reindex [-- --check]\n');
  });
});

describe('an import run that doubles an archive past AUTO_EPOCH_LIMIT', () => {
  const syntheticDir = (from: number, count: number) => {
    const dir = writeFiles(syntheticPageFiles(count, from));
    dirs.push(dir);
    return dir;
  };

  test('takes a new epoch between its batches, which a write alone does not past the limit; the index stays equal to a rebuild', async () => {
    const knex = app.db.connection;
    // An archive of 300-odd articles whose epoch is taken now...
    expect((await runCli(['import', '--bulk', syntheticDir(6000, 300)])).code).toBe(0);
    expect((await runCli(['reindex'])).code).toBe(0);
    const before = await readEpoch(knex);
    const indexed = await countIndexed(knex, Number.MAX_SAFE_INTEGER);
    expect(before.articles).toBe(indexed);
    expect(indexed).toBeGreaterThan(AUTO_EPOCH_LIMIT - 200);
    // ...doubled by an import in batches of 200: its first batch does not double it, and a write
    // past the limit takes no epoch, so only the run's own check between batches can.
    const run = await runCli(['import', '--bulk', syntheticDir(7000, indexed)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(related index rebuilt 1× as the archive grew\)\n$/);
    expect(run.stderr).toContain('related: the archive has outgrown the index; rebuilding it before the next batch\n');
    const after = await readEpoch(knex);
    expect(after.number).toBe(before.number + 1);
    expect(after.articles).toBeGreaterThanOrEqual(2 * before.articles);
    expect(after.articles).toBeGreaterThan(AUTO_EPOCH_LIMIT);
    expect(await readState(knex, 'rebuild')).toBeNull();
    expect(await relatedIndex.check(app)).toEqual([]);
  });
});
