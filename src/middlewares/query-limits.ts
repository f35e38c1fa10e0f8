import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isUnder } from './paths';

const SIZE_KEYS = ['pageSize', 'limit'] as const;

/**
 * How many relation levels a REST `populate` reaches: `populate=*` and `populate[a]=true` are 1,
 * `populate[a][populate][b]=true` and `populate=a.b` are 2.
 */
export function populateDepth(populate: unknown): number {
  if (typeof populate === 'string') return Math.max(0, ...populate.split(',').map((part) => (part.trim() ? part.trim().split('.').length : 0)));
  if (Array.isArray(populate)) return Math.max(0, ...populate.map(populateDepth));
  if (populate && typeof populate === 'object') {
    return Math.max(
      0,
      ...Object.entries(populate as Record<string, unknown>).map(([key, value]) => {
        // A dynamic zone's `on` names components, not a level of its own.
        if (key === 'on') return populateDepth(value);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const nested = (value as Record<string, unknown>).populate;
          return 1 + (nested === undefined ? 0 : populateDepth(nested));
        }
        return 1;
      }),
    );
  }
  return 0;
}

/**
 * Also refuses a populate deeper than `api.rest.maxPopulateDepth`.
 *
 * Stock Strapi silently clamps a REST page size above `api.rest.maxLimit`; a client asking for
 * 1000 rows and getting 100 has a bug it cannot see. Say so with a 400 instead.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix: string = strapi.config.get('api.rest.prefix', '/api');
  const maxLimit: number = strapi.config.get('api.rest.maxLimit', 100);
  const maxPopulateDepth: number = strapi.config.get('api.rest.maxPopulateDepth', 3);

  return async (ctx, next) => {
    if (!isUnder(ctx, prefix)) return next();
    const pagination = ctx.query?.pagination;
    if (pagination && typeof pagination === 'object') {
      for (const key of SIZE_KEYS) {
        const raw = (pagination as Record<string, unknown>)[key];
        if (raw === undefined) continue;
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 1 || value > maxLimit) {
          throw new errors.ValidationError(`pagination[${key}] must be an integer from 1 to ${maxLimit}, got "${String(raw)}"`, {
            param: `pagination[${key}]`,
          });
        }
      }
    }
    const populate = ctx.query?.populate;
    if (populate !== undefined) {
      // Each level multiplies the rows a request can pull: one anonymous request must stay cheap.
      const depth = populateDepth(populate);
      if (depth > maxPopulateDepth) {
        throw new errors.ValidationError(`populate reaches ${depth} levels of relations; at most ${maxPopulateDepth} are allowed`, {
          param: 'populate',
        });
      }
    }
    await next();
  };
};
