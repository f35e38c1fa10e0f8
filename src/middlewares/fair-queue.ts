/**
 * Requests are served in the order they arrive, a few at a time.
 *
 * Node alone is not fair under load: when the server is busy, it runs every request it has read to
 * the end, one after another, and a socket that is read late can wait for many rounds. With
 * better-sqlite3 a request's queries are synchronous, so this is the usual case on SQLite. In
 * `npm run bench:load` (50 clients), a few requests of each run waited past the client's 10 s
 * timeout while the average wait was half a second.
 *
 * Here each request takes a ticket when it is read and runs when its turn comes. At most
 * `concurrency` run at once, and each starts in a later turn of the event loop, so reading new
 * requests never waits behind running ones. A request that waits more than `maxWaitMs`, or finds
 * `maxQueue` requests already waiting, is answered 503 with Retry-After. A request whose client
 * has gone away while it waited is dropped without running.
 */
import type { Context, Next } from 'koa';

export interface FairQueueConfig {
  enabled?: boolean;
  /** Requests running at once. */
  concurrency?: number;
  /** Requests waiting at most; one more is refused with 503. */
  maxQueue?: number;
  /** The longest wait before a request is refused with 503, in milliseconds. */
  maxWaitMs?: number;
}

interface Ticket {
  admit: () => void;
  arrivedAt: number;
}

/** The queue itself, separate from Koa so that its order and bounds are tested directly. */
export class FairQueue {
  private readonly waiting: Ticket[] = [];
  private running = 0;

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
    readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
    if (!(Number.isInteger(maxQueue) && maxQueue >= 0)) throw new Error(`maxQueue must be a whole number ≥ 0, got ${maxQueue}`);
    if (!(maxWaitMs > 0)) throw new Error(`maxWaitMs must be positive, got ${maxWaitMs}`);
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Waits for this request's turn. Resolves with the time waited in ms, or with null when the
   * queue is full (at once) or the wait passed maxWaitMs (when its turn came): refuse it then.
   * Every admitted request must call release() once it is done.
   */
  enter(): Promise<number | null> {
    if (this.waiting.length >= this.maxQueue && this.running >= this.concurrency) return Promise.resolve(null);
    const arrivedAt = this.now();
    return new Promise((resolve) => {
      this.waiting.push({
        arrivedAt,
        admit: () => {
          const waited = this.now() - arrivedAt;
          if (waited > this.maxWaitMs) {
            this.release();
            resolve(null);
          } else resolve(waited);
        },
      });
      this.pump();
    });
  }

  release(): void {
    this.running -= 1;
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const ticket = this.waiting.shift()!;
      this.running += 1;
      // A later turn of the event loop: the sockets ready now are all read (and queued) first.
      setImmediate(ticket.admit);
    }
  }
}

const refuse = (ctx: Context, message: string) => {
  ctx.status = 503;
  ctx.set('Retry-After', '1');
  ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message, details: {} } };
};

export default (config: FairQueueConfig) => {
  if (config.enabled === false) return async (_ctx: Context, next: Next) => next();
  const queue = new FairQueue(config.concurrency ?? 4, config.maxQueue ?? 1000, config.maxWaitMs ?? 30_000);

  return async (ctx: Context, next: Next) => {
    const waited = await queue.enter();
    if (waited === null) {
      refuse(ctx, `The server is busy: more than ${queue.maxQueue} requests are waiting or one waited over ${queue.maxWaitMs / 1000} s; retry shortly`);
      return;
    }
    try {
      // The client gave up while this request waited: nothing to answer.
      if (ctx.req.socket?.destroyed) return;
      await next();
    } finally {
      queue.release();
    }
  };
};
