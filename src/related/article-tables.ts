import type { Core } from '@strapi/strapi';

/**
 * Where Strapi keeps articles, their categories and their related links, read from its own
 * metadata rather than spelled out, for the few hot queries that go to SQL directly.
 */
export interface ArticleTables {
  articles: string;
  categories: string;
  relatedLinks: string;
  /** article → category */
  articleCategory: { table: string; article: string; category: string };
  /** related link → the article it is printed under */
  linkArticle: { table: string; link: string; article: string };
  /** related link → the article it points at */
  linkTarget: { table: string; link: string; article: string };
}

let cached: ArticleTables | undefined;

function joinOf(strapi: Core.Strapi, uid: string, attribute: string) {
  const joinTable = (strapi.db.metadata.get(uid as any).attributes[attribute] as any).joinTable;
  return { table: joinTable.name as string, from: joinTable.joinColumn.name as string, to: joinTable.inverseJoinColumn.name as string };
}

export function articleTables(strapi: Core.Strapi): ArticleTables {
  if (cached) return cached;
  const category = joinOf(strapi, 'api::article.article', 'category');
  const linkArticle = joinOf(strapi, 'api::related-link.related-link', 'article');
  const linkTarget = joinOf(strapi, 'api::related-link.related-link', 'target');
  cached = {
    articles: strapi.db.metadata.get('api::article.article').tableName,
    categories: strapi.db.metadata.get('api::category.category').tableName,
    relatedLinks: strapi.db.metadata.get('api::related-link.related-link').tableName,
    articleCategory: { table: category.table, article: category.from, category: category.to },
    linkArticle: { table: linkArticle.table, link: linkArticle.from, article: linkArticle.to },
    linkTarget: { table: linkTarget.table, link: linkTarget.from, article: linkTarget.to },
  };
  return cached;
}
