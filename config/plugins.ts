export default ({ env }) => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // Stock Strapi leaves these unbounded: a single query could walk the whole archive.
      defaultLimit: 25,
      maxLimit: 100,
      depthLimit: 6,
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        introspection: true,
      },
    },
  },
});
