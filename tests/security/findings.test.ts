/**
 * Issue 8's findings, each with the request that showed it, against the real app holding the seed
 * article, a never-published article ("秘闻…", imported as a draft with curated links) and a
 * published article whose unpublished edit renamed it "秘…".
 */
import fs from 'node:fs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';
import { writeArchive, type ArchiveFixture } from '../helpers/archive';
import { ndjson, writeFiles } from '../helpers/import-files';
import { SEED, seedText } from '../helpers/seed';
import { formatProblem, importFiles, type ImportReport } from '../../src/import/run-import';
import { listInputFiles } from '../../src/import/input';
import { PUBLIC_ACTIONS } from '../../src/security/public-permissions';

let app: Core.Strapi;
let archive: ArchiveFixture;
let secretDraftId: string;
let editedId: string;
let importDir: string;
let importReport: ImportReport;
const http = () => request(app.server.httpServer);
const graphql = (query: string) => http().post('/graphql').send({ query });

const SECRET = '秘';
const SECRET_TITLE = '秘闻：尚未发布的稿件';
const EDITED_TITLE = '秘密修改：未发布的新标题';
const SECOND_TITLE = '公开的第二篇稿件';
const EVIL_URL = 'javascript:alert(document.cookie)';

const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  category: SEED.category,
  source: SEED.source,
  sourcePublishedAt: '2024-05-01T08:00:00.000Z',
  body: [`${title}的正文。`],
  ...extra,
});

beforeAll(async () => {
  app = await startStrapi();
  archive = await writeArchive(app);
  const files = (dir: string) => listInputFiles([dir]).files;
  // As `npm run import -- --draft`: never published, with its page's curated links.
  const drafts = writeFiles({
    'draft.ndjson': ndjson(article(SECRET_TITLE, { relatedLinks: [{ title: '秘闻的相关链接', url: 'https://example.com/secret' }] })),
  });
  const draftReport = await importFiles(app, files(drafts), { publish: false, dryRun: false });
  expect(draftReport.created).toBe(1);
  secretDraftId = (await app.db.query('api::article.article').findOne({ where: { title: SECRET_TITLE } })).documentId;
  importDir = writeFiles({
    'published.ndjson': ndjson(article(SECOND_TITLE, { relatedLinks: [{ title: '第二篇的相关链接', url: EVIL_URL }] })),
  });
  importReport = await importFiles(app, files(importDir), { publish: true, dryRun: false });
  editedId = (await app.db.query('api::article.article').findOne({ where: { title: SECOND_TITLE } })).documentId;
  // An editor's unpublished rename: the draft row says "秘…", the published one does not.
  await app.documents('api::article.article').update({ documentId: editedId, data: { title: EDITED_TITLE } as any });
  fs.rmSync(drafts, { recursive: true, force: true });
});
afterAll(async () => {
  await stopStrapi(app);
  if (importDir) fs.rmSync(importDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Relation paths from the schemas: every chain of relations (up to three steps) from a content
// type the Public role lists to a draft-and-publish type. A relation added later is covered here.
type Step = { name: string; target: string };
const MAX_STEPS = 3;

function relationPaths(): { root: string; steps: Step[] }[] {
  // Types the Public role cannot list (Takedown) answer 403 whatever the filter: nothing to check there.
  const apiTypes = Object.entries(app.contentTypes).filter(([uid]) => uid.startsWith('api::') && (PUBLIC_ACTIONS as readonly string[]).includes(`${uid}.find`)) as [
    string,
    any,
  ][];
  const relationsOf = (uid: string): Step[] =>
    Object.entries((app.contentTypes as any)[uid].attributes)
      // `localizations` is Strapi's own, hidden from the content API.
      .filter(([name, attribute]: [string, any]) => attribute.type === 'relation' && name !== 'localizations')
      .map(([name, attribute]: [string, any]) => ({ name, target: attribute.target }));
  const paths: { root: string; steps: Step[] }[] = [];
  const extend = (root: string, steps: Step[]) => {
    if (steps.length === MAX_STEPS) return;
    for (const step of relationsOf(steps.at(-1)?.target ?? root)) {
      const next = [...steps, step];
      if ((app.contentTypes as any)[step.target].options?.draftAndPublish) paths.push({ root, steps: next });
      extend(root, next);
    }
  };
  for (const [uid] of apiTypes) extend(uid, []);
  return paths;
}

const pluralOf = (uid: string) => (app.contentTypes as any)[uid].info.pluralName as string;
const camel = (text: string) => text.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
const describePath = ({ root, steps }: { root: string; steps: Step[] }) => `${pluralOf(root)}: ${steps.map((s) => s.name).join('.')}`;

describe('finding 1: unpublished work never leaks', () => {
  test('GET /api/related-links lists the links of published articles only', async () => {
    const res = await http().get('/api/related-links');
    expect(res.status).toBe(200);
    expect(res.body.data.map((link: { title: string }) => link.title).sort()).toEqual(['Unpublished scoop 未发布', '第二篇的相关链接']);
  });

  test('a link of the never-published article is 404 by documentId', async () => {
    const row = await app.db.query('api::related-link.related-link').findOne({ where: { title: '秘闻的相关链接' } });
    const res = await http().get(`/api/related-links/${row.documentId}`);
    expect(res.status).toBe(404);
  });

  test('GET /api/related-links?filters[article][title][$startsWith]=秘 finds nothing', async () => {
    const res = await http().get(`/api/related-links?filters[article][title][$startsWith]=${encodeURIComponent(SECRET)}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  test('GraphQL relatedLinks(filters:{article:{title:{startsWith:"秘"}}}) finds nothing', async () => {
    const res = await graphql(`{ relatedLinks(filters:{article:{title:{startsWith:"${SECRET}"}}}) { title } }`);
    expect(res.body).toEqual({ data: { relatedLinks: [] } });
  });

  test('the schemas give relation paths to check', () => {
    expect(relationPaths().map(describePath)).toEqual(
      expect.arrayContaining(['related-links: article', 'related-links: target', 'articles: relatedLinks.article', 'articles: relatedLinks.target']),
    );
  });

  test('every REST relation filter reaching an article matches published rows only', async () => {
    const leaks: string[] = [];
    for (const path of relationPaths()) {
      const filter = path.steps.map((step) => `[${step.name}]`).join('');
      const res = await http().get(`/api/${pluralOf(path.root)}?filters${filter}[title][$startsWith]=${encodeURIComponent(SECRET)}`);
      if (res.status !== 200 || res.body.data.length !== 0) leaks.push(`${describePath(path)} → ${res.status} ${JSON.stringify(res.body.data)}`);
    }
    expect(leaks).toEqual([]);
  });

  test('every REST populate along a relation path shows no unpublished row', async () => {
    const leaks: string[] = [];
    for (const path of relationPaths()) {
      const populate = path.steps.map((step, i) => `[${step.name}]${i < path.steps.length - 1 ? '[populate]' : ''}`).join('');
      const res = await http().get(`/api/${pluralOf(path.root)}?populate${populate}=true`);
      const body = JSON.stringify(res.body);
      if (res.status !== 200 || body.includes(SECRET) || body.includes(archive.draftId)) leaks.push(`${describePath(path)} → ${res.status} ${body}`);
    }
    expect(leaks).toEqual([]);
  });

  test('every REST sort through a relation reaching an article is refused with 400', async () => {
    const answers = new Set<string>();
    for (const path of relationPaths()) {
      const sort = [...path.steps.map((step) => step.name), 'title'].join('.');
      const res = await http().get(`/api/${pluralOf(path.root)}?sort=${sort}`);
      answers.add(`${res.status} ${res.body.error?.message?.startsWith(`sort "${sort}" is not available`)}`);
    }
    expect([...answers]).toEqual(['400 true']);
  });

  test('every GraphQL relation filter and selection reaching an article shows published rows only', async () => {
    const leaks: string[] = [];
    for (const path of relationPaths()) {
      const field = camel(pluralOf(path.root));
      const [first, ...rest] = path.steps;
      const nested = rest.reduceRight((inner, step) => `${step.name} { documentId ${inner} }`, 'documentId title');
      const filter = rest.length === 0 ? `{title:{startsWith:"${SECRET}"}}` : '';
      // Root filter through the whole path, and the same path as a selection set.
      const rootFilter = path.steps.reduceRight((inner, step) => `{${step.name}:${inner}}`, `{title:{startsWith:"${SECRET}"}}`);
      const filtered = await graphql(`{ ${field}(filters:${rootFilter}) { documentId } }`);
      if (JSON.stringify(filtered.body) !== JSON.stringify({ data: { [field]: [] } })) leaks.push(`${describePath(path)} filter → ${JSON.stringify(filtered.body)}`);
      const selected = await graphql(`{ ${field} { documentId ${first.name}${filter && (app.contentTypes as any)[path.root].attributes[first.name].relation.endsWith('Many') ? `(filters:${filter})` : ''} { ${nested} } } }`);
      const body = JSON.stringify(selected.body);
      if (selected.body.errors || body.includes(SECRET) || body.includes(archive.draftId)) leaks.push(`${describePath(path)} selection → ${body}`);
    }
    expect(leaks).toEqual([]);
  });

  test('GraphQL relation filters under a relation field match published rows only', async () => {
    const res = await graphql(`{ articles { title relatedLinks(filters:{article:{title:{startsWith:"${SECRET}"}}}) { title } } }`);
    expect(res.body.data.articles.map((a: { relatedLinks: unknown[] }) => a.relatedLinks)).toEqual([[], []]);
  });

  test('relation fields under relatedArticles and articles never show a draft', async () => {
    const res = await graphql(`{ relatedArticles(idOrSlug: "${archive.publishedId}") { data { title } } articles { relatedLinks { target { documentId } } } }`);
    expect(JSON.stringify(res.body)).not.toContain(archive.draftId);
  });
});

describe('finding 2: nobody can sign up', () => {
  // The plugin marks them auth: false; they are not in the served schema at all.
  test('mutation register(...) returns no JWT', async () => {
    const res = await graphql('mutation { register(input:{username:"xqz", email:"xqz@x.io", password:"Passw0rd!"}) { jwt } }');
    expect(res.body.data?.register ?? null).toBeNull();
    expect(res.body.errors[0].message).toBe('Cannot query field "register" on type "Mutation".');
    expect(await app.db.query('plugin::users-permissions.user').count({})).toBe(0);
  });

  test.each([
    ['forgotPassword', 'mutation { forgotPassword(email:"xqz@x.io") { ok } }'],
    ['resetPassword', 'mutation { resetPassword(password:"a", passwordConfirmation:"a", code:"x") { jwt } }'],
    ['emailConfirmation', 'mutation { emailConfirmation(confirmation:"x") { jwt } }'],
    ['login', 'mutation { login(input:{identifier:"xqz", password:"Passw0rd!"}) { jwt } }'],
    ['changePassword', 'mutation { changePassword(currentPassword:"a", password:"b", passwordConfirmation:"b") { jwt } }'],
    ['me', '{ me { id } }'],
  ])('%s is not in the schema', async (name, query) => {
    const res = await graphql(query);
    expect(res.body.data?.[name] ?? null).toBeNull();
    expect(res.body.errors[0].message).toMatch(new RegExp(`^Cannot query field "${name}" on type "(Mutation|Query)"\\.$`));
  });

  test.each(['/api/auth/local/register', '/api/auth/forgot-password', '/api/auth/reset-password'])('POST %s is 403', async (path) => {
    const res = await http().post(path).send({ username: 'xqz', email: 'xqz@x.io', password: 'Passw0rd!' });
    expect(res.status).toBe(403);
  });

  test('allow_register is false after boot', async () => {
    const advanced: any = await app.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get({});
    expect(advanced.allow_register).toBe(false);
  });
});

describe('finding 3: one anonymous request stays cheap', () => {
  test('the eight-level populate of the finding is refused with 400 naming the limit', async () => {
    const res = await http().get(
      '/api/related-links?pagination[pageSize]=100&populate[article][populate][relatedLinks][populate][article][populate][relatedLinks][populate][article][populate][relatedLinks][populate][article][populate][relatedLinks]=true',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('populate reaches 8 levels of relations; at most 3 are allowed');
  });

  test('populate=* on a page of 100 articles still answers', async () => {
    const res = await http().get('/api/articles?populate=*&pagination[pageSize]=100');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
  });

  test('40 aliases of a nested list query are refused before running', async () => {
    const one = (i: number) =>
      `a${i}: articles(pagination:{limit:100}) { relatedLinks { article { relatedLinks { article { relatedLinks { title } } } } } }`;
    const started = Date.now();
    const res = await graphql(`{ ${Array.from({ length: 40 }, (_, i) => one(i)).join(' ')} }`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(res.body.errors[0].message).toMatch(/^Query too costly: .* at most 10000 are allowed/);
  });

  test('an ordinary GraphQL page of 100 articles with their links answers', async () => {
    const res = await graphql('{ articles(pagination:{limit:100}) { title relatedLinks { title url } category { name } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.articles).toHaveLength(2);
  });
});

describe('finding 4: only http(s) addresses are stored and served', () => {
  test('the importer names the bad related link as path:line: reason and keeps the article', () => {
    expect(importReport.warnings.map(formatProblem)).toEqual([
      `${importDir}/published.ndjson:1: relatedLinks[0].url dropped: not an http(s) address: "${EVIL_URL}"`,
    ]);
    expect(importReport.created).toBe(1);
  });

  test('/api/related-links and /related serve no javascript: URL', async () => {
    const links = await http().get('/api/related-links');
    expect(links.body.data.find((link: { title: string }) => link.title === '第二篇的相关链接').url).toBeNull();
    const related = await http().get(`/api/articles/${editedId}/related`);
    expect(related.status).toBe(200);
    expect(JSON.stringify(related.body)).not.toContain('javascript:');
  });

  test.each([
    ['related-links', { title: 'x', url: EVIL_URL }, 'url must be an http(s) address: not an http(s) address: "javascript:alert(document.cookie)"'],
    ['sources', { name: '恶意来源', homepage: EVIL_URL }, 'homepage must be an http(s) address: not an http(s) address: "javascript:alert(document.cookie)"'],
    ['related-links', { title: 'x', url: `https://example.com/${'a'.repeat(2048)}` }, 'url must be an http(s) address: longer than 2048 characters (2068)'],
  ])('POST /api/%s with a bad address is 400', async (path, data, message) => {
    const token = await createFullAccessToken(app);
    const res = await http().post(`/api/${path}`).set('Authorization', `Bearer ${token}`).send({ data });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  test('a row stored earlier with javascript: is served with no link, over REST and GraphQL', async () => {
    await app.db.query('api::source.source').update({ where: { name: SEED.source }, data: { homepage: EVIL_URL } });
    const rest = await http().get(`/api/sources?filters[name][$eq]=${encodeURIComponent(SEED.source)}`);
    expect(rest.body.data[0].homepage).toBeNull();
    const nested = await http().get(`/api/articles/${archive.publishedId}?populate[source]=true`);
    expect(nested.body.data.source.homepage).toBeNull();
    const gql = await graphql(`{ sources(filters:{name:{eq:"${SEED.source}"}}) { homepage } articles { source { homepage } } }`);
    expect(JSON.stringify(gql.body)).not.toContain('javascript:');
    expect(gql.body.data.sources).toEqual([{ homepage: null }]);
  });
});

describe('finding 6: CORS echoes no origin by default', () => {
  test('Origin: https://evil.example gets no Access-Control-Allow-Origin', async () => {
    const res = await http().get('/api/articles').set('Origin', 'https://evil.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('a preflight from https://evil.example is not allowed', async () => {
    const res = await http().options('/api/articles').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('finding 5: a crafted page cannot hang the importer', () => {
  const seedLines = () => seedText.split('\n');

  test.each([
    ['a line of 300,000 spaces between two letters', `a${' '.repeat(300_000)}b`],
    ['快照 followed by 300,000 由', `快照${'由'.repeat(300_000)}`],
  ])('%s is refused with its path and line within seconds', async (_name, line) => {
    const lines = seedLines();
    lines.splice(20, 0, line);
    const dir = writeFiles({ 'crafted.txt': lines.join('\n') });
    const started = Date.now();
    const report = await importFiles(app, listInputFiles([dir]).files, { publish: true, dryRun: false });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.failures.map(formatProblem)).toEqual([`${dir}/crafted.txt:21: line too long: 300002 characters, at most 20000`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
