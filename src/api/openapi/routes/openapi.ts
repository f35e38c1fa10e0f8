/** The OpenAPI document of the public API; a permissioned action (see security/public-permissions.ts). */
export default {
  routes: [
    {
      method: 'GET',
      path: '/openapi.json',
      handler: 'api::openapi.openapi.document',
    },
  ],
};
