export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  logger: {
    updates: { enabled: false },
    startup: { enabled: env('NODE_ENV') !== 'test' },
  },
  app: {
    keys: env.array('APP_KEYS'),
  },
});
