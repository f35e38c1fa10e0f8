/**
 * The queries over the related-articles index tables (tables.ts). Every function takes the knex
 * handle to use, so the write path runs them inside its transaction and the read path outside.
 */
import type { Core } from '@strapi/strapi';
import { ARTICLE_COUNT_TERM, TABLES } from './tables';

export type Knex = Core.Strapi['db']['connection'];

/** SQLite and PostgreSQL allow this many bound values per statement with room to spare. */
const CHUNK = 400;

export interface IndexedTerm {
  term: string;
  weight: number;
  context: string;
}

export interface IndexedDocument {
  documentId: string;
  categoryId: number | null;
  date: string;
  fingerprint: string;
  terms: string[];
}

export interface ListRow {
  documentId: string;
  relatedDocumentId: string;
  score: number;
  sameCategory: boolean;
  date: string;
  term: string;
  excerpt: string;
}

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Raw results come back as an array from SQLite and as `{ rows }` from PostgreSQL. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

export async function findIndexedDocument(knex: Knex, documentId: string): Promise<IndexedDocument | null> {
  const row = await knex(TABLES.documents).where({ document_id: documentId }).first();
  if (!row) return null;
  return {
    documentId: row.document_id,
    categoryId: row.category_id ?? null,
    date: row.date,
    fingerprint: row.fingerprint,
    terms: JSON.parse(row.terms),
  };
}

/**
 * Counts one more indexed article containing each term, and the article itself; returns the
 * frequencies after the count and the number of indexed articles (one statement per batch).
 */
export async function addToFrequencies(knex: Knex, terms: readonly string[]): Promise<{ frequency: Map<string, number>; total: number }> {
  const column = `${TABLES.frequencies}.frequency`;
  const frequency = new Map<string, number>();
  for (const batch of chunks([ARTICLE_COUNT_TERM, ...terms])) {
    const rows = await knex(TABLES.frequencies)
      .insert(batch.map((term) => ({ term, frequency: 1 })))
      .onConflict('term')
      .merge({ frequency: knex.raw('?? + 1', [column]) })
      .returning(['term', 'frequency']);
    for (const row of rows as { term: string; frequency: number }[]) frequency.set(row.term, Number(row.frequency));
  }
  const total = frequency.get(ARTICLE_COUNT_TERM) ?? 0;
  frequency.delete(ARTICLE_COUNT_TERM);
  return { frequency, total };
}

export async function removeFromFrequencies(knex: Knex, terms: readonly string[]): Promise<void> {
  for (const batch of chunks([ARTICLE_COUNT_TERM, ...terms])) {
    await knex(TABLES.frequencies).whereIn('term', batch).decrement('frequency', 1);
    await knex(TABLES.frequencies).whereIn('term', batch).where('frequency', '<=', 0).delete();
  }
}

export async function insertIndexedDocument(knex: Knex, document: IndexedDocument, keyTerms: readonly IndexedTerm[]): Promise<void> {
  await knex(TABLES.documents).insert({
    document_id: document.documentId,
    category_id: document.categoryId,
    date: document.date,
    fingerprint: document.fingerprint,
    terms: JSON.stringify(document.terms),
  });
  for (const batch of chunks(keyTerms, 100)) {
    await knex(TABLES.terms).insert(batch.map(({ term, weight, context }) => ({ document_id: document.documentId, term, weight, context })));
  }
}

export async function deleteIndexedDocument(knex: Knex, documentId: string): Promise<void> {
  await knex(TABLES.terms).where({ document_id: documentId }).delete();
  await knex(TABLES.documents).where({ document_id: documentId }).delete();
}

export async function readKeyTerms(knex: Knex, documentId: string): Promise<IndexedTerm[]> {
  const rows = await knex(TABLES.terms).where({ document_id: documentId }).select('term', 'weight', 'context');
  return rows.map((row: any) => ({ term: row.term, weight: Number(row.weight), context: row.context }));
}

export interface Candidate {
  documentId: string;
  /** Sum of weight products over shared terms: the cosine, as core/relatedness similarity() computes it. */
  score: number;
  categoryId: number | null;
  date: string;
  listSize: number;
  listFloor: number;
}

/**
 * The indexed articles sharing key terms with `terms`, strongest overlap first: one aggregate
 * over the inverted index. `categoryId` restricts them to one category.
 */
export async function findCandidates(
  knex: Knex,
  terms: readonly { term: string; weight: number }[],
  options: { exclude: string; limit: number; categoryId?: number },
): Promise<Candidate[]> {
  if (terms.length === 0) return [];
  // IN (...) lets both databases walk the term index; CASE gives each term the subject's weight
  // (cast: PostgreSQL cannot infer the type of a bare bound value there).
  const weightOf = `CASE t.term ${terms.map(() => 'WHEN ? THEN CAST(? AS DOUBLE PRECISION)').join(' ')} END`;
  const bindings: unknown[] = terms.flatMap(({ term, weight }) => [term, weight]);
  bindings.push(...terms.map(({ term }) => term), options.exclude);
  const byCategory = options.categoryId === undefined ? '' : 'WHERE d.category_id = ?';
  if (options.categoryId !== undefined) bindings.push(options.categoryId);
  bindings.push(options.limit);
  const result = await knex.raw(
    `SELECT d.document_id, s.score, d.category_id, d.date, d.list_size, d.list_floor
       FROM (SELECT t.document_id, SUM(t.weight * ${weightOf}) AS score
               FROM ${TABLES.terms} t
              WHERE t.term IN (${terms.map(() => '?').join(', ')}) AND t.document_id <> ?
              GROUP BY t.document_id) s
       JOIN ${TABLES.documents} d ON d.document_id = s.document_id
       ${byCategory}
      ORDER BY s.score DESC, d.document_id
      LIMIT ?`,
    bindings,
  );
  return rowsOf<any>(result).map((row) => ({
    documentId: row.document_id,
    score: Number(row.score),
    categoryId: row.category_id ?? null,
    date: row.date,
    listSize: Number(row.list_size),
    listFloor: Number(row.list_floor),
  }));
}

/** The key terms of several articles, restricted to the given terms. */
export async function readPostings(knex: Knex, documentIds: readonly string[], terms: readonly string[]): Promise<Map<string, IndexedTerm[]>> {
  const postings = new Map<string, IndexedTerm[]>();
  if (terms.length === 0) return postings;
  for (const ids of chunks(documentIds, 200)) {
    const rows = await knex(TABLES.terms).whereIn('document_id', ids).whereIn('term', terms).select('document_id', 'term', 'weight', 'context');
    for (const row of rows) {
      const list = postings.get(row.document_id) ?? [];
      list.push({ term: row.term, weight: Number(row.weight), context: row.context });
      postings.set(row.document_id, list);
    }
  }
  return postings;
}

const toListRecord = (row: ListRow) => ({
  document_id: row.documentId,
  related_document_id: row.relatedDocumentId,
  score: row.score,
  same_category: row.sameCategory ? 1 : 0,
  date: row.date,
  term: row.term,
  excerpt: row.excerpt,
});

export async function insertListRows(knex: Knex, rows: readonly ListRow[]): Promise<void> {
  // SQLite takes at most 500 rows per multi-row insert.
  for (const batch of chunks(rows, 100)) await knex(TABLES.lists).insert(batch.map(toListRecord));
}

export async function replaceList(knex: Knex, documentId: string, rows: readonly ListRow[]): Promise<void> {
  await knex(TABLES.lists).where({ document_id: documentId }).delete();
  await insertListRows(knex, rows);
}

/** Records the length and weakest score of the given articles' lists (see tables.ts). */
export async function updateListFloors(knex: Knex, documentIds: readonly string[]): Promise<void> {
  for (const ids of chunks([...new Set(documentIds)])) {
    const marks = ids.map(() => '?').join(', ');
    await knex.raw(
      `UPDATE ${TABLES.documents}
          SET list_size = (SELECT COUNT(*) FROM ${TABLES.lists} l WHERE l.document_id = ${TABLES.documents}.document_id),
              list_floor = COALESCE((SELECT MIN(l.score) FROM ${TABLES.lists} l WHERE l.document_id = ${TABLES.documents}.document_id), 0)
        WHERE document_id IN (${marks})`,
      ids,
    );
  }
}

/** The list order, in SQL: the same as core/relatedness compareCandidates over stored rounded scores. */
export const LIST_ORDER = 'score DESC, same_category DESC, date DESC, related_document_id';

/** Drops the rows beyond `length` from the given lists. */
export async function trimLists(knex: Knex, documentIds: readonly string[], length: number): Promise<void> {
  for (const ids of chunks(documentIds)) {
    const marks = ids.map(() => '?').join(', ');
    await knex.raw(
      `DELETE FROM ${TABLES.lists} WHERE id IN (
         SELECT id FROM (
           SELECT id, ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY ${LIST_ORDER}) AS place
             FROM ${TABLES.lists} WHERE document_id IN (${marks})
         ) ranked WHERE place > ?)`,
      [...ids, length],
    );
  }
}

/** Removes an article from every list, its own included; returns whose lists lost it. */
export async function removeFromLists(knex: Knex, documentId: string): Promise<string[]> {
  await knex(TABLES.lists).where({ document_id: documentId }).delete();
  const owners = await knex(TABLES.lists).where({ related_document_id: documentId }).distinct('document_id');
  await knex(TABLES.lists).where({ related_document_id: documentId }).delete();
  return owners.map((row: { document_id: string }) => row.document_id);
}
