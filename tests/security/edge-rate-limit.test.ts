/**
 * Finding 3's rate-limit part: the budget on /api and /graphql counts every spelling the router
 * serves there (`POST /GRAPHQL`, `/API/…`, `/%61pi/…`), not only the lower-case one.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const BUDGET = 3;

let app: Core.Strapi;
const http = () => request(app.server.httpServer);

beforeAll(async () => {
  Object.assign(process.env, { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_PER_MINUTE: String(BUDGET), RATE_LIMIT_KEY_PREFIX: `kuaizhao-edge-${process.pid}` });
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  for (const key of ['RATE_LIMIT_ENABLED', 'RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_KEY_PREFIX']) delete process.env[key];
});

test(`POST /GRAPHQL, GET /API/articles and GET /%61pi/articles spend the one budget: the request after ${BUDGET} is 429`, async () => {
  const statuses = [
    (await http().post('/GRAPHQL').send({ query: '{ articles { title } }' })).status,
    (await http().get('/API/articles')).status,
    (await http().get('/%61pi/articles')).status,
    (await http().post('/GRAPHQL').send({ query: '{ articles { title } }' })).status,
  ];
  // The router answers the percent-encoded spelling 404; the limit counts it all the same.
  expect(statuses).toEqual([200, 200, 404, 429]);
});
