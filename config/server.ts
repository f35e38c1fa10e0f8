export default ({ env }) => {
  const port = env.int('PORT', 1337);
  return {
    host: env('HOST', '0.0.0.0'),
    port,
    // Where the public reaches the archive: every absolute link it serves (JSON-LD, Memento, 451)
    // starts here, never with the request's Host. Required in production (src/security/safe-urls.ts
    // refuses to start without it); elsewhere this machine.
    url: env('PUBLIC_URL', '') || (env('NODE_ENV') === 'production' ? '' : `http://localhost:${port}`),
    // Behind a reverse proxy (nginx, a load balancer) the client address and scheme come from
    // X-Forwarded-*: the rate limiter keys on that address, and secure cookies need the scheme.
    proxy: { koa: env.bool('TRUST_PROXY', false) },
    http: {
      // Node's defaults (a minute for the headers, five for the whole request) let a client that
      // trickles its request keep a socket for minutes; checked every second instead of 30.
      serverOptions: {
        headersTimeout: env.int('HEADERS_TIMEOUT_MS', 20000),
        requestTimeout: env.int('REQUEST_TIMEOUT_MS', 60000),
        connectionsCheckingInterval: 1000,
      },
    },
    logger: {
      updates: { enabled: false },
      startup: { enabled: env('NODE_ENV') !== 'test' },
    },
    app: {
      keys: env.array('APP_KEYS'),
    },
  };
};
