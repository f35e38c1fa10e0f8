import type { Core } from '@strapi/strapi';
import { closeAccountMutations, disableRegistration } from './no-sign-up';
import { registerPublishedOnly, registerPublishedOnlyGraphql } from './published-only';
import { syncPublicPermissions } from './public-permissions';
import { registerSafeUrls } from './safe-urls';
import { assertRealSecrets } from './secrets';

/** Every read-side rule for the public: published rows only, safe link addresses, no account flows. */
export function registerSecurity(strapi: Core.Strapi): void {
  // Here, not in config/: `strapi build` loads the config too and needs no secrets.
  assertRealSecrets(process.env);
  registerPublishedOnly(strapi);
  registerPublishedOnlyGraphql(strapi);
  registerSafeUrls(strapi);
  closeAccountMutations(strapi);
}

/** What is reset at every boot, so a change made by hand in the admin cannot widen access. */
export async function bootstrapSecurity(strapi: Core.Strapi): Promise<void> {
  await syncPublicPermissions(strapi);
  await disableRegistration(strapi);
}
