/**
 * Write-time sync: keeps the related index in step with the published versions of articles.
 * Only published rows are ever read here, so a draft never enters the index.
 *
 * The work per article is bounded whatever the archive's size: its key terms weighed against the
 * epoch's statistics (no shared counter to bump), its neighbours read from the champion lists of
 * its terms, the lists of the articles that named it recomputed, and it entered in the lists of
 * neighbours it now beats. Syncs are serialised per database (lockIndexWriters), so that each one
 * starts from the state every earlier one committed: the result equals a rebuild.
 */
import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import {
  candidateOf,
  compareCandidates,
  keyTermPostings,
  LIST_LENGTH,
  needsNewEpoch,
  AUTO_EPOCH_LIMIT,
  rankList,
  roundScore,
  scoreNeighbours,
  type Neighbour,
  relatedTermCounts,
} from '../core/relatedness';
import type { Knex } from '../db/derived-index';
import { chunks } from '../db/sql';
import { lockWriters } from '../db/writers';
import {
  countIndexed,
  deleteDocuments,
  deleteLists,
  findIndexedDocuments,
  insertDocuments,
  insertListEntries,
  listOwnersOf,
  readChampions,
  readEpoch,
  readListFloors,
  readPostings,
  readPublishedTexts,
  readVocabulary,
  trimLists,
  updateListFloors,
  withExcerpts,
  type Epoch,
  type IndexedDocument,
  type PublishedText,
  type StoredListEntry,
  type StoredPosting,
} from './queries';

/** Raise it when key terms are chosen differently: every entry then reads as stale, and the next write or `reindex` rewrites it. 2: Traditional folded, 16 key terms. */
const RELATED_INDEX_VERSION = 2;

/** Of what the index holds for an article: a write that changes none of it costs nothing. */
export const fingerprintOf = (article: PublishedText, epoch: number): string =>
  createHash('sha256').update(JSON.stringify([RELATED_INDEX_VERSION, article.text, article.categoryId, article.date, epoch])).digest('hex');

/** What the index stores for one published article under `epoch`: its document row and key-term postings. */
export async function indexedFormOf(
  knex: Knex,
  articles: readonly PublishedText[],
  epoch: Epoch,
): Promise<{ documents: IndexedDocument[]; postings: StoredPosting[] }> {
  const counted = articles.map((article) => ({ article, counts: relatedTermCounts(article.text) }));
  const vocabulary = await readVocabulary(knex, [...new Set(counted.flatMap(({ counts }) => [...counts.keys()]))]);
  return {
    documents: articles.map((article) => ({ documentId: article.documentId, categoryId: article.categoryId, date: article.date, fingerprint: fingerprintOf(article, epoch.number) })),
    postings: counted.flatMap(({ article, counts }) => keyTermPostings(article.documentId, article.text, counts, (term) => vocabulary.get(term), epoch.articles)),
  };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The neighbours that can make a list of LIST_LENGTH: rankList orders by rounded score first, so
 * one scoring below the LIST_LENGTH-th best rounded score cannot. Only these are looked up and
 * ranked (a few dozen rather than the thousand-odd an article shares a champion list with). Every
 * neighbour is indexed (a champion posting goes with its document row), so the list is the same.
 */
function contenders(neighbours: Iterable<Neighbour>): Neighbour[] {
  const all = [...neighbours];
  if (all.length <= LIST_LENGTH) return all;
  const cutoff = all.map(({ score }) => roundScore(score)).sort((a, b) => b - a)[LIST_LENGTH - 1];
  return all.filter(({ score }) => roundScore(score) >= cutoff);
}

/** How many lists are recomputed per round trip: their champion lists are read together. */
const LIST_BATCH = 50;

/**
 * Recomputes the lists of `owners` from the champion lists of their terms; returns every owner's
 * scored neighbours (a neighbour's score with the owner is the owner's with it).
 */
export async function recomputeLists(knex: Knex, owners: readonly string[]): Promise<Map<string, Map<string, Neighbour>>> {
  const neighboursOf = new Map<string, Map<string, Neighbour>>();
  for (const batch of chunks(owners, LIST_BATCH)) {
    const own = (await readPostings(knex, batch)).filter((posting) => posting.champion);
    const champions = await readChampions(knex, [...new Set(own.map(({ term }) => term))]);
    const byTerm = groupBy(champions, (posting) => posting.term);
    const ownByDocument = groupBy(own, (posting) => posting.documentId);
    const related = new Set<string>(batch);
    for (const owner of batch) {
      const postings = ownByDocument.get(owner) ?? [];
      const neighbours = scoreNeighbours({ documentId: owner, postings }, postings.flatMap(({ term }) => byTerm.get(term) ?? []));
      neighboursOf.set(owner, neighbours);
    }
    const contendersOf = new Map(batch.map((owner) => [owner, contenders(neighboursOf.get(owner)!.values())]));
    for (const list of contendersOf.values()) for (const { documentId } of list) related.add(documentId);
    const articles = await findIndexedDocuments(knex, [...related]);
    const rows: StoredListEntry[] = [];
    for (const owner of batch) {
      const subject = articles.get(owner);
      if (!subject) continue;
      for (const entry of rankList(subject, contendersOf.get(owner)!, articles)) rows.push({ documentId: owner, ...entry });
    }
    await withExcerpts(knex, rows);
    await deleteLists(knex, batch);
    await insertListEntries(knex, rows);
    await updateListFloors(knex, batch);
  }
  return neighboursOf;
}

/** Enters each changed article in the lists of the neighbours it now beats; other lists cannot have changed. */
async function enterNeighbourLists(knex: Knex, changed: ReadonlyMap<string, Map<string, Neighbour>>, recomputed: ReadonlySet<string>): Promise<void> {
  const pairs: { owner: string; neighbour: Neighbour; of: string }[] = [];
  for (const [documentId, neighbours] of changed) {
    for (const neighbour of neighbours.values()) {
      if (!recomputed.has(neighbour.documentId)) pairs.push({ owner: neighbour.documentId, neighbour, of: documentId });
    }
  }
  if (pairs.length === 0) return;
  const owners = [...new Set(pairs.map(({ owner }) => owner))];
  const floors = await readListFloors(knex, owners);
  const articles = await findIndexedDocuments(knex, [...new Set([...owners, ...changed.keys()])]);
  const rows: StoredListEntry[] = [];
  for (const { owner, neighbour, of } of pairs) {
    const floor = floors.get(owner);
    if (!floor) continue;
    const subject = articles.get(owner)!;
    const entered = articles.get(of)!;
    const entry: StoredListEntry = {
      documentId: owner,
      relatedDocumentId: of,
      score: roundScore(neighbour.score),
      sameCategory: subject.categoryId !== null && entered.categoryId === subject.categoryId,
      date: entered.date,
      term: neighbour.term,
      excerpt: neighbour.reverseExcerpt,
    };
    // A full list takes only an entry ranked before its last one (ties included: most neighbours
    // score the same as a full list's last entry and lose on category, date or id).
    if (floor.size >= LIST_LENGTH && floor.last && compareCandidates(candidateOf(entry), floor.last) >= 0) continue;
    rows.push(entry);
  }
  const touched = [...new Set(rows.map(({ documentId }) => documentId))];
  await insertListEntries(knex, rows);
  await trimLists(knex, touched, LIST_LENGTH);
  await updateListFloors(knex, touched);
}

/** What syncDocuments changed, for syncLists. */
export interface SyncedDocuments {
  epoch: Epoch;
  /** Indexed again or removed: their text, category or date changed, or their epoch is older. */
  changed: string[];
  /** The published ones among them, as indexed now. */
  articles: PublishedText[];
  /** Whose lists named a changed article (read before the change, when asked for). */
  namedBy: string[];
}

/**
 * Brings the index's documents and key terms in step with the published versions of
 * `documentIds`, inside `knex` (a transaction): adds them, re-indexes those whose text, category
 * or date changed (or that were indexed under an older epoch), removes those no longer published,
 * and takes those out of every list. A draft-only edit changes nothing (null). Efficient for
 * batches: every step reads and writes for all of them at once. Lists are syncLists' work; a
 * rebuild recomputes them all instead.
 */
export async function syncDocuments(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[], options: { listOwners: boolean }): Promise<SyncedDocuments | null> {
  if (documentIds.length === 0) return null;
  await lockWriters(strapi, knex);
  const epoch = await readEpoch(knex);
  const ids = [...new Set(documentIds)].sort();
  const published = await readPublishedTexts(strapi, knex, ids);
  const indexed = await findIndexedDocuments(knex, ids);
  const changed = ids.filter((id) => {
    const article = published.get(id);
    return article ? indexed.get(id)?.fingerprint !== fingerprintOf(article, epoch.number) : indexed.has(id);
  });
  if (changed.length === 0) return null;

  // Whose lists name a changed article: they are recomputed, the only lists it can leave.
  const namedBy = options.listOwners ? await listOwnersOf(knex, changed) : [];
  await deleteDocuments(knex, changed);
  const articles = changed.flatMap((id) => published.get(id) ?? []);
  const { documents, postings } = await indexedFormOf(knex, articles, epoch);
  await insertDocuments(knex, documents, postings);

  // Those no longer published leave every list at once, theirs included.
  const gone = changed.filter((id) => !published.has(id));
  await deleteLists(knex, gone, gone);
  return { epoch, changed, articles, namedBy };
}

/**
 * Whether the archive, while at most `limit` articles, has doubled since its epoch was taken: it
 * then takes a new one (needsNewEpoch), whose rebuild re-weighs every article and recomputes every
 * list. Counts no further than it needs to decide.
 */
export async function epochOutgrown(knex: Knex, epoch: Epoch, limit = AUTO_EPOCH_LIMIT): Promise<boolean> {
  return needsNewEpoch(await countIndexed(knex, Math.min(limit, 2 * epoch.articles) + 1), epoch.articles, limit);
}

/** The lists a syncDocuments changed: those that named a changed article, the changed articles', and the neighbours' they now enter. */
export async function syncLists(knex: Knex, synced: SyncedDocuments): Promise<void> {
  const { changed, articles, namedBy } = synced;
  const stillIndexed = new Set([...namedBy.filter((id) => !changed.includes(id)), ...articles.map(({ documentId }) => documentId)]);
  const neighbours = await recomputeLists(knex, [...stillIndexed].sort());
  const ofChanged = new Map(articles.map(({ documentId }) => [documentId, neighbours.get(documentId)!]));
  await enterNeighbourLists(knex, ofChanged, stillIndexed);
}
