import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Editors may switch the admin to Simplified Chinese under Profile → Interface language.
    locales: ['zh-Hans'],
  },
  bootstrap(_app: StrapiApp) {},
};
