/**
 * Memento (RFC 7089) over HTTP: TimeMaps, the TimeGate and mementos. Each action reads its input
 * (the URI-R, an Accept-Datetime), asks src/captures, and shapes the answer's headers.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { closestCapture, formatHttpDate, mementoLinkHeader, parseHttpDate, timeMapLinkFormat } from '../../../core/memento';
import { mementoOf, timeMapJson, timeMapOf, type TimeMap } from '../../../captures/memento';
import { isWithheldCapture } from '../../../captures/reading';
import { publicUrl } from '../../../security/safe-urls';
import { respondWithheld } from '../../../takedown/http';

type Ctx = {
  params: Record<string, string>;
  querystring: string;
  get(name: string): string;
  set(name: string, value: string): void;
  vary(field: string): void;
  redirect(url: string): void;
  type: string;
  status: number;
  body: unknown;
};

/** A host name first (`www.example.com/a`, `example.com:8080/a`): an address written without its scheme. */
const SCHEMELESS = /^(?![a-z][a-z0-9+.-]*:\/)[^\s/:?#]+\.[a-z0-9-]{2,}\.?(:\d+)?(?=[/?#]|$)/i;

/**
 * The URI-R as the client appended it: the router decodes the path, the query string comes back
 * as sent. A `//` squashed to `/` by a proxy (`https:/example.com`) is repaired, as pywb does,
 * and an address without scheme (`www.example.com/a`) is taken as http, as Wayback and pywb take
 * it: captures are looked up by the canonical form, which is the same for http and https.
 */
function uriROf(ctx: Ctx): string {
  let path = (ctx.params.uri ?? '').replace(/^(https?):\/(?!\/)/i, '$1://');
  if (SCHEMELESS.test(path)) path = `http://${path}`;
  const uri = ctx.querystring ? `${path}?${ctx.querystring}` : path;
  if (!/^https?:\/\/[^/]/i.test(uri)) {
    throw new errors.ValidationError(`append an http(s) address to the route, e.g. /api/timemap/link/https://example.com/a; got "${uri}"`);
  }
  return uri;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const base = () => `${publicUrl(strapi)}${strapi.config.get('api.rest.prefix', '/api')}`;

  /** The TimeMap of the URI-R; null once a 451 is answered (its only captures are of withheld articles). */
  async function timeMapOrNotFound(ctx: Ctx): Promise<TimeMap | null> {
    const uriR = uriROf(ctx);
    const timeMap = await timeMapOf(strapi, uriR, base());
    if (timeMap) return timeMap;
    if (await isWithheldCapture(strapi, { url: uriR })) {
      respondWithheld(strapi, ctx);
      return null;
    }
    throw new errors.NotFoundError(`no capture of ${uriR} in this archive`);
  }

  return {
    /** GET /timemap/link/<URI-R> */
    async timeMapLink(ctx: Ctx) {
      const timeMap = await timeMapOrNotFound(ctx);
      if (!timeMap) return;
      ctx.type = 'application/link-format';
      ctx.body = timeMapLinkFormat({
        original: timeMap.original,
        self: timeMap.timeMapLink,
        timegate: timeMap.timeGate,
        mementos: timeMap.mementos.map(({ capture, uri }) => ({ uri, datetime: capture.snapshotAt })),
      });
    },

    /** GET /timemap/json/<URI-R> */
    async timeMapJson(ctx: Ctx) {
      const timeMap = await timeMapOrNotFound(ctx);
      if (timeMap) ctx.body = timeMapJson(timeMap);
    },

    /** GET /timegate/<URI-R>, Accept-Datetime: <RFC 1123> → 302 to the closest memento. */
    async timeGate(ctx: Ctx) {
      const wanted = ctx.get('accept-datetime');
      const at = wanted ? parseHttpDate(wanted) : null;
      if (wanted && !at) {
        throw new errors.ValidationError(`Accept-Datetime must be an RFC 1123 date, e.g. "Fri, 03 May 2024 00:45:09 GMT"; got "${wanted}"`);
      }
      const timeMap = await timeMapOrNotFound(ctx);
      if (!timeMap) return;
      const dated = timeMap.mementos.map(({ uri, capture }) => ({ uri, snapshotAt: capture.snapshotAt, datetime: capture.snapshotAt }));
      const chosen = closestCapture(dated, at)!;
      // Appended, not set: the CORS middleware's `Vary: Origin` stays.
      ctx.vary('Accept-Datetime');
      ctx.set(
        'Link',
        mementoLinkHeader({
          original: timeMap.original,
          timemap: timeMap.timeMapLink,
          mementos: { first: dated[0], last: dated[dated.length - 1], chosen },
        }),
      );
      ctx.redirect(chosen.uri);
      ctx.status = 302;
    },

    /** GET /mementos/<capture documentId>: the article as that capture saw it. */
    async memento(ctx: Ctx) {
      const memento = await mementoOf(strapi, ctx.params.id, base());
      if (!memento && (await isWithheldCapture(strapi, { documentId: ctx.params.id }))) return respondWithheld(strapi, ctx);
      if (!memento) throw new errors.NotFoundError(`no memento ${ctx.params.id}`);
      const { timeMap, capture } = memento;
      ctx.set('Memento-Datetime', formatHttpDate(capture.snapshotAt));
      ctx.set('Link', mementoLinkHeader({ original: timeMap.original, timemap: timeMap.timeMapLink, timegate: timeMap.timeGate }));
      ctx.body = memento.body;
    },
  };
};
