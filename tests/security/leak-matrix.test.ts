/**
 * Every public read, generated, against every unpublished state. The routes are the content API's
 * as Strapi's router holds them (strapi.contentAPI.getRoutesMap()) that the Public role may call
 * (its permissions, or a route without auth), with each path parameter filled from the fixture's
 * ids, slugs and addresses; the GraphQL fields are the schema's (introspection), every root query
 * with every object field of what it returns. A route or a field added later is covered here
 * without a new test.
 *
 * The four states, each with its distinctive strings, none of which any response may carry:
 * - never: an article never published (imported as a draft, with its page's curated link);
 * - draftEdit: a published article whose draft was edited with new text and a later snapshot;
 * - draftLink: a related link connected to the draft of a published article only;
 * - withheld: a published article under an enforced takedown.
 */
import fs from 'node:fs';
import { introspectionFromSchema } from 'graphql';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { contentHash } from '../../src/core/content-hash';
import { listInputFiles } from '../../src/import/input';
import { importFiles } from '../../src/import/run-import';
import { ndjson, writeFiles } from '../helpers/import-files';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const CAPTURE = 'api::capture.capture';

let app: Core.Strapi;
let token: string;
const http = () => request(app.server.httpServer);
const withToken = <T extends request.Test>(req: T) => req.set('Authorization', `Bearer ${token}`);
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

const URLS = {
  carrier: 'https://news.example.com/2024/06/01/carrier.html',
  never: 'https://news.example.com/2024/06/02/never.html',
  draftEdit: 'https://news.example.com/2024/06/03/edited.html',
  withheld: 'https://news.example.com/2024/06/04/withheld.html',
};

type State = 'never' | 'draftEdit' | 'draftLink' | 'withheld';
const STATES: State[] = ['never', 'draftEdit', 'draftLink', 'withheld'];
/** What no public response may carry, per state (compared case-insensitively: slugs are lower case). */
const markers: Record<State, string[]> = { never: ['ZQXNEVER'], draftEdit: ['ZQXEDIT'], draftLink: ['ZQXLINK'], withheld: ['ZQXWITHHELD'] };

/**
 * A word of each state's text to search for, other than its marker: the request's own words are
 * taken out of a response as echoes, so a hit must be recognised by the marker beside it.
 */
const searchWords: Record<State | 'visible', string> = { visible: 'QQVISIBLE', never: 'QQNEVER', draftEdit: 'QQEDIT', draftLink: 'QQLINK', withheld: 'QQWITHHELD' };
const SEARCH_WORDS = Object.values(searchWords);

/** Values for path parameters and arguments: every id, slug and address of the fixture. */
const bag = { ids: [] as string[], urls: Object.values(URLS) };

const page = (title: string, url: string, snapshotAt: string, extra: Record<string, unknown> = {}) => ({
  title,
  body: [`${title}的正文。`],
  category: '国内',
  source: '每日看点快看',
  sourcePublishedAt: '2024-06-01 08:00:00',
  snapshotAt,
  originalUrl: url,
  ...extra,
});

async function importPages(lines: unknown[], publish: boolean) {
  const dir = writeFiles({ 'pages.ndjson': ndjson(...lines) });
  try {
    const report = await importFiles(app, listInputFiles([dir]).files, { publish, dryRun: false });
    expect(report.failed).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const documentIdOf = async (url: string) => (await app.db.query(ARTICLE).findOne({ where: { originalUrl: url } })).documentId as string;

beforeAll(async () => {
  app = await startStrapi();
  token = await createFullAccessToken(app);

  await importPages(
    [
      page('ZQXVISIBLE QQVISIBLE 公开的载体文章', URLS.carrier, '2024-06-01 10:00:00', { relatedLinks: [{ title: '载体的公开链接', url: 'https://example.com/carrier-link' }] }),
      page('编辑前的公开标题', URLS.draftEdit, '2024-06-03 10:00:00'),
      page('ZQXWITHHELD QQWITHHELD 被下架的稿件', URLS.withheld, '2024-06-04 10:00:00'),
    ],
    true,
  );
  await importPages([page('ZQXNEVER QQNEVER 从未发布的稿件', URLS.never, '2024-06-02 10:00:00', { relatedLinks: [{ title: 'ZQXNEVER 的链接', url: 'https://example.com/zqxnever-link' }] })], false);
  const ids = { carrier: await documentIdOf(URLS.carrier), never: await documentIdOf(URLS.never), draftEdit: await documentIdOf(URLS.draftEdit), withheld: await documentIdOf(URLS.withheld) };

  // draftEdit: an editor's unpublished edit over the API, then a later page imported as a draft.
  const edit = await withToken(http().put(`/api/articles/${ids.draftEdit}?status=draft`)).send({
    data: { title: 'ZQXEDIT QQEDIT 未发布的新标题', body: [paragraph('ZQXEDIT QQEDIT 未发布的新正文。')], snapshotAt: '2024-07-03 10:00:00' },
  });
  expect(edit.status).toBe(200);
  await importPages([page('ZQXEDIT QQEDIT 再抓取的标题', URLS.draftEdit, '2024-08-03 10:00:00')], false);
  // A capture list shows no text: the drafts' digests and times are what would give them away there.
  markers.draftEdit.push(
    contentHash('ZQXEDIT QQEDIT 未发布的新标题', ['ZQXEDIT QQEDIT 未发布的新正文。']),
    contentHash('ZQXEDIT QQEDIT 再抓取的标题', ['ZQXEDIT QQEDIT 再抓取的标题的正文。']),
    '2024-07-03T02:00:00',
    '2024-08-03T02:00:00',
  );

  // draftLink: a link connected to the carrier's draft only.
  const link = await withToken(http().post('/api/related-links')).send({ data: { title: 'ZQXLINK QQLINK 草稿上的链接', url: 'https://example.com/zqxlink', excerpt: '...ZQXLINK', position: 5 } });
  expect(link.status).toBe(201);
  const connect = await withToken(http().put(`/api/articles/${ids.carrier}?status=draft`)).send({ data: { relatedLinks: { connect: [link.body.data.documentId] } } });
  expect(connect.status).toBe(200);
  markers.draftLink.push(link.body.data.documentId);

  // Curated links of the visible carrier pointing at each unpublished article: the links show, their targets may not.
  for (const [position, target] of [ids.never, ids.draftEdit, ids.withheld].entries()) {
    const res = await withToken(http().post('/api/related-links')).send({ data: { title: `载体指向的链接${position}`, excerpt: '...', position: 10 + position, article: ids.carrier, target } });
    expect(res.status).toBe(201);
  }

  const takedown = await withToken(http().post('/api/takedowns')).send({ data: { article: ids.withheld, scope: 'article', requester: '某报社', reason: '未经授权转载' } });
  expect(takedown.status).toBe(201);

  markers.never.push(ids.never);
  markers.withheld.push(ids.withheld);

  const articles = await app.db.query(ARTICLE).findMany({ select: ['documentId', 'slug'] });
  const others = await Promise.all(
    ['api::related-link.related-link', 'api::category.category', 'api::source.source', CAPTURE].map((uid) => app.db.query(uid).findMany({ select: ['documentId'] })),
  );
  bag.ids = [...new Set([...articles.flatMap((row: any) => [row.documentId, row.slug]), ...others.flat().map((row: any) => row.documentId)].filter(Boolean))];
  // The fixture has what each state needs: a capture of the draft page, the draft-only link.
  expect(await app.db.query(CAPTURE).count({ where: { articleDocumentId: ids.draftEdit } })).toBeGreaterThanOrEqual(2);
  expect(await app.db.query(CAPTURE).count({ where: { articleDocumentId: ids.never } })).toBe(1);
});
afterAll(async () => {
  await stopStrapi(app);
});

/** A response as text (status, headers, body), with what the request itself said taken out: an echo is no leak. */
function responseText(res: request.Response, echoes: string[]): string {
  let text = `${res.status} ${JSON.stringify(res.headers)} ${res.text ?? ''}`.toLowerCase();
  for (const echo of echoes) {
    for (const form of [echo, encodeURIComponent(echo), JSON.stringify(echo).slice(1, -1)]) text = text.split(form.toLowerCase()).join('');
  }
  return text;
}

const leaksIn = (text: string, state: State) => markers[state].filter((marker) => text.includes(marker.toLowerCase()));

/** The visible carrier's word: the same requests show it, so they do read the archive. */
const VISIBLE = 'ZQXVISIBLE';
const showingVisible = (exchanges: Exchange[]) => [...new Set(exchanges.filter((exchange) => exchange.showsVisible).map((exchange) => exchange.reads))];

interface Exchange {
  /** The route's path or the root field. */
  reads: string;
  request: string;
  state: Record<State, string[]>;
  status: number;
  showsVisible: boolean;
  graphqlErrors: string[];
}

function record(exchanges: Exchange[], description: string, res: request.Response, echoes: string[], reads: string) {
  const text = responseText(res, echoes);
  exchanges.push({
    reads,
    request: description,
    status: res.status,
    state: Object.fromEntries(STATES.map((state) => [state, leaksIn(text, state)])) as Record<State, string[]>,
    showsVisible: text.includes(VISIBLE.toLowerCase()),
    graphqlErrors: (res.body?.errors ?? []).map((error: { message: string }) => error.message),
  });
}

const leaks = (exchanges: Exchange[], state: State) => exchanges.filter((exchange) => exchange.state[state].length > 0).map((exchange) => `${exchange.request} → ${exchange.status} carries ${exchange.state[state].join(', ')}`);

// ---------------------------------------------------------------------------------------------
// REST: the router's content-API routes the Public role may call

interface PublicRoute {
  method: string;
  path: string;
  action: string;
}

async function publicRoutes(): Promise<PublicRoute[]> {
  const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const granted = new Set(
    (await app.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id }, select: ['action'] })).map((p: { action: string }) => p.action),
  );
  const routesMap: Record<string, any[]> = await (app as any).contentAPI.getRoutesMap();
  return Object.values(routesMap)
    .flat()
    .flatMap((route) => {
      const action: string = route.config?.auth?.scope?.[0] ?? route.handler;
      const callable = route.config?.auth === false || granted.has(action);
      return callable ? [{ method: String(route.method).toLowerCase(), path: route.path as string, action }] : [];
    });
}

/** Each path parameter filled with every value of the bag that fits it: addresses for `(.*)`, ids and slugs otherwise. */
function concretePaths(path: string): { path: string; echoes: string[] }[] {
  const param = /:(\w+)(\([^)]*\))?/.exec(path);
  if (!param) return [{ path, echoes: [] }];
  const values = param[2] ? bag.urls : bag.ids;
  return values.flatMap((value) =>
    concretePaths(path.replace(param[0], param[2] ? value : encodeURIComponent(value))).map((next) => ({ path: next.path, echoes: [value, ...next.echoes] })),
  );
}

/** Query variants: as is, everything populated, drafts asked for, and for lists a search for each state's words. */
function queryVariants(hasParams: boolean): string[] {
  const base = ['', 'populate=*', 'status=draft'];
  return hasParams ? base : [...base, ...SEARCH_WORDS.map((word) => `q=${encodeURIComponent(word)}`)];
}

describe('REST: every route the Public role may call', () => {
  const exchanges: Exchange[] = [];
  let routes: PublicRoute[] = [];

  beforeAll(async () => {
    routes = await publicRoutes();
    for (const route of routes) {
      for (const { path, echoes } of concretePaths(route.path)) {
        for (const query of queryVariants(route.path.includes(':'))) {
          const url = query ? `${path}?${query}` : path;
          const res = await (http() as any)[route.method](url);
          record(exchanges, `${route.method.toUpperCase()} ${url}`, res, [...echoes, ...SEARCH_WORDS.filter((word) => query.includes(word))], route.path);
        }
      }
    }
  });

  test('the router gives the public routes, custom ones included', () => {
    const paths = routes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /api/articles',
        'GET /api/articles/:id',
        'GET /api/articles/:idOrSlug/related',
        'GET /api/articles/:idOrSlug/reprints',
        'GET /api/articles/:idOrSlug/jsonld',
        'GET /api/articles/search',
        'GET /api/related-links',
        'GET /api/timegate/:uri(.*)',
        'GET /api/mementos/:id',
      ]),
    );
    expect(paths).not.toContain('GET /api/takedowns');
    expect(showingVisible(exchanges)).toEqual(
      expect.arrayContaining(['/api/articles', '/api/articles/:id', '/api/articles/:idOrSlug/jsonld', '/api/articles/search', '/api/related-links', '/api/mementos/:id']),
    );
    console.log(`leak matrix, REST: ${routes.length} routes, ${exchanges.length} requests × ${STATES.length} states`);
  });

  test('no request fails with a server error', () => {
    expect(exchanges.filter((exchange) => exchange.status >= 500).map((exchange) => `${exchange.request} → ${exchange.status}`)).toEqual([]);
  });

  test.each(STATES)('no response carries the %s state', (state) => {
    expect(leaks(exchanges, state)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// GraphQL: every root query, with every object field of what it returns

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Field {
  name: string;
  args: { name: string; type: TypeRef; defaultValue: string | null }[];
  type: TypeRef;
}
interface FullType {
  name: string;
  kind: string;
  fields: Field[] | null;
}

const named = (type: TypeRef): TypeRef => (type.ofType ? named(type.ofType) : type);
const required = (type: TypeRef) => type.kind === 'NON_NULL';

describe('GraphQL: every root query and relation field', () => {
  const exchanges: Exchange[] = [];
  const relationFields = new Set<string>();
  let rootFields: string[] = [];

  beforeAll(async () => {
    // From the schema the plugin builds (an introspection over HTTP is deeper than the depth limit).
    const schema = introspectionFromSchema(app.plugin('graphql').service('content-api').buildSchema()).__schema as any;
    const types = new Map<string, FullType>(schema.types.map((type: FullType) => [type.name, type]));
    const kindOf = (type: TypeRef) => types.get(named(type).name!)?.kind;
    const isObject = (type: TypeRef) => kindOf(type) === 'OBJECT';
    const isLeaf = (type: TypeRef) => kindOf(type) === 'SCALAR' || kindOf(type) === 'ENUM';
    const scalars = (typeName: string) =>
      (types.get(typeName)?.fields ?? []).filter((field) => isLeaf(field.type) && !field.args.some((arg) => required(arg.type) && arg.defaultValue === null)).map((field) => field.name);
    // Pages of 10 hold every row of the fixture and keep each query within the cost limit.
    const pagination = (field: Field) => (field.args.some((arg) => arg.name === 'pagination') ? '(pagination: { limit: 10 })' : '');
    /**
     * The leaves of a type and its object fields, `depth` relations deep: two below a root field,
     * so every relation field of what a root returns is read with the relation fields of its rows.
     * A connection's `nodes` and `pageInfo` are no relation and take no level.
     */
    const isWrapper = (field: Field) => field.name === 'nodes' || field.name === 'pageInfo';
    /** `only`: of the relation fields at the first level, this one alone (through a connection's nodes). */
    const selection = (typeName: string, depth: number, only?: string): string => {
      const parts = scalars(typeName);
      for (const field of types.get(typeName)?.fields ?? []) {
        if (!isObject(field.type)) continue;
        if (field.args.some((arg) => required(arg.type) && arg.defaultValue === null)) continue;
        const wrapper = isWrapper(field);
        if (!wrapper && only !== undefined && field.name !== only) continue;
        if (!wrapper && depth === 0) continue;
        if (!wrapper) relationFields.add(`${typeName}.${field.name}`);
        const inner = selection(named(field.type).name!, wrapper ? depth : depth - 1, wrapper ? only : undefined);
        if (inner) parts.push(`${field.name}${pagination(field)} { ${inner} }`);
      }
      return parts.join(' ');
    };
    /** The relation fields at the first level of a type, seen through a connection's nodes. */
    const firstRelations = (typeName: string): string[] =>
      (types.get(typeName)?.fields ?? []).filter((f) => isObject(f.type)).flatMap((f) => (isWrapper(f) ? firstRelations(named(f.type).name!) : [f.name]));

    const argValues = (name: string, fieldName: string): string[] => {
      if (name === 'url') return bag.urls;
      if (name === 'documentId' || name === 'idOrSlug' || name === 'id') return bag.ids;
      if (name === 'q' || name === 'query') return SEARCH_WORDS;
      throw new Error(`no fixture value for the required argument ${name} of Query.${fieldName}: add one to the bag`);
    };

    const query = types.get(schema.queryType.name)!;
    rootFields = (query.fields ?? []).map((field) => field.name);
    for (const field of query.fields ?? []) {
      const returns = named(field.type).name!;
      const requiredArgs = field.args.filter((arg) => required(arg.type) && arg.defaultValue === null);
      if (requiredArgs.length > 1) throw new Error(`Query.${field.name} takes ${requiredArgs.length} required arguments: teach the matrix to fill them`);
      // A list's rows multiply the cost of its selection: one query per object field of its rows.
      const list = field.args.some((arg) => arg.name === 'pagination');
      const selects = !isObject(field.type) ? [''] : list ? [...new Set(firstRelations(returns))].map((only) => ` { ${selection(returns, 2, only)} }`) : [` { ${selection(returns, 2)} }`];
      const statuses = field.args.some((arg) => arg.name === 'status') ? ['', 'status: DRAFT'] : [''];
      const values = requiredArgs.length === 1 ? argValues(requiredArgs[0].name, field.name) : [null];
      for (const value of values) {
        for (const status of statuses) {
          for (const select of selects) {
            const args = [value === null ? '' : `${requiredArgs[0].name}: ${JSON.stringify(value)}`, status, pagination(field).slice(1, -1)].filter(Boolean);
            const text = `{ ${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${select} }`;
            const res = await http().post('/graphql').send({ query: text });
            record(exchanges, text, res, value === null ? [] : [value], field.name);
          }
        }
      }
    }
  });

  test('the schema gives the root queries and relation fields, custom ones included', () => {
    expect(rootFields).toEqual(expect.arrayContaining(['articles', 'article', 'relatedLinks', 'relatedArticles', 'searchArticles', 'reprints', 'capturesByUrl']));
    expect([...relationFields]).toEqual(expect.arrayContaining(['Article.relatedLinks', 'Article.captures', 'RelatedLink.article', 'RelatedLink.target']));
    expect(showingVisible(exchanges)).toEqual(expect.arrayContaining(['articles', 'article', 'articles_connection', 'relatedLinks', 'relatedArticles', 'searchArticles']));
  });

  test('every query the matrix builds is valid and within the cost limit', () => {
    // Refusals are expected (drafts, private types, unknown ids); a query built wrong is not.
    const malformed = exchanges.flatMap((exchange) => exchange.graphqlErrors.filter((message) => /Cannot query field|Unknown argument|Expected type|exceeds|cost/i.test(message)).map((message) => `${exchange.request} → ${message}`));
    expect(malformed).toEqual([]);
    console.log(`leak matrix, GraphQL: ${rootFields.length} root fields and ${relationFields.size} relation fields, ${exchanges.length} requests × ${STATES.length} states`);
  });

  test('no request fails with a server error', () => {
    expect(exchanges.filter((exchange) => exchange.status >= 500).map((exchange) => `${exchange.request} → ${exchange.status}`)).toEqual([]);
  });

  test.each(STATES)('no response carries the %s state', (state) => {
    expect(leaks(exchanges, state)).toEqual([]);
  });
});
