import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, startStrapi, stopStrapi } from '../helpers/strapi';
import { launchChromium } from '../helpers/browser';
import { formatBeijingTime } from '../../src/core/beijing-time';
import { DEFAULT_ATTRIBUTION_TEMPLATE, ARCHIVE_NAME } from '../../src/core/attribution';

/** Screenshots land here (git-ignored) for a person to look at. */
const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const TITLE = '打破镇域行政边界 撬动区域平衡发展';
const SLUG = 'da-po-zhen-yu-xing-zheng-bian-jie-qiao-dong-qu-yu-ping-heng-fa-zhan';
const ATTRIBUTION = DEFAULT_ATTRIBUTION_TEMPLATE.replace('{crawler}', ARCHIVE_NAME);
const PARAGRAPHS = [
  '最近,江门举办八镇联动发展产业对接会,8个工业重镇的纺织服装企业走进佛山。',
  '八镇联动发展,是江门加力提速推进“百县千镇万村高质量发展工程”的创新之举。',
];

let app: Core.Strapi;
let browser: Browser;
let page: Page;
/** Every 5xx the browser met: an editor's session should meet none. */
const serverErrors: string[] = [];

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  browser = await launchChromium();
  // An editor in Beijing: the admin shows times in the browser's zone.
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  // The admin's guided tour opens modal steps at moments of its own choosing; a modal hides the
  // rest of the page from the accessibility tree, so it would hide the buttons this test presses.
  await page.addInitScript(() => {
    if (!window.localStorage.getItem('STRAPI_GUIDED_TOUR')) {
      window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
    }
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  page.on('response', (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });
});
afterEach(() => {
  expect(serverErrors).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await stopStrapi(app);
});

async function registerFirstAdmin() {
  await page.goto(`${baseUrl(app)}/admin`);
  await page.locator('input[name="firstname"]').fill('Ada');
  await page.locator('input[name="email"]').fill('editor@kuaizhao.test');
  await page.locator('input[name="password"]').fill('Kuaizhao-2024');
  await page.locator('input[name="confirmPassword"]').fill('Kuaizhao-2024');
  await page.getByRole('button', { name: "Let's start" }).click();
  await page.waitForURL(/\/admin\/?$/);
}

/** The date and time inputs of a datetime field, found by its label. */
async function dateTimeShown(label: string) {
  const group = page.getByRole('group', { name: label });
  return {
    date: await group.getByRole('combobox', { name: 'Choose date' }).inputValue(),
    time: await group.getByRole('combobox', { name: 'Choose time' }).inputValue(),
  };
}

test('an editor creates an article with only a Chinese title and two paragraphs, and sees it stamped', async () => {
  await registerFirstAdmin();

  await page.goto(`${baseUrl(app)}/admin/content-manager/collection-types/api::article.article/create`);
  await page.waitForLoadState('networkidle');
  // The body first, then the title: filling the title makes the admin fetch a slug and re-render
  // the form, and typing into Strapi's blocks (Slate) editor during that re-render can crash it
  // ("Cannot resolve a DOM point from Slate point").
  const editor = page.locator('[contenteditable="true"]').first();
  await editor.click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('contenteditable') === 'true');
  // Key by key at a typist's pace: Slate re-renders between keystrokes as it does for a person.
  await page.keyboard.type(PARAGRAPHS[0], { delay: 15 });
  await page.keyboard.press('Enter');
  await page.keyboard.type(PARAGRAPHS[1], { delay: 15 });
  await page.getByLabel('Title (标题)').fill(TITLE);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(ARTIFACTS, 'article-before-save.png') });

  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved document').waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published document').waitFor();

  // What the public API says...
  const res = await request(app.server.httpServer).get(`/api/articles?filters[slug][$eq]=${SLUG}`);
  expect(res.status).toBe(200);
  expect(res.body.data).toHaveLength(1);
  const [article] = res.body.data;
  expect(article).toMatchObject({ title: TITLE, slug: SLUG, attribution: ATTRIBUTION, excerpt: PARAGRAPHS[0] });
  expect(Date.now() - Date.parse(article.snapshotAt)).toBeLessThan(120_000);

  // ...is what the editor sees: the slug, the attribution and the snapshot time in Beijing time.
  await expect(page.locator('input[name="slug"]').inputValue()).resolves.toBe(SLUG);
  await expect(page.locator('textarea[name="attribution"]').inputValue()).resolves.toBe(ATTRIBUTION);
  const [day, minute] = formatBeijingTime(new Date(article.snapshotAt), 'minute').split(' ');
  const [year, month, date] = day.split('-');
  await expect(dateTimeShown('Snapshot time (快照生成时间)')).resolves.toEqual({ date: `${month}/${date}/${year}`, time: minute });

  await page.getByRole('group', { name: 'Snapshot time (快照生成时间)' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'article-edit-view.png') });

  // The same article written through the Document Service is stamped the same way.
  const body = PARAGRAPHS.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
  const twin = await app.documents('api::article.article').create({ data: { title: TITLE, body } as any });
  const stamped = (row: any) => ({
    slug: row.slug.replace(/-\d+$/, ''),
    attribution: row.attribution,
    excerpt: row.excerpt,
    contentHash: row.contentHash,
  });
  const [fromAdmin, fromCode] = await Promise.all(
    [article.documentId, twin.documentId].map((documentId) => app.db.query('api::article.article').findOne({ where: { documentId } })),
  );
  expect(stamped(fromAdmin)).toEqual(stamped(fromCode));
  expect(fromCode.slug).toBe(`${SLUG}-2`);
  await app.documents('api::article.article').delete({ documentId: twin.documentId });
});

test('the article list shows the provenance columns, newest snapshot first', async () => {
  const listRequest = page.waitForRequest((req) => req.url().includes('/content-manager/collection-types/api::article.article?'));
  await page.goto(`${baseUrl(app)}/admin/content-manager/collection-types/api::article.article`);
  const query = decodeURIComponent(new URL((await listRequest).url()).search);
  expect(query).toContain('sort=snapshotAt:DESC');
  await page.getByRole('gridcell', { name: TITLE }).waitFor();
  const headers = (await page.locator('thead th').allInnerTexts()).map((h) => h.trim().toLowerCase());
  for (const label of ['Title (标题)', 'Category (类别)', 'Source (来源)', 'Published at source (发布时间)', 'Snapshot time (快照生成时间)', 'Status']) {
    expect(headers).toContain(label.toLowerCase());
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'article-list-view.png') });
});

test('Simplified Chinese is offered as an interface language', async () => {
  await page.goto(`${baseUrl(app)}/admin/me`);
  await page.getByRole('combobox', { name: 'Interface language' }).click();
  expect(await page.getByRole('option').allInnerTexts()).toContain('中文 (简体)');
  await page.keyboard.press('Escape');
});
