import type { Core } from '@strapi/strapi';
import { applyContentManagerViews } from './admin-config/content-manager';
import { useArchiveSlugsInAdmin } from './admin-config/slug-generator';
import { registerBeijingDateTime } from './graphql/beijing-date-time';
import { registerRelatedArticlesQuery } from './graphql/related-articles';
import { ensureDerivedIndexTables } from './indexes';
import { registerDerivedIndexing } from './indexes/document-middleware';
import { waitLongerForSqliteWriters } from './indexes/sql';
import { registerPublishedOnly } from './security/published-only';
import { syncPublicPermissions } from './security/public-permissions';
import { registerWritePath } from './write-path';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await waitLongerForSqliteWriters(strapi);
    registerPublishedOnly(strapi);
    registerWritePath(strapi);
    registerDerivedIndexing(strapi);
    registerBeijingDateTime(strapi);
    registerRelatedArticlesQuery(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureDerivedIndexTables(strapi);
    await syncPublicPermissions(strapi);
    await applyContentManagerViews(strapi);
    useArchiveSlugsInAdmin(strapi);
  },
};
