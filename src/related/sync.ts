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
import { termCounts } from '../core/key-terms';
import {
  candidateOf,
  CHAMPIONS_PER_TERM,
  compareCandidates,
  keyTermPostings,
  LIST_LENGTH,
  needsNewEpoch,
  AUTO_EPOCH_LIMIT,
  rankList,
  roundScore,
  scoreNeighbours,
  type IndexedArticle,
  type Neighbour,
} from '../core/relatedness';
import type { Knex } from '../indexes/derived-index';
import { chunks, lockIndexWriters } from '../indexes/sql';
import { publishedDocumentIds, readPublishedTexts, type PublishedText } from './article-queries';
import {
  clearState,
  contextKey,
  readContexts,
  countIndexed,
  deleteDocuments,
  deleteLists,
  findIndexedDocuments,
  indexedDocumentsAfter,
  insertDocuments,
  insertListEntries,
  listOwnersOf,
  readChampions,
  readEpoch,
  readListFloors,
  readPostings,
  readState,
  readVocabulary,
  replaceVocabulary,
  takeChampionThresholds,
  trimLists,
  updateListFloors,
  writeState,
  type Epoch,
  type IndexedDocument,
  type StoredListEntry,
  type StoredPosting,
} from './index-queries';

/** Of what the index holds for an article: a write that changes none of it costs nothing. */
export const fingerprintOf = (article: PublishedText, epoch: number): string =>
  createHash('sha256').update(JSON.stringify([article.text, article.categoryId, article.date, epoch])).digest('hex');

/** What the index stores for one published article under `epoch`: its document row and key-term postings. */
export async function indexedFormOf(
  knex: Knex,
  articles: readonly PublishedText[],
  epoch: Epoch,
): Promise<{ documents: IndexedDocument[]; postings: StoredPosting[] }> {
  const counted = articles.map((article) => ({ article, counts: termCounts(article.text) }));
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

/** Fills in the excerpts of list entries ranked from champion lists (read without them). */
export async function withExcerpts<T extends { relatedDocumentId: string; term: string; excerpt: string }>(knex: Knex, entries: T[]): Promise<T[]> {
  const contexts = await readContexts(knex, entries.map(({ relatedDocumentId, term }) => ({ documentId: relatedDocumentId, term })));
  for (const entry of entries) entry.excerpt = contexts.get(contextKey(entry.relatedDocumentId, entry.term)) ?? entry.excerpt;
  return entries;
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
async function recomputeLists(knex: Knex, owners: readonly string[]): Promise<Map<string, Map<string, Neighbour>>> {
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

export interface SyncOptions {
  /** Keep lists in step (the write path); a rebuild recomputes them all afterwards instead. */
  lists?: boolean;
  /** A small archive takes a new epoch as it doubles (needsNewEpoch); a rebuild takes its own. */
  autoEpoch?: boolean;
}

/**
 * Brings the index in step with the published versions of `documentIds`, inside `knex` (a
 * transaction): adds them, re-indexes those whose text, category or date changed (or that were
 * indexed under an older epoch), removes those no longer published. A draft-only edit changes
 * nothing. Efficient for batches: every step reads and writes for all of them at once.
 */
export async function syncRelated(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[], options: SyncOptions = {}): Promise<void> {
  const { lists = true, autoEpoch = true } = options;
  if (documentIds.length === 0) return;
  await lockIndexWriters(strapi, knex);
  const epoch = await readEpoch(knex);
  const ids = [...new Set(documentIds)].sort();
  const published = await readPublishedTexts(strapi, knex, ids);
  const indexed = await findIndexedDocuments(knex, ids);
  const changed = ids.filter((id) => {
    const article = published.get(id);
    return article ? indexed.get(id)?.fingerprint !== fingerprintOf(article, epoch.number) : indexed.has(id);
  });
  if (changed.length === 0) return;

  // Whose lists name a changed article: they are recomputed, the only lists it can leave.
  const namedBy = lists ? await listOwnersOf(knex, changed) : [];
  await deleteDocuments(knex, changed);
  const articles = changed.flatMap((id) => published.get(id) ?? []);
  const { documents, postings } = await indexedFormOf(knex, articles, epoch);
  await insertDocuments(knex, documents, postings);

  // Those no longer published leave every list at once, theirs included.
  const gone = changed.filter((id) => !published.has(id));
  await deleteLists(knex, gone, gone);
  // A small archive that has doubled takes a new epoch now: its rebuild re-weighs every article
  // and recomputes every list, so the lists are not worked out here first (an import into an
  // empty archive would do it for its first batches twice).
  if (autoEpoch && needsNewEpoch(await countIndexed(knex, AUTO_EPOCH_LIMIT + 1), epoch.articles)) {
    await rebuildRelated(strapi, knex);
    return;
  }
  if (lists) {
    const stillIndexed = new Set([...namedBy.filter((id) => !changed.includes(id)), ...articles.map(({ documentId }) => documentId)]);
    const recompute = [...stillIndexed].sort();
    const neighbours = await recomputeLists(knex, recompute);
    const ofChanged = new Map(articles.map(({ documentId }) => [documentId, neighbours.get(documentId)!]));
    await enterNeighbourLists(knex, ofChanged, stillIndexed);
  }
}

// ---------------------------------------------------------------------------
// Rebuild: a new epoch, every article re-weighed against it, every list recomputed. Done in
// steps that each commit (run by `npm run reindex`, resumable from the recorded step), or all in
// one transaction while the archive is small (the automatic epoch of syncRelated).

interface RebuildProgress {
  step: 'weights' | 'stale' | 'champions' | 'lists' | 'done';
  /** The last document id done in this step. */
  after: string;
  done: number;
  total: number;
}

const REBUILD = 'rebuild';
const BATCH = 200;

/** Runs `work` in a transaction of its own, or inside the one given. */
type Step = <T>(work: (knex: Knex) => Promise<T>) => Promise<T>;

/**
 * The first step: counts, over every published article, how many contain each term, and makes
 * that the new epoch's vocabulary. Read-only until its last statement, so an interrupted count
 * simply starts over.
 */
async function takeEpoch(strapi: Core.Strapi, step: Step): Promise<number> {
  const frequencies = new Map<string, number>();
  let articles = 0;
  for (let after = ''; ; ) {
    const ids = await step((knex) => publishedDocumentIds(strapi, knex, after, BATCH * 5));
    if (ids.length === 0) break;
    const texts = await step((knex) => readPublishedTexts(strapi, knex, ids));
    for (const { text } of texts.values()) {
      for (const term of termCounts(text).keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    articles += texts.size;
    after = ids[ids.length - 1];
  }
  await step(async (knex) => {
    await lockIndexWriters(strapi, knex);
    const { number } = await readEpoch(knex);
    await replaceVocabulary(knex, frequencies);
    await writeState(knex, 'epoch', { number: number + 1, articles } satisfies Epoch);
    await writeState(knex, REBUILD, { step: 'weights', after: '', done: 0, total: articles } satisfies RebuildProgress);
  });
  return articles;
}

export async function runRebuild(
  strapi: Core.Strapi,
  step: Step,
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<void> {
  let progress = await step((knex) => readStateProgress(knex));
  if (!progress) {
    await takeEpoch(strapi, step);
    progress = (await step((knex) => readStateProgress(knex)))!;
  }
  const report = () => onProgress?.(progress!.done, progress!.total, progress!.step);
  const advance = async (next: RebuildProgress) => {
    progress = next;
    report();
  };
  report();
  while (progress.step !== 'done') {
    const current: RebuildProgress = progress;
    if (current.step === 'weights') {
      // Every published article, re-weighed against the new epoch (its fingerprint names the epoch).
      const next = await step(async (knex) => {
        const ids = await publishedDocumentIds(strapi, knex, current.after, BATCH);
        await syncRelated(strapi, knex, ids, { lists: false, autoEpoch: false });
        const state: RebuildProgress = ids.length
          ? { ...current, after: ids[ids.length - 1], done: current.done + ids.length }
          : { step: 'stale', after: '', done: current.done, total: current.total };
        await writeState(knex, REBUILD, state);
        return state;
      });
      await advance(next);
    } else if (current.step === 'stale') {
      // Indexed articles no longer published (or indexed under an older epoch): synced away or re-weighed.
      const next = await step(async (knex) => {
        const documents = await indexedDocumentsAfter(knex, current.after, BATCH * 5);
        const { number } = await readEpoch(knex);
        const published = await readPublishedTexts(strapi, knex, documents.map((d) => d.documentId));
        const stale = documents.filter((d) => {
          const article = published.get(d.documentId);
          return !article || d.fingerprint !== fingerprintOf(article, number);
        });
        await syncRelated(strapi, knex, stale.map((d) => d.documentId), { lists: false, autoEpoch: false });
        const state: RebuildProgress = documents.length
          ? { ...current, after: documents[documents.length - 1].documentId }
          : { step: 'champions', after: '', done: current.done, total: current.total };
        await writeState(knex, REBUILD, state);
        return state;
      });
      await advance(next);
    } else if (current.step === 'champions') {
      const next = await step(async (knex) => {
        await lockIndexWriters(strapi, knex);
        await takeChampionThresholds(knex, CHAMPIONS_PER_TERM);
        const state: RebuildProgress = { step: 'lists', after: '', done: 0, total: current.total };
        await writeState(knex, REBUILD, state);
        return state;
      });
      await advance(next);
    } else {
      const next = await step(async (knex) => {
        await lockIndexWriters(strapi, knex);
        const owners = (await indexedDocumentsAfter(knex, current.after, BATCH)).map((d) => d.documentId);
        await recomputeLists(knex, owners);
        const state: RebuildProgress = owners.length
          ? { ...current, after: owners[owners.length - 1], done: current.done + owners.length }
          : { ...current, step: 'done' };
        if (owners.length) await writeState(knex, REBUILD, state);
        else await clearState(knex, REBUILD);
        return state;
      });
      await advance(next);
    }
  }
}

const readStateProgress = (knex: Knex) => readState<RebuildProgress>(knex, REBUILD);

/** The whole rebuild inside one transaction (small archives: the automatic epoch). */
async function rebuildRelated(strapi: Core.Strapi, knex: Knex): Promise<void> {
  await clearState(knex, REBUILD);
  await runRebuild(strapi, (work) => work(knex));
}

/** A rebuild whose every step commits: interrupted, the next run resumes at the step recorded. */
export async function rebuildRelatedInSteps(strapi: Core.Strapi, onProgress?: (done: number, total: number, label: string) => void): Promise<void> {
  await runRebuild(strapi, <T>(work: (knex: Knex) => Promise<T>) => strapi.db.transaction(({ trx }) => work(trx as unknown as Knex)) as Promise<T>, onProgress);
}

export type { IndexedArticle };
