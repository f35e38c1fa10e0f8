import type { Core } from '@strapi/strapi';
import { applyContentManagerViews } from './admin-config/content-manager';
import { useArchiveSlugsInAdmin } from './admin-config/slug-generator';
import { registerBeijingDateTime } from './graphql/beijing-date-time';
import { registerPublishedOnly } from './security/published-only';
import { syncPublicPermissions } from './security/public-permissions';
import { registerWritePath } from './write-path';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnly(strapi);
    registerWritePath(strapi);
    registerBeijingDateTime(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await syncPublicPermissions(strapi);
    await applyContentManagerViews(strapi);
    useArchiveSlugsInAdmin(strapi);
  },
};
