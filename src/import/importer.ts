/**
 * The import service: writes article records through the Document Service (so the write path
 * stamps them exactly as it stamps the admin's and the API's writes), one article at a time,
 * each in a savepoint of a batch transaction, so a failure rolls back that article only.
 */
import type { Core, UID } from '@strapi/strapi';
import { articleFieldsOf, isSameArticle, recordOfStoredArticle, withKnownProvenance, type ArticleInput } from '../core/article-input';
import { canonicalUrl } from '../core/canonical-url';
import { contentHash } from '../core/content-hash';
import { articlesCapturedAt } from '../captures/capture-store';
import { asShownBy, isOlderCapture, recordFirstImportedCaptures, recordImportedCapture } from '../captures/importing';
import { syncDerivedIndexes, type Knex } from '../db/derived-index';
import { isoOfStored } from '../db/time';
import { ARTICLE, CATEGORY, SOURCE } from '../db/uids';
import { isRetryableConflict, lockWriters, retryOnConflict } from '../db/writers';
import { reportWithheld } from '../takedown/import';
import { applyWithholding } from '../takedown/withholding';
import { BulkBatchContext, prepareNewArticle, reserveSlug, writeNewArticles, type NewArticle } from './bulk-articles';
import { STORED_ARTICLE_POPULATE } from './export-article';
import { pointLinksAt, pointLinksAtAll, replaceRelatedLinks, rowIds, writeRelatedLinks } from './related-links';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'withheld';
export type SourceKind = 'outlet' | 'aggregator' | 'crawler';

export interface ImportOptions {
  /** Publish what is imported (the default) or leave it a draft. */
  publish: boolean;
  /** Do everything, then roll it back: the report says what an import would do. */
  dryRun: boolean;
  /**
   * Write new articles in bulk below the Document Service (see bulk-articles.ts) instead of one
   * Document Service create each. Updates of known articles still go through the Document Service.
   */
  bulk?: boolean;
  /** The crawler to credit for WARC captures whose warcinfo names none. */
  capturedBy?: string | null;
  /** Threads reading HTML and WARC pages beside the writes (html-readers.ts); 0 or none: read on this one. */
  readerThreads?: number;
}

export type ArticleResult = { outcome: Outcome; documentId: string } | { error: Error };

/** Thrown at the end of a dry run's transaction so that it rolls back, carrying what it did. */
class DryRunRollback extends Error {
  constructor(readonly results: ArticleResult[]) {
    super('dry run');
  }
}

export class ArticleImporter {
  /** Documents found or created by name, per content type; only what is committed stays here. */
  private readonly known = new Map<string, string>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly options: ImportOptions,
  ) {}

  /**
   * Imports records in one transaction, each inside its own savepoint. A conflict with another
   * writer (a busy SQLite file, a PostgreSQL deadlock) retries the whole batch; results count
   * only once the batch is committed.
   */
  async importBatch(records: ArticleInput[]): Promise<ArticleResult[]> {
    try {
      return await retryOnConflict(async () => {
        const learned: [string, string][] = [];
        const results = await this.runBatch(records, learned);
        if (!this.options.dryRun) for (const [key, documentId] of learned) this.known.set(key, documentId);
        return results;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.results;
      throw error;
    }
  }

  private async runBatch(records: ArticleInput[], learned: [string, string][]): Promise<ArticleResult[]> {
    if (this.options.bulk) return this.runBulkBatch(records, learned);
    return this.strapi.db.transaction(async ({ trx: transaction }) => {
      const trx = transaction as unknown as Knex;
      await lockWriters(this.strapi, trx);
      const results: ArticleResult[] = [];
      for (const record of records) results.push(await this.inSavepoint(trx, learned, () => this.importReported(trx, record, learned)));
      if (this.options.dryRun) throw new DryRunRollback(results);
      return results;
    });
  }

  /**
   * The bulk path's batch: records are matched one by one as on the Document Service path (each in
   * its savepoint, so a failure rolls back that record only); known articles are updated through
   * the Document Service at once, new ones are stamped and held, then written together, with their
   * links and derived indexes, in one go. A record that could match one held in the batch (same
   * address, text, or title, time and source) first has the held ones written, so matching sees
   * them exactly as it would one at a time.
   */
  private async runBulkBatch(records: ArticleInput[], learned: [string, string][]): Promise<ArticleResult[]> {
    return this.strapi.db.transaction(async ({ trx: transaction }) => {
      const trx = transaction as unknown as Knex;
      await lockWriters(this.strapi, trx);
      const results: ArticleResult[] = [];
      const batch = new BulkBatchContext(this.strapi);
      let held: { index: number; record: ArticleInput; article: NewArticle }[] = [];
      const heldKeys = new Set<string>();

      const writeHeld = async () => {
        if (held.length === 0) return;
        const writing = held;
        held = [];
        heldKeys.clear();
        await trx.raw('SAVEPOINT kuaizhao_bulk');
        try {
          const written = await this.writeHeldArticles(trx, writing);
          await trx.raw('RELEASE SAVEPOINT kuaizhao_bulk');
          written.forEach(({ documentId, withheld }, i) => (results[writing[i].index] = { outcome: withheld ? 'withheld' : 'created', documentId }));
        } catch (error) {
          if (isRetryableConflict(error)) throw error;
          // A statement the database refused: write these one by one, so only the bad one fails.
          await trx.raw('ROLLBACK TO SAVEPOINT kuaizhao_bulk');
          await trx.raw('RELEASE SAVEPOINT kuaizhao_bulk');
          for (const { index, record } of writing) results[index] = await this.inSavepoint(trx, learned, () => this.importReported(trx, record, learned));
        }
      };

      for (const [index, record] of records.entries()) {
        const keys = matchKeys(record);
        if (keys.some((key) => heldKeys.has(key))) await writeHeld();
        const result = await this.inSavepoint(trx, learned, async () => {
          const outcome = await this.importArticle(trx, record, learned, batch);
          if ('prepared' in outcome) {
            reserveSlug(batch, outcome.prepared);
            held.push({ index, record, article: outcome.prepared });
            for (const key of keys) heldKeys.add(key);
            return null;
          }
          return reportWithheld(this.strapi, trx, outcome);
        });
        if (result) results[index] = result;
      }
      await writeHeld();
      if (this.options.dryRun) throw new DryRunRollback(results);
      return results;
    });
  }

  /** Runs one record's work in a savepoint: on failure, it and what it created roll back, and it is reported. */
  private async inSavepoint<T>(trx: Knex, learned: [string, string][], work: () => Promise<T>): Promise<T | { error: Error }> {
    const mark = learned.length;
    await trx.raw('SAVEPOINT kuaizhao_article');
    try {
      const result = await work();
      await trx.raw('RELEASE SAVEPOINT kuaizhao_article');
      return result;
    } catch (error) {
      if (isRetryableConflict(error)) throw error;
      await trx.raw('ROLLBACK TO SAVEPOINT kuaizhao_article');
      await trx.raw('RELEASE SAVEPOINT kuaizhao_article');
      learned.length = mark;
      return { error: error as Error };
    }
  }

  /** One article through the Document Service, reported `withheld` when a takedown covers it. */
  private async importReported(trx: Knex, record: ArticleInput, learned: [string, string][]): Promise<ArticleResult> {
    return reportWithheld(this.strapi, trx, await this.importArticle(trx, record, learned));
  }

  /**
   * Held new articles, written: rows, then (as one at a time would) links, links waiting for them,
   * derived indexes, withholding. Each comes back with whether a takedown withholds it.
   */
  private async writeHeldArticles(trx: Knex, held: { record: ArticleInput; article: NewArticle }[]): Promise<{ documentId: string; withheld: boolean }[]> {
    const written = await writeNewArticles(this.strapi, trx, held.map((item) => item.article), this.options.publish);
    const rows = written.map(({ documentId, rowIds }, i) => ({
      documentId,
      rowIds,
      title: held[i].record.title,
      sourcePublishedAt: held[i].record.sourcePublishedAt,
    }));
    await writeRelatedLinks(this.strapi, trx, rows.map((article, i) => ({ article, links: held[i].record.relatedLinks })));
    await pointLinksAtAll(this.strapi, trx, rows);
    const documentIds = written.map((article) => article.documentId);
    // Each page is the first capture of its new article, as on the Document Service path.
    await recordFirstImportedCaptures(
      this.strapi,
      held.map(({ record, article }, i) => ({ documentId: documentIds[i], record, snapshotAt: isoOfStored(article.fields.snapshotAt) })),
    );
    if (!this.options.publish) return documentIds.map((documentId) => ({ documentId, withheld: false }));
    await syncDerivedIndexes(this.strapi, trx, documentIds);
    // A new copy of a story under a takedown is withheld on arrival, as the Document Service
    // middleware does (takedown/document-middlewares.ts). Its fingerprint was synced just above;
    // withholding syncs the indexes again for the few it withholds, so none of them stays public.
    // New articles were withheld by nothing before: changed means withheld.
    const withheld = new Set(await applyWithholding(this.strapi, trx, documentIds));
    return documentIds.map((documentId) => ({ documentId, withheld: withheld.has(documentId) }));
  }

  /**
   * One article: its category and sources, the article itself, its related links, links waiting
   * for it. With a bulk batch, a new article is stamped and handed back to be written with the batch.
   */
  private async importArticle(trx: Knex, record: ArticleInput, learned: [string, string][]): Promise<ArticleResult>;
  private async importArticle(
    trx: Knex,
    record: ArticleInput,
    learned: [string, string][],
    bulk: BulkBatchContext,
  ): Promise<ArticleResult | { prepared: NewArticle }>;
  private async importArticle(
    trx: Knex,
    record: ArticleInput,
    learned: [string, string][],
    bulk?: BulkBatchContext,
  ): Promise<ArticleResult | { prepared: NewArticle }> {
    const relations = await this.relationsOf(record, learned);
    const status = this.options.publish ? ('published' as const) : undefined;

    const documents = this.strapi.documents(ARTICLE);
    const existing = await this.match(record, relations.source);
    if (!existing && bulk) {
      return { prepared: await prepareNewArticle(this.strapi, bulk, { data: articleFieldsOf(record), relations }) };
    }
    let documentId: string;
    // What is written: the record, and for an update what is known of the article's provenance where the record says nothing.
    let written = record;
    if (existing) {
      // An earlier capture than the article shows joins its history and leaves the article be.
      if (await isOlderCapture(this.strapi, existing, record)) {
        const recorded = await recordImportedCapture(this.strapi, existing, record);
        return { outcome: recorded === 'known' ? 'unchanged' : 'updated', documentId: existing };
      }
      const stored = await documents.findOne({ documentId: existing, status: 'draft', populate: STORED_ARTICLE_POPULATE as any });
      const storedRecord = stored === null ? null : recordOfStoredArticle(stored as any);
      if (storedRecord) written = withKnownProvenance(storedRecord, record);
      const same = storedRecord !== null && isSameArticle(storedRecord, asShownBy(storedRecord, written));
      if (same && (!this.options.publish || (await this.isPublished(existing)))) {
        await recordImportedCapture(this.strapi, existing, record);
        return { outcome: 'unchanged', documentId: existing };
      }
      const data = { ...articleFieldsOf(written), ...(await this.relationsOf(written, learned)) };
      documentId = (await documents.update({ documentId: existing, data: data as any, status }))!.documentId;
    } else {
      documentId = (await documents.create({ data: { ...articleFieldsOf(record), ...relations } as any, status })).documentId;
    }
    await recordImportedCapture(this.strapi, documentId, record);
    // Publishing replaces the published row, so the links to and from this article are written
    // after it, against the rows it has now.
    const rows = { documentId, rowIds: await rowIds(this.strapi, documentId), title: record.title, sourcePublishedAt: record.sourcePublishedAt };
    await replaceRelatedLinks(this.strapi, trx, rows, written.relatedLinks, !existing);
    await pointLinksAt(this.strapi, trx, rows);
    return { outcome: existing ? 'updated' : 'created', documentId };
  }

  /** The record's category and sources, found or created by name. */
  private async relationsOf(record: ArticleInput, learned: [string, string][]) {
    return {
      category: await this.findOrCreate(CATEGORY, record.category, {}, learned),
      source: await this.findOrCreate(SOURCE, record.source, { kind: 'aggregator' }, learned),
      reprintedFrom: await this.findOrCreate(SOURCE, record.reprintedFrom, { kind: 'outlet' }, learned),
      capturedBy: await this.findOrCreate(SOURCE, record.capturedBy, { kind: 'crawler' }, learned),
    };
  }

  private async findOrCreate(
    uid: UID.ContentType,
    name: string | null,
    extra: { kind?: SourceKind },
    learned: [string, string][],
  ): Promise<string | null> {
    if (!name) return null;
    const key = `${uid}:${name}`;
    const cached = this.known.get(key) ?? learned.find(([k]) => k === key)?.[1];
    if (cached) return cached;
    const found = await this.strapi.db.query(uid).findOne({ where: { name }, select: ['documentId'] });
    const documentId: string =
      found?.documentId ?? (await this.strapi.documents(uid).create({ data: { name, ...extra } as any })).documentId;
    learned.push([key, documentId]);
    return documentId;
  }

  /**
   * The stored article this record is another capture of. An article is the same article when it
   * has the same page address (canonical, see core/canonical-url.ts); else it is the same
   * source's copy: the same text, or the same title and publication time, from the same source
   * (no source on either side counts as the same only for the same text: a re-import of one
   * page). The same text from another source, or from a page that names none, is another copy of
   * the story (the fingerprint index links them), never an update of the first. One query
   * fetches the candidates of every key; the ranking happens here.
   */
  private async match(record: ArticleInput, sourceId: string | null): Promise<string | null> {
    const hash = contentHash(record.title, record.paragraphs);
    const url = canonicalUrl(record.originalUrl);
    const capturedHere = url ? await articlesCapturedAt(this.strapi, url) : [];
    const keys: Record<string, unknown>[] = [{ contentHash: hash }];
    if (record.originalUrl) keys.push({ originalUrl: record.originalUrl });
    if (capturedHere.length > 0) keys.push({ documentId: { $in: capturedHere } });
    if (record.sourcePublishedAt && sourceId) keys.push({ title: record.title, sourcePublishedAt: record.sourcePublishedAt });
    type Candidate = {
      documentId: string;
      originalUrl: string | null;
      contentHash: string | null;
      title: string;
      sourcePublishedAt: string | Date | null;
      source: { documentId: string } | null;
    };
    const candidates: Candidate[] = await this.strapi.db.query(ARTICLE).findMany({
      where: { publishedAt: null, $or: keys },
      select: ['id', 'documentId', 'originalUrl', 'contentHash', 'title', 'sourcePublishedAt'],
      populate: { source: { select: ['documentId'] } },
      orderBy: { id: 'asc' },
    });
    if (candidates.length === 0) return null;
    // The same address however written (http or https, tracking parameters...) is the same page;
    // another address with the same text is another article (a wire story carried twice).
    const sameUrl = (row: Candidate) => url !== null && (capturedHere.includes(row.documentId) || canonicalUrl(row.originalUrl) === url);
    const compatible = (row: Candidate) => !url || !row.originalUrl || sameUrl(row);
    const sameSource = (row: Candidate) => (row.source?.documentId ?? null) === sourceId;
    const samePublication = (row: Candidate) =>
      record.sourcePublishedAt !== null && row.sourcePublishedAt !== null && new Date(row.sourcePublishedAt).getTime() === Date.parse(record.sourcePublishedAt);
    const byUrl = url ? candidates.find(sameUrl) : undefined;
    const byHash = candidates.find((row) => row.contentHash === hash && compatible(row) && sameSource(row));
    const byTitle = sourceId ? candidates.find((row) => row.title === record.title && samePublication(row) && compatible(row) && sameSource(row)) : undefined;
    return (byUrl ?? byHash ?? byTitle)?.documentId ?? null;
  }

  private async isPublished(documentId: string): Promise<boolean> {
    return (await this.strapi.db.query(ARTICLE).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
  }
}

/**
 * The keys `match` finds an article by, as strings: two records sharing one may be the same
 * article. (The source is named, not looked up: one name is one source.)
 */
function matchKeys(record: ArticleInput): string[] {
  const keys = [`hash:${contentHash(record.title, record.paragraphs)}`];
  if (record.originalUrl) keys.push(`url:${record.originalUrl}`);
  if (record.sourcePublishedAt && record.source) keys.push(`title:${JSON.stringify([record.title, record.sourcePublishedAt, record.source])}`);
  return keys;
}
