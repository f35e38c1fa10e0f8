/**
 * The edge, as an outsider attacked it: paths spelled as the router reads them, bodies trickled
 * into the queue, hostile NDJSON lines, markup in JSON-LD and in stored addresses, links built
 * from the request's Host, and a header naming the server. Each test sends the finding's request.
 */
import fs from 'node:fs';
import net from 'node:net';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { baseUrl, createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';
import { SEED } from '../helpers/seed';
import { ndjson, writeFiles } from '../helpers/import-files';
import { formatProblem, importFiles, type ImportReport } from '../../src/import/run-import';
import { listInputFiles, MAX_JSON_DEPTH } from '../../src/import/input';

/** No PUBLIC_URL is set, as in the finding: outside production links start with this machine (PORT is 0 in tests). */
const PUBLIC_URL = 'http://localhost:0';
/** The GraphQL body deadline, short so the test waits little. */
const BODY_TIMEOUT_MS = 1500;
const EVIL_HOST = 'evil.example';
const SCRIPT_TITLE = '标题</script><script>alert(1)</script>';
const WITHHELD_TITLE = '被删除的稿件';
const ORIGINAL_URL = 'https://news.example.com/2024/05/03/a.html';
const WITHHELD_URL = 'https://news.example.com/2024/05/03/b.html';
const MARKUP_URL = 'https://a.example/x"><img src=x onerror=alert(1)>';
const MARKUP_HREF = 'https://a.example/x%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E';

let app: Core.Strapi;
let token: string;
let port: number;
let scriptId: string;
let withheldId: string;
let importReport: ImportReport;
const dirs: string[] = [];
const http = () => request(app.server.httpServer);
const asToken = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);

const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  category: SEED.category,
  source: SEED.source,
  sourcePublishedAt: '2024-05-01T08:00:00.000Z',
  snapshotAt: '2024-05-03T08:45:09.000Z',
  body: [`${title}的正文。`],
  ...extra,
});

async function importLines(name: string, text: string): Promise<ImportReport> {
  const dir = writeFiles({ [name]: text });
  dirs.push(dir);
  return importFiles(app, listInputFiles([dir]).files, { publish: true, dryRun: false });
}

const documentIdOf = async (title: string) => (await app.db.query('api::article.article').findOne({ where: { title } })).documentId as string;

beforeAll(async () => {
  process.env.REQUEST_BODY_TIMEOUT_MS = String(BODY_TIMEOUT_MS);
  app = await startStrapi();
  // Raw sockets need a listening server (supertest opens and closes one per request otherwise).
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  port = Number(new URL(baseUrl(app)).port);
  token = await createFullAccessToken(app);
  // The finding's file: 50,000 nested objects between two good lines, one link with markup in its address.
  importReport = await importLines(
    'attack.ndjson',
    ndjson(
      article(SCRIPT_TITLE, { originalUrl: ORIGINAL_URL, relatedLinks: [{ title: '带标记的链接', url: MARKUP_URL }] }),
      `{"title":"深","relatedLinks":${'{"link":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      article(WITHHELD_TITLE, { originalUrl: WITHHELD_URL }),
    ),
  );
  scriptId = await documentIdOf(SCRIPT_TITLE);
  withheldId = await documentIdOf(WITHHELD_TITLE);
  const notice = await asToken(http().post('/api/takedowns')).send({
    data: { article: withheldId, scope: 'article', requester: '南方日报社', reason: '未经授权转载' },
  });
  expect(notice.status).toBe(201);
});
afterAll(async () => {
  await stopStrapi(app);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.REQUEST_BODY_TIMEOUT_MS;
});

describe('finding 3: limits at the edge read the path as the router does', () => {
  const TOO_MANY = 'pagination[pageSize] must be an integer from 1 to 100, got "101"';

  test('GET /API/articles?pagination[pageSize]=101 is 400, as /api/articles is', async () => {
    for (const path of ['/api/articles', '/API/articles']) {
      const res = await http().get(`${path}?pagination[pageSize]=101`);
      expect([path, res.status, res.body.error?.message]).toEqual([path, 400, TOO_MANY]);
    }
  });

  test('GET /%61pi/articles?pagination[pageSize]=101 (percent-encoded) is 400', async () => {
    const res = await http().get('/%61pi/articles?pagination[pageSize]=101');
    expect([res.status, res.body.error?.message]).toEqual([400, TOO_MANY]);
  });
});

/** A POST /graphql whose headers promise 1000 bytes of body, which then comes a byte every 200 ms. */
function trickle(): { socket: net.Socket; answer: () => string } {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (data) => (answer += data.toString()));
  socket.on('error', () => {});
  socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
  const timer = setInterval(() => socket.writable && socket.write(' '), 200);
  socket.on('close', () => clearInterval(timer));
  return { socket, answer: () => answer };
}

const until = async (condition: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !condition() && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('finding 6: a slow request body holds a socket, not a queue slot', () => {
  test('with ten sockets trickling POST /graphql bodies, GET /api/articles is answered 200 within 2 s', async () => {
    const trickling = Array.from({ length: 10 }, trickle);
    try {
      // Time for the server to read every trickler's headers (and, before the fix, queue them).
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const res = await fetch(`${baseUrl(app)}/api/articles`, { signal: AbortSignal.timeout(2000) });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const { socket } of trickling) socket.destroy();
    }
  });

  test(`a GraphQL body not all there within ${BODY_TIMEOUT_MS / 1000} s is answered 408`, async () => {
    const slow = trickle();
    try {
      await until(() => slow.answer() !== '', BODY_TIMEOUT_MS + 3000);
      expect(slow.answer()).toMatch(/^HTTP\/1\.1 408 /);
      expect(slow.answer()).toContain(`The request body did not arrive within ${BODY_TIMEOUT_MS / 1000} s`);
    } finally {
      slow.socket.destroy();
    }
  });

  test('a GraphQL body over 1 MiB is answered 413', async () => {
    const res = await http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ query: '{ articles { title } }', padding: 'x'.repeat(1024 * 1024) }));
    expect([res.status, res.body.error?.message]).toEqual([413, 'The request body is larger than 1048576 bytes']);
  });

  test('a GraphQL query read this way is answered as before; a body that is not JSON is 400', async () => {
    const res = await http().post('/graphql').send({ query: `{ articles(filters: { title: { eq: "${WITHHELD_TITLE}" } }) { title } }` });
    expect(res.body).toEqual({ data: { articles: [] } });
    const broken = await http().post('/graphql').set('Content-Type', 'application/json').send('{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^The request body is not valid JSON: /);
  });

  test("Node's header and request timeouts are set for a public server", () => {
    expect({ headersTimeout: app.server.httpServer.headersTimeout, requestTimeout: app.server.httpServer.requestTimeout }).toEqual({
      headersTimeout: 20_000,
      requestTimeout: 60_000,
    });
  });
});

describe('finding 7: one deeply nested NDJSON line stops nothing', () => {
  test('the line nested 50,000 deep is refused as path:line: reason; the good lines around it are imported', () => {
    expect({ created: importReport.created, failed: importReport.failed }).toEqual({ created: 2, failed: 1 });
    expect(importReport.failures.map((problem) => formatProblem({ ...problem, path: 'attack.ndjson' }))).toEqual([
      `attack.ndjson:2: nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects: not an article`,
    ]);
  });
});

describe('finding 9: JSON-LD can be pasted into a script element', () => {
  test('GET /api/articles/:id/jsonld escapes <, > and & and parses to the same headline', async () => {
    const res = await http().get(`/api/articles/${scriptId}/jsonld`).buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => done(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json');
    const text = res.body as string;
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain('"headline":"标题\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
    expect(JSON.parse(text).headline).toBe(SCRIPT_TITLE);
  });
});

describe('finding 10: addresses are stored in their serialised form', () => {
  const create = (data: Record<string, unknown>) => asToken(http().post('/api/articles')).send({ data: { body: [], ...data } });

  test('POST /api/articles stores and serves originalUrl percent-encoded', async () => {
    const res = await create({ title: '带标记的原文地址', originalUrl: MARKUP_URL });
    expect(res.status).toBe(201);
    const stored = await app.db.query('api::article.article').findOne({ where: { documentId: res.body.data.documentId } });
    expect(stored.originalUrl).toBe(MARKUP_HREF);
    expect(res.body.data.originalUrl).toBe(MARKUP_HREF);
  });

  test('an originalUrl with a NUL or a newline in it is 400', async () => {
    for (const [character, name] of [
      ['\u0000', 'U+0000'],
      ['\n', 'U+000A'],
    ]) {
      const res = await create({ title: `控制字符 ${name}`, originalUrl: `https://a.example/x${character}Set-Cookie: a=b` });
      expect([res.status, res.body.error?.message]).toEqual([
        400,
        `originalUrl must be an http(s) address: contains a control character (${name})`,
      ]);
    }
  });

  test("POST /api/related-links and a source's homepage are stored serialised; a newline is 400", async () => {
    const link = await asToken(http().post('/api/related-links')).send({ data: { title: '接口写入的链接', url: MARKUP_URL } });
    expect(link.status).toBe(201);
    expect((await app.db.query('api::related-link.related-link').findOne({ where: { title: '接口写入的链接' } })).url).toBe(MARKUP_HREF);
    const source = await asToken(http().post('/api/sources')).send({ data: { name: '换行的来源', kind: 'outlet', homepage: 'https://b.example/\nx' } });
    expect([source.status, source.body.error?.message]).toEqual([400, 'homepage must be an http(s) address: contains a control character (U+000A)']);
  });

  test("an imported related link's url is stored serialised", async () => {
    const row = await app.db.query('api::related-link.related-link').findOne({ where: { title: '带标记的链接' } });
    expect(row.url).toBe(MARKUP_HREF);
  });

  test('an imported originalUrl is stored serialised', async () => {
    // Another page than the one written over REST above, which the importer would match by address.
    const report = await importLines('markup.ndjson', ndjson(article('导入的带标记地址', { originalUrl: MARKUP_URL.replace('/x', '/y') })));
    expect(report.created).toBe(1);
    const stored = await app.db.query('api::article.article').findOne({ where: { title: '导入的带标记地址' } });
    expect(stored.originalUrl).toBe(MARKUP_HREF.replace('/x', '/y'));
  });

  test('GraphQL reads the serialised form too', async () => {
    const res = await http().post('/graphql').send({ query: `{ articles(filters: { title: { eq: "带标记的原文地址" } }) { originalUrl } }` });
    expect(res.body).toEqual({ data: { articles: [{ originalUrl: MARKUP_HREF }] } });
  });
});

describe('finding 12: absolute links start with PUBLIC_URL, whatever the Host header says', () => {
  test('without PUBLIC_URL, outside production, the public URL is http://localhost:$PORT', () => {
    expect(app.config.get('server.url')).toBe(PUBLIC_URL);
  });

  test("with Host: evil.example, the TimeGate's Location is on PUBLIC_URL", async () => {
    const res = await http().get(`/api/timegate/${ORIGINAL_URL}`).set('Host', EVIL_HOST);
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(new RegExp(`^${PUBLIC_URL}/api/mementos/\\w+$`));
    expect(res.headers.link).not.toContain(EVIL_HOST);
  });

  test('with Host: evil.example, the TimeMap names PUBLIC_URL', async () => {
    const res = await http().get(`/api/timemap/json/${ORIGINAL_URL}`).set('Host', EVIL_HOST);
    expect(res.status).toBe(200);
    expect(res.body.captures.map((capture: { uri: string }) => capture.uri.startsWith(`${PUBLIC_URL}/api/mementos/`))).toEqual([true]);
  });

  test('with Host: evil.example, JSON-LD archivedAt is on PUBLIC_URL', async () => {
    const res = await http().get(`/api/articles/${scriptId}/jsonld`).set('Host', EVIL_HOST);
    expect(JSON.parse(res.text).archivedAt).toBe(`${PUBLIC_URL}/api/articles/${scriptId}`);
  });

  test('with Host: evil.example, the 451 is blocked by PUBLIC_URL', async () => {
    const res = await http().get(`/api/articles/${withheldId}`).set('Host', EVIL_HOST);
    expect(res.status).toBe(451);
    expect(res.headers.link).toBe(`<${PUBLIC_URL}/>; rel="blocked-by"`);
  });
});

describe('finding 13: no response names the server', () => {
  test('no X-Powered-By on 200, 400, 404, 451 or GraphQL answers', async () => {
    const answers = await Promise.all([
      http().get('/api/articles'),
      http().get('/api/articles?pagination[pageSize]=101'),
      http().get('/api/nothing-here'),
      http().get(`/api/articles/${withheldId}`),
      http().post('/graphql').send({ query: '{ articles { title } }' }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([200, 400, 404, 451, 200]);
    expect(answers.map((res) => res.headers['x-powered-by'])).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
