/**
 * The related index's queries: over its own tables (tables.ts), and the reads of Strapi's article
 * tables it is built from (the published text of visible articles: db/visibility.ts keeps drafts
 * and withheld articles out). Every function takes the knex handle to use, so writers run them
 * inside their transaction and reads outside.
 */
import type { Core } from '@strapi/strapi';
import { blocksToParagraphs } from '../core/body';
import type { ArticleText } from '../core/key-terms';
import type { ChampionThreshold, IndexedArticle, ListEntry, Posting, RankedCandidate } from '../core/relatedness';
import type { Knex } from '../db/derived-index';
import { articleTables } from '../db/join-tables';
import { chunks, insertInBatches, rowsOf, selectInChunks } from '../db/sql';
import { isoOfStored } from '../db/time';
import { whereVisible } from '../db/visibility';
import { TABLES } from './tables';

export interface IndexedDocument extends IndexedArticle {
  fingerprint: string;
}

export interface StoredPosting extends Posting {
  champion: boolean;
}

export interface Epoch {
  /** 0 before the first one: no vocabulary, every term as rare as can be. */
  number: number;
  /** How many articles the epoch's frequencies were counted over. */
  articles: number;
}

export interface TermStatistics extends ChampionThreshold {
  frequency: number;
}

const statisticsOf = (row: any): TermStatistics => ({
  frequency: Number(row.frequency),
  threshold: Number(row.threshold),
  thresholdDocumentId: row.threshold_document_id,
});

// ---------------------------------------------------------------------------
// State

export async function readState<T>(knex: Knex, name: string): Promise<T | null> {
  const row = await knex(TABLES.state).where({ name }).first('value');
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeState(knex: Knex, name: string, value: unknown): Promise<void> {
  await knex(TABLES.state).insert({ name, value: JSON.stringify(value) }).onConflict('name').merge();
}

export async function clearState(knex: Knex, name: string): Promise<void> {
  await knex(TABLES.state).where({ name }).delete();
}

export const readEpoch = async (knex: Knex): Promise<Epoch> => (await readState<Epoch>(knex, 'epoch')) ?? { number: 0, articles: 0 };

// ---------------------------------------------------------------------------
// Vocabulary (the epoch's statistics)

export async function readVocabulary(knex: Knex, terms: readonly string[]): Promise<Map<string, TermStatistics>> {
  const rows = await selectInChunks(terms, (batch) => knex(TABLES.vocabulary).whereIn('term', batch).select('term', 'frequency', 'threshold', 'threshold_document_id'));
  return new Map(rows.map((row: any) => [row.term, statisticsOf(row)]));
}

export async function readWholeVocabulary(knex: Knex): Promise<Map<string, TermStatistics>> {
  const rows = await knex(TABLES.vocabulary).select('term', 'frequency', 'threshold', 'threshold_document_id');
  return new Map(rows.map((row: any) => [row.term, statisticsOf(row)]));
}

export async function replaceVocabulary(knex: Knex, frequencies: ReadonlyMap<string, number>): Promise<void> {
  await knex(TABLES.vocabulary).delete();
  await insertInBatches(
    knex,
    TABLES.vocabulary,
    [...frequencies].map(([term, frequency]) => ({ term, frequency, threshold: 0, threshold_document_id: '' })),
  );
}

/**
 * Sets each term's champion threshold from the postings now stored (the weight and document id of
 * the posting ranked `champions`-th by weight then document id; 0 when fewer), and every
 * posting's champion flag from it (core/relatedness.ts isChampion, in SQL). The threshold is then
 * fixed for the epoch rather than "the strongest N now", so that one article's write never pushes
 * another out of a champion list (which would change lists far from it).
 */
export async function takeChampionThresholds(knex: Knex, champions: number): Promise<void> {
  await knex(TABLES.vocabulary).update({ threshold: 0, threshold_document_id: '' });
  await knex.raw(
    `UPDATE ${TABLES.vocabulary} SET threshold = r.weight, threshold_document_id = r.document_id FROM (
       SELECT term, weight, document_id FROM (
         SELECT term, weight, document_id, ROW_NUMBER() OVER (PARTITION BY term ORDER BY weight DESC, document_id) AS place FROM ${TABLES.postings}
       ) ranked WHERE place = ?
     ) r WHERE r.term = ${TABLES.vocabulary}.term`,
    [champions],
  );
  await knex.raw(
    `UPDATE ${TABLES.postings} SET champion = CASE WHEN EXISTS (
       SELECT 1 FROM ${TABLES.vocabulary} v WHERE v.term = ${TABLES.postings}.term
          AND (${TABLES.postings}.weight < v.threshold
               OR (${TABLES.postings}.weight = v.threshold AND ${TABLES.postings}.document_id > v.threshold_document_id))
     ) THEN 0 ELSE 1 END`,
  );
}

/**
 * An index of the layout before thresholds named a document: every posting at a threshold weight
 * was a champion then, so the last of them by document id becomes the threshold's document, which
 * keeps every flag as it is until the next reindex takes a new epoch.
 */
export async function keepTiedChampions(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE ${TABLES.vocabulary} SET threshold_document_id = COALESCE((
       SELECT MAX(p.document_id) FROM ${TABLES.postings} p WHERE p.term = ${TABLES.vocabulary}.term AND p.weight = ${TABLES.vocabulary}.threshold), '')`,
  );
}

// ---------------------------------------------------------------------------
// Documents and postings

const documentOf = (row: any): IndexedDocument => ({
  documentId: row.document_id,
  categoryId: row.category_id ?? null,
  date: row.date,
  fingerprint: row.fingerprint,
});

export async function findIndexedDocuments(knex: Knex, documentIds: readonly string[]): Promise<Map<string, IndexedDocument>> {
  const rows = await selectInChunks(documentIds, (ids) => knex(TABLES.documents).whereIn('document_id', ids).select('document_id', 'category_id', 'date', 'fingerprint'));
  return new Map(rows.map((row: any) => [row.document_id, documentOf(row)]));
}

/** The indexed documents after `after`, in order: the walk of a rebuild and a check. */
export async function indexedDocumentsAfter(knex: Knex, after: string, limit: number): Promise<IndexedDocument[]> {
  const rows = await knex(TABLES.documents).where('document_id', '>', after).orderBy('document_id').limit(limit).select('document_id', 'category_id', 'date', 'fingerprint');
  return rows.map(documentOf);
}

/** How many articles are indexed, counted up to `upTo` (a bounded count, for small-archive rules). */
export async function countIndexed(knex: Knex, upTo: number): Promise<number> {
  const result = await knex.raw(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${TABLES.documents} LIMIT ?) s`, [upTo]);
  return Number(rowsOf<{ n: number }>(result)[0].n);
}

export async function deleteDocuments(knex: Knex, documentIds: readonly string[]): Promise<void> {
  for (const ids of chunks(documentIds)) {
    await knex(TABLES.postings).whereIn('document_id', ids).delete();
    await knex(TABLES.documents).whereIn('document_id', ids).delete();
  }
}

export async function insertDocuments(knex: Knex, documents: readonly IndexedDocument[], postings: readonly StoredPosting[]): Promise<void> {
  await insertInBatches(
    knex,
    TABLES.documents,
    documents.map((d) => ({ document_id: d.documentId, category_id: d.categoryId, date: d.date, fingerprint: d.fingerprint, list_size: 0, list_floor: 0 })),
  );
  await insertInBatches(
    knex,
    TABLES.postings,
    postings.map((p) => ({ document_id: p.documentId, term: p.term, weight: p.weight, champion: p.champion ? 1 : 0, context: p.context })),
  );
}

const postingOf = (row: any): StoredPosting => ({
  documentId: row.document_id,
  term: row.term,
  weight: Number(row.weight),
  champion: Number(row.champion) === 1,
  context: row.context,
});

export async function readPostings(knex: Knex, documentIds: readonly string[]): Promise<StoredPosting[]> {
  const postings: StoredPosting[] = [];
  for (const ids of chunks(documentIds)) {
    postings.push(...(await knex(TABLES.postings).whereIn('document_id', ids).select('document_id', 'term', 'weight', 'champion', 'context')).map(postingOf));
  }
  return postings;
}

/**
 * The champion lists of the given terms, without their excerpts (the bulk of a posting; only the
 * few that end up in a list are read, with readContexts).
 */
export async function readChampions(knex: Knex, terms: readonly string[]): Promise<StoredPosting[]> {
  const postings: StoredPosting[] = [];
  for (const batch of chunks(terms)) {
    const rows = await knex(TABLES.postings).whereIn('term', batch).where('champion', 1).select('document_id', 'term', 'weight');
    for (const row of rows) postings.push({ documentId: row.document_id, term: row.term, weight: Number(row.weight), champion: true, context: '' });
  }
  return postings;
}

export const contextKey = (documentId: string, term: string): string => `${documentId}\u0000${term}`;

/** The excerpts of the given postings, by contextKey. */
export async function readContexts(knex: Knex, pairs: readonly { documentId: string; term: string }[]): Promise<Map<string, string>> {
  const contexts = new Map<string, string>();
  for (const batch of chunks(pairs, 300)) {
    const rows = await knex(TABLES.postings)
      .whereRaw(`(document_id, term) IN (${batch.map(() => '(?, ?)').join(', ')})`, batch.flatMap(({ documentId, term }) => [documentId, term]))
      .select('document_id', 'term', 'context');
    for (const row of rows) contexts.set(contextKey(row.document_id, row.term), row.context);
  }
  return contexts;
}

// ---------------------------------------------------------------------------
// Lists

/** The list order, in SQL: compareCandidates over stored (rounded) scores. */
/** Fills in the excerpts of list entries ranked from champion lists (read without them). */
export async function withExcerpts<T extends { relatedDocumentId: string; term: string; excerpt: string }>(knex: Knex, entries: T[]): Promise<T[]> {
  const contexts = await readContexts(knex, entries.map(({ relatedDocumentId, term }) => ({ documentId: relatedDocumentId, term })));
  for (const entry of entries) entry.excerpt = contexts.get(contextKey(entry.relatedDocumentId, entry.term)) ?? entry.excerpt;
  return entries;
}

export const LIST_ORDER = 'score DESC, same_category DESC, date DESC, related_document_id';

export interface StoredListEntry extends ListEntry {
  documentId: string;
}

const toListRecord = (row: StoredListEntry) => ({
  document_id: row.documentId,
  related_document_id: row.relatedDocumentId,
  score: row.score,
  same_category: row.sameCategory ? 1 : 0,
  date: row.date,
  term: row.term,
  excerpt: row.excerpt,
});

export async function insertListEntries(knex: Knex, rows: readonly StoredListEntry[]): Promise<void> {
  await insertInBatches(knex, TABLES.lists, rows.map(toListRecord));
}

/** The lists of the given owners, each in list order. */
export async function readLists(knex: Knex, owners: readonly string[]): Promise<Map<string, ListEntry[]>> {
  const lists = new Map<string, ListEntry[]>();
  for (const ids of chunks(owners)) {
    const rows = await knex(TABLES.lists).whereIn('document_id', ids).orderBy('document_id').orderByRaw(LIST_ORDER).select();
    for (const row of rows) {
      const list = lists.get(row.document_id) ?? [];
      list.push({
        relatedDocumentId: row.related_document_id,
        score: Number(row.score),
        sameCategory: Number(row.same_category) === 1,
        date: row.date,
        term: row.term,
        excerpt: row.excerpt,
      });
      lists.set(row.document_id, list);
    }
  }
  return lists;
}

/** Whose lists name any of the given articles. */
export async function listOwnersOf(knex: Knex, documentIds: readonly string[]): Promise<string[]> {
  const owners = new Set<string>();
  for (const ids of chunks(documentIds)) {
    const rows = await knex(TABLES.lists).whereIn('related_document_id', ids).distinct('document_id');
    for (const row of rows) owners.add(row.document_id);
  }
  return [...owners];
}

/** Drops the lists of `owners` and every entry naming `related`. */
export async function deleteLists(knex: Knex, owners: readonly string[], related: readonly string[] = []): Promise<void> {
  for (const ids of chunks(owners)) await knex(TABLES.lists).whereIn('document_id', ids).delete();
  for (const ids of chunks(related)) await knex(TABLES.lists).whereIn('related_document_id', ids).delete();
}

/** An article's list: how long it is and the key of its last entry (null when empty). */
export interface ListFloor {
  size: number;
  last: RankedCandidate | null;
}

export async function readListFloors(knex: Knex, documentIds: readonly string[]): Promise<Map<string, ListFloor>> {
  const floors = new Map<string, ListFloor>();
  for (const ids of chunks(documentIds)) {
    const rows = await knex(TABLES.documents)
      .whereIn('document_id', ids)
      .select('document_id', 'list_size', 'list_floor', 'floor_same_category', 'floor_date', 'floor_document_id');
    for (const row of rows) {
      const size = Number(row.list_size);
      floors.set(row.document_id, {
        size,
        last: size === 0 ? null : { score: Number(row.list_floor), sameCategory: Number(row.floor_same_category) === 1, date: row.floor_date || null, documentId: row.floor_document_id },
      });
    }
  }
  return floors;
}

/** Drops the rows beyond `length` from the given lists. */
export async function trimLists(knex: Knex, owners: readonly string[], length: number): Promise<void> {
  for (const ids of chunks(owners)) {
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

/** LIST_ORDER reversed: the last entry of a list first. */
const LAST_FIRST = LIST_ORDER.split(', ')
  .map((key) => (key.endsWith(' DESC') ? key.replace(/ DESC$/, ' ASC') : `${key} DESC`))
  .join(', ');

/**
 * Records the length and the last entry's key of the given articles' lists (of every article
 * when `owners` is omitted: an index of an earlier version, upgraded).
 */
export async function updateListFloors(knex: Knex, owners?: readonly string[]): Promise<void> {
  const last = (column: string, empty: string) =>
    `COALESCE((SELECT l.${column} FROM ${TABLES.lists} l WHERE l.document_id = ${TABLES.documents}.document_id ORDER BY ${LAST_FIRST} LIMIT 1), ${empty})`;
  const update = `UPDATE ${TABLES.documents}
          SET list_size = (SELECT COUNT(*) FROM ${TABLES.lists} l WHERE l.document_id = ${TABLES.documents}.document_id),
              list_floor = ${last('score', '0')},
              floor_same_category = ${last('same_category', '0')},
              floor_date = ${last('date', "''")},
              floor_document_id = ${last('related_document_id', "''")}`;
  if (!owners) {
    await knex.raw(update);
    return;
  }
  for (const ids of chunks([...new Set(owners)])) {
    await knex.raw(`${update} WHERE document_id IN (${ids.map(() => '?').join(', ')})`, ids);
  }
}

// ---------------------------------------------------------------------------
// The articles the index is built from

export interface PublishedText {
  documentId: string;
  text: ArticleText;
  categoryId: number | null;
  /** ISO time published (or captured); '' when unknown. */
  date: string;
}

/** The published versions of the given articles, as the index reads them; the others are absent. */
export async function readPublishedTexts(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<Map<string, PublishedText>> {
  const t = articleTables(strapi);
  const texts = new Map<string, PublishedText>();
  for (const ids of chunks(documentIds, 200)) {
    const rows = await knex(`${t.articles} as a`)
      .leftJoin(`${t.articleCategory.table} as ac`, `ac.${t.articleCategory.from}`, 'a.id')
      .whereIn('a.document_id', ids)
      .where(whereVisible('a'))
      .select('a.document_id', 'a.title', 'a.kicker', 'a.body', 'a.source_published_at', 'a.snapshot_at', `ac.${t.articleCategory.to} as category_id`);
    for (const row of rows) {
      const body = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
      texts.set(row.document_id, {
        documentId: row.document_id,
        text: { title: row.title ?? '', kicker: row.kicker ?? null, paragraphs: blocksToParagraphs(body) },
        categoryId: row.category_id ?? null,
        date: isoOfStored(row.source_published_at ?? row.snapshot_at) ?? '',
      });
    }
  }
  return texts;
}

/** The document ids of visible articles after `after`, in order: the walk of a rebuild. */
export async function publishedDocumentIds(strapi: Core.Strapi, knex: Knex, after: string, limit: number): Promise<string[]> {
  const rows = await knex(articleTables(strapi).articles)
    .where(whereVisible())
    .where('document_id', '>', after)
    .orderBy('document_id')
    .limit(limit)
    .select('document_id');
  return rows.map((row: { document_id: string }) => row.document_id);
}
