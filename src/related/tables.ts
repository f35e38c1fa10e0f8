import type { Core } from '@strapi/strapi';

/**
 * The related-articles index lives in the database, shared by every instance behind one
 * PostgreSQL. These are plain tables, not content types: they never appear in the admin or the
 * API, and Strapi's schema sync leaves tables it never created alone.
 */
export const TABLES = {
  /** One row per published article in the index: what it was indexed from. */
  documents: 'related_index_documents',
  /** Key terms per article (the inverted index): weight and a keyword-in-context excerpt. */
  terms: 'related_index_terms',
  /** How many indexed articles contain each term; the row with the empty term counts the articles. */
  frequencies: 'related_index_frequencies',
  /** Each article's ranked computed-related list, precomputed so a read is one indexed lookup. */
  lists: 'related_index_lists',
} as const;

/** The key under which `frequencies` counts the indexed articles themselves. */
export const ARTICLE_COUNT_TERM = '';

type Knex = Core.Strapi['db']['connection'];

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
  await createIfMissing(knex, TABLES.documents, (table) => {
    table.string('document_id', 64).primary();
    table.integer('category_id').nullable();
    /** ISO time the article was published (or captured); '' when unknown, so it sorts last everywhere. */
    table.string('date', 32).notNullable().defaultTo('');
    table.string('fingerprint', 128).notNullable();
    /** Every distinct term (JSON array), so unindexing can lower the frequencies it raised. */
    table.text('terms').notNullable();
    /** Length and weakest score of the article's list: whether a new article gets in, without reading the list. */
    table.integer('list_size').notNullable().defaultTo(0);
    table.double('list_floor').notNullable().defaultTo(0);
  });
  await createIfMissing(knex, TABLES.terms, (table) => {
    table.string('document_id', 64).notNullable();
    table.string('term', 191).notNullable();
    table.double('weight').notNullable();
    table.text('context').notNullable();
    table.primary(['document_id', 'term']);
    table.index(['term'], `${TABLES.terms}_term_idx`);
  });
  await createIfMissing(knex, TABLES.frequencies, (table) => {
    table.string('term', 191).primary();
    table.integer('frequency').notNullable();
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
}
