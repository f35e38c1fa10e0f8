export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
    // The admin session cookie travels over HTTPS only in production (behind a TLS-terminating
    // proxy, set TRUST_PROXY=true so the app sees the request as secure).
    cookie: { secure: env.bool('ADMIN_COOKIE_SECURE', env('NODE_ENV') === 'production') },
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
});
