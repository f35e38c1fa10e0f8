export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
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
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // Only the listed origins (comma-separated, e.g. https://kuaizhao.example) may read the API
      // from a browser; none by default, so no origin is ever echoed back with credentials.
      origin: env.array('CORS_ORIGINS', []),
      credentials: true,
    },
  },
  'strapi::poweredBy',
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
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
