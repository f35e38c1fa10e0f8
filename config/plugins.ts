import { costLimitPlugin, DEFAULT_MAX_COST } from '../src/security/graphql-cost';

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
        // CORS for the whole app is src/middlewares/cors.ts; the plugin's own allowed every origin.
        cors: false,
        // Queries over GET are allowed (urql's default); a POST a form could send is refused by
        // src/security/graphql-csrf.ts, which says why Apollo's check would refuse too much.
        csrfPrevention: false,
        // Error answers carry a message and a code, never a server stack trace.
        includeStacktraceInErrorResponses: false,
        // The plugin merges this over its own list index by index: the two empty objects leave its
        // landing-page and root-argument plugins as they are, the cost limit goes third.
        plugins: [{}, {}, costLimitPlugin(env.int('GRAPHQL_MAX_COST', DEFAULT_MAX_COST))],
      },
    },
  },
});
