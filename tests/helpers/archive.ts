import type { Core } from '@strapi/strapi';
import { SEED } from './seed';

export interface ArchiveFixture {
  categoryId: string;
  sourceId: string;
  outletId: string;
  crawlerId: string;
  publishedId: string;
  draftId: string;
}

function paragraph(text: string) {
  return { type: 'paragraph', children: [{ type: 'text', text }] };
}

/**
 * A small archive written through the Document Service: the seed article published, and a
 * draft-only article ("unpublished scoop") in the same category that no public path may show.
 */
export async function writeArchive(app: Core.Strapi): Promise<ArchiveFixture> {
  const category = await app.documents('api::category.category').create({ data: { name: SEED.category } as any });
  const source = await app.documents('api::source.source').create({ data: { name: SEED.source, kind: 'aggregator' } as any });
  const outlet = await app.documents('api::source.source').create({ data: { name: SEED.reprintedFrom, kind: 'outlet' } as any });
  const crawler = await app.documents('api::source.source').create({ data: { name: SEED.capturedBy, kind: 'crawler' } as any });
  const published = await app.documents('api::article.article').create({
    data: {
      title: SEED.title,
      kicker: SEED.kicker,
      byline: SEED.byline,
      body: [paragraph(SEED.firstParagraph)],
      sourcePublishedAt: SEED.sourcePublishedAt,
      snapshotAt: SEED.snapshotAt,
      category: category.documentId,
      source: source.documentId,
      reprintedFrom: outlet.documentId,
      capturedBy: crawler.documentId,
      contentHash: 'c0ffee',
    } as any,
    status: 'published',
  });
  const draft = await app.documents('api::article.article').create({
    data: { title: 'Unpublished scoop 未发布', category: category.documentId, source: source.documentId } as any,
  });
  // A related link on the published page that points at the draft: the link may show, the draft may not.
  await app.documents('api::related-link.related-link').create({
    data: { title: 'Unpublished scoop 未发布', excerpt: '...区域', position: 0, article: published.documentId, target: draft.documentId } as any,
  });
  return {
    categoryId: category.documentId,
    sourceId: source.documentId,
    outletId: outlet.documentId,
    crawlerId: crawler.documentId,
    publishedId: published.documentId,
    draftId: draft.documentId,
  };
}
