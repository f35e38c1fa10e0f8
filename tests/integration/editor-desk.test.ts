/**
 * The editor's desk over the admin's own API (src/desk/): an article's captures, copies,
 * takedowns and related lists, and withholding or restoring it from there, as an editor signed
 * in to the admin; and the admin offering nothing the archive refuses.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { seedRecord } from '../helpers/seed';
import { ARTICLE, CAPTURE, TAKEDOWN } from '../../src/db/uids';

let app: Core.Strapi;
let editorToken: string;
let readerToken: string;
let seedId: string;
let copyId: string;
const http = () => request(app.server.httpServer);
const desk = (token: string, id = seedId) => http().get(`/admin/kuaizhao/articles/${id}/desk`).set('Authorization', `Bearer ${token}`);
const act = (token: string, action: 'withhold' | 'restore', body: object = {}, id = seedId) =>
  http().post(`/admin/kuaizhao/articles/${id}/${action}`).set('Authorization', `Bearer ${token}`).send(body);

async function adminToken(email: string, roleId: number): Promise<string> {
  await app.service('admin::user').create({ email, firstname: 'Ada', lastname: 'Lovelace', password: 'Kuaizhao-2024', isActive: true, roles: [roleId] });
  return (await http().post('/admin/login').send({ email, password: 'Kuaizhao-2024' })).body.data.token;
}

beforeAll(async () => {
  app = await startStrapi();
  const superAdmin = await app.service('admin::role').getSuperAdmin();
  editorToken = await adminToken('editor@kuaizhao.test', superAdmin.id);
  // A role that may read articles and nothing else.
  const reader = await app.service('admin::role').create({ name: 'Reader', description: 'reads articles' });
  await app.service('admin::role').assignPermissions(reader.id, [{ action: 'plugin::content-manager.explorer.read', subject: ARTICLE, properties: {}, conditions: [] }]);
  readerToken = await adminToken('reader@kuaizhao.test', reader.id);

  ({ documentId: seedId } = await writeSnapshotRecord(app, seedRecord));
  // The crawler comes back: the same page unchanged (a revisit), then with a changed paragraph.
  await writeSnapshotRecord(app, { ...seedRecord, snapshotAt: '2024-05-04T00:00:00.000Z' });
  await writeSnapshotRecord(app, { ...seedRecord, snapshotAt: '2024-05-05T00:00:00.000Z', paragraphs: [...seedRecord.paragraphs, '(记者 补充报道)'] });
  // Another aggregator's copy of the same story.
  ({ documentId: copyId } = await writeSnapshotRecord(app, { ...seedRecord, source: '南方+', originalUrl: null, title: `${seedRecord.title}(转载)` }));
}, 120_000);
afterAll(async () => {
  await stopStrapi(app);
});

test("the desk lists the article's captures in Beijing time, its copy, and no takedown", async () => {
  const res = await desk(editorToken);
  expect(res.status).toBe(200);
  const { data } = res.body;
  expect(data.article).toMatchObject({ documentId: seedId, title: seedRecord.title, published: true, withheldAt: null, withheldBeijing: null });
  expect(data.captures.map((capture: any) => [capture.beijing, capture.kind])).toEqual([
    ['2024-05-03 08:45:09', 'first'],
    ['2024-05-04 08:00:00', 'revisit'],
    ['2024-05-05 08:00:00', 'changed'],
  ]);
  expect(data.reprints).toEqual([{ documentId: copyId, title: `${seedRecord.title}(转载)`, source: '南方+', distance: expect.any(Number) }]);
  expect(data.takedowns).toEqual([]);
  expect(data.related.curated.length).toBe(seedRecord.relatedLinks.length);
});

test('withholding the story from the desk answers 451 for both copies, names the editor, and restoring brings them back', async () => {
  const withheld = await act(editorToken, 'withhold', { scope: 'story', requester: '南方日报社', reason: '未经授权转载' });
  expect(withheld.status).toBe(200);
  expect(withheld.body.data.article.withheldAt).toEqual(expect.any(String));
  // Beijing time, formatted by the server as every desk time is (the panel formats none).
  const withheldAt = new Date(withheld.body.data.article.withheldAt);
  expect(withheld.body.data.article.withheldBeijing).toBe(new Date(withheldAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
  expect(withheld.body.data.takedowns).toEqual([
    expect.objectContaining({ scope: 'story', state: 'enforced', requester: '南方日报社', reason: '未经授权转载', article: { documentId: seedId, title: seedRecord.title } }),
  ]);
  expect((await http().get(`/api/articles/${seedId}`)).status).toBe(451);
  expect((await http().get(`/api/articles/${copyId}`)).status).toBe(451);
  // The copy's desk shows the story's takedown too.
  expect((await desk(editorToken, copyId)).body.data.takedowns.map((takedown: any) => takedown.state)).toEqual(['enforced']);

  const restored = await act(editorToken, 'restore');
  expect(restored.status).toBe(200);
  expect(restored.body.data.article.withheldAt).toBeNull();
  expect((await http().get(`/api/articles/${seedId}`)).status).toBe(200);
  expect((await http().get(`/api/articles/${copyId}`)).status).toBe(200);

  const [takedown] = await app.db.query(TAKEDOWN).findMany({ populate: { history: true } });
  expect(takedown.history.map(({ state, actor, by }: any) => ({ state, actor, by }))).toEqual([
    { state: 'enforced', actor: 'admin', by: 'Ada Lovelace <editor@kuaizhao.test>' },
    { state: 'restored', actor: 'admin', by: 'Ada Lovelace <editor@kuaizhao.test>' },
  ]);
});

test('bad input is 400 with the reason, and nothing is written', async () => {
  const before = await app.db.query(TAKEDOWN).count({});
  const noScope = await act(editorToken, 'withhold', { requester: '南方日报社' });
  expect(noScope.status).toBe(400);
  expect(noScope.body.error.message).toMatch(/scope must be article \(this copy\) or story/);
  const noRequester = await act(editorToken, 'withhold', { scope: 'article', requester: '  ' });
  expect(noRequester.status).toBe(400);
  expect(noRequester.body.error.message).toMatch(/name the rights holder/);
  const nothingToRestore = await act(editorToken, 'restore');
  expect(nothingToRestore.status).toBe(400);
  expect(await app.db.query(TAKEDOWN).count({})).toBe(before);
  expect((await desk(editorToken, 'aaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
});

test('no session is 401; a role that may not create takedowns is 403 and writes nothing', async () => {
  expect((await http().get(`/admin/kuaizhao/articles/${seedId}/desk`)).status).toBe(401);
  expect((await http().post(`/admin/kuaizhao/articles/${seedId}/withhold`).send({ scope: 'article', requester: 'x' })).status).toBe(401);
  expect((await desk(readerToken)).status).toBe(200);
  const refused = await act(readerToken, 'withhold', { scope: 'article', requester: '南方日报社' });
  expect(refused.status).toBe(403);
  expect((await http().get(`/api/articles/${seedId}`)).status).toBe(200);
});

test('the admin offers no write of a Capture, and no write of a takedown\'s history', async () => {
  const mine = await http().get('/admin/users/me/permissions').set('Authorization', `Bearer ${editorToken}`);
  const permissions: { action: string; subject: string; properties?: { fields?: string[] } }[] = mine.body.data;
  expect(permissions.filter((permission) => permission.subject === CAPTURE).map((permission) => permission.action)).toEqual(['plugin::content-manager.explorer.read']);
  const takedownWrites = permissions.filter((permission) => permission.subject === TAKEDOWN && /explorer\.(create|update)$/.test(permission.action));
  expect(takedownWrites).toHaveLength(2);
  for (const permission of takedownWrites) expect(permission.properties?.fields).not.toContain('history');
  const create = await http().post(`/content-manager/collection-types/${CAPTURE}`).set('Authorization', `Bearer ${editorToken}`).send({ articleDocumentId: seedId, snapshotAt: new Date().toISOString(), digest: 'x', via: 'api' });
  expect(create.status).toBe(403);
});
