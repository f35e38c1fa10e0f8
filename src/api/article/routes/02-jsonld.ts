/** schema.org NewsArticle (JSON-LD) of one article; a permissioned action like find and findOne (see security/public-permissions.ts). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/:idOrSlug/jsonld',
      handler: 'api::article.jsonld.findOne',
    },
  ],
};
