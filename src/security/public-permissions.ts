import type { Core } from '@strapi/strapi';
import { PERMISSION as PERMISSION_UID, ROLE as ROLE_UID } from '../db/uids';

/**
 * Everything the Public role may do: read published content. Set at every boot, so a permission
 * granted by hand in the admin (or left over from an older version) cannot widen it.
 */
export const PUBLIC_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::article.article.related',
  'api::article.jsonld.findOne',
  'api::openapi.openapi.document',
  'api::article.article.search',
  'api::article.article.reprints',
  'api::source.source.find',
  'api::source.source.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
  'api::related-link.related-link.find',
  'api::related-link.related-link.findOne',
  // Memento: TimeMaps, TimeGate, mementos; they answer for published articles only (src/captures).
  'api::capture.memento.timeMapLink',
  'api::capture.memento.timeMapJson',
  'api::capture.memento.timeGate',
  'api::capture.memento.memento',
] as const;


export async function syncPublicPermissions(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions has no Public role: cannot set its permissions');

  const granted: { id: number; action: string }[] = await strapi.db
    .query(PERMISSION_UID)
    .findMany({ where: { role: role.id }, select: ['id', 'action'] });

  const allowed = new Set<string>(PUBLIC_ACTIONS);
  const seen = new Set<string>();
  const revoke: number[] = [];
  for (const permission of granted) {
    // Duplicates can appear when several instances boot at once against one database.
    if (!allowed.has(permission.action) || seen.has(permission.action)) revoke.push(permission.id);
    seen.add(permission.action);
  }
  if (revoke.length > 0) {
    await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: revoke } } });
  }
  for (const action of PUBLIC_ACTIONS) {
    if (!seen.has(action)) {
      await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
}
