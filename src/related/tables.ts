/**
 * The related-articles index's tables. They live in the database, shared by every instance
 * behind one PostgreSQL; plain tables, not content types: they never appear in the admin or the
 * API, and Strapi's schema sync leaves tables it never created alone.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from '../db/derived-index';
import { createTableIfMissing } from '../db/sql';

export const TABLES = {
  /** One row per published article in the index: what it was indexed from. */
  documents: 'related_index_documents',
  /** Key terms per article (the inverted index): weight, whether a champion of its term, and a keyword-in-context excerpt. */
  postings: 'related_index_postings',
  /** The epoch's document frequencies and champion thresholds, per term (written by reindex only). */
  vocabulary: 'related_index_vocabulary',
  /** Each article's ranked computed-related list, precomputed so a read is one indexed lookup. */
  lists: 'related_index_lists',
  /** Small named values: the epoch, a rebuild's progress. */
  state: 'related_index_state',
} as const;

/** Tables of earlier versions of the index, dropped at bootstrap (a reindex rebuilds what they held). */
const FORMER_TABLES = ['related_index_terms', 'related_index_frequencies'];

type ColumnBuilder = (table: Parameters<Parameters<Knex['schema']['createTable']>[1]>[0], column: string) => unknown;

/** The rest of the last entry's key, beside list_floor (its score): an index of an earlier version lacks them. */
const FLOOR_KEY_COLUMNS: Record<string, ColumnBuilder> = {
  floor_same_category: (table, column) => table.integer(column).notNullable().defaultTo(0),
  floor_date: (table, column) => table.string(column, 32).notNullable().defaultTo(''),
  floor_document_id: (table, column) => table.string(column, 64).notNullable().defaultTo(''),
};

/** The document id of a term's last champion, which cuts ties at the threshold weight: an index of an earlier version lacks it. */
const THRESHOLD_COLUMNS: Record<string, ColumnBuilder> = {
  threshold_document_id: (table, column) => table.string(column, 64).notNullable().defaultTo(''),
};

/**
 * Adds columns a table of an earlier version lacks; the caller fills them. Tolerates another
 * instance adding them at the same moment.
 */
async function addMissingColumns(knex: Knex, name: string, columns: Record<string, ColumnBuilder>): Promise<string[]> {
  const missing: string[] = [];
  for (const column of Object.keys(columns)) if (!(await knex.schema.hasColumn(name, column))) missing.push(column);
  for (const column of missing) {
    try {
      await knex.schema.alterTable(name, (table) => {
        columns[column](table, column);
      });
    } catch (error) {
      if (!(await knex.schema.hasColumn(name, column))) throw error;
    }
  }
  return missing;
}

/** What an index of an earlier version lacked and ensureRelatedTables added: the caller fills it in (index.ts). */
export interface AddedColumns {
  listFloorKeys: boolean;
  thresholdDocuments: boolean;
}

export async function ensureRelatedTables(strapi: Core.Strapi): Promise<AddedColumns> {
  const knex = strapi.db.connection;
  for (const name of FORMER_TABLES) {
    if (await knex.schema.hasTable(name)) {
      await knex.schema.dropTableIfExists(name);
      // The documents table of that version lacks the epoch: rebuilt from scratch.
      await knex.schema.dropTableIfExists(TABLES.documents);
      await knex.schema.dropTableIfExists(TABLES.lists);
    }
  }
  await createTableIfMissing(knex, TABLES.documents, (table) => {
    table.string('document_id', 64).primary();
    table.integer('category_id').nullable();
    /** ISO time the article was published (or captured); '' when unknown, so it sorts last everywhere. */
    table.string('date', 32).notNullable().defaultTo('');
    /** Of the text, category, date and epoch indexed: a write that changes none of them costs nothing. */
    table.string('fingerprint', 128).notNullable();
    /**
     * Length of the article's list and the key of its last entry (LIST_ORDER): whether a new
     * neighbour gets in, without reading the list.
     */
    table.integer('list_size').notNullable().defaultTo(0);
    table.double('list_floor').notNullable().defaultTo(0);
    for (const [column, build] of Object.entries(FLOOR_KEY_COLUMNS)) build(table, column);
  });
  await createTableIfMissing(knex, TABLES.postings, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('term', 191).notNullable();
    table.double('weight').notNullable();
    /** 1 when weight reaches the term's champion threshold: only champion postings relate articles. */
    table.integer('champion').notNullable();
    table.text('context').notNullable();
    table.primary(['document_id', 'term']);
    table.index(['term', 'champion'], `${TABLES.postings}_term_idx`);
  });
  await createTableIfMissing(knex, TABLES.vocabulary, (table) => {
    table.string('term', 191).primary();
    table.integer('frequency').notNullable();
    table.double('threshold').notNullable();
    for (const [column, build] of Object.entries(THRESHOLD_COLUMNS)) build(table, column);
  });
  await createTableIfMissing(knex, TABLES.lists, (table) => {
    table.increments('id');
    table.string('document_id', 64).notNullable();
    table.string('related_document_id', 64).notNullable();
    table.double('score').notNullable();
    table.integer('same_category').notNullable();
    table.string('date', 32).notNullable();
    table.string('term', 191).notNullable();
    table.text('excerpt').notNullable();
    table.index(['document_id', 'score'], `${TABLES.lists}_document_idx`);
    table.index(['related_document_id'], `${TABLES.lists}_related_idx`);
  });
  await createTableIfMissing(knex, TABLES.state, (table) => {
    table.string('name', 64).primary();
    table.text('value').notNullable();
  });
  return {
    listFloorKeys: (await addMissingColumns(knex, TABLES.documents, FLOOR_KEY_COLUMNS)).length > 0,
    thresholdDocuments: (await addMissingColumns(knex, TABLES.vocabulary, THRESHOLD_COLUMNS)).length > 0,
  };
}
