import type { StrapiApp } from '@strapi/strapi/admin';
import { DeskPanel } from './desk-panel';

export default {
  config: {
    // Editors may switch the admin to Simplified Chinese under Profile → Interface language.
    locales: ['zh-Hans'],
  },
  bootstrap(app: StrapiApp) {
    // The editor's desk beside the article's form (src/admin/desk-panel.tsx).
    (app.getPlugin('content-manager').apis as any).addEditViewSidePanel([DeskPanel]);
  },
};
