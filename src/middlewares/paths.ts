/**
 * Which requests the limits at the edge apply to. The router matches paths case-insensitively
 * and after percent-decoding (`/API/articles` and `/%61pi/articles` reach `/api/articles`), so a
 * limit that compared `ctx.path` as sent would let those spellings through unlimited.
 */
import type { Context } from 'koa';

/** The request's path as the router reads it: percent-decoded, lower-case, with `//` squashed. */
export function routedPath(ctx: Pick<Context, 'path'>): string {
  let path = ctx.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape matches no route; compare it as sent.
  }
  return path.replace(/\/{2,}/g, '/').toLowerCase();
}

/** Whether the request addresses `prefix` itself or anything below it (`/api` covers `/api/articles`, not `/apix`). */
export function isUnder(ctx: Pick<Context, 'path'>, ...prefixes: string[]): boolean {
  const path = routedPath(ctx);
  return prefixes.some((prefix) => {
    const base = prefix.replace(/\/+$/, '').toLowerCase();
    return path === base || path.startsWith(`${base}/`);
  });
}
