'use strict';
/**
 * Slugs unique in the database, not only by the allocator's look-up (src/write-path/slugs.ts):
 * two writers choosing the same free slug at the same moment collide here, and the later one
 * retries with the next suffix. An article has a draft and a published row with the same slug,
 * so its index covers the draft rows (every document has exactly one).
 *
 * Idempotent (IF NOT EXISTS, on SQLite and PostgreSQL alike) and skipped for a table that does
 * not exist yet: Strapi runs migrations before it creates the tables, so the same function is
 * also called at every bootstrap (src/write-path/slugs.ts), which covers a new database.
 */
const SLUG_INDEXES = [
  { table: 'articles', name: 'articles_slug_draft_unique', where: 'published_at IS NULL' },
  { table: 'categories', name: 'categories_slug_unique' },
  { table: 'sources', name: 'sources_slug_unique' },
];

async function ensureUniqueSlugIndexes(knex) {
  for (const { table, name, where } of SLUG_INDEXES) {
    if (!(await knex.schema.hasTable(table))) continue;
    await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${name} ON ${table} (slug)${where ? ` WHERE ${where}` : ''}`);
  }
}

module.exports = { up: ensureUniqueSlugIndexes, ensureUniqueSlugIndexes, SLUG_INDEXES };
