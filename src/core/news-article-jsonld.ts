/**
 * A stored article as schema.org NewsArticle (JSON-LD), for search engines and frontends: who
 * wrote it (the byline's people), who published it first (the outlet) and who carried it (the
 * aggregator), when, and where this archive keeps its snapshot.
 */
import type { Contributor } from './byline';

const SCHEMA_ORG_CONTEXT = 'https://schema.org';
/** Every article of the archive is Simplified Chinese news. */
const ARTICLE_LANGUAGE = 'zh-CN';

export interface NamedSource {
  name: string;
  homepage?: string | null;
}

/** The fields of a published article the JSON-LD is made from (relations populated). */
export interface ArticleForJsonLd {
  title: string;
  sourcePublishedAt?: string | null;
  snapshotAt?: string | null;
  originalUrl?: string | null;
  attribution?: string | null;
  contributors?: readonly Contributor[] | null;
  category?: { name: string } | null;
  /** The aggregator that carried it (来源). */
  source?: NamedSource | null;
  /** The outlet that wrote it (本文转自). */
  reprintedFrom?: NamedSource | null;
}

export interface NewsArticleContext {
  /** The absolute URL of the article in this archive. */
  archivedAt: string;
  /** Its key terms, strongest first. */
  keywords: readonly string[];
}

const organization = (source: NamedSource | null | undefined) =>
  source ? { '@type': 'Organization', name: source.name, ...(source.homepage ? { url: source.homepage } : {}) } : undefined;

/** Drops absent fields: JSON-LD has no use for nulls, and a reader should not have to skip them. */
const present = (object: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)));

export function newsArticleJsonLd(article: ArticleForJsonLd, { archivedAt, keywords }: NewsArticleContext): Record<string, unknown> {
  return present({
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'NewsArticle',
    headline: article.title,
    // The outlet's publication time; dateCreated is when this copy was made.
    datePublished: article.sourcePublishedAt,
    dateCreated: article.snapshotAt,
    author: (article.contributors ?? []).map((person) => ({ '@type': 'Person', name: person.name, jobTitle: person.role })),
    sourceOrganization: organization(article.reprintedFrom),
    publisher: organization(article.source),
    isBasedOn: article.originalUrl,
    creditText: article.attribution,
    articleSection: article.category?.name,
    inLanguage: ARTICLE_LANGUAGE,
    archivedAt,
    keywords: [...keywords],
  });
}

const SCRIPT_UNSAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

/**
 * JSON-LD as text a page may paste into `<script type="application/ld+json">` as it is: `<`, `>`
 * and `&` written as JSON escapes, so no value (a headline with `</script>` in it) can close the
 * element. Still JSON, and it parses to the same value.
 */
export const jsonLdText = (value: unknown): string => JSON.stringify(value).replace(/[<>&]/g, (character) => SCRIPT_UNSAFE[character]);
