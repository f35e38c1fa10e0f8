export default ({ env }) => {
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    // Behind a reverse proxy (nginx, a load balancer) the client address and scheme come from
    // X-Forwarded-*: the rate limiter keys on that address, and secure cookies need the scheme.
    proxy: { koa: env.bool('TRUST_PROXY', false) },
    logger: {
      updates: { enabled: false },
      startup: { enabled: env('NODE_ENV') !== 'test' },
    },
    app: {
      keys: env.array('APP_KEYS'),
    },
  };
};
