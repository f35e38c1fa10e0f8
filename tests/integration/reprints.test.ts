import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { parseSnapshotPage } from '../../src/core/snapshot-page';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { fingerprintIndex } from '../../src/fingerprints';
import { FINGERPRINT_TABLE } from '../../src/fingerprints/tables';
import { TABLES } from '../../src/related/tables';
import { seedRecord } from '../helpers/seed';
import { REPRINT_PAGE, REPRINT_SNAPSHOT_AT, REPRINT_SOURCE } from '../helpers/reprints';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const seed = seedRecord;
const reprint = parseSnapshotPage(REPRINT_PAGE).record;

let app: Core.Strapi;
const http = () => request(app.server.httpServer);
const graphql = (query: string, variables?: object) => http().post('/graphql').send({ query, variables });
const reprints = (idOrSlug: string) => http().get(`/api/articles/${idOrSlug}/reprints`);

const ids = { seed: '', reprint: '', other: '', draftCopy: '' };
const slugs = { seed: '', reprint: '' };

beforeAll(async () => {
  app = await startStrapi();
  ({ documentId: ids.seed, slug: slugs.seed } = await writeSnapshotRecord(app, seed));
  ({ documentId: ids.reprint, slug: slugs.reprint } = await writeSnapshotRecord(app, reprint));
  ids.other = (await writeSnapshotRecord(app, syntheticRecord(1, 10))).documentId;
  // A third copy that is only a draft: no public list may show it.
  const draftCopy = { ...reprint, source: '网易新闻', snapshotAt: '2024-05-06T00:00:00.000Z', paragraphs: [...reprint.paragraphs.slice(0, -1), '(编辑:张三)'] };
  ids.draftCopy = (await writeSnapshotRecord(app, draftCopy, { status: 'draft' })).documentId;
});
afterAll(async () => {
  await stopStrapi(app);
});

const seedAsReprint = () => ({
  documentId: ids.seed,
  slug: slugs.seed,
  title: seed.title,
  source: '每日看点快看',
  reprintedFrom: '南方日报',
  snapshotAt: '2024-05-03T00:45:09.000Z',
  distance: 2,
});

describe('GET /api/articles/:idOrSlug/reprints', () => {
  test('the seed and the copy from another aggregator are two articles of one story', async () => {
    expect(new Set(Object.values(ids)).size).toBe(4);
    const res = await reprints(ids.seed);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        {
          documentId: ids.reprint,
          slug: slugs.reprint,
          title: seed.title,
          source: REPRINT_SOURCE,
          reprintedFrom: '南方日报',
          snapshotAt: REPRINT_SNAPSHOT_AT,
          distance: 2,
        },
      ],
      meta: { article: { documentId: ids.seed, slug: slugs.seed, title: seed.title } },
    });
  });

  test('lists the seed from the copy, by slug as by documentId', async () => {
    const [bySlug, byId] = await Promise.all([reprints(slugs.reprint), reprints(ids.reprint)]);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.data).toEqual([seedAsReprint()]);
    expect(byId.body).toEqual(bySlug.body);
  });

  test('a different story has no reprints', async () => {
    const res = await reprints(ids.other);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  test('an unknown or draft-only article is 404 with a message', async () => {
    const unknown = await reprints('no-such-article');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No published article has the id or slug "no-such-article"');
    expect((await reprints(ids.draftCopy)).status).toBe(404);
  });

  test('GraphQL gives the same list, with the sources as Source', async () => {
    const res = await graphql(
      'query ($id: String!) { reprints(idOrSlug: $id) { data { documentId slug title source { name } reprintedFrom { name } snapshotAt distance } meta { article { documentId } } } }',
      { id: ids.reprint },
    );
    expect(res.body.errors).toBeUndefined();
    const rest = seedAsReprint();
    expect(res.body.data.reprints).toEqual({
      data: [{ ...rest, source: { name: rest.source }, reprintedFrom: { name: rest.reprintedFrom } }],
      meta: { article: { documentId: ids.reprint } },
    });
  });
});

describe('related lists', () => {
  test('never offer a copy of the same story, though the index ranks it first', async () => {
    const stored = await app.db.connection(TABLES.lists).where('document_id', ids.seed).orderBy('score', 'desc').first('related_document_id');
    expect(stored.related_document_id).toBe(ids.reprint);
    const res = await http().get(`/api/articles/${ids.seed}/related?kind=computed&limit=50`);
    expect(res.status).toBe(200);
    const computed = res.body.data.map((item: any) => item.article.documentId);
    expect(computed).not.toContain(ids.reprint);
    expect(computed).toContain(ids.other);
  });
});

describe('the fingerprint index', () => {
  test('holds one row per published article, none for the draft', async () => {
    const rows = await app.db.connection(FINGERPRINT_TABLE).select('document_id', 'fingerprint');
    expect(Object.fromEntries(rows.map((row: any) => [row.document_id, row.fingerprint]))).toEqual({
      [ids.seed]: '72fd20922870d4f9',
      [ids.reprint]: '72fd209a2870d0f9',
      [ids.other]: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  test('checks clean, and a rebuild gives the same rows', async () => {
    const before = await app.db.connection(FINGERPRINT_TABLE).orderBy('document_id').select();
    expect(await fingerprintIndex.check(app)).toEqual([]);
    await app.db.connection(FINGERPRINT_TABLE).where('document_id', ids.other).delete();
    expect(await fingerprintIndex.check(app)).toEqual([`${ids.other} is published but not indexed (expected ${before.find((r: any) => r.document_id === ids.other).fingerprint})`]);
    await fingerprintIndex.rebuild(app);
    expect(await app.db.connection(FINGERPRINT_TABLE).orderBy('document_id').select()).toEqual(before);
  });

  test('drops an unpublished article', async () => {
    await app.documents('api::article.article').unpublish({ documentId: ids.other });
    expect(await app.db.connection(FINGERPRINT_TABLE).where('document_id', ids.other).first()).toBeUndefined();
    await app.documents('api::article.article').publish({ documentId: ids.other });
    expect(await app.db.connection(FINGERPRINT_TABLE).where('document_id', ids.other).first()).toBeDefined();
  });
});
