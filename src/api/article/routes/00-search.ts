/**
 * Search over published articles; a permissioned action like find (see security/public-permissions.ts).
 * Its file sorts before the core router's, so /articles/search is never read as /articles/:id.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/search',
      handler: 'api::article.article.search',
    },
  ],
};
