import type { Core, UID } from '@strapi/strapi';
import path from 'node:path';
import { slugFor, withSuffix } from '../core/slug';

/** How many suffixed candidates one indexed look-up tries before scanning by prefix. */
const CANDIDATES = 20;

/**
 * A slug for `text` that no other document of `uid` uses. The slug rule itself lives in
 * core/slug.ts; this only adds the numeric suffix a collision needs.
 */
export async function allocateSlug(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  text: string,
  documentId?: string | null,
  /** Slugs taken by writes not stored yet (a bulk import's batch). */
  reserved: ReadonlySet<string> = new Set(),
): Promise<string> {
  const base = slugFor(text);
  const others = documentId ? { documentId: { $ne: documentId } } : {};
  const taken = async (slug: unknown) => {
    const stored = new Set<string>((await strapi.db.query(uid).findMany({ where: { slug, ...others }, select: ['slug'] })).map((row: { slug: string }) => row.slug));
    return { has: (candidate: string) => stored.has(candidate) || reserved.has(candidate) };
  };

  // An equality look-up uses the slug index, so a large archive stays fast; a prefix scan is
  // only needed for a title that already has more than CANDIDATES namesakes.
  const candidates = [base, ...Array.from({ length: CANDIDATES - 1 }, (_, i) => withSuffix(base, i + 2))];
  const used = await taken({ $in: candidates });
  const free = candidates.find((slug) => !used.has(slug));
  if (free) return free;
  const all = await taken({ $startsWith: base });
  for (let n = CANDIDATES + 1; ; n += 1) {
    const candidate = withSuffix(base, n);
    if (!all.has(candidate)) return candidate;
  }
}

const MIGRATION = path.join('database', 'migrations', '2026.11.29T00.00.00.unique-slug-indexes.js');

/** The unique slug indexes (database/migrations), created at bootstrap too: a new database has no tables when migrations run. */
export async function ensureUniqueSlugIndexes(strapi: Core.Strapi): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const migration = require(path.join(strapi.dirs.app.root, MIGRATION)) as { ensureUniqueSlugIndexes(knex: unknown): Promise<void> };
  await migration.ensureUniqueSlugIndexes(strapi.db.connection);
}

/** Whether `error` is another writer having taken the slug first (a unique index on slug). */
export function isSlugCollision(error: unknown): boolean {
  const text = `${(error as { message?: string })?.message ?? ''} ${(error as { constraint?: string })?.constraint ?? ''}`;
  return /slug_(draft_)?unique|UNIQUE constraint failed: \w+\.slug/.test(text);
}
