import type { Core } from '@strapi/strapi';
import { applyContentManagerViews } from './admin-config/content-manager';
import { useArchiveSlugsInAdmin } from './admin-config/slug-generator';
import { registerCaptureRecording } from './captures/api-writes';
import { registerBeijingDateTime } from './graphql/beijing-date-time';
import { registerCaptureQueries } from './graphql/captures';
import { registerRelatedArticlesQuery } from './graphql/related-articles';
import { registerReprintsQuery } from './graphql/reprints';
import { registerSearchArticlesQuery } from './graphql/search-articles';
import { ensureDerivedIndexTables } from './indexes';
import { registerDerivedIndexing } from './indexes/document-middleware';
import { bootstrapSecurity, registerSecurity } from './security';
import { registerTakedownWrites, registerWithholdingOnArticleWrites } from './takedown/document-middlewares';
import { ensureWithheldIndex } from './takedown/visibility';
import { registerWritePath } from './write-path';
import { ensureUniqueSlugIndexes } from './write-path/slugs';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerSecurity(strapi);
    registerWritePath(strapi);
    registerDerivedIndexing(strapi);
    registerCaptureRecording(strapi);
    registerTakedownWrites(strapi);
    // Last article middleware, so innermost: once a write is done, its withholding is decided
    // before registerDerivedIndexing (outer) syncs the indexes, which read withheld_at.
    registerWithholdingOnArticleWrites(strapi);
    registerBeijingDateTime(strapi);
    registerRelatedArticlesQuery(strapi);
    registerSearchArticlesQuery(strapi);
    registerReprintsQuery(strapi);
    registerCaptureQueries(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureDerivedIndexTables(strapi);
    await ensureUniqueSlugIndexes(strapi);
    await ensureWithheldIndex(strapi);
    await bootstrapSecurity(strapi);
    await applyContentManagerViews(strapi);
    useArchiveSlugsInAdmin(strapi);
  },
};
