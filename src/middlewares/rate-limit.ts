import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { isUnder } from './paths';

interface RateLimitConfig {
  enabled?: boolean;
  perMinute?: number;
  redisUrl?: string;
  /** Names the budget's keys in Redis: deployments (or test runs) sharing one Redis keep apart. */
  keyPrefix?: string;
}

/** Anonymous reads are what a single client can flood; the admin panel has its own login throttle. */
const LIMITED_PREFIXES = ['/api', '/graphql'];

function limiterFor({ perMinute = 300, redisUrl, keyPrefix = 'kuaizhao-rate' }: RateLimitConfig, strapi: Core.Strapi): RateLimiterAbstract {
  const options = { keyPrefix, points: perMinute, duration: 60 };
  if (!redisUrl) return new RateLimiterMemory(options);
  // Shared through Redis, every instance counts against one budget; while Redis is unreachable
  // each instance falls back to its own memory budget rather than refusing or waving everyone through.
  // The offline queue holds the first requests until the connection is up, so none is counted in memory by mistake.
  const client = new Redis(redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
  client.on('error', (error) => strapi.log.warn(`rate limit: Redis unavailable (${error.message}), counting in memory`));
  const limiter = new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) });
  const destroy = strapi.destroy.bind(strapi);
  strapi.destroy = async () => {
    client.disconnect();
    return destroy();
  };
  return limiter;
}

/**
 * Per-client budget of RATE_LIMIT_PER_MINUTE requests on the public APIs, answered with 429 and
 * Retry-After once spent. The client is the request address (X-Forwarded-For behind a proxy
 * with TRUST_PROXY=true).
 */
export default (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (!config.enabled) return async (_ctx, next) => next();
  const limiter = limiterFor(config, strapi);

  return async (ctx, next) => {
    if (!isUnder(ctx, ...LIMITED_PREFIXES)) return next();
    try {
      const res = await limiter.consume(ctx.ip);
      ctx.set('RateLimit-Remaining', String(res.remainingPoints));
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      const seconds = Math.max(1, Math.ceil(rejected.msBeforeNext / 1000));
      ctx.set('Retry-After', String(seconds));
      ctx.status = 429;
      ctx.body = {
        data: null,
        error: {
          status: 429,
          name: 'TooManyRequestsError',
          message: `Too many requests: at most ${config.perMinute} a minute from one client; retry after ${seconds} s`,
          details: {},
        },
      };
      return;
    }
    return next();
  };
};
