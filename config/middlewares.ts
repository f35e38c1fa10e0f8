/**
 * The edge, in the order a request meets it. Refusals that cost nothing come first; bodies are
 * read whole (size-capped, under a deadline) before a request takes its turn in the fair queue,
 * so a client that trickles its body holds a socket, never a running slot.
 */
export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    // Only the listed origins (comma-separated, e.g. https://kuaizhao.example) may read from a
    // browser; none by default. Ours, registered under Strapi's name (src/middlewares/cors.ts,
    // src/index.ts).
    name: 'strapi::cors',
    config: { origins: env.array('CORS_ORIGINS', []) },
  },
  // No strapi::poweredBy: naming the server and its version only helps whoever probes it.
  { name: 'global::statement-timeout', config: { timeoutMs: env.int('PUBLIC_STATEMENT_TIMEOUT_MS', 5000) } },
  {
    name: 'global::rate-limit',
    config: {
      // On by default in production only: tests and load benchmarks from one address measure the server.
      enabled: env.bool('RATE_LIMIT_ENABLED', env('NODE_ENV') === 'production'),
      perMinute: env.int('RATE_LIMIT_PER_MINUTE', 300),
      redisUrl: env('REDIS_URL', ''),
      keyPrefix: env('RATE_LIMIT_KEY_PREFIX', 'kuaizhao-rate'),
    },
  },
  'strapi::query',
  'global::query-limits',
  // koa-body's caps (1 MiB of JSON); the server's requestTimeout (config/server.ts) is the deadline.
  'strapi::body',
  {
    // The GraphQL endpoint's body, which strapi::body leaves to the plugin (src/middlewares/graphql-body.ts).
    name: 'global::graphql-body',
    config: {
      maxBytes: env.int('GRAPHQL_BODY_MAX_BYTES', 1024 * 1024),
      timeoutMs: env.int('REQUEST_BODY_TIMEOUT_MS', 10000),
    },
  },
  {
    // Requests served in arrival order, a few at a time (src/middlewares/fair-queue.ts).
    name: 'global::fair-queue',
    config: {
      enabled: env.bool('REQUEST_QUEUE_ENABLED', true),
      // SQLite's driver is synchronous: more at once only interleaves them. PostgreSQL overlaps
      // queries, up to its pool (DATABASE_POOL_MAX, 10).
      concurrency: env.int('REQUEST_CONCURRENCY', env('DATABASE_CLIENT', 'sqlite') === 'postgres' ? 8 : 2),
      maxQueue: env.int('REQUEST_QUEUE_MAX', 1000),
      maxWaitMs: env.int('REQUEST_QUEUE_MAX_WAIT_MS', 30000),
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
