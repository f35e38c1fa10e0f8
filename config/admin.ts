import { signedPreviewPath } from '../src/preview/signing';

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
  // The edit view's Preview panel shows the article as its snapshot page, served by this app
  // (src/preview/): same origin, so the admin may frame it.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: ["'self'"],
      async handler(uid: string, { documentId, status }: { documentId: string; status?: 'draft' | 'published' }) {
        if (uid !== 'api::article.article') return null;
        return signedPreviewPath(env('ADMIN_JWT_SECRET'), documentId, status === 'published' ? 'published' : 'draft');
      },
    },
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
});
