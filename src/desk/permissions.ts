/**
 * What the admin offers editors, kept to what the archive accepts (set at every boot, after the
 * admin has given the Super Admin every action):
 * - Captures are written by the archive only (captures/recording.ts refuses any other write), so
 *   no role may create, update, delete or publish one: the content manager shows no Create button
 *   and a read-only entry.
 * - A Takedown's `history` is stamped by the archive (takedown/document-middlewares.ts), so no
 *   role may write that field: the edit view shows it read-only.
 */
import type { Core } from '@strapi/strapi';
import { CAPTURE, TAKEDOWN } from '../db/uids';

const ADMIN_PERMISSION = 'admin::permission';
const CM = 'plugin::content-manager.explorer';
export const CAPTURE_WRITE_ACTIONS = ['create', 'update', 'delete', 'publish'].map((action) => `${CM}.${action}`);
export const ARCHIVE_STAMPED_FIELDS: Record<string, readonly string[]> = { [TAKEDOWN]: ['history'] };

export async function keepAdminToWhatTheArchiveAccepts(strapi: Core.Strapi): Promise<void> {
  // The Roles editor stops offering them...
  const provider = strapi.service('admin::permission').actionProvider;
  for (const actionId of CAPTURE_WRITE_ACTIONS) {
    const action = provider.get(actionId);
    if (action?.subjects) action.subjects = action.subjects.filter((subject: string) => subject !== CAPTURE);
  }
  // ...and no role holds them.
  await strapi.db.query(ADMIN_PERMISSION).deleteMany({ where: { action: { $in: CAPTURE_WRITE_ACTIONS }, subject: CAPTURE } });
  for (const [subject, stamped] of Object.entries(ARCHIVE_STAMPED_FIELDS)) {
    const rows = await strapi.db.query(ADMIN_PERMISSION).findMany({ where: { action: { $in: [`${CM}.create`, `${CM}.update`] }, subject } });
    for (const row of rows) {
      const fields: string[] | undefined = row.properties?.fields;
      if (!fields?.some((field) => stamped.includes(field))) continue;
      await strapi.db.query(ADMIN_PERMISSION).update({ where: { id: row.id }, data: { properties: { ...row.properties, fields: fields.filter((field) => !stamped.includes(field)) } } });
    }
  }
}
