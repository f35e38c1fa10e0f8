/**
 * The import service: writes article records through the Document Service (so the write path
 * stamps them exactly as it stamps the admin's and the API's writes), one article at a time,
 * each in a savepoint of a batch transaction, so a failure rolls back that article only.
 */
import type { Core, UID } from '@strapi/strapi';
import { articleFieldsOf, isSameArticle, recordOfStoredArticle, type ArticleInput } from '../core/article-input';
import { contentHash } from '../core/content-hash';
import { STORED_ARTICLE_POPULATE } from './export-article';
import { pointLinksAt, replaceRelatedLinks, rowIds, type Knex } from './related-links';
import { reportWithheld } from '../takedown/import';
import { lockWriters, isRetryableConflict } from './writer-lock';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const SOURCE = 'api::source.source';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'withheld';
export type SourceKind = 'outlet' | 'aggregator' | 'crawler';

export interface ImportOptions {
  /** Publish what is imported (the default) or leave it a draft. */
  publish: boolean;
  /** Do everything, then roll it back: the report says what an import would do. */
  dryRun: boolean;
}

export type ArticleResult = { outcome: Outcome; documentId: string } | { error: Error };

/** Thrown at the end of a dry run's transaction so that it rolls back, carrying what it did. */
class DryRunRollback extends Error {
  constructor(readonly results: ArticleResult[]) {
    super('dry run');
  }
}

const MAX_ATTEMPTS = 5;

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
    for (let attempt = 1; ; attempt += 1) {
      const learned: [string, string][] = [];
      try {
        const results = await this.runBatch(records, learned);
        if (!this.options.dryRun) for (const [key, documentId] of learned) this.known.set(key, documentId);
        return results;
      } catch (error) {
        if (error instanceof DryRunRollback) return error.results;
        if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
  }

  private async runBatch(records: ArticleInput[], learned: [string, string][]): Promise<ArticleResult[]> {
    return this.strapi.db.transaction(async ({ trx }) => {
      await lockWriters(this.strapi, trx);
      const results: ArticleResult[] = [];
      for (const record of records) {
        const mark = learned.length;
        await trx.raw('SAVEPOINT kuaizhao_article');
        try {
          results.push(await reportWithheld(this.strapi, trx, await this.importArticle(trx as unknown as Knex, record, learned)));
          await trx.raw('RELEASE SAVEPOINT kuaizhao_article');
        } catch (error) {
          if (isRetryableConflict(error)) throw error;
          await trx.raw('ROLLBACK TO SAVEPOINT kuaizhao_article');
          await trx.raw('RELEASE SAVEPOINT kuaizhao_article');
          learned.length = mark;
          results.push({ error: error as Error });
        }
      }
      if (this.options.dryRun) throw new DryRunRollback(results);
      return results;
    });
  }

  /** One article: its category and sources, the article itself, its related links, links waiting for it. */
  private async importArticle(trx: Knex, record: ArticleInput, learned: [string, string][]): Promise<ArticleResult> {
    const relations = {
      category: await this.findOrCreate(CATEGORY, record.category, {}, learned),
      source: await this.findOrCreate(SOURCE, record.source, { kind: 'aggregator' }, learned),
      reprintedFrom: await this.findOrCreate(SOURCE, record.reprintedFrom, { kind: 'outlet' }, learned),
      capturedBy: await this.findOrCreate(SOURCE, record.capturedBy, { kind: 'crawler' }, learned),
    };
    const status = this.options.publish ? ('published' as const) : undefined;
    const data = { ...articleFieldsOf(record), ...relations };

    const documents = this.strapi.documents(ARTICLE);
    const existing = await this.match(record, relations.source);
    let documentId: string;
    if (existing) {
      const stored = await documents.findOne({ documentId: existing, status: 'draft', populate: STORED_ARTICLE_POPULATE as any });
      const same = stored !== null && isSameArticle(recordOfStoredArticle(stored as any), record);
      if (same && (!this.options.publish || (await this.isPublished(existing)))) {
        return { outcome: 'unchanged', documentId: existing };
      }
      documentId = (await documents.update({ documentId: existing, data: data as any, status }))!.documentId;
    } else {
      documentId = (await documents.create({ data: data as any, status })).documentId;
    }
    // Publishing replaces the published row, so the links to and from this article are written
    // after it, against the rows it has now.
    const rows = { documentId, rowIds: await rowIds(this.strapi, documentId), title: record.title, sourcePublishedAt: record.sourcePublishedAt };
    await replaceRelatedLinks(this.strapi, trx, rows, record.relatedLinks, !existing);
    await pointLinksAt(this.strapi, trx, rows);
    return { outcome: existing ? 'updated' : 'created', documentId };
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
   * The stored article this record is another capture of: same `originalUrl` when it has one,
   * else the same text (content hash), else the same title, publication time and source. One
   * query fetches the candidates of all three keys; the ranking happens here.
   */
  private async match(record: ArticleInput, sourceId: string | null): Promise<string | null> {
    const hash = contentHash(record.title, record.paragraphs);
    const keys: Record<string, unknown>[] = [{ contentHash: hash }];
    if (record.originalUrl) keys.push({ originalUrl: record.originalUrl });
    if (record.sourcePublishedAt && sourceId) keys.push({ title: record.title, sourcePublishedAt: record.sourcePublishedAt });
    type Candidate = { id: number; documentId: string; originalUrl: string | null; contentHash: string | null; title: string };
    const candidates: Candidate[] = await this.strapi.db.query(ARTICLE).findMany({
      where: { publishedAt: null, $or: keys },
      select: ['id', 'documentId', 'originalUrl', 'contentHash', 'title'],
      orderBy: { id: 'asc' },
    });
    if (candidates.length === 0) return null;
    // Another address with the same text is another article (a wire story carried twice).
    const compatible = (row: Candidate) => !record.originalUrl || !row.originalUrl || row.originalUrl === record.originalUrl;
    const byUrl = record.originalUrl ? candidates.find((row) => row.originalUrl === record.originalUrl) : undefined;
    const byHash = candidates.find((row) => row.contentHash === hash && compatible(row));
    if (byUrl ?? byHash) return (byUrl ?? byHash)!.documentId;
    const sameTitle = candidates.filter((row) => row.title === record.title && compatible(row)).map((row) => row.id);
    if (sameTitle.length === 0 || !sourceId) return null;
    const sameSource = await this.strapi.db.query(ARTICLE).findOne({
      where: { id: { $in: sameTitle }, source: { documentId: sourceId } },
      select: ['documentId'],
    });
    return sameSource?.documentId ?? null;
  }

  private async isPublished(documentId: string): Promise<boolean> {
    return (await this.strapi.db.query(ARTICLE).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
  }
}
