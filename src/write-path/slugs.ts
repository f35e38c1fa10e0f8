import type { Core, UID } from '@strapi/strapi';
import { slugFor, withSuffix } from '../core/slug';

/**
 * A slug for `text` that no other document of `uid` uses. The slug rule itself lives in
 * core/slug.ts; this only adds the numeric suffix a collision needs.
 */
export async function allocateSlug(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  text: string,
  documentId?: string | null,
): Promise<string> {
  const base = slugFor(text);
  const where: Record<string, unknown> = { slug: { $startsWith: base } };
  if (documentId) where.documentId = { $ne: documentId };
  const rows: { slug: string | null }[] = await strapi.db.query(uid).findMany({ where, select: ['slug'] });
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = withSuffix(base, n);
    if (!taken.has(candidate)) return candidate;
  }
}
