/**
 * Cross-origin reads, for the listed origins only, and for the whole app: REST, GraphQL and the
 * Memento routes alike.
 *
 * Registered as `strapi::cors` (Strapi requires a middleware of that name; src/index.ts), and
 * stands in for the GraphQL plugin's own CORS too (config/plugins.ts sets its `cors` off). Stock,
 * the first answered a request without an `Origin` with an empty `Access-Control-Allow-Origin`
 * and `Access-Control-Allow-Credentials: true`, and the second allowed every origin on `/graphql`
 * whatever `CORS_ORIGINS` said. Here:
 *
 * - a request from a listed origin gets that origin back, with credentials;
 * - any other request, with no `Origin` or an unlisted one, gets no CORS header at all, only
 *   `Vary: Origin`, so a cache never serves one origin's answer to another.
 *
 * The headers a Memento client reads (`Link`, `Memento-Datetime`, `Location`) are exposed, and
 * `Accept-Datetime` is an allowed request header, so a browser client can use the TimeGate.
 */
import type { Context, Next } from 'koa';
import { CSRF_HEADERS } from '../security/graphql-csrf';

export interface CorsConfig {
  /** Exact origins (`https://kuaizhao.example`). */
  origins?: string[];
  /** How long a browser may keep a preflight's answer, in seconds. */
  maxAgeSeconds?: number;
}

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const ALLOWED_HEADERS = [
  'Accept',
  'Accept-Datetime',
  'Authorization',
  'Content-Type',
  'Origin',
  // What GraphQL clients send with a POST a form could also send (src/security/graphql-csrf.ts).
  ...CSRF_HEADERS,
];
export const EXPOSED_HEADERS = ['Link', 'Location', 'Memento-Datetime', 'Retry-After', 'Content-Disposition'];

export default (config: CorsConfig = {}) => {
  const origins = new Set((config.origins ?? []).map((origin) => origin.trim().replace(/\/+$/, '')).filter(Boolean));
  const maxAge = String(config.maxAgeSeconds ?? 86_400);

  return async (ctx: Context, next: Next) => {
    ctx.vary('Origin');
    const origin = ctx.get('Origin');
    if (origin === '' || !origins.has(origin)) return next();

    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Allow-Credentials', 'true');

    const preflight = ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method') !== '';
    if (!preflight) {
      ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
      return next();
    }
    ctx.set('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
    ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
    ctx.set('Access-Control-Max-Age', maxAge);
    ctx.status = 204;
  };
};
