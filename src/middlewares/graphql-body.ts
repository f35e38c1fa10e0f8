/**
 * The GraphQL endpoint's request body, read before the request takes a turn in the fair queue.
 *
 * `strapi::body` reads every other body, but leaves the GraphQL endpoint's to the plugin, whose
 * parser runs inside the route: after the queue. A client that sent the headers of a POST and
 * then trickled its body held a running slot for as long as it liked, and a few such sockets
 * made every other request wait. Read here, with a size cap and a deadline, the body is whole
 * before the request is queued, and the plugin's parser leaves a body that is already there.
 *
 * A POST that may be a cross-site forgery is refused here, before its body is read
 * (src/security/graphql-csrf.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { graphqlCsrfRefusal } from '../security/graphql-csrf';
import { isUnder } from './paths';

export interface GraphqlBodyConfig {
  /** The largest body accepted, in bytes (the plugin's parser allowed 1 MiB of JSON). */
  maxBytes?: number;
  /** How long the whole body may take to arrive, in milliseconds. */
  timeoutMs?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

const hasBody = (ctx: Context) => Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';

type Outcome = { bytes: Buffer } | { refused: 'too large' | 'too slow' } | { aborted: true };

/** The body's bytes, or why it was not read whole: over `maxBytes`, or not all there within `timeoutMs`. */
function readBody(ctx: Context, maxBytes: number, timeoutMs: number): Promise<Outcome> {
  if (Number(ctx.get('content-length') || 0) > maxBytes) return Promise.resolve({ refused: 'too large' });
  const req = ctx.req;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onAborted).off('aborted', onAborted);
      // Whatever is left unread is discarded by Node once the answer is sent.
      if (!('bytes' in outcome)) req.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish({ refused: 'too large' });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ bytes: Buffer.concat(chunks, size) });
    const onAborted = () => finish({ aborted: true });
    const timer = setTimeout(() => finish({ refused: 'too slow' }), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onAborted).on('aborted', onAborted);
  });
}

/** What the plugin's parser (koa-bodyparser) would have made of it: JSON, a form, or nothing. */
function parse(ctx: Context, text: string): unknown {
  if (ctx.is('json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new errors.ValidationError(`The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (ctx.is('urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return {};
}

export default (config: GraphqlBodyConfig, { strapi }: { strapi: Core.Strapi }) => {
  const maxBytes = config.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = config.timeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const endpoint: string = strapi.plugin('graphql')?.config('endpoint') ?? '/graphql';

  return async (ctx: Context, next: Next) => {
    if (!isUnder(ctx, endpoint)) return next();
    const forged = graphqlCsrfRefusal(ctx.method, (name) => ctx.get(name));
    if (forged) throw new errors.ValidationError(forged);
    const request = ctx.request as Context['request'] & { body?: unknown; rawBody?: string };
    if (request.body !== undefined || ctx.req.readableEnded || !hasBody(ctx)) return next();
    const outcome = await readBody(ctx, maxBytes, timeoutMs);
    if ('aborted' in outcome) return;
    if ('refused' in outcome) {
      ctx.set('Connection', 'close');
      if (outcome.refused === 'too large') throw new errors.PayloadTooLargeError(`The request body is larger than ${maxBytes} bytes`);
      ctx.status = 408;
      ctx.body = {
        data: null,
        error: { status: 408, name: 'RequestTimeoutError', message: `The request body did not arrive within ${timeoutMs / 1000} s`, details: {} },
      };
      return;
    }
    const text = outcome.bytes.toString('utf8');
    request.rawBody = text;
    request.body = parse(ctx, text);
    return next();
  };
};
