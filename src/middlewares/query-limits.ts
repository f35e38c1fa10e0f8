import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const SIZE_KEYS = ['pageSize', 'limit'] as const;

/**
 * Stock Strapi silently clamps a REST page size above `api.rest.maxLimit`; a client asking for
 * 1000 rows and getting 100 has a bug it cannot see. Say so with a 400 instead.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix: string = strapi.config.get('api.rest.prefix', '/api');
  const maxLimit: number = strapi.config.get('api.rest.maxLimit', 100);

  return async (ctx, next) => {
    const pagination = ctx.query?.pagination;
    if (ctx.path.startsWith(`${prefix}/`) && pagination && typeof pagination === 'object') {
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
    await next();
  };
};
