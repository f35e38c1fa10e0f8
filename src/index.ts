import type { Core } from '@strapi/strapi';
import { sqliteBootDone } from '../config/database';
import { applyContentManagerViews } from './admin-config/content-manager';
import { useArchiveSlugsInAdmin } from './admin-config/slug-generator';
import { ensureDerivedIndexTables, registerDerivedIndexes } from './app/derived-indexes';
import { registerDocumentMiddlewares } from './app/document-middlewares';
import { keepAdminToWhatTheArchiveAccepts } from './desk/permissions';
import { registerDeskRoutes } from './desk/routes';
import { ensureWithheldIndex } from './db/visibility';
import { registerPreviewRoute } from './preview/page';
import cors from './middlewares/cors';
import { registerBeijingDateTime } from './graphql/beijing-date-time';
import { registerPublicSchema } from './graphql/public-schema';
import { registerCaptureQueries } from './graphql/captures';
import { registerRelatedArticlesQuery } from './graphql/related-articles';
import { registerReprintsQuery } from './graphql/reprints';
import { registerSearchArticlesQuery } from './graphql/search-articles';
import { bootstrapSecurity, registerSecurity } from './security';
import { ensureUniqueSlugIndexes } from './write-path/slugs';

/** The app's wiring: what each feature adds to Strapi, in one place (the order of writes is in app/document-middlewares.ts). */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerSecurity(strapi);
    // Strapi requires a middleware named strapi::cors; ours stands in its place (middlewares/cors.ts).
    strapi.get('middlewares').set('strapi::cors', cors);
    registerDerivedIndexes(strapi);
    registerDocumentMiddlewares(strapi);
    registerBeijingDateTime(strapi);
    registerRelatedArticlesQuery(strapi);
    registerSearchArticlesQuery(strapi);
    registerReprintsQuery(strapi);
    registerCaptureQueries(strapi);
    registerPublicSchema(strapi);
    registerDeskRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureDerivedIndexTables(strapi);
    await ensureUniqueSlugIndexes(strapi);
    await ensureWithheldIndex(strapi);
    await bootstrapSecurity(strapi);
    await applyContentManagerViews(strapi);
    useArchiveSlugsInAdmin(strapi);
    registerPreviewRoute(strapi);
    await keepAdminToWhatTheArchiveAccepts(strapi);
    // Strapi runs this bootstrap last: from here on, readers must not wait for writers.
    sqliteBootDone();
  },
};
