/**
 * The related-articles index's tables. They live in the database, shared by every instance
 * behind one PostgreSQL; plain tables, not content types: they never appear in the admin or the
 * API, and Strapi's schema sync leaves tables it never created alone.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from '../indexes/derived-index';

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

async function createIfMissing(knex: Knex, name: string, build: Parameters<Knex['schema']['createTable']>[1]): Promise<void> {
  if (await knex.schema.hasTable(name)) return;
  try {
    await knex.schema.createTable(name, build);
  } catch (error) {
    // Another instance booting at the same moment created it first.
    if (!(await knex.schema.hasTable(name))) throw error;
  }
}

export async function ensureRelatedTables(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  for (const name of FORMER_TABLES) {
    if (await knex.schema.hasTable(name)) {
      await knex.schema.dropTableIfExists(name);
      // The documents table of that version lacks the epoch: rebuilt from scratch.
      await knex.schema.dropTableIfExists(TABLES.documents);
      await knex.schema.dropTableIfExists(TABLES.lists);
    }
  }
  await createIfMissing(knex, TABLES.documents, (table) => {
    table.string('document_id', 64).primary();
    table.integer('category_id').nullable();
    /** ISO time the article was published (or captured); '' when unknown, so it sorts last everywhere. */
    table.string('date', 32).notNullable().defaultTo('');
    /** Of the text, category, date and epoch indexed: a write that changes none of them costs nothing. */
    table.string('fingerprint', 128).notNullable();
    /** Length and weakest score of the article's list: whether a new neighbour gets in, without reading the list. */
    table.integer('list_size').notNullable().defaultTo(0);
    table.double('list_floor').notNullable().defaultTo(0);
  });
  await createIfMissing(knex, TABLES.postings, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('term', 191).notNullable();
    table.double('weight').notNullable();
    /** 1 when weight reaches the term's champion threshold: only champion postings relate articles. */
    table.integer('champion').notNullable();
    table.text('context').notNullable();
    table.primary(['document_id', 'term']);
    table.index(['term', 'champion'], `${TABLES.postings}_term_idx`);
  });
  await createIfMissing(knex, TABLES.vocabulary, (table) => {
    table.string('term', 191).primary();
    table.integer('frequency').notNullable();
    table.double('threshold').notNullable();
  });
  await createIfMissing(knex, TABLES.lists, (table) => {
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
  await createIfMissing(knex, TABLES.state, (table) => {
    table.string('name', 64).primary();
    table.text('value').notNullable();
  });
}
