/**
 * Which articles are withheld: those an enforced takedown covers. Scope `article` covers the
 * article the notice names; scope `story` also covers every copy of it, i.e. every article whose
 * fingerprint is within NEAR_DUPLICATE_BITS of the named article's, including copies that arrive
 * later. `withheld_at` on the article rows is kept equal to that rule: recomputed for an article
 * on each of its writes, and for a takedown's article and its copies on each takedown write.
 */
import type { Core } from '@strapi/strapi';
import { sameStory } from '../core/simhash';
import type { TakedownScope } from '../core/takedown-rules';
import { syncDerivedIndexes, type Knex } from '../db/derived-index';
import { joinOf } from '../db/join-tables';
import { ARTICLE, TAKEDOWN } from '../db/uids';
import { WITHHELD_COLUMN } from '../db/visibility';
import { findFingerprint, findFingerprints, findNearCopies } from '../fingerprints/queries';
/** Articles re-decided per query by a rebuild or check of the whole archive. */
const BATCH = 1000;

interface EnforcedTakedown {
  articleDocumentId: string;
  scope: TakedownScope;
}

async function enforcedTakedowns(strapi: Core.Strapi, knex: Knex): Promise<EnforcedTakedown[]> {
  // takedown → article: a link table from the takedown row to one article row.
  const link = joinOf(strapi, TAKEDOWN, 'article');
  const rows = await knex(`${strapi.db.metadata.get(TAKEDOWN).tableName} as t`)
    .join(`${link.table} as l`, `l.${link.from}`, 't.id')
    .join(`${strapi.db.metadata.get(ARTICLE).tableName} as a`, 'a.id', `l.${link.to}`)
    .where('t.state', 'enforced')
    .distinct('a.document_id', 't.scope');
  return rows.map((row: any) => ({ articleDocumentId: row.document_id, scope: row.scope }));
}

/** The articles whose withholding a change to a takedown of these articles can affect: them and their copies. */
export async function storiesOf(knex: Knex, articleDocumentIds: readonly string[]): Promise<string[]> {
  const affected = new Set(articleDocumentIds);
  for (const documentId of articleDocumentIds) {
    const fingerprint = await findFingerprint(knex, documentId);
    if (fingerprint) for (const copy of await findNearCopies(knex, fingerprint)) affected.add(copy.documentId);
  }
  return [...affected];
}

/**
 * Whether an enforced story takedown names this article. An article is covered when a takedown
 * names it or when its fingerprint is close to that of an article an enforced story takedown
 * names: a write of an article changes the coverage of the article itself, and of its copies
 * only when this is true (its story moves with it). Only then must a write read its copies, a
 * near-copy look-up that grows with the size of the story.
 */
export async function namedByStoryTakedown(strapi: Core.Strapi, knex: Knex, documentId: string): Promise<boolean> {
  return (await enforcedTakedowns(strapi, knex)).some((takedown) => takedown.scope === 'story' && takedown.articleDocumentId === documentId);
}

/** An article whose `withheld_at` disagrees with the enforced takedowns: it should be withheld, or released. */
export interface WithholdingDifference {
  documentId: string;
  withhold: boolean;
}

/**
 * The one decision: which of these articles' `withheld_at` disagree with the enforced takedowns.
 * Reads their fingerprints as stored (the fingerprint index is synced first).
 */
export async function withholdingDifferences(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<WithholdingDifference[]> {
  if (documentIds.length === 0) return [];
  const takedowns = await enforcedTakedowns(strapi, knex);
  const named = new Set(takedowns.map((takedown) => takedown.articleDocumentId));
  const storyArticles = takedowns.filter((takedown) => takedown.scope === 'story').map((takedown) => takedown.articleDocumentId);
  const storyFingerprints = [...(await findFingerprints(knex, storyArticles)).values()];
  const fingerprints = await findFingerprints(knex, documentIds);

  const articles = strapi.db.metadata.get(ARTICLE).tableName;
  const withheldNow = new Set(
    (await knex(articles).whereIn('document_id', [...documentIds]).whereNotNull(WITHHELD_COLUMN).distinct('document_id')).map((row: any) => row.document_id),
  );
  const differences: WithholdingDifference[] = [];
  for (const documentId of new Set(documentIds)) {
    const fingerprint = fingerprints.get(documentId);
    const covered = named.has(documentId) || (fingerprint !== undefined && storyFingerprints.some((story) => sameStory(story, fingerprint)));
    if (covered !== withheldNow.has(documentId)) differences.push({ documentId, withhold: covered });
  }
  return differences;
}

/** Sets or clears `withheld_at` on these articles to match the enforced takedowns, and returns the ones that changed. */
export async function refreshWithholding(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<string[]> {
  const articles = strapi.db.metadata.get(ARTICLE).tableName;
  const now = storedTime(strapi, new Date());
  const differences = await withholdingDifferences(strapi, knex, documentIds);
  for (const { documentId, withhold } of differences) {
    // Every row of the document (draft and published), so publishing the draft carries it over.
    await knex(articles).where('document_id', documentId).update({ [WITHHELD_COLUMN]: withhold ? now : null });
  }
  return differences.map(({ documentId }) => documentId);
}

/** A datetime as Strapi stores it: epoch milliseconds in SQLite, a timestamp in PostgreSQL. */
const storedTime = (strapi: Core.Strapi, date: Date): Date | number => ((strapi.db as any).dialect.client === 'sqlite' ? date.getTime() : date);

/**
 * Refreshes these articles' withholding and brings the derived indexes in step with what changed:
 * each drops the withheld ones or takes the restored ones back by db/visibility.ts's rule (the
 * fingerprint index keeps withheld copies on purpose).
 */
export async function applyWithholding(strapi: Core.Strapi, knex: Knex, documentIds: readonly string[]): Promise<string[]> {
  const changed = await refreshWithholding(strapi, knex, documentIds);
  if (changed.length > 0) await syncDerivedIndexes(strapi, knex, changed);
  return changed;
}

/**
 * Re-decides every article, for `npm run reindex` (after the fingerprint index is rebuilt): makes
 * `withheld_at` equal to the enforced takedowns again, whatever happened to it.
 */
export async function rebuildWithholding(strapi: Core.Strapi, batchSize = BATCH): Promise<string[]> {
  const batches = await allArticlesInBatches(strapi, batchSize);
  return strapi.db.transaction(async ({ trx }) => {
    const changed: string[] = [];
    for (const batch of batches) changed.push(...(await applyWithholding(strapi, trx as unknown as Knex, batch)));
    return changed;
  });
}

/** Every article, in batches: one `whereIn` over the whole archive would pass SQLite's and PostgreSQL's limits on bound values. */
async function allArticlesInBatches(strapi: Core.Strapi, size: number): Promise<string[][]> {
  const rows = await strapi.db.connection(strapi.db.metadata.get(ARTICLE).tableName).distinct('document_id').orderBy('document_id');
  const documentIds: string[] = rows.map((row: any) => row.document_id);
  return Array.from({ length: Math.ceil(documentIds.length / size) }, (_, i) => documentIds.slice(i * size, (i + 1) * size));
}

/**
 * For `npm run reindex -- --check`: every article whose `withheld_at` disagrees with the enforced
 * takedowns, as readable lines; [] when all agree. Changes nothing.
 */
export async function checkWithholding(strapi: Core.Strapi, batchSize = BATCH): Promise<string[]> {
  const lines: string[] = [];
  for (const batch of await allArticlesInBatches(strapi, batchSize)) {
    for (const { documentId, withhold } of await withholdingDifferences(strapi, strapi.db.connection, batch)) {
      lines.push(withhold ? `${documentId} is covered by an enforced takedown but not withheld` : `${documentId} is withheld but no enforced takedown covers it`);
    }
  }
  return lines;
}

/** Whether the article is withheld now (any of its rows). */
export async function isWithheld(strapi: Core.Strapi, knex: Knex, documentId: string): Promise<boolean> {
  const row = await knex(strapi.db.metadata.get(ARTICLE).tableName).where('document_id', documentId).whereNotNull(WITHHELD_COLUMN).first('id');
  return row !== undefined;
}
