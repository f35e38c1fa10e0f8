/**
 * One page captured three times (twice the same text, once changed), its address written
 * differently each time: one article, its capture history, and Memento (RFC 7089) over it.
 */
import fs from 'node:fs';
import LinkHeader from 'http-link-header';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeFiles } from '../helpers/import-files';
import { SEED_SLUG, seedText } from '../helpers/seed';
import { runCli } from '../helpers/cli';
import { exportArticleAt } from '../../src/import/export-article';
import { listInputFiles } from '../../src/import/input';
import { importFiles, type ImportReport } from '../../src/import/run-import';

const SEED_TIME = '快照生成时间:2024-05-03 08:45:09';
const SEED_PARAGRAPH = '最近,江门举办八镇联动发展产业对接会,8个工业重镇';
const CHANGED_PARAGRAPH = '最近,江门举办八镇联动发展产业对接会,八个工业重镇';

/** The seed page captured at another time, from an address written another way, its body maybe changed. */
function capture(snapshotAt: string, url: string, changed = false): string {
  let page = seedText.replace(SEED_TIME, `快照生成时间:${snapshotAt}`).replace('信息原文地址:\n', `信息原文地址:${url}\n`);
  if (changed) page = page.replace(SEED_PARAGRAPH, CHANGED_PARAGRAPH);
  if (page === seedText || (changed && !page.includes(CHANGED_PARAGRAPH))) throw new Error('the seed did not change as the test meant');
  return page;
}

const PAGES = {
  // http, a host in capitals, a tracking parameter and a fragment...
  first: capture('2024-05-03 08:45:09', 'http://News.Example.com/2024/05/03/a.html?utm_source=weibo#top'),
  // ...https with its default port and another tracking parameter: the same text again (a revisit)...
  second: capture('2024-05-10 08:00:00', 'https://news.example.com:443/2024/05/03/a.html?utm_medium=feed'),
  // ...and https with a fragment: a corrected body.
  third: capture('2024-06-01 12:00:00', 'https://news.example.com/2024/05/03/a.html#comments', true),
};
const TIMES = ['2024-05-03T00:45:09.000Z', '2024-05-10T00:00:00.000Z', '2024-06-01T04:00:00.000Z'];
const HTTP_TIMES = ['Fri, 03 May 2024 00:45:09 GMT', 'Fri, 10 May 2024 00:00:00 GMT', 'Sat, 01 Jun 2024 04:00:00 GMT'];
/** The page as an aggregator would append it: yet another writing of the same address. */
const URI_R = 'http://news.example.com/2024/05/03/a.html';
const LATEST_URL = 'https://news.example.com/2024/05/03/a.html#comments';
/**
 * The original resource as Memento names it: the first capture's address without its tracking
 * parameter and fragment, so the TimeMap's own URIs stay put as captures arrive.
 */
const ORIGINAL = 'http://news.example.com/2024/05/03/a.html';

let app: Core.Strapi;
const dirs: string[] = [];
const http = () => request(app.server.httpServer);

async function importPages(...names: (keyof typeof PAGES)[]): Promise<ImportReport> {
  const dir = writeFiles(Object.fromEntries(names.map((name) => [`${name}.txt`, PAGES[name]])));
  dirs.push(dir);
  return importFiles(app, listInputFiles([dir]).files, { publish: true, dryRun: false });
}

const counts = ({ created, updated, unchanged, failed }: ImportReport) => ({ created, updated, unchanged, failed });
/** Absolute URIs in headers and TimeMaps start with the public URL (http://localhost:$PORT without PUBLIC_URL). */
const local = (uri: string) => uri.replace(/^http:\/\/localhost:\d+/, '');

type TimeMapJson = { original: string; captures: { datetime: string; uri: string; digest: string; revisit: boolean; capturedBy: string }[] };
/** Compare TimeMaps by path. */
const localTimeMap = (body: TimeMapJson): TimeMapJson => ({ ...body, captures: body.captures.map((c) => ({ ...c, uri: local(c.uri) })) });
const getTimeMap = async (uri: string) => localTimeMap((await http().get(`/api/timemap/json/${uri}`)).body);
let timeMapJson: TimeMapJson;
/** The TimeMap when only the first capture was in. */
let firstTimeMapJson: TimeMapJson;
const mementoUris = () => timeMapJson.captures.map((c) => c.uri);

beforeAll(async () => {
  app = await startStrapi();
  // One by one, oldest first, as a crawler delivers them.
  for (const name of ['first', 'second', 'third'] as const) {
    await importPages(name);
    if (name === 'first') firstTimeMapJson = await getTimeMap(URI_R);
  }
  timeMapJson = await getTimeMap(URI_R);
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('three captures of one address', () => {
  test('make one article, showing the latest text, time and address', async () => {
    const res = await http().get('/api/articles');
    expect(res.body.data).toHaveLength(1);
    const [article] = res.body.data;
    expect(article).toMatchObject({ slug: SEED_SLUG, snapshotAt: TIMES[2], originalUrl: LATEST_URL });
    expect(article.body[1].children[0].text.startsWith(CHANGED_PARAGRAPH)).toBe(true);
  });

  test('the JSON TimeMap lists three captures, oldest first, two of them with one digest (a revisit)', () => {
    expect(timeMapJson.original).toBe(ORIGINAL);
    expect(timeMapJson.captures.map((c) => [c.datetime, c.revisit, c.capturedBy])).toEqual([
      [TIMES[0], false, 'td.fyun.cc'],
      [TIMES[1], true, 'td.fyun.cc'],
      [TIMES[2], false, 'td.fyun.cc'],
    ]);
    const [first, second, third] = timeMapJson.captures.map((c) => c.digest);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(first).toBe('a5593e913d16481bebf1ba814f4990abcafaa723a3a818f42c8d3c08f17b1684');
    expect(mementoUris().every((uri) => /^\/api\/mementos\/[a-z0-9]{24}$/.test(uri))).toBe(true);
  });

  test('the link-format TimeMap reads, with http-link-header, as original, self, timegate and three mementos', async () => {
    const res = await http().get(`/api/timemap/link/${URI_R}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/link-format');
    const links = LinkHeader.parse(res.text.trim());
    expect(links.rel('original').map((l) => l.uri)).toEqual([ORIGINAL]);
    const [self] = links.rel('self');
    expect({ ...self, uri: local(self.uri) }).toEqual({
      uri: `/api/timemap/link/${ORIGINAL}`,
      rel: 'self',
      type: 'application/link-format',
      from: HTTP_TIMES[0],
      until: HTTP_TIMES[2],
    });
    expect(links.rel('timegate').map((l) => local(l.uri))).toEqual([`/api/timegate/${ORIGINAL}`]);
    expect(links.rel('memento').map((l) => [local(l.uri), l.datetime])).toEqual(mementoUris().map((uri, i) => [uri, HTTP_TIMES[i]]));
    expect(links.rel('first').map((l) => local(l.uri))).toEqual([mementoUris()[0]]);
    expect(links.rel('last').map((l) => local(l.uri))).toEqual([mementoUris()[2]]);
  });

  test.each([
    ['https with tracking parameters and a fragment', 'https://NEWS.example.com/2024/05/03/a.html?utm_campaign=x&fbclid=y#p2'],
    ['a trailing dot and port 80', 'http://news.example.com.:80/2024/05/03/a.html'],
  ])('any writing of the address finds the same TimeMap: %s', async (_why, uri) => {
    expect(await getTimeMap(uri)).toEqual(timeMapJson);
  });

  test('names the same original resource before and after later captures arrive', () => {
    expect(firstTimeMapJson.original).toBe(ORIGINAL);
    expect(firstTimeMapJson.captures).toHaveLength(1);
    expect(timeMapJson.original).toBe(firstTimeMapJson.original);
  });

  test.each([
    ['host first', 'news.example.com/2024/05/03/a.html'],
    ['www. and a port', 'www.news.example.com:80/2024/05/03/a.html'],
  ])('an address without scheme is taken as Wayback and pywb take it: %s', async (_why, uri) => {
    expect(await getTimeMap(uri)).toEqual(timeMapJson);
    const gate = await http().get(`/api/timegate/${uri}`).set('Accept-Datetime', HTTP_TIMES[0]);
    expect([gate.status, local(gate.headers.location)]).toEqual([302, mementoUris()[0]]);
  });

  test('an address never captured is 404, a path that is no address 400', async () => {
    expect((await http().get('/api/timemap/link/https://news.example.com/other.html')).status).toBe(404);
    expect((await http().get('/api/timemap/json/https://news.example.com/2024/05/03/a.html?page=2')).status).toBe(404);
    const bad = await http().get('/api/timemap/link/not-an-address');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'append an http(s) address to the route, e.g. /api/timemap/link/https://example.com/a; got "not-an-address"',
    );
  });
});

describe('the TimeGate', () => {
  test.each([
    ['before the first capture: the first', 'Mon, 01 Jan 2024 00:00:00 GMT', 0],
    ['nearer the second: the second', 'Wed, 08 May 2024 00:00:00 GMT', 1],
    ['exactly the first', HTTP_TIMES[0], 0],
    ['nearer the third, though before it: the third', 'Tue, 28 May 2024 00:00:00 GMT', 2],
    ['after the last: the last', 'Wed, 01 Jan 2025 00:00:00 GMT', 2],
  ])('%s', async (_why, acceptDatetime, expected) => {
    const res = await http().get(`/api/timegate/${URI_R}`).set('Accept-Datetime', acceptDatetime);
    expect(res.status).toBe(302);
    expect(local(res.headers.location)).toBe(mementoUris()[expected]);
    expect(res.headers.vary.toLowerCase().split(/,\s*/)).toContain('accept-datetime');
    const links = LinkHeader.parse(res.headers.link);
    expect(links.rel('original').map((l) => l.uri)).toEqual([ORIGINAL]);
    expect(links.rel('timemap').map((l) => local(l.uri))).toEqual([`/api/timemap/link/${ORIGINAL}`]);
    // The chosen memento, and the first and last, with their times (RFC 7089 §4.1).
    const mementos = links.rel('memento').map((l) => [local(l.uri), l.datetime]);
    expect(mementos).toEqual([...new Set([0, 2, expected])].map((i) => [mementoUris()[i], HTTP_TIMES[i]]));
    expect(links.rel('first').map((l) => local(l.uri))).toEqual([mementoUris()[0]]);
    expect(links.rel('last').map((l) => local(l.uri))).toEqual([mementoUris()[2]]);
  });

  test('keeps the Vary of the CORS middleware beside its own', async () => {
    const res = await http().get(`/api/timegate/${URI_R}`).set('Origin', 'https://frontend.example').set('Accept-Datetime', HTTP_TIMES[1]);
    expect(res.status).toBe(302);
    const vary = res.headers.vary.toLowerCase().split(/,\s*/);
    expect(vary).toEqual(expect.arrayContaining(['origin', 'accept-datetime']));
  });

  test('memento-client (npm) finds the memento of a time through the TimeGate', async () => {
    // memento-client does not follow the redirect: it reads the TimeGate's Link header.
    const memento = require('memento-client') as (
      url: string,
      options: { host: string; time: string },
      done: (error: Error | null, links: { href: string; rel: string; datetime?: string }[]) => void,
    ) => void;
    const server = app.server.httpServer.listen(0);
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const { port } = server.address() as { port: number };
      const links = await new Promise<{ href: string; rel: string; datetime?: string }[]>((resolve, reject) =>
        memento(URI_R, { host: `http://127.0.0.1:${port}/api/timegate/`, time: '2024-05-08T00:00:00Z' }, (error, found) =>
          error ? reject(error) : resolve(found),
        ),
      );
      const chosen = links.filter((link) => link.rel === 'memento');
      expect(chosen.map((link) => [local(link.href), link.datetime])).toEqual([[mementoUris()[1], HTTP_TIMES[1]]]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('without Accept-Datetime, the latest', async () => {
    const res = await http().get(`/api/timegate/${URI_R}`);
    expect(res.status).toBe(302);
    expect(local(res.headers.location)).toBe(mementoUris()[2]);
  });

  test('answers HEAD as Memento clients send it', async () => {
    const res = await http().head(`/api/timegate/${URI_R}`).set('Accept-Datetime', HTTP_TIMES[0]);
    expect(res.status).toBe(302);
    expect(local(res.headers.location)).toBe(mementoUris()[0]);
  });

  test('a malformed Accept-Datetime is 400 with a message', async () => {
    const res = await http().get(`/api/timegate/${URI_R}`).set('Accept-Datetime', '2024-05-08');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Accept-Datetime must be an RFC 1123 date, e.g. "Fri, 03 May 2024 00:45:09 GMT"; got "2024-05-08"');
  });

  test('an address never captured is 404', async () => {
    expect((await http().get('/api/timegate/https://news.example.com/other.html')).status).toBe(404);
  });
});

describe('the mementos', () => {
  test.each([0, 1, 2])('memento %i answers the article as captured then, with its own time and the Memento links', async (i) => {
    const res = await http().get(mementoUris()[i]);
    expect(res.status).toBe(200);
    expect(res.headers['memento-datetime']).toBe(HTTP_TIMES[i]);
    expect(res.headers.vary ?? '').not.toMatch(/accept-datetime/i);
    const links = LinkHeader.parse(res.headers.link);
    expect(links.rel('original').map((l) => l.uri)).toEqual([ORIGINAL]);
    expect(links.rel('timemap').map((l) => local(l.uri))).toEqual([`/api/timemap/link/${ORIGINAL}`]);
    expect(links.rel('timegate').map((l) => local(l.uri))).toEqual([`/api/timegate/${ORIGINAL}`]);
    const { data, meta } = res.body;
    expect(data).toMatchObject({ slug: SEED_SLUG, title: '打破镇域行政边界 撬动区域平衡发展', snapshotAt: TIMES[i], capturedBy: 'td.fyun.cc' });
    expect(data.originalUrl).toBe(
      [
        'http://News.Example.com/2024/05/03/a.html?utm_source=weibo#top',
        'https://news.example.com:443/2024/05/03/a.html?utm_medium=feed',
        LATEST_URL,
      ][i],
    );
    expect(data.body[1].children[0].text.startsWith(i === 2 ? CHANGED_PARAGRAPH : SEED_PARAGRAPH)).toBe(true);
    expect(data.relatedLinks).toHaveLength(9);
    expect(meta.memento).toEqual({ datetime: TIMES[i], digest: timeMapJson.captures[i].digest, revisit: i === 1, capturedBy: 'td.fyun.cc' });
  });

  test('an unknown memento is 404', async () => {
    expect((await http().get('/api/mementos/nosuchcapture000000000000')).status).toBe(404);
  });
});

describe('export at a time', () => {
  test.each([
    ['the first capture', '2024-05-03T00:45:09Z', 'first'],
    ['the revisit: the same text at its own time and address', '2024-05-20T00:00:00Z', 'second'],
    ['the latest', '2025-01-01T00:00:00Z', 'third'],
  ] as const)('reproduces %s byte for byte', async (_why, at, page) => {
    expect(await exportArticleAt(app, SEED_SLUG, new Date(at))).toEqual({ page: PAGES[page] });
  });

  test('before the first capture there is nothing to export', async () => {
    expect(await exportArticleAt(app, SEED_SLUG, new Date('2024-05-03T00:45:08Z'))).toEqual({ problem: 'no capture yet' });
  });

  test('npm run export -- <slug> --at <ISO> prints the page of that time', async () => {
    const run = await runCli(['export', SEED_SLUG, '--at', '2024-05-04T00:00:00Z']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(PAGES.first);
  });
});

describe('importing everything again', () => {
  test('changes nothing: no article, no capture, no field', async () => {
    const before = await http().get(`/api/articles?populate=*`);
    const report = await importPages('first', 'second', 'third');
    expect(counts(report)).toEqual({ created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(await app.db.query('api::capture.capture').count()).toBe(3);
    expect(await getTimeMap(URI_R)).toEqual(timeMapJson);
    expect((await http().get(`/api/articles?populate=*`)).body).toEqual(before.body);
  });

  test('in another order too', async () => {
    const report = await importPages('third', 'first', 'second');
    expect(counts(report)).toEqual({ created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(await app.db.query('api::capture.capture').count()).toBe(3);
  });
});

describe('while a takedown withholds the article (侵权删除)', () => {
  const WITHHELD = "This article is withheld on a rights holder's request (侵权删除)";
  let takedown: string;
  let documentId: string;

  beforeAll(async () => {
    documentId = (await app.db.query('api::article.article').findOne({ where: { slug: SEED_SLUG }, select: ['documentId'] })).documentId;
    const created = await app.documents('api::takedown.takedown' as any).create({ data: { article: documentId, scope: 'article', requester: '南方日报社' } as any });
    takedown = created.documentId;
  });

  test('its TimeMaps, TimeGate and mementos answer 451 with Link rel="blocked-by"', async () => {
    const addresses = [`/api/timemap/json/${URI_R}`, `/api/timemap/link/${URI_R}`, `/api/timegate/${URI_R}`, ...mementoUris()];
    for (const address of addresses) {
      const res = await http().get(address);
      expect([address, res.status, res.body.error?.message]).toEqual([address, 451, WITHHELD]);
      expect(res.headers.link).toMatch(/^<http:\/\/localhost:\d+\/>; rel="blocked-by"$/);
    }
    // GraphQL's look-up by address holds nothing of it either.
    const gql = await http().post('/graphql').send({ query: `{ capturesByUrl(url: "${URI_R}") { original captures { datetime } } }` });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.capturesByUrl).toBeNull();
  });

  test('an address never captured is still 404', async () => {
    expect((await http().get('/api/timemap/json/https://news.example.com/other.html')).status).toBe(404);
  });

  test('restored, its TimeMap is back as it was', async () => {
    await app.documents('api::takedown.takedown' as any).update({ documentId: takedown, data: { state: 'restored' } as any });
    expect(await getTimeMap(URI_R)).toEqual(timeMapJson);
  });
});
