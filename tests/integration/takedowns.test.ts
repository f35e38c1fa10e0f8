import request from 'supertest';
import type { Core } from '@strapi/strapi';
import fs from 'node:fs';
import path from 'node:path';
import { paragraphsToBlocks } from '../../src/core/body';
import { parseSnapshotPage } from '../../src/core/snapshot-page';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { importFiles } from '../../src/import/run-import';
import { TABLES } from '../../src/related/tables';
import { SEARCH_TABLES } from '../../src/search/tables';
import { checkWithholding, rebuildWithholding } from '../../src/takedown/withholding';
import { whereVisible, WITHHELD_INDEX } from '../../src/db/visibility';
import { runCli } from '../helpers/cli';
import { writeFiles } from '../helpers/import-files';
import { seedRecord, seedText } from '../helpers/seed';
import { LATER_REPRINT_PAGE, REPRINT_PAGE } from '../helpers/reprints';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const seed = seedRecord;
const MESSAGE = "This article is withheld on a rights holder's request (侵权删除)";
const TOKEN_NAME = 'rights-desk';

let app: Core.Strapi;
let token: string;
let editorToken: string;
const http = () => request(app.server.httpServer);
const asToken = (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
const graphql = (query: string, variables?: object, bearer?: string) => {
  const req = http().post('/graphql');
  if (bearer) req.set('Authorization', `Bearer ${bearer}`);
  return req.send({ query, variables });
};
const ids = { seed: '', reprint: '', other: '', curating: '', later: '' };
const slugs = { seed: '', reprint: '' };
let curatedLinkId: string;

const publicTitles = async () => (await http().get('/api/articles?pagination[pageSize]=100')).body.data.map((a: any) => a.documentId).sort();
const notice = (data: object) => asToken(http().post('/api/takedowns')).send({ data });
const update = (documentId: string, data: object) => asToken(http().put(`/api/takedowns/${documentId}`)).send({ data });
const searchIndexed = async () => (await app.db.connection(SEARCH_TABLES.documents).select('document_id')).map((row: any) => row.document_id).sort();
/** Public search for the seed's headline as a phrase: the documentIds found. */
const searchHeadline = async () => {
  const res = await http().get('/api/articles/search').query({ q: `"${seed.title}"` });
  expect(res.status).toBe(200);
  return res.body.data.map((hit: any) => hit.documentId).sort();
};
const relatedIndexed = async () => (await app.db.connection(TABLES.documents).select('document_id')).map((row: any) => row.document_id).sort();

beforeAll(async () => {
  app = await startStrapi();
  token = (await app.service('admin::api-token').create({ name: TOKEN_NAME, type: 'full-access', lifespan: null })).accessKey;
  ({ documentId: ids.seed, slug: slugs.seed } = await writeSnapshotRecord(app, seed));
  ({ documentId: ids.reprint, slug: slugs.reprint } = await writeSnapshotRecord(app, parseSnapshotPage(REPRINT_PAGE).record));
  ids.other = (await writeSnapshotRecord(app, syntheticRecord(1, 10))).documentId;
  ids.curating = (await writeSnapshotRecord(app, { ...syntheticRecord(2, 10), relatedLinks: [] })).documentId;
  // The curating page's own list names the seed: the link stays, its target must go while withheld.
  const link = await app.documents('api::related-link.related-link').create({
    data: { title: seed.title, excerpt: '...江门区域', position: 0, article: ids.curating, target: ids.seed } as any,
  });
  curatedLinkId = link.documentId;

  const superAdmin = await app.service('admin::role').getSuperAdmin();
  await app.service('admin::user').create({ email: 'editor@kuaizhao.test', firstname: 'Ada', lastname: 'Lovelace', password: 'Kuaizhao-2024', isActive: true, roles: [superAdmin.id] });
  editorToken = (await http().post('/admin/login').send({ email: 'editor@kuaizhao.test', password: 'Kuaizhao-2024' })).body.data.token;
});
afterAll(async () => {
  await stopStrapi(app);
});

describe('a takedown notice', () => {
  test('needs the article it is about: 400 with a message', async () => {
    const res = await notice({ scope: 'story', requester: '南方日报社' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('article must be the article the notice is about');
    expect(await app.db.query('api::takedown.takedown').count()).toBe(0);
  });

  test('created as rejected withholds nothing and records that state', async () => {
    const res = await notice({ article: ids.seed, scope: 'story', state: 'rejected', requester: '某公司', reason: '非权利人' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ state: 'rejected', enforcedAt: null, restoredAt: null });
    expect((await http().get(`/api/articles/${ids.seed}`)).status).toBe(200);
    await asToken(http().delete(`/api/takedowns/${res.body.data.documentId}`));
  });
});

describe('a story takedown, enforced', () => {
  let takedown: string;
  let receivedAt: string;

  beforeAll(async () => {
    const res = await notice({
      article: ids.reprint,
      scope: 'story',
      requester: '南方日报社',
      contact: 'legal@nfrb.example',
      reason: '未经授权转载《打破镇域行政边界 撬动区域平衡发展》',
      receivedAt: '2024-06-01T02:00:00.000Z',
    });
    expect(res.status).toBe(201);
    takedown = res.body.data.documentId;
    receivedAt = res.body.data.receivedAt;
  });

  test('is enforced at once, keeps the time the notice was received, and never shows the contact', async () => {
    const res = await asToken(http().get(`/api/takedowns/${takedown}?populate=*`));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ state: 'enforced', scope: 'story', requester: '南方日报社', restoredAt: null });
    expect(receivedAt).toBe('2024-06-01T02:00:00.000Z');
    expect(Date.parse(res.body.data.enforcedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(res.body.data).not.toHaveProperty('contact');
    expect(res.body.data.article.documentId).toBe(ids.reprint);
  });

  test('keeps a history of who enforced it (the token by name), readable with populate', async () => {
    const res = await asToken(http().get(`/api/takedowns/${takedown}?populate=history`));
    expect(res.body.data.history.map(({ state, actor, by }: any) => ({ state, actor, by }))).toEqual([{ state: 'enforced', actor: 'api-token', by: TOKEN_NAME }]);
    expect(res.body.data.history[0].at).toBe(res.body.data.enforcedAt);
  });

  test('answers 451 with a JSON error and Link rel="blocked-by" for every copy, by documentId', async () => {
    for (const documentId of [ids.seed, ids.reprint]) {
      const res = await http().get(`/api/articles/${documentId}`);
      expect(res.status).toBe(451);
      expect(res.body).toEqual({ data: null, error: { status: 451, name: 'UnavailableForLegalReasonsError', message: MESSAGE, details: {} } });
      expect(res.headers.link).toMatch(/^<http:\/\/localhost:\d+\/>; rel="blocked-by"$/);
    }
  });

  test('answers 451 on the related, reprints and JSON-LD routes, by slug as by documentId', async () => {
    for (const address of [ids.seed, slugs.seed, slugs.reprint]) {
      for (const route of ['related', 'reprints', 'jsonld']) {
        const res = await http().get(`/api/articles/${address}/${route}`);
        expect([route, address, res.status]).toEqual([route, address, 451]);
        expect(res.body.error.message).toBe(MESSAGE);
      }
    }
  });

  test('leaves every copy out of lists, filters and GraphQL', async () => {
    expect(await publicTitles()).toEqual([ids.other, ids.curating].sort());
    const filtered = await http().get(`/api/articles?filters[title][$eq]=${encodeURIComponent(seed.title)}`);
    expect(filtered.body.data).toEqual([]);
    // Nor through a relation: a filter on a link's target cannot probe the withheld headline.
    const throughLink = await http().get(`/api/related-links?filters[target][title][$eq]=${encodeURIComponent(seed.title)}`);
    expect(throughLink.status).toBe(200);
    expect(throughLink.body.data).toEqual([]);
    const control = await http().get(`/api/related-links?filters[documentId][$eq]=${curatedLinkId}`);
    expect(control.body.data.map((link: any) => link.documentId)).toEqual([curatedLinkId]);
    const res = await graphql('query ($id: ID!) { articles { documentId } article(documentId: $id) { title } }', { id: ids.seed });
    expect(res.body.data.articles.map((a: any) => a.documentId).sort()).toEqual([ids.other, ids.curating].sort());
    expect(res.body.data.article).toBeNull();
    const reprints = await graphql('{ reprints(idOrSlug: "' + ids.seed + '") { data { documentId } } }');
    expect(reprints.body.errors[0].message).toBe(`No published article has the id or slug "${ids.seed}"`);
  });

  test('a curated link to it shows no target: related list, REST populate, GraphQL', async () => {
    const related = await http().get(`/api/articles/${ids.curating}/related?kind=curated`);
    expect(related.body.data).toEqual([{ kind: 'curated', title: seed.title, excerpt: '...江门区域', date: null, url: null, score: null, article: null }]);
    const populated = await http().get(`/api/related-links/${curatedLinkId}?populate[target]=true&populate[article]=true`);
    expect(populated.status).toBe(200);
    expect(populated.body.data.target).toBeNull();
    expect(populated.body.data.article.documentId).toBe(ids.curating);
    const star = await http().get(`/api/articles/${ids.curating}?populate[relatedLinks][populate]=*`);
    expect(star.body.data.relatedLinks[0].target).toBeNull();
    const gql = await graphql('query ($id: ID!) { relatedLink(documentId: $id) { title target { title } } }', { id: curatedLinkId });
    expect(gql.body.data.relatedLink).toEqual({ title: seed.title, target: null });
    const all = await http().get(`/api/related-links?filters[documentId][$eq]=${curatedLinkId}&populate=*`);
    expect(all.body.data.map((link: any) => [link.article?.documentId ?? null, link.target])).toEqual([[ids.curating, null]]);
  });

  test("the copies' own related links, part of the withheld page, are not listed", async () => {
    const title = seed.relatedLinks[0].title!;
    // Printed on the seed and on its copy, which carried the same list.
    const stored = await app.db.query('api::related-link.related-link').count({ where: { title } });
    expect(stored).toBeGreaterThanOrEqual(2);
    const rest = await http().get(`/api/related-links?filters[title][$eq]=${encodeURIComponent(title)}&populate[article]=true`);
    expect(rest.status).toBe(200);
    expect(rest.body.data).toEqual([]);
    const gql = await graphql('query ($title: String!) { relatedLinks(filters: { title: { eq: $title } }) { title article { documentId } } }', { title });
    expect(gql.body.data.relatedLinks).toEqual([]);
  });

  test('leaves the related index: no copy is offered as a related article', async () => {
    expect(await relatedIndexed()).toEqual([ids.other, ids.curating].sort());
    const listed = await app.db.connection(TABLES.lists).whereIn('related_document_id', [ids.seed, ids.reprint]).count({ n: '*' });
    expect(Number(listed[0].n)).toBe(0);
  });

  test('leaves the search index: searching its headline finds no copy', async () => {
    expect(await searchIndexed()).toEqual([ids.other, ids.curating].sort());
    expect(await searchHeadline()).toEqual([]);
  });

  test('keeps the content intact; editors see it in the admin marked withheld, tokens still read it', async () => {
    const rows = await app.db.query(ARTICLE).findMany({ where: { documentId: ids.seed }, select: ['title', 'withheldAt', 'publishedAt'] });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.title).toBe(seed.title);
    const admin = await http()
      .get(`/content-manager/collection-types/${ARTICLE}/${ids.seed}`)
      .set('Authorization', `Bearer ${editorToken}`);
    expect(admin.status).toBe(200);
    expect(Date.parse(admin.body.data.withheldAt)).toBeGreaterThan(Date.parse('2026-01-01'));
    const config = await http().get(`/content-manager/content-types/${ARTICLE}/configuration`).set('Authorization', `Bearer ${editorToken}`);
    expect(config.body.data.contentType.metadatas.withheldAt.edit).toMatchObject({ label: 'Withheld since (侵权删除)', editable: false });
    const byToken = await asToken(http().get(`/api/articles/${ids.seed}`));
    expect(byToken.status).toBe(200);
    expect(byToken.body.data).not.toHaveProperty('withheldAt');
  });

  test('is never readable by the Public role: REST, GraphQL, relation filters', async () => {
    expect((await http().get('/api/takedowns')).status).toBe(403);
    expect((await http().get(`/api/takedowns/${takedown}`)).status).toBe(403);
    expect((await http().post('/api/takedowns').send({ data: { article: ids.other, scope: 'article', requester: 'x' } })).status).toBe(403);
    const gql = await graphql('{ takedowns { requester reason } }');
    expect(gql.body.data).toBeNull();
    expect(gql.body.errors[0].message).toBe('Forbidden access');
    const viaFilter = await http().get('/api/articles?filters[takedowns][requester][$eq]=南方日报社');
    expect(viaFilter.status).toBe(400);
    const viaPopulate = await http().get('/api/articles?populate=takedowns');
    expect(viaPopulate.status).toBe(400);
    const withheldFilter = await http().get('/api/articles?filters[withheldAt][$null]=false');
    expect(withheldFilter.status).toBe(400);
  });

  test('survives a re-import of the same page: reported withheld, nothing of it public', async () => {
    const dir = writeFiles({ 'seed.txt': seedText });
    try {
      const report = await importFiles(app, [path.join(dir, 'seed.txt')], { publish: true, dryRun: false });
      expect({ created: report.created, updated: report.updated, unchanged: report.unchanged, withheld: report.withheld, failed: report.failed }).toEqual({
        created: 0, updated: 0, unchanged: 0, withheld: 1, failed: 0,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await http().get(`/api/articles/${ids.seed}`)).status).toBe(451);
    expect(await publicTitles()).toEqual([ids.other, ids.curating].sort());
  });

  test('withholds a later reprint on arrival: the import command reports it withheld and exits 0', async () => {
    const dir = writeFiles({ 'later.txt': LATER_REPRINT_PAGE });
    try {
      const run = await runCli(['import', dir]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('created 0, updated 0, unchanged 0, withheld 1, failed 0\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const later = await app.db.query(ARTICLE).findOne({ where: { source: { name: '网易新闻' }, publishedAt: { $notNull: true } }, select: ['documentId'] });
    ids.later = later.documentId;
    expect((await http().get(`/api/articles/${ids.later}`)).status).toBe(451);
    expect(await publicTitles()).toEqual([ids.other, ids.curating].sort());
    expect(await relatedIndexed()).toEqual([ids.other, ids.curating].sort());
    expect(await searchIndexed()).toEqual([ids.other, ids.curating].sort());
  });

  test('an editor in the admin restores it: every copy is back, the later reprint too, and the history says who', async () => {
    const res = await http()
      .put(`/content-manager/collection-types/api::takedown.takedown/${takedown}`)
      .set('Authorization', `Bearer ${editorToken}`)
      .send({ state: 'restored' });
    expect(res.status).toBe(200);
    for (const documentId of [ids.seed, ids.reprint, ids.later]) {
      const article = await http().get(`/api/articles/${documentId}`);
      expect([documentId, article.status]).toEqual([documentId, 200]);
    }
    expect(await publicTitles()).toEqual([ids.seed, ids.reprint, ids.later, ids.other, ids.curating].sort());
    expect(await relatedIndexed()).toEqual([ids.seed, ids.reprint, ids.later, ids.other, ids.curating].sort());
    expect(await searchHeadline()).toEqual([ids.seed, ids.reprint, ids.later].sort());
    const reprints = await http().get(`/api/articles/${ids.seed}/reprints`);
    expect(reprints.body.data.map((r: any) => [r.documentId, r.distance])).toEqual([[ids.reprint, 2], [ids.later, 3]]);
    const curated = await http().get(`/api/articles/${ids.curating}/related?kind=curated`);
    expect(curated.body.data[0].article).toEqual({ documentId: ids.seed, slug: slugs.seed, title: seed.title });

    const stored = await asToken(http().get(`/api/takedowns/${takedown}?populate=history`));
    expect(stored.body.data.state).toBe('restored');
    expect(stored.body.data.history.map(({ state, actor, by }: any) => ({ state, actor, by }))).toEqual([
      { state: 'enforced', actor: 'api-token', by: TOKEN_NAME },
      { state: 'restored', actor: 'admin', by: 'Ada Lovelace <editor@kuaizhao.test>' },
    ]);
    expect(stored.body.data.restoredAt).toBe(stored.body.data.history[1].at);
  });

  test('an edit that does not change the state keeps the history as it was', async () => {
    const res = await update(takedown, { reason: '权利人撤回通知', history: [] });
    expect(res.status).toBe(200);
    const stored = await asToken(http().get(`/api/takedowns/${takedown}?populate=history`));
    expect(stored.body.data.reason).toBe('权利人撤回通知');
    expect(stored.body.data.history.map((h: any) => h.state)).toEqual(['enforced', 'restored']);
  });
});

describe('an article takedown', () => {
  test('withholds that copy only; the other copies stay, without it in their reprints', async () => {
    const res = await notice({ article: ids.reprint, scope: 'article', requester: '凤凰网', reason: '转载未署名' });
    expect(res.status).toBe(201);
    expect((await http().get(`/api/articles/${ids.reprint}`)).status).toBe(451);
    expect((await http().get(`/api/articles/${ids.seed}`)).status).toBe(200);
    const reprints = await http().get(`/api/articles/${ids.seed}/reprints`);
    expect(reprints.body.data.map((r: any) => r.documentId)).toEqual([ids.later]);

    const rejected = await update(res.body.data.documentId, { state: 'rejected' });
    expect(rejected.status).toBe(200);
    expect((await http().get(`/api/articles/${ids.reprint}`)).status).toBe(200);
  });
});

describe('keeping withholding in step', () => {
  test('a rebuild (npm run reindex) puts withheld_at back in line with the takedowns', async () => {
    const res = await notice({ article: ids.other, scope: 'article', requester: '某出版社' });
    expect(res.status).toBe(201);
    expect((await http().get(`/api/articles/${ids.other}`)).status).toBe(451);
    // Out of step, as a hand-edited database might be.
    const table = app.db.metadata.get(ARTICLE).tableName;
    await app.db.connection(table).where('document_id', ids.other).update({ withheld_at: null });
    await app.db.connection(table).where('document_id', ids.curating).update({ withheld_at: app.db.connection.fn.now() });
    expect((await http().get(`/api/articles/${ids.other}`)).status).toBe(200);

    // In batches of two articles, as a large archive is re-decided in batches of a thousand.
    expect(await checkWithholding(app, 2)).toHaveLength(2);
    expect((await rebuildWithholding(app, 2)).sort()).toEqual([ids.other, ids.curating].sort());
    expect(await checkWithholding(app, 2)).toEqual([]);
    expect((await http().get(`/api/articles/${ids.other}`)).status).toBe(451);
    expect((await http().get(`/api/articles/${ids.curating}`)).status).toBe(200);
    expect(await rebuildWithholding(app)).toEqual([]);
  });

  test('reindex --check re-decides withholding: a withheld_at out of step with the takedowns exits 1, a reindex repairs it', async () => {
    // ids.other is under an enforced article takedown (the test above), ids.curating under none.
    const table = app.db.metadata.get(ARTICLE).tableName;
    await app.db.connection(table).where('document_id', ids.other).update({ withheld_at: null });
    await app.db.connection(table).where('document_id', ids.curating).update({ withheld_at: app.db.connection.fn.now() });
    const withholdingLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('withholding: '));

    const check = await runCli(['reindex', '--check']);
    expect(check.code).toBe(1);
    expect(withholdingLines(check.stdout).sort()).toEqual(
      [
        `withholding: ${ids.other} is covered by an enforced takedown but not withheld`,
        `withholding: ${ids.curating} is withheld but no enforced takedown covers it`,
        'withholding: 2 difference(s) from the takedowns in force',
      ].sort(),
    );

    const reindex = await runCli(['reindex']);
    expect(reindex.code).toBe(0);
    expect(withholdingLines(reindex.stdout)).toEqual(['withholding: re-decided, 2 changed']);
    expect((await http().get(`/api/articles/${ids.other}`)).status).toBe(451);
    expect((await http().get(`/api/articles/${ids.curating}`)).status).toBe(200);

    const again = await runCli(['reindex', '--check']);
    expect(again.stdout).toBe('fingerprints: same as a rebuild\nwithholding: same as the takedowns in force\nrelated: same as a rebuild\nsearch: same as a rebuild\n');
    expect(again.code).toBe(0);
  });

  test('rewriting the article a story takedown names moves the story: its former copies come back', async () => {
    const res = await notice({ article: ids.seed, scope: 'story', requester: '南方日报社' });
    expect(res.status).toBe(201);
    for (const documentId of [ids.seed, ids.reprint, ids.later]) expect((await http().get(`/api/articles/${documentId}`)).status).toBe(451);

    const other = syntheticRecord(5, 10);
    await app.documents(ARTICLE).update({ documentId: ids.seed, data: { title: other.title, body: paragraphsToBlocks(other.paragraphs) } as any, status: 'published' });
    expect((await http().get(`/api/articles/${ids.seed}`)).status).toBe(451);
    for (const documentId of [ids.reprint, ids.later]) expect([documentId, (await http().get(`/api/articles/${documentId}`)).status]).toEqual([documentId, 200]);
  });
});

describe('the bulk import (--bulk), which writes new articles below the Document Service', () => {
  test('withholds a new copy of a story under a takedown on arrival, reports it withheld, and indexes nothing of it', async () => {
    const res = await notice({ article: ids.reprint, scope: 'story', requester: '凤凰网' });
    expect(res.status).toBe(201);
    // Another aggregator's copy of the later reprint, one comma changed: other text (content hash), same fingerprint.
    const page = LATER_REPRINT_PAGE.replace('来源:网易新闻', '来源:搜狐新闻').replace('八镇联动发展，是江门', '八镇联动发展;是江门');
    expect(page.includes('来源:搜狐新闻') && page.includes('八镇联动发展;是江门')).toBe(true);
    const dir = writeFiles({ 'bulk.txt': page });
    try {
      const report = await importFiles(app, [path.join(dir, 'bulk.txt')], { publish: true, dryRun: false, bulk: true });
      expect({ created: report.created, updated: report.updated, unchanged: report.unchanged, withheld: report.withheld, failed: report.failed }).toEqual({
        created: 0, updated: 0, unchanged: 0, withheld: 1, failed: 0,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const copy = await app.db.query(ARTICLE).findOne({ where: { source: { name: '搜狐新闻' }, publishedAt: { $notNull: true } }, select: ['documentId'] });
    expect((await http().get(`/api/articles/${copy.documentId}`)).status).toBe(451);
    // The seed (rewritten, under its own story notice) and `other` stay withheld from the tests above.
    expect(await publicTitles()).toEqual([ids.curating]);
    expect(await relatedIndexed()).toEqual([ids.curating]);
    expect(await searchIndexed()).toEqual([ids.curating]);
  });
});

describe('the index of withheld rows', () => {
  test('is partial (withheld rows only), so reading visible articles by document id never walks the archive through it', async () => {
    const knex = app.db.connection;
    const sqlite = app.db.dialect.client === 'sqlite';
    const definition: string = sqlite
      ? (await knex('sqlite_master').where({ type: 'index', name: WITHHELD_INDEX }).first('sql'))?.sql
      : (await knex('pg_indexes').where({ indexname: WITHHELD_INDEX }).first('indexdef'))?.indexdef;
    expect(definition).toMatch(/WHERE \(?withheld_at IS NOT NULL\)?/i);
    const names = sqlite
      ? (await knex('sqlite_master').where({ type: 'index', tbl_name: 'articles' }).select('name')).map((row: any) => row.name)
      : (await knex('pg_indexes').where({ tablename: 'articles' }).select('indexname')).map((row: any) => row.indexname);
    expect(names).not.toContain('articles_withheld_idx');
    if (sqlite) {
      // The statement of the related index's read of a batch's texts (related/article-queries.ts).
      const { sql, bindings } = knex('articles as a').whereIn('a.document_id', [ids.seed, ids.reprint]).where(whereVisible('a')).select('a.document_id').toSQL().toNative();
      const plan = (await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[])).map((row: any) => row.detail).join('\n');
      expect(plan).toMatch(/USING INDEX articles_documents_idx/);
    }
  });
});
