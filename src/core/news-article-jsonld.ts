/**
 * A stored article as schema.org NewsArticle (JSON-LD), for search engines and frontends: who
 * wrote it (the byline's people), who published it first (the outlet) and who carried it (the
 * aggregator), when, and where this archive keeps its snapshot. The properties Google's
 * NewsArticle guidance asks for are there whenever the article knows them: headline,
 * datePublished, dateModified, author, publisher with a name, mainEntityOfPage.
 */
import { parseContributors, type Contributor, type ContributorRole } from './byline';
import { chineseScript } from './chinese-script';
import { safeUrl } from './url';

const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/** Who wrote the text; editors, photographers and proof-readers are credited, not authors. */
const WRITING_ROLES: ReadonlySet<ContributorRole> = new Set(['reporter', 'correspondent', 'author']);

export interface NamedSource {
  name: string;
  homepage?: string | null;
}

/** The fields of a published article the JSON-LD is made from (relations populated). */
export interface ArticleForJsonLd {
  title: string;
  /** The text, for the language it is written in (zh-Hans or zh-Hant). */
  paragraphs?: readonly string[];
  byline?: string | null;
  sourcePublishedAt?: string | null;
  /** When the stored article last changed (a correction, a later capture). */
  updatedAt?: string | null;
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
  /** This archive, the publisher of last resort of a copy whose carrier is unknown. */
  archive: NamedSource;
  /** Its key terms, strongest first. */
  keywords: readonly string[];
}

const organization = (source: NamedSource | null | undefined) =>
  source ? { '@type': 'Organization', name: source.name, ...(source.homepage ? { url: source.homepage } : {}) } : undefined;

/** Drops absent fields: JSON-LD has no use for nulls, and a reader should not have to skip them. */
const present = (object: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)));

/** The site a page was captured from, named by its host, when nothing else names who put it out. */
function siteOf(originalUrl: string | null | undefined): NamedSource | null {
  const safe = originalUrl ? safeUrl(originalUrl) : null;
  if (!safe || 'problem' in safe) return null;
  const url = new URL(safe.href);
  return { name: url.hostname.replace(/^www\./, ''), homepage: url.origin };
}

/**
 * The people who wrote it, from the stored contributors or else the byline as printed; failing
 * both, the outlet that wrote it (else the aggregator that carried it, else the site it was
 * captured from) as an Organization, which is what Google asks for when no person is named.
 */
function authorsOf(article: ArticleForJsonLd) {
  const contributors = article.contributors?.length ? article.contributors : article.byline ? parseContributors(article.byline) : [];
  const writers = contributors.filter((person) => WRITING_ROLES.has(person.role));
  if (writers.length > 0) return writers.map((person) => ({ '@type': 'Person', name: person.name, jobTitle: person.role }));
  const outlet = organization(article.reprintedFrom ?? article.source ?? siteOf(article.originalUrl));
  return outlet ? [outlet] : [];
}

export function newsArticleJsonLd(article: ArticleForJsonLd, { archivedAt, archive, keywords }: NewsArticleContext): Record<string, unknown> {
  return present({
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'NewsArticle',
    headline: article.title,
    // The outlet's publication time, when the page said it; dateCreated is when this copy was made.
    datePublished: article.sourcePublishedAt,
    dateCreated: article.snapshotAt,
    dateModified: article.updatedAt ?? article.snapshotAt,
    author: authorsOf(article),
    sourceOrganization: organization(article.reprintedFrom),
    // Who published this copy: the aggregator that carried it, else the outlet, else the site it
    // was captured from, else this archive.
    publisher: organization(article.source ?? article.reprintedFrom ?? siteOf(article.originalUrl) ?? archive),
    mainEntityOfPage: { '@type': 'WebPage', '@id': archivedAt },
    isBasedOn: article.originalUrl,
    creditText: article.attribution,
    articleSection: article.category?.name,
    inLanguage: chineseScript([article.title, ...(article.paragraphs ?? [])].join('\n')),
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
