/**
 * The editor's preview (src/preview/): the article as its snapshot page, from the draft or the
 * published version, only through an address the admin's preview handler signs.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { SEED, seedRecord } from '../helpers/seed';
import { signedPreviewPath } from '../../src/preview/signing';
import { ARTICLE } from '../../src/db/uids';

let app: Core.Strapi;
let documentId: string;
const DRAFT_PARAGRAPH = '编辑在草稿里补充的一段:<script>alert("x")</script> & 更多。';
const http = () => request(app.server.httpServer);
/** The address the content manager gets, from config/admin.ts's handler. */
const handlerPath = (status: 'draft' | 'published', id = documentId): Promise<string | null> =>
  app.config.get<any>('admin.preview.config.handler')('api::article.article', { documentId: id, status });

beforeAll(async () => {
  app = await startStrapi();
  ({ documentId } = await writeSnapshotRecord(app, seedRecord));
  const draft = await app.documents(ARTICLE).findOne({ documentId, status: 'draft' });
  await app.documents(ARTICLE).update({
    documentId,
    data: { title: `${SEED.title}(修订)`, body: [...(draft!.body as any[]), { type: 'paragraph', children: [{ type: 'text', text: DRAFT_PARAGRAPH }] }] } as any,
  });
});
afterAll(async () => {
  await stopStrapi(app);
});

test('the draft tab shows the draft as its snapshot page, in Chinese, escaped', async () => {
  const res = await http().get((await handlerPath('draft'))!);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.text).toContain('<html lang="zh-Hans">');
  expect(res.text).toContain(`<h1>${SEED.title}(修订)</h1>`);
  expect(res.text).toContain('编辑在草稿里补充的一段:&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 更多。');
  expect(res.text).not.toContain('<script>alert');
  expect(res.text).toContain('预览 · 草稿');
  // The seed's layout: the 类别/发布时间/来源 line, the snapshot footer and the disclaimer.
  expect(res.text).toContain(`<span>类别:${seedRecord.category}</span><span>发布时间:2024-05-03 06:58:00</span><span>来源:${seedRecord.source}</span>`);
  expect(res.text).toContain('快照生成时间');
  expect(res.text).toContain('如有侵权请联系我们进行删除');
  expect(res.text).toMatch(/font-family: "PingFang SC"[^;]*"Noto Sans CJK SC"/);
});

test('the published tab shows the published version, without the draft edit', async () => {
  const res = await http().get((await handlerPath('published'))!);
  expect(res.status).toBe(200);
  expect(res.text).toContain(`<h1>${SEED.title}</h1>`);
  expect(res.text).not.toContain('编辑在草稿里补充的一段');
  expect(res.text).toContain('预览 · 已发布');
});

test('no signature, a wrong one, another status, another article or an expired address: 403, and no text', async () => {
  const signed = (await handlerPath('draft'))!;
  const url = new URL(signed, 'http://x');
  const swapped = new URL(url);
  swapped.searchParams.set('status', 'published');
  const other = await writeSnapshotRecord(app, { ...seedRecord, title: '另一篇文章', originalUrl: null });
  const expired = signedPreviewPath(app.config.get('admin.auth.secret'), documentId, 'draft', Date.now() - 2 * 3600 * 1000);
  for (const path of [
    `/preview/articles/${documentId}?status=draft`,
    `${url.pathname}?status=draft&expires=${url.searchParams.get('expires')}&signature=AAAA`,
    `${swapped.pathname}${swapped.search}`,
    `/preview/articles/${other.documentId}${url.search}`,
    expired,
    `${url.pathname}?status=bogus`,
  ]) {
    const res = await http().get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
    expect(res.text).not.toContain(SEED.title);
  }
  expect((await http().get(expired)).text).toMatch(/expired/);
});

test('an article with no published version yet: the published tab says so with 404', async () => {
  const { documentId: draftOnly } = await writeSnapshotRecord(app, { ...seedRecord, title: '只有草稿的文章', originalUrl: null }, { status: 'draft' });
  expect((await http().get((await handlerPath('draft', draftOnly))!)).status).toBe(200);
  const res = await http().get((await handlerPath('published', draftOnly))!);
  expect(res.status).toBe(404);
  expect(res.text).toMatch(/no published version/);
});

test('the handler offers no preview for other content types', async () => {
  expect(await app.config.get<any>('admin.preview.config.handler')('api::source.source', { documentId, status: 'draft' })).toBeNull();
});
