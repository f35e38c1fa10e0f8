import type { Core } from '@strapi/strapi';
import { paragraphsToBlocks } from '../../src/core/body';
import type { SnapshotRecord } from '../../src/core/snapshot-page';

type SourceKind = 'outlet' | 'aggregator' | 'crawler';

async function categoryNamed(app: Core.Strapi, name: string): Promise<string> {
  const found = await app.documents('api::category.category').findFirst({ filters: { name } });
  return (found ?? (await app.documents('api::category.category').create({ data: { name } as any }))).documentId;
}

async function sourceNamed(app: Core.Strapi, name: string, kind: SourceKind): Promise<string> {
  const found = await app.documents('api::source.source').findFirst({ filters: { name } });
  return (found ?? (await app.documents('api::source.source').create({ data: { name, kind } as any }))).documentId;
}

/**
 * Stores a parsed snapshot page the way the archive does, through the Document Service: its
 * category and sources (found or created by name), the article, and its related list as
 * RelatedLinks in page order. A stand-in for the importer in tests, until the importer is merged.
 */
export async function writeSnapshotRecord(
  app: Core.Strapi,
  record: SnapshotRecord,
  options: { status?: 'published' | 'draft' } = {},
): Promise<{ documentId: string; slug: string; relatedLinkIds: string[] }> {
  const relation = async (name: string | null, find: (name: string) => Promise<string>) => (name ? find(name) : null);
  const article = await app.documents('api::article.article').create({
    data: {
      title: record.title,
      kicker: record.kicker,
      byline: record.byline,
      body: paragraphsToBlocks(record.paragraphs),
      sourcePublishedAt: record.sourcePublishedAt,
      snapshotAt: record.snapshotAt,
      originalUrl: record.originalUrl,
      attribution: record.attribution,
      category: await relation(record.category, (name) => categoryNamed(app, name)),
      source: await relation(record.source, (name) => sourceNamed(app, name, 'aggregator')),
      reprintedFrom: await relation(record.reprintedFrom, (name) => sourceNamed(app, name, 'outlet')),
      capturedBy: await relation(record.capturedBy, (name) => sourceNamed(app, name, 'crawler')),
    } as any,
    status: options.status ?? 'published',
  });
  const relatedLinkIds: string[] = [];
  for (const [position, item] of record.relatedLinks.entries()) {
    const link = await app.documents('api::related-link.related-link').create({
      data: { title: item.title, excerpt: item.excerpt, date: item.date, dateText: item.dateText, position, article: article.documentId } as any,
    });
    relatedLinkIds.push(link.documentId);
  }
  return { documentId: article.documentId, slug: article.slug as string, relatedLinkIds };
}
