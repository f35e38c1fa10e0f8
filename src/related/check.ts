/**
 * Compares the stored related index with what a rebuild under the same epoch would store: every
 * published article's document row and key terms, recomputed from its text, and every list,
 * ranked again from those key terms in memory. The epoch's vocabulary is taken as stored (it is a
 * snapshot of the archive when the epoch was taken, not something the articles alone determine).
 */
import type { Core } from '@strapi/strapi';
import { candidateOf, keyTermPostings, rankList, scoreNeighbours, type ListEntry, type Posting, type RankedCandidate, relatedTermCounts } from '../core/relatedness';
import type { Knex } from '../db/derived-index';
import { publishedDocumentIds, readEpoch, readListFloors, readLists, readPublishedTexts, readState, readWholeVocabulary, type IndexedDocument, type StoredPosting } from './queries';
import { TABLES } from './tables';
import { fingerprintOf, groupBy } from './sync';

/** Differences beyond this many are counted, not listed. */
const MAX_LINES = 50;

const describePostings = (postings: readonly StoredPosting[]) =>
  [...postings]
    .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .map((p) => `${p.term}:${p.weight}${p.champion ? '*' : ''}:${p.context}`)
    .join(' ');

const describeList = (list: readonly ListEntry[]) =>
  list.map((e) => `${e.relatedDocumentId}(${e.score},${e.sameCategory ? 'same' : 'other'},${e.date},${e.term},${e.excerpt})`).join(' ');

const describeKey = (key: RankedCandidate | null) => (key ? `${key.documentId}(${key.score},${key.sameCategory ? 'same' : 'other'},${key.date ?? ''})` : 'nothing');

export async function checkRelated(strapi: Core.Strapi): Promise<string[]> {
  const knex = strapi.db.connection as Knex;
  const lines: string[] = [];
  const rebuilding = await readState<{ step: string }>(knex, 'rebuild');
  if (rebuilding) lines.push(`a rebuild is unfinished (at step "${rebuilding.step}"): run npm run reindex`);

  const epoch = await readEpoch(knex);
  const vocabulary = await readWholeVocabulary(knex);
  const expectedDocuments = new Map<string, IndexedDocument>();
  const expectedPostings: StoredPosting[] = [];
  for (let after = ''; ; ) {
    const ids = await publishedDocumentIds(strapi, knex, after, 1000);
    if (ids.length === 0) break;
    for (const article of (await readPublishedTexts(strapi, knex, ids)).values()) {
      expectedDocuments.set(article.documentId, { documentId: article.documentId, categoryId: article.categoryId, date: article.date, fingerprint: fingerprintOf(article, epoch.number) });
      expectedPostings.push(...keyTermPostings(article.documentId, article.text, relatedTermCounts(article.text), (term) => vocabulary.get(term), epoch.articles));
    }
    after = ids[ids.length - 1];
  }

  const storedDocuments = new Map<string, IndexedDocument>(
    (await knex(TABLES.documents).select('document_id', 'category_id', 'date', 'fingerprint')).map((row: any) => [
      row.document_id,
      { documentId: row.document_id, categoryId: row.category_id ?? null, date: row.date, fingerprint: row.fingerprint },
    ]),
  );
  for (const [id, expected] of expectedDocuments) {
    const stored = storedDocuments.get(id);
    if (!stored) lines.push(`published article ${id} is not indexed`);
    else if (JSON.stringify(stored) !== JSON.stringify(expected)) lines.push(`article ${id} is indexed as ${JSON.stringify(stored)}, a rebuild gives ${JSON.stringify(expected)}`);
  }
  for (const id of storedDocuments.keys()) if (!expectedDocuments.has(id)) lines.push(`article ${id} is indexed but not published`);

  const storedPostings = (await knex(TABLES.postings).select('document_id', 'term', 'weight', 'champion', 'context')).map(
    (row: any): StoredPosting => ({ documentId: row.document_id, term: row.term, weight: Number(row.weight), champion: Number(row.champion) === 1, context: row.context }),
  );
  const storedByDocument = groupBy(storedPostings, (p) => p.documentId);
  const expectedByDocument = groupBy(expectedPostings, (p) => p.documentId);
  for (const id of new Set([...storedByDocument.keys(), ...expectedByDocument.keys()])) {
    const stored = describePostings(storedByDocument.get(id) ?? []);
    const expected = describePostings(expectedByDocument.get(id) ?? []);
    if (stored !== expected) lines.push(`key terms of ${id}: stored [${stored}], a rebuild gives [${expected}]`);
  }

  // Every list, ranked again from the expected key terms.
  const champions = groupBy(
    expectedPostings.filter((p) => p.champion),
    (p) => p.term,
  );
  const storedLists = await readLists(knex, [...new Set([...expectedDocuments.keys(), ...storedDocuments.keys()])]);
  for (const [id, document] of expectedDocuments) {
    const own: Posting[] = (expectedByDocument.get(id) ?? []).filter((p) => p.champion);
    const neighbours = scoreNeighbours({ documentId: id, postings: own }, own.flatMap(({ term }) => champions.get(term) ?? []));
    const expected = describeList(rankList(document, neighbours.values(), expectedDocuments));
    const stored = describeList(storedLists.get(id) ?? []);
    if (stored !== expected) lines.push(`list of ${id}: stored [${stored}], a rebuild gives [${expected}]`);
  }
  for (const id of storedLists.keys()) if (!expectedDocuments.has(id)) lines.push(`article ${id} has a list but is not published`);

  // Document rows also record their list's length and last entry, which decide entries into it.
  const floors = await readListFloors(knex, [...storedDocuments.keys()]);
  for (const [id, floor] of floors) {
    const list = storedLists.get(id) ?? [];
    const last = describeKey(list.length ? candidateOf(list[list.length - 1]) : null);
    const recorded = describeKey(floor.last);
    if (floor.size !== list.length || recorded !== last) {
      lines.push(`article ${id} records a list of ${floor.size} ending [${recorded}], it holds ${list.length} ending [${last}]`);
    }
  }

  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `... and ${lines.length - MAX_LINES} more differences`] : lines;
}
