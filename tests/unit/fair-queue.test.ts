import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import request from 'supertest';
import fairQueue, { FairQueue } from '../../src/middlewares/fair-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FairQueue', () => {
  test('admits in arrival order, never more than `concurrency` at once', async () => {
    const queue = new FairQueue(2, 100, 60_000);
    const admitted: number[] = [];
    const entries = Array.from({ length: 6 }, (_, i) => queue.enter().then(() => admitted.push(i)));
    await tick();
    await tick();
    expect(admitted).toEqual([0, 1]);
    expect(queue.size).toEqual({ running: 2, waiting: 4 });
    queue.release();
    await tick();
    expect(admitted).toEqual([0, 1, 2]);
    queue.release();
    queue.release();
    await tick();
    expect(admitted).toEqual([0, 1, 2, 3, 4]);
    queue.release();
    await Promise.all(entries);
    expect(admitted).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('starts an admitted request in a later turn of the event loop, not inside the caller', async () => {
    const queue = new FairQueue(1, 10, 60_000);
    let admitted = false;
    void queue.enter().then(() => (admitted = true));
    await Promise.resolve();
    expect(admitted).toBe(false);
    await tick();
    expect(admitted).toBe(true);
  });

  test('refuses at once when the queue is full, and after a wait over maxWaitMs', async () => {
    let now = 0;
    const queue = new FairQueue(1, 1, 1000, () => now);
    const first = queue.enter();
    const second = queue.enter();
    expect(await queue.enter()).toBeNull();
    expect(await first).toBe(0);
    now = 1500;
    queue.release();
    expect(await second).toBeNull();
    // The refused ticket gave its place back.
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  test('refuses nonsense settings', () => {
    expect(() => new FairQueue(0, 1, 1)).toThrow('concurrency must be a whole number ≥ 1, got 0');
    expect(() => new FairQueue(1, -1, 1)).toThrow('maxQueue must be a whole number ≥ 0, got -1');
    expect(() => new FairQueue(1, 1, 0)).toThrow('maxWaitMs must be positive, got 0');
  });
});

describe('the fair-queue middleware in a Koa server', () => {
  let server: http.Server;
  let url: string;
  let release: () => void = () => {};
  const started: string[] = [];

  beforeAll(async () => {
    const app = new Koa();
    app.use(fairQueue({ concurrency: 1, maxQueue: 1, maxWaitMs: 60_000 }) as Koa.Middleware);
    app.use(async (ctx) => {
      started.push(ctx.path);
      if (ctx.path === '/slow') await new Promise<void>((resolve) => (release = resolve));
      ctx.body = { path: ctx.path };
    });
    server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('one running and one waiting: the next request gets 503 with Retry-After, the waiting one its answer', async () => {
    const slow = request(url).get('/slow').then((res) => res);
    while (!started.includes('/slow')) await new Promise((resolve) => setTimeout(resolve, 5));
    const waiting = request(url).get('/waiting').then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const refused = await request(url).get('/refused');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.error).toEqual({
      status: 503,
      name: 'ServiceUnavailableError',
      message: 'The server is busy: more than 1 requests are waiting or one waited over 60 s; retry shortly',
      details: {},
    });
    expect(started).not.toContain('/waiting');

    release();
    expect((await slow).body).toEqual({ path: '/slow' });
    expect((await waiting).body).toEqual({ path: '/waiting' });
    expect(started).toEqual(['/slow', '/waiting']);
  });
});
