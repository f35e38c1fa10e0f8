/**
 * A public request's database work is bounded, and stops when its client goes.
 *
 * - On PostgreSQL each statement of a public request (no API token, not the admin) runs under
 *   `statement_timeout` (`timeoutMs`): the connection is set when a public request takes it from
 *   the pool and reset when anything else does, so a connection costs one extra round trip only
 *   when it changes hands between the two. The setting follows the request, not the process:
 *   `npm run import` and `reindex`, the admin and back ends with a token run their long
 *   statements as before, and so does the server's own work at boot. A request whose statement is
 *   cancelled is answered 503, REST and GraphQL alike.
 * - A public request whose client has gone runs no further statement, on both databases; on
 *   PostgreSQL the statement it is running is cancelled (`pg_cancel_backend`), and its connection
 *   goes back to the pool only once the cancel is done, so the cancel cannot reach the next user.
 *   SQLite runs a statement to its end in the one thread, so there a statement is only ever
 *   bounded by the filter limits (security/filter-limits.ts).
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { mayReadDrafts } from '../security/published-only';

export interface StatementTimeoutConfig {
  /** The longest a public request's statement may run on PostgreSQL, in milliseconds. */
  timeoutMs?: number;
}

/** PostgreSQL's query_canceled: by statement_timeout or by pg_cancel_backend. */
const QUERY_CANCELED = '57014';

interface PgConnection {
  processID?: number;
  query(sql: string): Promise<unknown>;
  /** The statement_timeout this connection was last set to: a number, or null for the server's default. */
  kuaizhaoStatementTimeout?: number | null;
}

interface KnexClient {
  config: { client?: string };
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

const clientGone = (ctx: Context): boolean => ctx.req.socket?.destroyed === true;

/** Marks the request whose statement PostgreSQL cancelled, as the error itself may be swallowed (GraphQL). */
const CANCELLED = Symbol('statement cancelled');

/**
 * Wraps the knex pool of `strapi`: the statement timeout and the client-gone check are applied
 * where every query of a request, the Document Service's and raw knex's alike, takes its
 * connection. Returns what watches one request for its client going away.
 */
function boundPublicStatements(strapi: Core.Strapi, timeoutMs: number): (ctx: Context) => () => void {
  const knex = strapi.db.connection;
  const client = knex.client as unknown as KnexClient;
  const postgres = /^(pg|postgres|postgresql)$/.test(String(client.config.client));
  const acquire = client.acquireConnection.bind(client);
  const release = client.releaseConnection.bind(client);
  const inUseBy = new Map<PgConnection, Context>();
  const cancelling = new Map<PgConnection, Promise<unknown>>();

  client.acquireConnection = async () => {
    const ctx = strapi.requestContext.get() as Context | undefined;
    const bounded = ctx !== undefined && !mayReadDrafts(strapi);
    const connection = await acquire();
    if (bounded) {
      // Checked once the connection is ours (a request's queries may wait for it together), after
      // a turn of the event loop, so that a socket closed during the last statement (run
      // synchronously on SQLite) is seen.
      await new Promise((resolve) => setImmediate(resolve));
      if (clientGone(ctx)) {
        await release(connection);
        ctx.throw(499, 'The client closed the request before it was answered');
      }
    }
    if (!postgres) return connection;
    const wanted = bounded ? timeoutMs : null;
    if (connection.kuaizhaoStatementTimeout !== wanted) {
      try {
        await connection.query(wanted === null ? 'RESET statement_timeout' : `SET statement_timeout = ${Math.floor(wanted)}`);
      } catch (error) {
        await release(connection);
        throw error;
      }
      connection.kuaizhaoStatementTimeout = wanted;
    }
    if (bounded) inUseBy.set(connection, ctx);
    return connection;
  };

  client.releaseConnection = (connection) => {
    inUseBy.delete(connection);
    const cancel = cancelling.get(connection);
    if (!cancel) return release(connection);
    // The cancel may have hit the transaction's own ROLLBACK or COMMIT: end whatever is left open.
    return cancel
      .then(() => connection.query('ROLLBACK'))
      .catch(() => {})
      .then(() => release(connection));
  };

  if (postgres) {
    knex.on('query-error', (error: { code?: string }) => {
      const ctx = strapi.requestContext.get() as (Context & { [CANCELLED]?: boolean }) | undefined;
      if (ctx && error?.code === QUERY_CANCELED) ctx[CANCELLED] = true;
    });
  }

  const cancelStatementsOf = (ctx: Context) => {
    for (const [connection, owner] of inUseBy) {
      if (owner !== ctx || connection.processID === undefined || cancelling.has(connection)) continue;
      // Outside the request, whose client is gone: this statement must run.
      const cancel = strapi.requestContext
        .run(undefined as never, () => knex.raw('SELECT pg_cancel_backend(?)', [connection.processID!]))
        .catch((error: unknown) => strapi.log.warn(`Could not cancel the statement of a request whose client left: ${String(error)}`))
        .finally(() => cancelling.delete(connection));
      cancelling.set(connection, cancel);
    }
  };

  return (ctx) => {
    if (!postgres) return () => {};
    const onClose = () => {
      if (!ctx.res.writableFinished) cancelStatementsOf(ctx);
    };
    ctx.res.once('close', onClose);
    return () => ctx.res.off('close', onClose);
  };
}

export default (config: StatementTimeoutConfig, { strapi }: { strapi: Core.Strapi }) => {
  const timeoutMs = config.timeoutMs ?? 5000;
  if (!(timeoutMs > 0)) throw new Error(`the public statement timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  const watch = boundPublicStatements(strapi, timeoutMs);
  const tooLong = (ctx: Context) => {
    ctx.status = 503;
    ctx.set('Retry-After', '1');
    ctx.body = {
      data: null,
      error: { status: 503, name: 'ServiceUnavailableError', message: `The request took too long: a statement ran over ${timeoutMs} ms and was stopped`, details: {} },
    };
  };

  return async (ctx: Context & { [CANCELLED]?: boolean }, next: Next) => {
    const stopWatching = watch(ctx);
    try {
      await next();
    } catch (error) {
      if ((error as { code?: string })?.code !== QUERY_CANCELED) throw error;
      ctx[CANCELLED] = true;
    } finally {
      stopWatching();
    }
    // REST throws the database's error; GraphQL answers it inside its body: either way, say why.
    if (ctx[CANCELLED]) tooLong(ctx);
  };
};
