/**
 * A withheld article's headline cannot be probed through a relation: every filter argument whose
 * path reaches an article (REST `filters` and `populate[x][filters]`, GraphQL root and relation-field
 * `filters`), generated from the schemas, finds nothing with the headline of a published article
 * under an enforced takedown, and still finds a visible article's headline the same way.
 *
 * The archive: V (visible) and W (withheld, an enforced `article` takedown), both published, and
 * a curating article C, with related links C→V, C→W, V→V, V→W and W→V (owner → target).
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { PUBLIC_ACTIONS } from '../../src/security/public-permissions';
import { writeSnapshotRecord } from '../helpers/snapshot-record';
import { createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const VISIBLE = '公开稿件';
const WITHHELD = '侵权稿件';
const MAX_STEPS = 3;

let app: Core.Strapi;
const ids = { visible: '', withheld: '', curating: '' };
const http = () => request(app.server.httpServer);
const graphql = async (query: string) => {
  const res = await http().post('/graphql').send({ query });
  if (res.body.errors) throw new Error(`${query} → ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
};

beforeAll(async () => {
  app = await startStrapi();
  const article = async (i: number, title: string) => (await writeSnapshotRecord(app, { ...syntheticRecord(i, 10), title, relatedLinks: [] })).documentId;
  ids.visible = await article(1, `${VISIBLE}：江门产业协同发展`);
  ids.withheld = await article(2, `${WITHHELD}：某报原创报道`);
  ids.curating = await article(3, '策展稿件：区域协调发展观察');
  const links: [string, string][] = [
    [ids.curating, ids.visible],
    [ids.curating, ids.withheld],
    [ids.visible, ids.visible],
    [ids.visible, ids.withheld],
    [ids.withheld, ids.visible],
  ];
  for (const [position, [owner, target]] of links.entries()) {
    await app.documents('api::related-link.related-link').create({ data: { title: `相关链接${position}`, excerpt: '...', position, article: owner, target } as any });
  }
  const token = await createFullAccessToken(app);
  const res = await http()
    .post('/api/takedowns')
    .set('Authorization', `Bearer ${token}`)
    .send({ data: { article: ids.withheld, scope: 'article', requester: '某报社', reason: '未经授权转载' } });
  expect(res.status).toBe(201);
  expect((await http().get(`/api/articles/${ids.withheld}`)).status).toBe(451);
});
afterAll(async () => {
  await stopStrapi(app);
});

// ---------------------------------------------------------------------------------------------
// From the schemas: relations of the API types, filter paths (up to three steps) ending at Article.
type Relation = { name: string; target: string; toMany: boolean };

const relationsOf = (uid: string): Relation[] =>
  Object.entries((app.contentTypes as any)[uid].attributes)
    .filter(([name, attribute]: [string, any]) => attribute.type === 'relation' && name !== 'localizations')
    .map(([name, attribute]: [string, any]) => ({ name, target: attribute.target, toMany: attribute.relation.endsWith('Many') }));

/** Every chain of relation names from `uid` that ends at an article (the empty chain when `uid` is one). */
function pathsToArticle(uid: string, steps = 0): string[][] {
  const here = uid === ARTICLE ? [[]] : [];
  if (steps === MAX_STEPS) return here;
  return [...here, ...relationsOf(uid).flatMap((relation) => pathsToArticle(relation.target, steps + 1).map((rest) => [relation.name, ...rest]))];
}

/** Types the Public role lists (Takedown answers 403 whatever the filter). */
const publicTypes = () => Object.keys(app.contentTypes).filter((uid) => uid.startsWith('api::') && (PUBLIC_ACTIONS as readonly string[]).includes(`${uid}.find`));
const pluralOf = (uid: string) => (app.contentTypes as any)[uid].info.pluralName as string;
const camel = (text: string) => text.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

const restFilter = (path: string[], headline: string) => `${path.map((step) => `[${step}]`).join('')}[title][$startsWith]=${encodeURIComponent(headline)}`;
const graphqlFilter = (path: string[], headline: string) => path.reduceRight((inner, step) => `{${step}:${inner}}`, `{title:{startsWith:"${headline}"}}`);

interface Probe {
  name: string;
  /** How many rows the probe finds with this headline. */
  found: (headline: string) => Promise<number>;
}

const count = (value: unknown): number => (Array.isArray(value) ? value.length : value ? 1 : 0);

function probes(): Probe[] {
  const list: Probe[] = [];
  for (const root of publicTypes()) {
    const plural = pluralOf(root);
    for (const path of pathsToArticle(root)) {
      list.push({
        name: `REST /api/${plural}?filters${restFilter(path, '…')}`,
        found: async (headline) => count((await http().get(`/api/${plural}?filters${restFilter(path, headline)}`).expect(200)).body.data),
      });
      list.push({
        name: `GraphQL { ${camel(plural)}(filters:${graphqlFilter(path, '…')}) }`,
        found: async (headline) => count((await graphql(`{ ${camel(plural)}(filters:${graphqlFilter(path, headline)}, pagination:{pageSize:100}) { documentId } }`))[camel(plural)]),
      });
    }
    for (const relation of relationsOf(root)) {
      for (const path of pathsToArticle(relation.target)) {
        list.push({
          name: `REST /api/${plural}?populate[${relation.name}][filters]${restFilter(path, '…')}`,
          found: async (headline) => {
            const res = await http().get(`/api/${plural}?populate[${relation.name}][filters]${restFilter(path, headline)}&pagination[pageSize]=100`).expect(200);
            return res.body.data.reduce((sum: number, row: any) => sum + count(row[relation.name]), 0);
          },
        });
        // GraphQL takes filter arguments on to-many relation fields only.
        if (!relation.toMany) continue;
        list.push({
          name: `GraphQL { ${camel(plural)} { ${relation.name}(filters:${graphqlFilter(path, '…')}) } }`,
          found: async (headline) => {
            const data = await graphql(`{ ${camel(plural)}(pagination:{pageSize:100}) { ${relation.name}(filters:${graphqlFilter(path, headline)}) { documentId } } }`);
            return data[camel(plural)].reduce((sum: number, row: any) => sum + count(row[relation.name]), 0);
          },
        });
        const connection = `${relation.name}_connection`;
        list.push({
          name: `GraphQL { ${camel(plural)} { ${connection}(filters:${graphqlFilter(path, '…')}) } }`,
          found: async (headline) => {
            const data = await graphql(`{ ${camel(plural)}(pagination:{pageSize:100}) { ${connection}(filters:${graphqlFilter(path, headline)}) { nodes { documentId } } } }`);
            return data[camel(plural)].reduce((sum: number, row: any) => sum + count(row[connection].nodes), 0);
          },
        });
      }
    }
  }
  return list;
}

describe("a withheld article's headline", () => {
  test('the schemas give the relation-field filters to probe, among them articles { relatedLinks(filters:{target:…}) }', () => {
    const names = probes().map((probe) => probe.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'GraphQL { articles { relatedLinks(filters:{target:{title:{startsWith:"…"}}}) } }',
        'GraphQL { articles { relatedLinks(filters:{target:{relatedLinks:{target:{title:{startsWith:"…"}}}}}) } }',
        'GraphQL { articles { relatedLinks_connection(filters:{target:{title:{startsWith:"…"}}}) } }',
        'REST /api/articles?populate[relatedLinks][filters][target][title][$startsWith]=%E2%80%A6',
        'REST /api/related-links?filters[target][title][$startsWith]=%E2%80%A6',
      ]),
    );
  });

  test('is found by no filter reaching an article, while a visible headline is found by every one', async () => {
    const answers: string[] = [];
    for (const probe of probes()) {
      const [visible, withheld] = [await probe.found(VISIBLE), await probe.found(WITHHELD)];
      if (visible === 0 || withheld !== 0) answers.push(`${probe.name}: visible ${visible}, withheld ${withheld}`);
    }
    expect(answers).toEqual([]);
  });
});
