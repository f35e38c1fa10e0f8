import type { Core } from '@strapi/strapi';
import { registerPublishedOnly } from './security/published-only';
import { syncPublicPermissions } from './security/public-permissions';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnly(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await syncPublicPermissions(strapi);
  },
};
