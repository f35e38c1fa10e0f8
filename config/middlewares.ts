export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
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
  {
    name: 'global::rate-limit',
    config: {
      // On by default in production only: tests and load benchmarks from one address measure the server.
      enabled: env.bool('RATE_LIMIT_ENABLED', env('NODE_ENV') === 'production'),
      perMinute: env.int('RATE_LIMIT_PER_MINUTE', 300),
      redisUrl: env('REDIS_URL', ''),
    },
  },
  'strapi::query',
  'global::query-limits',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
