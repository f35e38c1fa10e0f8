import request from 'supertest';
import type { Core } from '@strapi/strapi';
import jsonld from 'jsonld';
import { seedRecord } from '../helpers/seed';
import schemaOrgContext from '../fixtures/schema-org-context.json';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { TABLES } from '../../src/related/tables';
import { KEY_TERMS_PER_ARTICLE } from '../../src/core/key-terms';
import path from 'node:path';
import { listInputFiles } from '../../src/import/input';
import { importFiles } from '../../src/import/run-import';

// structured-data-testing-tool ships no types: its API, as its README documents it.
type SdttTest = { test: string; warning?: boolean };
type SdttResult = { failed: SdttTest[]; warnings: SdttTest[]; passed: SdttTest[] };
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { structuredDataTest } = require('structured-data-testing-tool') as {
  structuredDataTest: (html: string, options: { presets: unknown[]; schemas: string[] }) => Promise<SdttResult>;
};
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Google } = require('structured-data-testing-tool/presets') as { Google: unknown };

const seed = seedRecord;
/** The seed page names no original URL; this copy of it does, to show isBasedOn. */
const ORIGINAL_URL = 'https://epaper.southcn.com/nfdaily/html/202405/03/content_10099582.html';
const S = 'http://schema.org/';

/**
 * There is no network here, and a test should not depend on schema.org being up: the loader
 * serves a local context for schema.org's URLs and refuses any other. Rather than a copy of
 * schema.org's whole context (thousands of terms, to be kept in step), the fixture holds what
 * decides the IRIs: "@vocab": "http://schema.org/", as in schema.org's own context, so every
 * term expands to its schema.org IRI, and our URL-valued properties typed "@id" so they expand
 * to IRIs.
 */
const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: schemaOrgContext };
};

let app: Core.Strapi;
let documentId: string;
let slug: string;
let draftId: string;
/** The archive's public address (PUBLIC_URL): archivedAt is built from it, whatever Host the request names. */
const HOST = 'kuaizhao.test';
const jsonldOf = (idOrSlug: string) => request(app.server.httpServer).get(`/api/articles/${idOrSlug}/jsonld`).set('Host', HOST);

beforeAll(async () => {
  process.env.PUBLIC_URL = `http://${HOST}`;
  app = await startStrapi();
  ({ documentId, slug } = await writeSnapshotRecord(app, { ...seed, originalUrl: ORIGINAL_URL }));
  ({ documentId: draftId } = await writeSnapshotRecord(app, { ...seed, title: '江门区域发展规划草案', originalUrl: null }, { status: 'draft' }));
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.PUBLIC_URL;
});

test('answers application/ld+json, by documentId and by slug alike', async () => {
  const byId = await jsonldOf(documentId);
  expect(byId.status).toBe(200);
  expect(byId.headers['content-type']).toBe('application/ld+json');
  const bySlug = await jsonldOf(slug);
  expect(bySlug.body).toEqual(byId.body);
});

test("expands to a schema.org NewsArticle with the seed page's provenance", async () => {
  const res = await jsonldOf(documentId);
  const [article] = await jsonld.expand(res.body, { documentLoader: documentLoader as any });
  const archivedAt = `http://${HOST}/api/articles/${documentId}`;

  expect(article['@type']).toEqual([`${S}NewsArticle`]);
  expect(article[`${S}headline`]).toEqual([{ '@value': '打破镇域行政边界 撬动区域平衡发展' }]);
  expect(article[`${S}datePublished`]).toEqual([{ '@value': '2024-05-02T22:58:00.000Z' }]);
  expect(article[`${S}dateCreated`]).toEqual([{ '@value': '2024-05-03T00:45:09.000Z' }]);
  expect(article[`${S}author`]).toEqual([
    { '@type': [`${S}Person`], [`${S}name`]: [{ '@value': '李霭莹' }], [`${S}jobTitle`]: [{ '@value': 'reporter' }] },
    { '@type': [`${S}Person`], [`${S}name`]: [{ '@value': '肖艳霞' }], [`${S}jobTitle`]: [{ '@value': 'correspondent' }] },
  ]);
  expect(article[`${S}sourceOrganization`]).toEqual([{ '@type': [`${S}Organization`], [`${S}name`]: [{ '@value': '南方日报' }] }]);
  expect(article[`${S}publisher`]).toEqual([{ '@type': [`${S}Organization`], [`${S}name`]: [{ '@value': '每日看点快看' }] }]);
  expect(article[`${S}isBasedOn`]).toEqual([{ '@id': ORIGINAL_URL }]);
  expect(article[`${S}creditText`]).toEqual([
    { '@value': '以上内容为资讯信息快照,由td.fyun.cc爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。' },
  ]);
  expect(article[`${S}articleSection`]).toEqual([{ '@value': '国内' }]);
  expect(article[`${S}inLanguage`]).toEqual([{ '@value': 'zh-Hans' }]);
  expect(article[`${S}dateModified`]).toHaveLength(1);
  expect(article[`${S}mainEntityOfPage`]).toEqual([{ '@type': [`${S}WebPage`], '@id': archivedAt }]);
  expect(article[`${S}archivedAt`]).toEqual([{ '@id': archivedAt }]);
});

test('its keywords are the key terms of the related index, strongest first', async () => {
  const res = await jsonldOf(documentId);
  const [article] = await jsonld.expand(res.body, { documentLoader: documentLoader as any });
  const stored = await app.db
    .connection(TABLES.postings)
    .where({ document_id: documentId })
    .orderBy([{ column: 'weight', order: 'desc' }, { column: 'term', order: 'asc' }])
    .pluck('term');
  expect(stored).toHaveLength(KEY_TERMS_PER_ARTICLE);
  expect(res.body.keywords).toEqual(stored);
  expect(article[`${S}keywords`]).toEqual(stored.map((term: string) => ({ '@value': term })));
});

test('an unknown or unpublished article is 404 with a message', async () => {
  for (const idOrSlug of [draftId, 'no-such-article']) {
    const res = await jsonldOf(idOrSlug);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`No published article has the id or slug "${idOrSlug}"`);
  }
});

describe("every real page's JSON-LD against Google's NewsArticle preset (structured-data-testing-tool)", () => {
  /** A text archive has no images: Google's image and publisher-logo properties are out of its reach. */
  const IMAGES = /\.(image|logo|logo\.url)$/;
  let results: { slug: string; known: { published: boolean; author: boolean }; failed: string[]; warnings: string[] }[];

  beforeAll(async () => {
    const pages = path.resolve(__dirname, '../fixtures/pages');
    await importFiles(app, listInputFiles([pages]).files, { publish: true, dryRun: false });
    const articles = await app.documents('api::article.article').findMany({
      status: 'published',
      fields: ['slug', 'sourcePublishedAt', 'originalUrl'],
      populate: { contributors: true, source: true, reprintedFrom: true },
      limit: 1000,
    } as any);
    expect(articles.length).toBeGreaterThan(30);
    results = [];
    type Known = { slug: string; sourcePublishedAt: string | null; originalUrl: string | null; contributors: unknown[]; source: unknown; reprintedFrom: unknown };
    for (const article of articles as unknown as Known[]) {
      const res = await jsonldOf(article.slug);
      expect(res.status).toBe(200);
      const html = `<!doctype html><html><head><script type="application/ld+json">${res.text}</script></head><body></body></html>`;
      // The tool rejects with the same result object when a test fails.
      const result = await structuredDataTest(html, { presets: [Google], schemas: ['NewsArticle'] }).catch((error) => error.res as SdttResult);
      results.push({
        slug: article.slug,
        known: {
          published: article.sourcePublishedAt !== null,
          // Someone to name: a person in the byline, the outlet, the aggregator, or the site of the address.
          author: article.contributors.length > 0 || Boolean(article.source || article.reprintedFrom || article.originalUrl),
        },
        failed: result.failed.map((t) => t.test).filter((t) => !IMAGES.test(t)),
        warnings: result.warnings.map((t) => t.test).filter((t) => !IMAGES.test(t)),
      });
    }
  }, 120_000);

  test('no warning: dateModified and mainEntityOfPage everywhere', () => {
    expect(results.filter((r) => r.warnings.length > 0)).toEqual([]);
  });

  test('no error but what the page never said: datePublished without a printed time, author without anyone named (an archive does not invent them)', () => {
    const unknowable = (r: (typeof results)[number], t: string) =>
      (t.endsWith('.datePublished') && !r.known.published) || (t.endsWith('.author') && !r.known.author);
    const errors = results.map((r) => ({ slug: r.slug, failed: r.failed.filter((t) => !unknowable(r, t)) }));
    expect(errors.filter((r) => r.failed.length > 0)).toEqual([]);
    const missing = (property: string) => results.filter((r) => r.failed.some((t) => t.endsWith(property))).length;
    console.log(
      `Google NewsArticle preset over ${results.length} articles: datePublished missing in ${missing('.datePublished')}, ` +
        `author in ${missing('.author')}, publisher in ${missing('.publisher.name')}; warnings in ${results.filter((r) => r.warnings.length).length}`,
    );
  });
});
