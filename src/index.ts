import type { Core } from '@strapi/strapi';
import { applyContentManagerViews } from './admin-config/content-manager';
import { useArchiveSlugsInAdmin } from './admin-config/slug-generator';
import { registerBeijingDateTime } from './graphql/beijing-date-time';
import { registerRelatedArticlesQuery } from './graphql/related-articles';
import { registerRelatedIndexing } from './related/indexing';
import { ensureRelatedTables } from './related/tables';
import { bootstrapSecurity, registerSecurity } from './security';
import { registerWritePath } from './write-path';
import { ensureUniqueSlugIndexes } from './write-path/slugs';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerSecurity(strapi);
    registerWritePath(strapi);
    registerRelatedIndexing(strapi);
    registerBeijingDateTime(strapi);
    registerRelatedArticlesQuery(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureRelatedTables(strapi);
    await ensureUniqueSlugIndexes(strapi);
    await bootstrapSecurity(strapi);
    await applyContentManagerViews(strapi);
    useArchiveSlugsInAdmin(strapi);
  },
};
