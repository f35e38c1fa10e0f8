/**
 * Finding 3's third part: a per-client budget on /api and /graphql, 429 with Retry-After once
 * spent, counted in memory or, with REDIS_URL, in Redis shared by every instance.
 */
import Redis from 'ioredis';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const BUDGET = 5;
const REDIS_URL = 'redis://127.0.0.1:6379';
// This run's own keys: another run of the suite (CI runs SQLite and PostgreSQL at once) shares the Redis.
const KEY_PREFIX = `kuaizhao-rate-test-${process.pid}`;

async function bootWith(env: Record<string, string>): Promise<Core.Strapi> {
  Object.assign(process.env, { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_PER_MINUTE: String(BUDGET), ...env });
  return startStrapi();
}

function describeBudget(name: string, env: Record<string, string>, before: () => Promise<void> = async () => {}) {
  describe(name, () => {
    let app: Core.Strapi;
    const http = () => request(app.server.httpServer);
    beforeAll(async () => {
      await before();
      app = await bootWith(env);
    });
    afterAll(async () => {
      await stopStrapi(app);
      for (const key of ['RATE_LIMIT_ENABLED', 'RATE_LIMIT_PER_MINUTE', 'REDIS_URL', 'RATE_LIMIT_KEY_PREFIX']) delete process.env[key];
    });

    test(`answers ${BUDGET} requests a minute, then 429 with Retry-After, across /api and /graphql`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < BUDGET - 1; i += 1) statuses.push((await http().get('/api/articles')).status);
      statuses.push((await http().post('/graphql').send({ query: '{ articles { title } }' })).status);
      const refused = await http().get('/api/articles');
      expect([...statuses, refused.status]).toEqual([200, 200, 200, 200, 200, 429]);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.error.message).toBe(`Too many requests: at most ${BUDGET} a minute from one client; retry after ${retryAfter} s`);
    });

    test('paths outside /api and /graphql are not counted', async () => {
      expect((await http().get('/favicon.ico')).status).toBe(200);
    });
  });
}

describeBudget('in memory (no REDIS_URL)', {});

describeBudget('in Redis (REDIS_URL set)', { REDIS_URL, RATE_LIMIT_KEY_PREFIX: KEY_PREFIX }, async () => {
  // A budget left by an earlier run within the same minute would be counted against this one.
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${KEY_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

test('off unless asked for outside production: the test app answers more than the budget', async () => {
  const app = await startStrapi();
  const statuses = new Set<number>();
  for (let i = 0; i < BUDGET * 2; i += 1) statuses.add((await request(app.server.httpServer).get('/api/articles')).status);
  await stopStrapi(app);
  expect([...statuses]).toEqual([200]);
});
