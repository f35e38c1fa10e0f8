/**
 * Malformed filters are the client's mistake: 400, never 500, and never slow. Filter trees are
 * generated from each public content type's schema (its attributes, its relations into their
 * targets, `$and`/`$or`/`$not`), with operators real and made up and values of every shape, and
 * sent as REST query strings and as GraphQL `filters` variables. A fixed seed and a bounded number
 * of runs: a failure names the request, and reruns the same way. FUZZ_SEED and FUZZ_RUNS explore
 * further by hand (`FUZZ_SEED=7 FUZZ_RUNS=500 npx jest tests/security/filter-fuzz.test.ts`).
 */
import fc from 'fast-check';
import qs from 'qs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { writeArchive } from '../helpers/archive';
import { PUBLIC_ACTIONS } from '../../src/security/public-permissions';

let app: Core.Strapi;
const http = () => request(app.server.httpServer);

beforeAll(async () => {
  app = await startStrapi();
  await writeArchive(app);
});
afterAll(async () => stopStrapi(app));

const SEED = Number(process.env.FUZZ_SEED ?? 20240503);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
/** The slowest a refusal or an answer on this small archive may take. */
const MAX_MS = 2000;

interface Attribute {
  type: string;
  target?: string;
  component?: string;
  private?: boolean;
}

const OPERATORS = [
  'eq', 'eqi', 'ne', 'nei', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'contains', 'notContains', 'containsi', 'notContainsi',
  'null', 'notNull', 'between', 'startsWith', 'startsWithi', 'endsWith', 'endsWithi',
];

/** Values of every shape a client may send: well-formed ones for the attribute's type, and not. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '秘', '2024-05-03', '2024-05-03T00:45:09.000Z', 'not a date', '1e999', '-1', 'true', 'null', '%', '_', '\\'),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('$eq', 'eq', 'x', '0'), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

/** A filter tree on `uid`, `style` '$' (REST) or '' (GraphQL), at most `depth` levels of nesting. */
function filtersOn(uid: string, style: '$' | '', depth: number): fc.Arbitrary<Record<string, unknown>> {
  const schema = (app.contentTypes as any)[uid] ?? (app.components as any)[uid];
  const attributes = Object.entries(schema.attributes as Record<string, Attribute>).filter(([name]) => name !== 'localizations');
  const operator = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...OPERATORS).map((op) => `${style}${op}`) },
    { weight: 1, arbitrary: fc.constantFrom(`${style}nope`, 'eq', '$eq', `${style}and`, `${style}not`) },
  );
  const condition = fc.dictionary(operator, anyValue, { minKeys: 1, maxKeys: 2 });
  const onAttribute = fc.constantFrom(...attributes).chain(([name, attribute]): fc.Arbitrary<Record<string, unknown>> => {
    const target = attribute.type === 'relation' ? attribute.target : attribute.type === 'component' ? attribute.component : undefined;
    if (target && depth > 0) return fc.oneof(filtersOn(target, style, depth - 1), condition).map((inner) => ({ [name]: inner }));
    return fc.oneof({ weight: 4, arbitrary: condition }, { weight: 1, arbitrary: anyValue }).map((inner) => ({ [name]: inner }));
  });
  if (depth === 0) return onAttribute;
  const nested = filtersOn(uid, style, depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: onAttribute },
    { weight: 1, arbitrary: fc.array(nested, { maxLength: 3 }).map((items) => ({ [`${style}and`]: items })) },
    { weight: 1, arbitrary: fc.array(nested, { maxLength: 3 }).map((items) => ({ [`${style}or`]: items })) },
    { weight: 1, arbitrary: nested.map((inner) => ({ [`${style}not`]: inner })) },
    { weight: 1, arbitrary: fc.tuple(onAttribute, onAttribute).map(([a, b]) => ({ ...a, ...b })) },
  );
}

/** The content types the Public role may list, with their REST path and GraphQL names. */
function publicTypes(): { uid: string; plural: string; field: string; filtersType: string }[] {
  const { naming } = app.plugin('graphql').service('utils');
  return Object.entries(app.contentTypes)
    .filter(([uid]) => uid.startsWith('api::') && (PUBLIC_ACTIONS as readonly string[]).includes(`${uid}.find`))
    .map(([uid, schema]: [string, any]) => ({
      uid,
      plural: schema.info.pluralName,
      field: naming.getFindQueryName(schema),
      filtersType: naming.getFiltersInputTypeName(schema),
    }));
}

async function timed(run: () => PromiseLike<request.Response>): Promise<[request.Response, number]> {
  const started = Date.now();
  const res = await run();
  return [res, Date.now() - started];
}

test('the public types to fuzz come from the schemas', () => {
  expect(publicTypes().map((type) => type.plural).sort()).toEqual(['articles', 'categories', 'related-links', 'sources']);
});

test('REST: generated filters answer below 500, in bounded time', async () => {
  const types = publicTypes();
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...types).chain((type) => fc.tuple(fc.constant(type), filtersOn(type.uid, '$', 3))),
      async ([type, filters]) => {
        const query = qs.stringify({ filters }, { encodeValuesOnly: true });
        const [res, ms] = await timed(() => http().get(`/api/${type.plural}?${query}`));
        statuses.add(res.status);
        if (res.status >= 500 || ms > MAX_MS) throw new Error(`GET /api/${type.plural}?${decodeURIComponent(query)} → ${res.status} in ${ms} ms: ${JSON.stringify(res.body)}`);
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  // The trees reach both sides: answered, and refused as the client's mistake.
  expect([...statuses].sort()).toEqual([200, 400]);
});

test('GraphQL: generated filters answer below 500 and without an internal error, in bounded time', async () => {
  const types = publicTypes();
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...types).chain((type) => fc.tuple(fc.constant(type), filtersOn(type.uid, '', 3))),
      async ([type, filters]) => {
        const query = `query($f: ${type.filtersType}) { ${type.field}(filters: $f) { documentId } }`;
        const [res, ms] = await timed(() => http().post('/graphql').send({ query, variables: { f: filters } }));
        const internal = (res.body.errors ?? []).some((error: any) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
        if (res.body.data) answered += 1;
        if (res.status >= 500 || internal || ms > MAX_MS) {
          throw new Error(`${query} with ${JSON.stringify(filters)} → ${res.status} in ${ms} ms: ${JSON.stringify(res.body)}`);
        }
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  expect(answered).toBeGreaterThan(RUNS / 10);
});
