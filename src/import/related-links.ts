/**
 * The related list under an imported article, written as a set. RelatedLink has no write-path
 * rules (nothing stamps it), so the importer writes a whole list in a few set-based statements
 * instead of one Document Service create per link: a page carries up to a dozen links, and
 * per-link creates would cost more than the article itself. Table and column names come from
 * Strapi's own metadata, and the rows are the ones the Document Service would write: a link is
 * joined to both the draft and the published row of its article and of its target (RelatedLink
 * has no draft & publish, so Strapi connects it to both versions).
 */
import type { Core } from '@strapi/strapi';
import type { RelatedLinkInput } from '../core/article-input';


import type { Knex } from '../db/derived-index';
import { joinTableOf as joinTableOfType, type JoinTable } from '../db/join-tables';
import { insertInBatches } from '../db/sql';
import { ARTICLE, RELATED_LINK as LINK } from '../db/uids';

/** An article as stored: its documentId, the ids of its rows (draft, published), what links name it by. */
export interface ArticleRows {
  documentId: string;
  rowIds: number[];
  title: string;
  sourcePublishedAt: string | null;
}

const joinTableOf = (strapi: Core.Strapi, attribute: 'article' | 'target') => joinTableOfType(strapi, LINK, attribute);

const sameInstant = (a: unknown, b: string) => a !== null && a !== undefined && new Date(a as string).getTime() === Date.parse(b);

/** The draft and published row ids of one article. */
export async function rowIds(strapi: Core.Strapi, documentId: string): Promise<number[]> {
  const rows = await strapi.db.query(ARTICLE).findMany({ where: { documentId }, select: ['id'] });
  return rows.map((row: { id: number }) => row.id);
}


function joinRows(table: JoinTable, linkIds: number[], articleIds: number[], order: (i: number) => number) {
  return linkIds.flatMap((linkId, i) =>
    articleIds.map((articleId) => ({
      [table.joinColumn.name]: linkId,
      [table.inverseJoinColumn.name]: articleId,
      ...(table.inverseOrderColumnName ? { [table.inverseOrderColumnName]: order(i) } : {}),
      ...(table.orderColumnName ? { [table.orderColumnName]: 1 } : {}),
    })),
  );
}

/** Row ids of the archived article each link points at (same title, published at the link's date). */
async function targetRows(strapi: Core.Strapi, links: RelatedLinkInput[]): Promise<number[][]> {
  const titles = [...new Set(links.filter((link) => link.title && link.date).map((link) => link.title as string))];
  const candidates: { id: number; documentId: string; title: string; sourcePublishedAt: unknown }[] =
    titles.length === 0
      ? []
      : await strapi.db.query(ARTICLE).findMany({
          where: { title: { $in: titles } },
          select: ['id', 'documentId', 'title', 'sourcePublishedAt'],
        });
  return links.map((link) => {
    if (!link.title || !link.date) return [];
    const matching = candidates.filter((row) => row.title === link.title && sameInstant(row.sourcePublishedAt, link.date!));
    const documentId = matching[0]?.documentId;
    return matching.filter((row) => row.documentId === documentId).map((row) => row.id);
  });
}

/**
 * Replaces the article's related links with `links`, in page order, each with its target when
 * archived. `isNew`: the article was just created, so it has no links to remove.
 */
export async function replaceRelatedLinks(
  strapi: Core.Strapi,
  trx: Knex,
  article: ArticleRows,
  links: RelatedLinkInput[],
  isNew: boolean,
): Promise<void> {
  const articleTable = joinTableOf(strapi, 'article');
  if (!isNew) {
    // Through the join table's index: a relation filter would scan every link in the archive.
    const old: number[] = (
      await trx(articleTable.name).whereIn(articleTable.inverseJoinColumn.name, article.rowIds).select(articleTable.joinColumn.name)
    ).map((row: Record<string, number>) => row[articleTable.joinColumn.name]);
    // Join rows go with them (ON DELETE CASCADE on Strapi's join tables).
    if (old.length > 0) await strapi.db.query(LINK).deleteMany({ where: { id: { $in: [...new Set(old)] } } });
  }
  await writeRelatedLinks(strapi, trx, [{ article, links }]);
}

/**
 * Writes the related lists of articles that have none yet (new ones), all in a few statements:
 * the links, their joins to both rows of their article, their targets.
 */
export async function writeRelatedLinks(strapi: Core.Strapi, trx: Knex, lists: { article: ArticleRows; links: RelatedLinkInput[] }[]): Promise<void> {
  const all = lists.flatMap(({ links }) => links);
  if (all.length === 0) return;
  const now = new Date();
  const { ids } = await strapi.db.query(LINK).createMany({
    data: lists.flatMap(({ links }) =>
      links.map((link, position) => ({
        title: link.title,
        excerpt: link.excerpt || null,
        date: link.date,
        dateText: link.dateText,
        url: link.url ?? null,
        position,
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      })),
    ),
  });
  const linkIds = ids as number[];

  const articleTable = joinTableOf(strapi, 'article');
  let next = 0;
  const articleJoins = lists.flatMap(({ article, links }) => {
    const own = linkIds.slice(next, (next += links.length));
    return joinRows(articleTable, own, article.rowIds, (i) => i + 1);
  });
  await insertInBatches(trx, articleTable.name, articleJoins);

  const targets = await targetRows(strapi, all);
  const targetTable = joinTableOf(strapi, 'target');
  const rows = linkIds.flatMap((linkId, i) => joinRows(targetTable, [linkId], targets[i], () => 1));
  await insertInBatches(trx, targetTable.name, rows);
}

/**
 * Links imported before this article arrived (or before its latest version was published) that
 * name it by title and date now point at its current rows.
 */
export async function pointLinksAt(strapi: Core.Strapi, trx: Knex, article: ArticleRows): Promise<void> {
  await pointLinksAtAll(strapi, trx, [article]);
}

/** pointLinksAt for several articles, in their order: a link naming two of them ends at the last. */
export async function pointLinksAtAll(strapi: Core.Strapi, trx: Knex, articles: ArticleRows[]): Promise<void> {
  const dated = articles.filter((article) => article.sourcePublishedAt);
  if (dated.length === 0) return;
  const waiting: { id: number; title: string; date: unknown }[] = await strapi.db.query(LINK).findMany({
    where: { title: { $in: [...new Set(dated.map((article) => article.title))] } },
    select: ['id', 'title', 'date'],
  });
  if (waiting.length === 0) return;
  const pointed = new Map<number, number[]>();
  for (const article of dated) {
    for (const link of waiting) {
      if (link.title === article.title && sameInstant(link.date, article.sourcePublishedAt!)) pointed.set(link.id, article.rowIds);
    }
  }
  if (pointed.size === 0) return;
  const table = joinTableOf(strapi, 'target');
  const linkIds = [...pointed.keys()];
  for (let i = 0; i < linkIds.length; i += 500) await trx(table.name).whereIn(table.joinColumn.name, linkIds.slice(i, i + 500)).delete();
  await insertInBatches(trx, table.name, [...pointed].flatMap(([linkId, rowIds]) => joinRows(table, [linkId], rowIds, () => 1)));
}
