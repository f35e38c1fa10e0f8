/**
 * Where Strapi keeps the content types' rows and their relations, read from its own metadata
 * rather than spelled out, for the queries that go to SQL directly (hot reads, bulk writes).
 */
import type { Core } from '@strapi/strapi';
import { ARTICLE, CATEGORY, RELATED_LINK, SOURCE } from './uids';

/** A relation's link table as Strapi's metadata describes it. */
export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
  morphColumn?: unknown;
  on?: Record<string, string>;
}

/** The link table of `uid`'s relation `attribute`. */
export function joinTableOf(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  return (strapi.db.metadata.get(uid as any).attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
}

/** A relation's link table by role: `from` holds the owner's row id, `to` the related row's. */
export interface Join {
  table: string;
  from: string;
  to: string;
}

export function joinOf(strapi: Core.Strapi, uid: string, attribute: string): Join {
  const joinTable = joinTableOf(strapi, uid, attribute);
  return { table: joinTable.name, from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
}

/** Tables of the articles and what they relate to, for the hot reads of the derived indexes. */
export interface ArticleTables {
  articles: string;
  categories: string;
  sources: string;
  relatedLinks: string;
  /** article → category */
  articleCategory: Join;
  /** article → source */
  articleSource: Join;
  /** related link → the article it is printed under */
  linkArticle: Join;
  /** related link → the article it points at */
  linkTarget: Join;
}

const cached = new WeakMap<Core.Strapi, ArticleTables>();

export function articleTables(strapi: Core.Strapi): ArticleTables {
  let tables = cached.get(strapi);
  if (!tables) {
    tables = {
      articles: strapi.db.metadata.get(ARTICLE).tableName,
      categories: strapi.db.metadata.get(CATEGORY).tableName,
      sources: strapi.db.metadata.get(SOURCE).tableName,
      relatedLinks: strapi.db.metadata.get(RELATED_LINK).tableName,
      articleCategory: joinOf(strapi, ARTICLE, 'category'),
      articleSource: joinOf(strapi, ARTICLE, 'source'),
      linkArticle: joinOf(strapi, RELATED_LINK, 'article'),
      linkTarget: joinOf(strapi, RELATED_LINK, 'target'),
    };
    cached.set(strapi, tables);
  }
  return tables;
}
