import type { Core } from '@strapi/strapi';
import { applyContentManagerViews } from './admin-config/content-manager';
import { useArchiveSlugsInAdmin } from './admin-config/slug-generator';
import { fingerprintIndex } from './fingerprints';
import { registerFingerprintIndexing } from './fingerprints/indexing';
import { registerBeijingDateTime } from './graphql/beijing-date-time';
import { registerRelatedArticlesQuery } from './graphql/related-articles';
import { registerReprintsQuery } from './graphql/reprints';
import { registerRelatedIndexing } from './related/indexing';
import { ensureRelatedTables } from './related/tables';
import { mayReadDrafts, registerPublishedOnly } from './security/published-only';
import { syncPublicPermissions } from './security/public-permissions';
import { registerTakedownWrites, registerWithholdingOnArticleWrites } from './takedown/document-middlewares';
import { registerWithheldRelationGuard } from './takedown/public-reads';
import { registerWritePath } from './write-path';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnly(strapi);
    registerWritePath(strapi);
    registerRelatedIndexing(strapi);
    registerFingerprintIndexing(strapi);
    registerTakedownWrites(strapi);
    // Last: once an article write is done, its withholding is decided before the indexes above sync it.
    registerWithholdingOnArticleWrites(strapi);
    registerBeijingDateTime(strapi);
    registerRelatedArticlesQuery(strapi);
    registerReprintsQuery(strapi);
    registerWithheldRelationGuard(strapi, () => mayReadDrafts(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureRelatedTables(strapi);
    await fingerprintIndex.ensureTables(strapi);
    await syncPublicPermissions(strapi);
    await applyContentManagerViews(strapi);
    useArchiveSlugsInAdmin(strapi);
  },
};
