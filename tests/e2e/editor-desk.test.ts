/**
 * The editor's desk in a real browser, on both Chromiums (Debian's when installed, as on CI, and
 * the one npm installs): the preview shows the draft as its snapshot page; the side panel lists
 * the article's captures; withholding the story there makes the public API answer 451 and
 * restoring brings it back; the Capture list offers no Create button.
 * Screenshots (with a CJK font) land in tests/e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, startStrapi, stopStrapi } from '../helpers/strapi';
import { findChromium, launchChromium, npmChromium, type ChromiumBinary } from '../helpers/browser';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { seedRecord } from '../helpers/seed';
import { ARTICLE } from '../../src/db/uids';

const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const DRAFT_PARAGRAPH = '编辑在草稿里补充的一段,尚未发布。';
const EMAIL = 'desk@kuaizhao.test';
const PASSWORD = 'Kuaizhao-2024';

let app: Core.Strapi;
let documentId: string;
const serverErrors: string[] = [];

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  ({ documentId } = await writeSnapshotRecord(app, { ...seedRecord, originalUrl: 'https://epaper.southcn.com/nfdaily/html/202405/03/content_10099582.html' }));
  // The crawler came back and the page had changed: a second capture.
  await writeSnapshotRecord(app, {
    ...seedRecord,
    originalUrl: 'https://epaper.southcn.com/nfdaily/html/202405/03/content_10099582.html',
    snapshotAt: '2024-05-05T00:00:00.000Z',
    paragraphs: [...seedRecord.paragraphs, '(记者 补充报道)'],
  });
  // An unpublished edit: only the draft has it.
  const draft = await app.documents(ARTICLE).findOne({ documentId, status: 'draft' });
  await app.documents(ARTICLE).update({ documentId, data: { body: [...(draft!.body as any[]), { type: 'paragraph', children: [{ type: 'text', text: DRAFT_PARAGRAPH }] }] } as any });
  const superAdmin = await app.service('admin::role').getSuperAdmin();
  await app.service('admin::user').create({ email: EMAIL, firstname: 'Ada', lastname: 'Lovelace', password: PASSWORD, isActive: true, roles: [superAdmin.id] });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await stopStrapi(app);
});

const binaries: [string, () => Promise<ChromiumBinary>][] = [
  ['the Chromium findChromium() picks (Debian’s on CI)', findChromium],
  ['the Chromium from npm', npmChromium],
];

describe.each(binaries)('in %s', (name, binary) => {
  let browser: Browser;
  let page: Page;
  const shot = (file: string) => page.screenshot({ path: path.join(ARTIFACTS, `${file}-${name.includes('npm') ? 'npm' : 'default'}.png`) });
  const editView = () => page.goto(`${baseUrl(app)}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`);

  beforeAll(async () => {
    browser = await launchChromium(await binary());
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await page.addInitScript(() => {
      if (!window.localStorage.getItem('STRAPI_GUIDED_TOUR')) window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
    });
    page.on('response', (response) => {
      if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${baseUrl(app)}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/admin\/?$/);
  });
  afterEach(() => {
    expect(serverErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the preview shows the draft as its snapshot page, in Chinese', async () => {
    await editView();
    await page.getByRole('link', { name: /Open preview/i }).click();
    const frame = page.frameLocator('iframe');
    await frame.getByText(DRAFT_PARAGRAPH).waitFor();
    await expect(frame.locator('h1').innerText()).resolves.toBe(seedRecord.title);
    await expect(frame.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
    await expect(frame.getByText('预览 · 草稿').count()).resolves.toBe(1);
    await shot('preview-draft');
  });

  test("the side panel lists the article's two captures and its takedown state", async () => {
    await editView();
    const captures = page.getByRole('list', { name: 'Captures' }).getByRole('listitem');
    await captures.first().waitFor();
    await expect(captures.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^2024-05-03 08:45:09 · first capture/),
      expect.stringMatching(/^2024-05-05 08:00:00 · changed recapture/),
    ]);
    await expect(page.getByText('Public', { exact: true }).count()).resolves.toBe(1);
    await page.getByRole('list', { name: 'Captures' }).scrollIntoViewIfNeeded();
    await shot('desk-panel');
  });

  test('withholding the story from the panel makes the public API answer 451, and restoring brings it back', async () => {
    await editView();
    await page.getByRole('button', { name: 'Withhold the story' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByLabel(/Rights holder/).fill('南方日报社');
    await dialog.getByLabel(/Reason/).fill('未经授权转载');
    await dialog.getByRole('button', { name: 'Withhold', exact: true }).click();
    await page.getByText('The story is withheld').waitFor();
    await page.getByText(/By notice of 南方日报社 \(whole story\)/).waitFor();
    await shot('desk-withheld');
    expect((await request(app.server.httpServer).get(`/api/articles/${documentId}`)).status).toBe(451);

    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored: the article is public again').waitFor();
    expect((await request(app.server.httpServer).get(`/api/articles/${documentId}`)).status).toBe(200);
  });

  test("the takedown's history, written by the archive, is shown read-only with the editor's name", async () => {
    const [takedown] = await app.db.query('api::takedown.takedown').findMany({ orderBy: { id: 'desc' }, limit: 1 });
    await page.goto(`${baseUrl(app)}/admin/content-manager/collection-types/api::takedown.takedown/${takedown.documentId}`);
    await page.getByText('History', { exact: false }).first().waitFor();
    await page.getByText('Rights holder (权利人)').waitFor();
    await shot('takedown-history');
    // Its entries, named by the editor who withheld and restored; no way to add, remove or reorder one.
    await expect(page.getByText(`Ada Lovelace <${EMAIL}>`).count()).resolves.toBe(2);
    await expect(page.getByRole('button', { name: /Add an entry/i }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText(/No entry yet|Click to add one/i).count()).resolves.toBe(0);
  });

  test('the Capture list offers no Create button', async () => {
    await page.goto(`${baseUrl(app)}/admin/content-manager/collection-types/api::capture.capture`);
    await page.getByRole('gridcell', { name: seedRecord.title }).first().waitFor();
    await expect(page.getByRole('link', { name: /Create new entry/i }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Create new entry/i }).count()).resolves.toBe(0);
    await shot('capture-list');
  });
});
