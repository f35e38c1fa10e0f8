import type { Core } from '@strapi/strapi';
import { disableRegistration } from './no-sign-up';
import { registerPublishedOnlyGraphql } from './published-only';
import { syncPublicPermissions } from './public-permissions';
import { publicUrl, registerSafeUrlsGraphql } from './safe-urls';
import { assertRealSecrets } from './secrets';

/**
 * The read-side rules for the public that live outside the Document Service: published rows only
 * and safe link addresses in GraphQL's relation fields, no account flows. Their Document Service
 * halves (publishedOnlyReads, safeUrlReads) are in the app's one list of document middlewares.
 */
export function registerSecurity(strapi: Core.Strapi): void {
  // Here, not in config/: `strapi build` loads the config too and needs no secrets.
  assertRealSecrets(process.env);
  // Production refuses to start without the public URL every absolute link starts with.
  publicUrl(strapi);
  registerPublishedOnlyGraphql(strapi);
  registerSafeUrlsGraphql(strapi);
}

/** What is reset at every boot, so a change made by hand in the admin cannot widen access. */
export async function bootstrapSecurity(strapi: Core.Strapi): Promise<void> {
  await syncPublicPermissions(strapi);
  await disableRegistration(strapi);
}
