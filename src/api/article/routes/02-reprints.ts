/** The other published copies of an article's story; a permissioned action (see security/public-permissions.ts). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/:idOrSlug/reprints',
      handler: 'api::article.article.reprints',
    },
  ],
};
