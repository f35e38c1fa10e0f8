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
];

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
}
