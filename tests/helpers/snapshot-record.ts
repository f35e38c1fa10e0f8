import type { Core } from '@strapi/strapi';
import type { SnapshotRecord } from '../../src/core/snapshot-page';
import { ArticleImporter } from '../../src/import/importer';

/**
 * Stores a parsed snapshot page the way operators do, through the import service: category and
 * sources by name, the article through the write path, its related list in page order.
 */
export async function writeSnapshotRecord(
  app: Core.Strapi,
  record: SnapshotRecord,
  options: { status?: 'published' | 'draft' } = {},
): Promise<{ documentId: string; slug: string }> {
  const importer = new ArticleImporter(app, { publish: options.status !== 'draft', dryRun: false });
  const [result] = await importer.importBatch([record]);
  if ('error' in result) throw result.error;
  const row = await app.db.query('api::article.article').findOne({ where: { documentId: result.documentId }, select: ['slug'] });
  return { documentId: result.documentId, slug: row.slug };
}
