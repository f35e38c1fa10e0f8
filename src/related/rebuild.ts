/**
 * Rebuild: a new epoch, every article re-weighed against it, every list recomputed. Done in steps
 * that each commit (run by `npm run reindex`, resumable from the recorded step), or all in one
 * transaction while the archive is small (the automatic epoch of the write-time sync, index.ts).
 */
import type { Core } from '@strapi/strapi';
import { CHAMPIONS_PER_TERM, relatedTermCounts } from '../core/relatedness';
import type { Knex } from '../db/derived-index';
import { lockWriters } from '../db/writers';
import {
  clearState,
  indexedDocumentsAfter,
  publishedDocumentIds,
  readEpoch,
  readPublishedTexts,
  readState,
  replaceVocabulary,
  takeChampionThresholds,
  writeState,
  type Epoch,
} from './queries';
import { fingerprintOf, recomputeLists, syncDocuments } from './sync';

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
      for (const term of relatedTermCounts(text).keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    articles += texts.size;
    after = ids[ids.length - 1];
  }
  await step(async (knex) => {
    await lockWriters(strapi, knex);
    const { number } = await readEpoch(knex);
    await replaceVocabulary(knex, frequencies);
    await writeState(knex, 'epoch', { number: number + 1, articles } satisfies Epoch);
    await writeState(knex, REBUILD, { step: 'weights', after: '', done: 0, total: articles } satisfies RebuildProgress);
  });
  return articles;
}

/**
 * One batch of each step, inside a transaction: returns the progress after it. A step is done
 * when its batch comes back empty; the next step then starts from the beginning.
 */
const STEPS: Record<Exclude<RebuildProgress['step'], 'done'>, (strapi: Core.Strapi, knex: Knex, current: RebuildProgress) => Promise<RebuildProgress>> = {
  // Every published article, re-weighed against the new epoch (its fingerprint names the epoch).
  async weights(strapi, knex, current) {
    const ids = await publishedDocumentIds(strapi, knex, current.after, BATCH);
    await syncDocuments(strapi, knex, ids, { listOwners: false });
    return ids.length ? { ...current, after: ids[ids.length - 1], done: current.done + ids.length } : { ...current, step: 'stale', after: '' };
  },
  // Indexed articles no longer published (or indexed under an older epoch): synced away or re-weighed.
  async stale(strapi, knex, current) {
    const documents = await indexedDocumentsAfter(knex, current.after, BATCH * 5);
    const { number } = await readEpoch(knex);
    const published = await readPublishedTexts(strapi, knex, documents.map((d) => d.documentId));
    const stale = documents.filter((d) => {
      const article = published.get(d.documentId);
      return !article || d.fingerprint !== fingerprintOf(article, number);
    });
    await syncDocuments(strapi, knex, stale.map((d) => d.documentId), { listOwners: false });
    return documents.length ? { ...current, after: documents[documents.length - 1].documentId } : { ...current, step: 'champions', after: '' };
  },
  async champions(strapi, knex, current) {
    await lockWriters(strapi, knex);
    await takeChampionThresholds(knex, CHAMPIONS_PER_TERM);
    return { ...current, step: 'lists', after: '', done: 0 };
  },
  async lists(strapi, knex, current) {
    await lockWriters(strapi, knex);
    const owners = (await indexedDocumentsAfter(knex, current.after, BATCH)).map((d) => d.documentId);
    await recomputeLists(knex, owners);
    return owners.length ? { ...current, after: owners[owners.length - 1], done: current.done + owners.length } : { ...current, step: 'done' };
  },
};

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
  onProgress?.(progress.done, progress.total, progress.step);
  while (progress.step !== 'done') {
    const current: RebuildProgress = progress;
    const work = STEPS[current.step];
    progress = await step(async (knex) => {
      const next = await work(strapi, knex, current);
      // The recorded step is where an interrupted rebuild resumes; a finished one leaves none.
      if (next.step === 'done') await clearState(knex, REBUILD);
      else await writeState(knex, REBUILD, next);
      return next;
    });
    onProgress?.(progress.done, progress.total, progress.step);
  }
}

const readStateProgress = (knex: Knex) => readState<RebuildProgress>(knex, REBUILD);

/** A rebuild under way, or interrupted (`npm run reindex` resumes it). */
export const rebuildUnderWay = async (knex: Knex): Promise<boolean> => (await readStateProgress(knex)) !== null;

/** The whole rebuild inside one transaction (small archives: the automatic epoch). */
export async function rebuildRelated(strapi: Core.Strapi, knex: Knex): Promise<void> {
  await clearState(knex, REBUILD);
  await runRebuild(strapi, (work) => work(knex));
}

/** A rebuild whose every step commits: interrupted, the next run resumes at the step recorded. */
export async function rebuildRelatedInSteps(strapi: Core.Strapi, onProgress?: (done: number, total: number, label: string) => void): Promise<void> {
  await runRebuild(strapi, <T>(work: (knex: Knex) => Promise<T>) => strapi.db.transaction(({ trx }) => work(trx as unknown as Knex)) as Promise<T>, onProgress);
}

