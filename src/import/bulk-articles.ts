/**
 * New articles written in bulk, below the Document Service, for back-fills: a batch of articles
 * becomes a few multi-row inserts through Strapi's query layer into Strapi's own tables, instead
 * of one Document Service create (and publish) per article.
 *
 * The rows are the ones the Document Service writes for `create({ status: 'published' })`: a draft
 * row and a published row sharing one documentId, each with its own copy of the contributors
 * component (joined with its order), each joined to the category and sources. Every stamped field
 * comes from the same rules as every other way in: core/article-rules.ts (stampNewArticle), the
 * write path's slug allocation and crawler look-up, and Strapi's own entity validator. The
 * equivalence test (tests/integration/import-bulk-equivalence.test.ts) compares the two paths row
 * by row; it pins the Strapi version this layout was read from.
 */
import type { Core, UID } from '@strapi/strapi';
import { stampNewArticle } from '../core/article-rules';
import { crawlerOf, stampSlug } from '../write-path';
import type { Knex } from '../db/derived-index';
import { joinTableOf as joinTableOfType } from '../db/join-tables';
import { insertInBatches } from '../db/sql';
import { ARTICLE, CATEGORY, SOURCE } from '../db/uids';


/** The Strapi version whose storage layout this module writes (checked by the equivalence test). */
export const STORAGE_LAYOUT_STRAPI_VERSION = '5.54.0';

/** The article's many-to-one relations, each to a content type without draft & publish. */
export const ARTICLE_RELATIONS = { category: CATEGORY, source: SOURCE, reprintedFrom: SOURCE, capturedBy: SOURCE } as const;
export type ArticleRelation = keyof typeof ARTICLE_RELATIONS;
export type RelationTargets = Record<ArticleRelation, string | null>;

/** A new article ready to store: its fields stamped and validated, not written yet. */
export interface NewArticle {
  documentId: string;
  fields: Record<string, unknown>;
  contributors: Record<string, unknown>[];
  relations: RelationTargets;
  at: Date;
}

/** What one batch shares: looked-up crawlers, slugs given to articles not stored yet. */
export class BulkBatchContext {
  readonly reservedSlugs = new Set<string>();
  private readonly crawlers = new Map<string, Awaited<ReturnType<typeof crawlerOf>>>();

  constructor(private readonly strapi: Core.Strapi) {}

  async crawler(documentId: string | null) {
    if (!documentId) return null;
    if (!this.crawlers.has(documentId)) this.crawlers.set(documentId, await crawlerOf(this.strapi, { documentId }));
    return this.crawlers.get(documentId)!;
  }
}

/**
 * Stamps and validates a new article as the write path and the Document Service would: the
 * rules of core/article-rules.ts, the slug (unique also among the batch's unstored articles),
 * then Strapi's validator (required fields, lengths, enumerations, component defaults).
 */
export async function prepareNewArticle(
  strapi: Core.Strapi,
  batch: BulkBatchContext,
  input: { data: Record<string, unknown>; relations: RelationTargets },
): Promise<NewArticle> {
  const at = new Date();
  const stamped = stampNewArticle(input.data, { now: at, crawler: await batch.crawler(input.relations.capturedBy) });
  await stampSlug(strapi, ARTICLE, stamped, null, undefined, batch.reservedSlugs);
  // As the Document Service validates the draft it creates first. Publishing validates again as
  // published, which adds only `required` (the title: stampNewArticle refuses an empty one;
  // contributors: parseContributors names each with a role) and `unique` (the slug, which
  // allocateSlug keeps unique among all rows): already true here, and a second pass would cost
  // as much as the first.
  const validated = await strapi.entityValidator.validateEntityCreation(strapi.contentType(ARTICLE), stamped as any, {
    isDraft: true,
  } as any);
  const { contributors, publishedAt: _publishedAt, ...fields } = validated as Record<string, unknown>;
  const documentId = (strapi.db.metadata.get(ARTICLE).attributes.documentId as unknown as { default: () => string }).default();
  return { documentId, fields, contributors: (contributors as Record<string, unknown>[] | undefined) ?? [], relations: input.relations, at };
}

/** Reserves a prepared article's slug for the rest of its batch. */
export const reserveSlug = (batch: BulkBatchContext, article: NewArticle) => batch.reservedSlugs.add(String(article.fields.slug));

const joinTableOf = (strapi: Core.Strapi, attribute: string) => joinTableOfType(strapi, ARTICLE, attribute);


/** Row ids of documents of a content type without draft & publish (one row each). */
async function rowIdsOf(strapi: Core.Strapi, uid: UID.ContentType, documentIds: string[]): Promise<Map<string, number>> {
  if (documentIds.length === 0) return new Map();
  const rows = await strapi.db.query(uid).findMany({ where: { documentId: { $in: documentIds } }, select: ['id', 'documentId'] });
  return new Map(rows.map((row: { id: number; documentId: string }) => [row.documentId, row.id]));
}

/**
 * Writes prepared articles: their draft rows (and published rows when `publish`), contributors and
 * relation joins, in a handful of statements. Returns each article's row ids, draft first.
 */
export async function writeNewArticles(
  strapi: Core.Strapi,
  trx: Knex,
  articles: NewArticle[],
  publish: boolean,
): Promise<{ documentId: string; rowIds: number[] }[]> {
  if (articles.length === 0) return [];
  // Draft then published, article after article: the order (and so the ids) the Document Service gives them.
  const versions = articles.flatMap((article) => {
    const row = { ...article.fields, documentId: article.documentId, createdAt: article.at, updatedAt: article.at };
    return publish ? [{ ...row, publishedAt: null }, { ...row, publishedAt: article.at }] : [{ ...row, publishedAt: null }];
  });
  const { ids } = await strapi.db.query(ARTICLE).createMany({ data: versions });
  const rowIds = ids as number[];
  const perArticle = publish ? 2 : 1;
  const rowsOf = (i: number) => rowIds.slice(i * perArticle, (i + 1) * perArticle);

  await writeContributors(strapi, trx, articles, rowsOf);

  for (const [attribute, uid] of Object.entries(ARTICLE_RELATIONS)) {
    const table = joinTableOf(strapi, attribute);
    if (table.orderColumnName || table.inverseOrderColumnName) {
      throw new Error(`the ${attribute} relation's join table now has an order column: the bulk import's storage layout must be re-checked`);
    }
    const targets = await rowIdsOf(strapi, uid, [...new Set(articles.map((a) => a.relations[attribute as ArticleRelation]).filter((id): id is string => !!id))]);
    const rows = articles.flatMap((article, i) => {
      const target = article.relations[attribute as ArticleRelation];
      if (!target) return [];
      const targetId = targets.get(target);
      if (targetId === undefined) throw new Error(`${attribute} ${target} does not exist`);
      return rowsOf(i).map((rowId) => ({ [table.joinColumn.name]: rowId, [table.inverseJoinColumn.name]: targetId }));
    });
    await insertInBatches(trx, table.name, rows);
  }
  return articles.map((article, i) => ({ documentId: article.documentId, rowIds: rowsOf(i) }));
}

/** Each version's own copy of the contributors, joined in order as Strapi joins a repeatable component. */
async function writeContributors(strapi: Core.Strapi, trx: Knex, articles: NewArticle[], rowsOf: (i: number) => number[]): Promise<void> {
  const attribute = strapi.contentType(ARTICLE).attributes.contributors as unknown as { component: UID.Component };
  const table = joinTableOf(strapi, 'contributors');
  const owners = articles.flatMap((article, i) => rowsOf(i).map((rowId) => ({ rowId, contributors: article.contributors })));
  const data = owners.flatMap((owner) => owner.contributors);
  if (data.length === 0) return;
  const { ids } = await strapi.db.query(attribute.component).createMany({ data });
  const componentIds = ids as number[];
  let next = 0;
  const joins = owners.flatMap((owner) =>
    owner.contributors.map((_, position) => ({
      [table.joinColumn.name]: owner.rowId,
      [table.inverseJoinColumn.name]: componentIds[next++],
      component_type: attribute.component,
      field: table.on?.field ?? 'contributors',
      [table.orderColumnName ?? 'order']: position + 1,
    })),
  );
  await insertInBatches(trx, table.name, joins);
}
