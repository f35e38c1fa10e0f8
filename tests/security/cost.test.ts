/**
 * What one public request may cost the database, each finding with the request that showed it,
 * against the real app holding a bulk archive: 2,000 published articles with 5 related links each,
 * every body saying 发展. Big enough that the finding's `$or` takes half a second here (2.4 s at
 * 5,000 articles), quick enough to fill in seconds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken, DATABASE, startStrapi, stopStrapi } from '../helpers/strapi';
import { fillBulkArchive } from '../helpers/bulk-archive';
import { settle } from '../../src/testing/throwaway-app';

const ARTICLES = 2000;
const LINKS_PER_ARTICLE = 5;
/** The public statement timeout of this app (PUBLIC_STATEMENT_TIMEOUT_MS): short, so a stuck statement is seen quickly. */
const TIMEOUT_MS = 1500;

let app: Core.Strapi;
const api = () => request(app.server.httpServer);
const graphql = (query: string) => api().post('/graphql').send({ query });

beforeAll(async () => {
  process.env.PUBLIC_STATEMENT_TIMEOUT_MS = String(TIMEOUT_MS);
  app = await startStrapi();
  await fillBulkArchive(app, { articles: ARTICLES, linksPerArticle: LINKS_PER_ARTICLE });
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.PUBLIC_STATEMENT_TIMEOUT_MS;
});

async function timed<T>(run: () => PromiseLike<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await run();
  return [result, Date.now() - started];
}

/** What `run` answers, and the statements it ran on the articles and their links. */
async function counted<T>(run: () => PromiseLike<T>): Promise<[T, string[]]> {
  const statements: string[] = [];
  const onQuery = (query: { sql: string }) => {
    if (/articles|related_links/.test(query.sql)) statements.push(query.sql);
  };
  app.db.connection.on('query', onQuery);
  try {
    return [await run(), statements];
  } finally {
    app.db.connection.off('query', onQuery);
  }
}

const THREE_TERM_OR =
  '/api/articles?filters[$or][0][relatedLinks][title][$eq]=a&filters[$or][1][relatedLinks][title][$eq]=b&filters[$or][2][relatedLinks][title][$eq]=c';

describe('finding 4: $or over a to-many relation', () => {
  test("the finding's three-term $or over relatedLinks is refused with 400 naming the limit, before any query", async () => {
    const [res, statements] = await counted(() => api().get(THREE_TERM_OR));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'filters join to-many relations 3 times (relatedLinks); at most 1 is allowed: put every condition on a relation inside it, as filters[relation][$or][0][field]=…',
    );
    expect(statements).toEqual([]);
  });

  test('the same alternatives inside the relation join it once and answer', async () => {
    const res = await api().get(
      `/api/articles?filters[relatedLinks][$or][0][title][$eq]=a&filters[relatedLinks][$or][1][title][$eq]=b&filters[relatedLinks][$or][2][title][$eq]=${encodeURIComponent('相关报道 7')}`,
    );
    expect(res.status).toBe(200);
    // Link n (0 to 9,999) is titled 相关报道 <n mod 97> and printed under article n / 5: 104 links, each under another article.
    expect(res.body.meta.pagination.total).toBe(104);
  });

  test('two to-many joins under $and are refused too: their rows multiply when the conditions match', async () => {
    const res = await api().get('/api/articles?filters[$and][0][relatedLinks][title][$ne]=a&filters[$and][1][relatedLinks][title][$ne]=b');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^filters join to-many relations 2 times \(relatedLinks\); at most 1 is allowed/);
  });

  test('a populate counts its own filters: a chain through two to-many relations there is refused', async () => {
    const res = await api().get(
      '/api/articles?populate[relatedLinks][filters][$or][0][article][relatedLinks][title][$eq]=a&populate[relatedLinks][filters][$or][1][title][$eq]=b&populate[relatedLinks][filters][article][relatedLinks][url][$eq]=c',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^filters join to-many relations 2 times \(relatedLinks\)/);
  });

  test('more than 20 $or branches are refused', async () => {
    const branches = Array.from({ length: 21 }, (_, i) => `filters[$or][${i}][title][$eq]=t${i}`).join('&');
    const res = await api().get(`/api/articles?${branches}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('filters have 21 $or branches; at most 20 are allowed');
  });

  test('GraphQL root filters: the same $or is refused before running, naming the limit', async () => {
    const [res, statements] = await counted(() =>
      graphql('{ articles(filters:{or:[{relatedLinks:{title:{eq:"a"}}},{relatedLinks:{title:{eq:"b"}}},{relatedLinks:{title:{eq:"c"}}}]}) { title } }'),
    );
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toBe(
      'filters join to-many relations 3 times (relatedLinks); at most 1 is allowed: put every condition on a relation inside it, as filters: { relation: { or: […] } }',
    );
    expect(statements).toEqual([]);
  });

  test('GraphQL relation-field filters are counted alike, also when given as a variable', async () => {
    const res = await api()
      .post('/graphql')
      .send({
        query: 'query($f: RelatedLinkFiltersInput) { articles(pagination:{limit:1}) { relatedLinks(filters: $f) { title } } }',
        variables: { f: { or: [{ article: { relatedLinks: { title: { eq: 'a' } } } }, { article: { relatedLinks: { title: { eq: 'b' } } } }] } },
      });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/^filters join to-many relations 2 times \(relatedLinks\)/);
  });

  test('GraphQL aliases of a one-join filter add up to the cost limit', async () => {
    const alias = (i: number) => `a${i}: articles(filters:{relatedLinks:{title:{eq:"x${i}"}}}, pagination:{limit:1}) { title }`;
    const res = await graphql(`{ ${Array.from({ length: 10 }, (_, i) => alias(i)).join(' ')} }`);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    const one = await graphql(`{ ${alias(0)} }`);
    expect(one.body).toEqual({ data: { a0: [] } });
  });
});

describe('finding 5: custom root queries cost what they read', () => {
  const search = (i: number) => `a${i}: searchArticles(q:"发展", sort: newest, pageSize: 1) { meta { pagination { total } } }`;

  test("the finding's 20 aliases of searchArticles(sort: newest) are refused before running", async () => {
    const [res, statements] = await counted(() => graphql(`{ ${Array.from({ length: 20 }, (_, i) => search(i)).join(' ')} }`));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    // Each one is priced by its candidate cap (MAX_CANDIDATES, 1,000) at 2 points a candidate.
    expect(res.body.errors[0].extensions.cost).toBeGreaterThan(20 * 2000);
    expect(statements).toEqual([]);
  });

  test('four of them fit, and answer with the capped total', async () => {
    const res = await graphql(`{ ${Array.from({ length: 4 }, (_, i) => search(i)).join(' ')} }`);
    expect(res.body.errors).toBeUndefined();
    expect(Object.values(res.body.data)).toEqual(Array(4).fill({ meta: { pagination: { total: 1000 } } }));
  });

  test('by relevance a search scores up to MAX_SCORED matches and is priced so: three aliases of a page of 10 fit, four do not', async () => {
    const relevance = (i: number) => `a${i}: searchArticles(q:"发展") { data { title } }`;
    const three = await graphql(`{ ${Array.from({ length: 3 }, (_, i) => relevance(i)).join(' ')} }`);
    expect(three.body.errors).toBeUndefined();
    expect(three.body.data.a2.data).toHaveLength(10);
    const [four, statements] = await counted(() => graphql(`{ ${Array.from({ length: 4 }, (_, i) => relevance(i)).join(' ')} }`));
    expect(four.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(statements).toEqual([]);
  });
});

describe('finding 8: malformed filters are 400, never 500 (what filter-fuzz.test.ts found first)', () => {
  test.each([
    ['/api/articles?filters[kicker][$between]=0', 'filters.kicker.$between takes two values'],
    ['/api/sources?filters[name][$and]=', 'filters.name.$and: $and combines conditions on fields, it cannot stand under one'],
    ['/api/articles?filters[$or]=x', 'filters.$or must be a list of conditions'],
    ['/api/related-links?filters[$and][0][position][$eq]=', 'filters.$and.0.position.$eq compares whole numbers: "" is none'],
    ['/api/related-links?filters[excerpt][$eq]=x&filters[date][$lt]=2024-13-45', 'filters cannot be read: Invalid format, expected a timestamp or an ISO date'],
    ['/api/articles?filters[snapshotAt][$gt]=not%20a%20date', 'filters cannot be read: Invalid format, expected a timestamp or an ISO date'],
    // Found on PostgreSQL, where a column compares only with its own type.
    ['/api/articles?filters[source][$eq]=', 'filters.source.$eq compares ids: "" is none'],
    ['/api/related-links?filters[position][$eq]=-5e-324', 'filters.position.$eq compares whole numbers: "-5e-324" is none'],
    ['/api/articles?filters[body][$eq]=', 'filters.body.$eq: a blocks field is compared with $eqi, $nei, $containsi, $notContainsi, $startsWithi, $endsWithi, $null or $notNull'],
    ['/api/sources?filters[publishedAt][$contains]=2024', 'filters.publishedAt.$contains: $contains compares text, not a datetime'],
    ['/api/related-links?filters[article][$eq]=', 'filters.article.$eq compares ids: "" is none'],
  ])('GET %s → 400', async (path, message) => {
    const res = await api().get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  test('GET /api/related-links?filters[article][$eq]=0 (a 500 once) is 200 with no links: no published row has id 0', async () => {
    expect(await api().get('/api/related-links?filters[article][$eq]=0')).toMatchObject({ status: 200, body: { data: [] } });
  });

  test('GraphQL filters variables of the wrong type are 400 BAD_USER_INPUT', async () => {
    const res = await api()
      .post('/graphql')
      .send({ query: 'query($f: ArticleFiltersInput) { articles(filters: $f) { documentId } }', variables: { f: { not: { title: { eq: {} } } } } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('a public request stops when its client goes, and is bounded on PostgreSQL', () => {
  const listening = async (): Promise<number> => {
    const server = app.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const table = () => app.db.metadata.get('api::article.article').tableName;

  /** Another session holding the articles table, as a migration would: PostgreSQL reads wait on it. */
  async function holdingArticles<T>(run: (holder: Client) => Promise<T>): Promise<T> {
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${table()} IN ACCESS EXCLUSIVE MODE`);
      return await run(holder);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  }
  const waitingOnLock = async (holder: Client) =>
    Number((await holder.query("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rows[0].n);

  test('eight aliased reads whose client leaves: none of their statements runs to its end afterwards', async () => {
    const alias = (i: number) => `a${i}: articles(filters:{relatedLinks:{title:{ne:"x${i}"}}}, pagination:{limit:100}) { title }`;
    // Within the cost limit: eight one-join filters.
    const body = JSON.stringify({ query: `{ ${Array.from({ length: 8 }, (_, i) => alias(i)).join(' ')} }` });
    const port = await listening();
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' } });
    req.on('error', () => {});
    const started: string[] = [];
    const completed: string[] = [];
    const failed: string[] = [];
    const ofLinks = (sql: string) => /related_links/.test(sql);
    const onQuery = (query: { sql: string }) => ofLinks(query.sql) && started.push(query.sql);
    const onResponse = (_response: unknown, query: { sql: string }) => ofLinks(query.sql) && completed.push(query.sql);
    const onError = (error: { code?: string }, query: { sql: string }) => ofLinks(query.sql) && failed.push(String(error.code));
    app.db.connection.on('query', onQuery);
    app.db.connection.on('query-response', onResponse);
    app.db.connection.on('query-error', onError);
    try {
      if (DATABASE === 'postgres') {
        // They run at once, on as many connections: they wait on the lock, and are cancelled when the client leaves.
        await holdingArticles(async (holder) => {
          req.end(body);
          while ((await waitingOnLock(holder)) === 0) await pause(20);
          await pause(200);
          const left = Date.now();
          req.destroy();
          while ((await waitingOnLock(holder)) > 0) await pause(20);
          expect(Date.now() - left).toBeLessThan(TIMEOUT_MS / 2);
        });
        await pause(200);
        await settle(app);
        expect(completed).toEqual([]);
        expect(failed.length).toBeGreaterThan(0);
        expect(new Set(failed)).toEqual(new Set(['57014']));
      } else {
        // SQLite runs them one after another: the client leaves during the first, the rest never start.
        req.end(body);
        while (started.length === 0) await pause(1);
        req.destroy();
        await pause(200);
        await settle(app);
        expect(started.length).toBeLessThanOrEqual(2);
      }
    } finally {
      app.db.connection.off('query', onQuery);
      app.db.connection.off('query-response', onResponse);
      app.db.connection.off('query-error', onError);
    }
  });

  test('a public read waiting on a lock is answered 503 after PUBLIC_STATEMENT_TIMEOUT_MS on PostgreSQL; SQLite readers never wait on one', async () => {
    const token = await createFullAccessToken(app);
    if (DATABASE === 'postgres') {
      await holdingArticles(async () => {
        const [res, ms] = await timed(() => api().get('/api/articles').timeout(TIMEOUT_MS + 3000));
        expect(res.status).toBe(503);
        expect(res.body.error.message).toBe(`The request took too long: a statement ran over ${TIMEOUT_MS} ms and was stopped`);
        expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
        const gql = await graphql('{ articles { title } }').timeout(TIMEOUT_MS + 3000);
        expect(gql.status).toBe(503);
      });
    } else {
      // A writer in another process holds the database (an import's batch): WAL readers go on.
      const holder = new Database(process.env.DATABASE_FILENAME!);
      try {
        holder.prepare('BEGIN IMMEDIATE').run();
        holder.prepare(`UPDATE ${table()} SET title = title WHERE id = 1`).run();
        const [res, ms] = await timed(() => api().get('/api/articles'));
        expect(res.status).toBe(200);
        expect(ms).toBeLessThan(TIMEOUT_MS);
      } finally {
        holder.prepare('ROLLBACK').run();
        holder.close();
      }
    }
    // Once the lock is gone, back ends with a token and the public read again.
    expect((await api().get('/api/articles').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await api().get('/api/articles')).status).toBe(200);
  });
});
