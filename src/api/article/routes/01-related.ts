/** Related articles of one article; a permissioned action like find and findOne (see security/public-permissions.ts). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/:idOrSlug/related',
      handler: 'api::article.article.related',
    },
  ],
};
