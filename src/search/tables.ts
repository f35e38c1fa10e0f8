/**
 * The search index's tables. Plain tables (not content types), so they never appear in the admin
 * or the API, and Strapi's schema sync leaves them alone. Each database gets its own full-text
 * structure over the same pre-segmented tokens (core/search-terms.ts), because neither parses
 * Chinese itself: PostgreSQL a `tsvector` column with a GIN index, SQLite an FTS5 table whose
 * rowid is the document row's id.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';

export type Dialect = 'postgres' | 'sqlite';

export const SEARCH_TABLES = {
  /** One row per searchable article: filters, sort date, normalised text (for phrases), what it was indexed from. */
  documents: 'search_index_documents',
  /** SQLite only: the FTS5 table of title and body tokens. */
  tokens: 'search_index_tokens',
  /** SQLite only: the FTS5 table of each document's pairs of neighbouring letters (fragment look-up). */
  pairs: 'search_index_pairs',
  /** One row: how many entries the index holds and their summed length, BM25's statistics, kept by every write. */
  totals: 'search_index_totals',
} as const;

export function dialectOf(strapi: Core.Strapi): Dialect {
  const client = strapi.db.dialect.client;
  if (client === 'postgres' || client === 'sqlite') return client;
  throw new Error(`search supports PostgreSQL and SQLite, not ${client}`);
}

const POSTGRES = [
  `CREATE TABLE IF NOT EXISTS ${SEARCH_TABLES.documents} (
     document_id varchar(64) PRIMARY KEY,
     category_id integer,
     source_id integer,
     date varchar(32) NOT NULL DEFAULT '',
     fingerprint varchar(64) NOT NULL,
     text text NOT NULL,
     vector tsvector NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS ${SEARCH_TABLES.documents}_vector_idx ON ${SEARCH_TABLES.documents} USING GIN (vector)`,
  // Fragment look-up (core/search-terms fragmentOf): the letters, and their pairs as a vector.
  `ALTER TABLE ${SEARCH_TABLES.documents} ADD COLUMN IF NOT EXISTS letters text NOT NULL DEFAULT ''`,
  `ALTER TABLE ${SEARCH_TABLES.documents} ADD COLUMN IF NOT EXISTS pairs tsvector NOT NULL DEFAULT ''::tsvector`,
  `CREATE INDEX IF NOT EXISTS ${SEARCH_TABLES.documents}_pairs_idx ON ${SEARCH_TABLES.documents} USING GIN (pairs)`,
  // BM25's document length (core/ranking.ts).
  `ALTER TABLE ${SEARCH_TABLES.documents} ADD COLUMN IF NOT EXISTS length integer NOT NULL DEFAULT 0`,
];

const SQLITE = [
  `CREATE TABLE IF NOT EXISTS ${SEARCH_TABLES.documents} (
     id integer PRIMARY KEY,
     document_id varchar(64) NOT NULL UNIQUE,
     category_id integer,
     source_id integer,
     date varchar(32) NOT NULL DEFAULT '',
     fingerprint varchar(64) NOT NULL,
     text text NOT NULL
   )`,
  // Tokens arrive separated by spaces; unicode61 splits on nothing else inside a Chinese word.
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${SEARCH_TABLES.tokens} USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${SEARCH_TABLES.pairs} USING fts5(pairs, tokenize = 'unicode61 remove_diacritics 0')`,
];

/**
 * SQLite keeps each entry's text in its row: reading a match's date there reads pages of text.
 * This index holds what ranking reads of every match (queries.ts newestOf), a few bytes each.
 */
const SQLITE_RANK_INDEX = `CREATE INDEX IF NOT EXISTS ${SEARCH_TABLES.documents}_rank ON ${SEARCH_TABLES.documents} (id, date, document_id, length, category_id, source_id)`;

/** A column added after the table's first version, for SQLite, which has no ADD COLUMN IF NOT EXISTS. */
async function addSqliteColumn(knex: Knex, table: string, column: string, definition: string): Promise<void> {
  const columns = (await knex.raw(`PRAGMA table_info(${table})`)) as { name: string }[];
  if (columns.some((row) => row.name === column)) return;
  try {
    await knex.raw(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  } catch (error) {
    // Another instance added it first.
    if (!/duplicate column/i.test(String(error))) throw error;
  }
}

/**
 * The totals row, counted from the entries when it is missing (a new index, or one written before
 * it existed). Several instances may boot at once: the first insert wins, the others change nothing.
 */
async function ensureTotals(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(SEARCH_TABLES.totals))) {
    try {
      await knex.schema.createTable(SEARCH_TABLES.totals, (table) => {
        table.integer('id').primary();
        table.bigInteger('documents').notNullable();
        table.bigInteger('length').notNullable();
      });
    } catch (error) {
      if (!(await knex.schema.hasTable(SEARCH_TABLES.totals))) throw error;
    }
  }
  // Read first: a boot that finds the row writes nothing, so it never waits on an import's write lock (SQLite).
  if (await knex(SEARCH_TABLES.totals).where({ id: 1 }).first('id')) return;
  await knex.raw(
    `INSERT INTO ${SEARCH_TABLES.totals} (id, documents, length) SELECT 1, count(*), coalesce(sum(length), 0) FROM ${SEARCH_TABLES.documents} WHERE true ON CONFLICT (id) DO NOTHING`,
  );
}

/** Idempotent; safe when several instances boot at once against one database. */
export async function ensureSearchTables(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection as Knex;
  for (const statement of dialectOf(strapi) === 'postgres' ? POSTGRES : SQLITE) {
    try {
      await knex.raw(statement);
    } catch (error) {
      // PostgreSQL's IF NOT EXISTS can still lose a race on its catalog; the table is then there.
      if (!(await knex.schema.hasTable(SEARCH_TABLES.documents))) throw error;
    }
  }
  if (dialectOf(strapi) === 'sqlite') {
    await addSqliteColumn(knex, SEARCH_TABLES.documents, 'letters', "text NOT NULL DEFAULT ''");
    await addSqliteColumn(knex, SEARCH_TABLES.documents, 'length', 'integer NOT NULL DEFAULT 0');
    await knex.raw(SQLITE_RANK_INDEX);
  }
  await ensureTotals(knex);
}
