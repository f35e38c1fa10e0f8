/**
 * Slugs unique in the database (database/migrations): two writers choosing the same slug at once
 * cannot both store it, and the later one retries with the next free slug.
 */
import type { Core } from '@strapi/strapi';
import { baseUrl, createFullAccessToken, startStrapi, stopStrapi } from '../helpers/strapi';
import { ensureUniqueSlugIndexes } from '../../src/write-path/slugs';

let app: Core.Strapi;
let token: string;

beforeAll(async () => {
  app = await startStrapi();
  token = await createFullAccessToken(app);
  // Concurrent requests need a listening server (supertest opens and closes one per request).
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await stopStrapi(app);
});

async function uniqueSlugIndexes(): Promise<string[]> {
  const knex = app.db.connection;
  if (app.db.dialect.client === 'postgres') {
    const { rows } = (await knex.raw(`SELECT indexname FROM pg_indexes WHERE indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname LIKE '%slug%'`)) as {
      rows: { indexname: string }[];
    };
    return rows.map((row) => row.indexname).sort();
  }
  const rows = (await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE INDEX%' AND name LIKE '%slug%'`)) as {
    name: string;
  }[];
  return rows.map((row) => row.name).sort();
}

test('Article, Category and Source have a unique slug index, and creating them again changes nothing', async () => {
  await ensureUniqueSlugIndexes(app);
  expect(await uniqueSlugIndexes()).toEqual(['articles_slug_draft_unique', 'categories_slug_unique', 'sources_slug_unique']);
});

test('the database refuses a second category with a taken slug', async () => {
  await app.documents('api::category.category').create({ data: { name: '国内' } as any });
  const row = await app.db.query('api::category.category').findOne({ where: { name: '国内' } });
  // Read the refusal as text: after another test file, jest's toThrow does not take better-sqlite3's
  // error class (loaded once per process) for an Error.
  const refusal = await app.db.connection('categories').insert({ document_id: 'x'.repeat(24), name: '另一个', slug: row.slug }).then(
    () => null,
    (error: unknown) => String(error),
  );
  expect(refusal).toMatch(/UNIQUE constraint failed: categories\.slug|categories_slug_unique/);
});

test('six concurrent creates of one title all succeed, each with its own slug', async () => {
  const title = '同题并发写入';
  const answers = await Promise.all(
    Array.from({ length: 6 }, () =>
      fetch(`${baseUrl(app)}/api/articles`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { title } }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { data: { slug: string } } })),
    ),
  );
  expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201, 201, 201]);
  const slugs = answers.map((res) => res.body.data.slug as string).sort();
  expect(slugs).toEqual(['tong-ti-bing-fa-xie-ru', 'tong-ti-bing-fa-xie-ru-2', 'tong-ti-bing-fa-xie-ru-3', 'tong-ti-bing-fa-xie-ru-4', 'tong-ti-bing-fa-xie-ru-5', 'tong-ti-bing-fa-xie-ru-6']);
});
