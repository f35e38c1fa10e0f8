/**
 * Memento (RFC 7089) in plain data: HTTP dates, the choice of the capture closest to a wanted
 * time, and the TimeMap in link-format (RFC 6690). The routes that answer with them live in
 * src/api/capture; what a capture is, in src/captures.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri, 03 May 2024 00:45:09 GMT`: the only date form Memento speaks (RFC 1123, as HTTP's IMF-fixdate). */
export function formatHttpDate(iso: string | Date): string {
  // toUTCString is exactly IMF-fixdate in every engine Node ships.
  return new Date(iso).toUTCString();
}

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * The instant an `Accept-Datetime` names, or null when it is not an RFC 1123 date. Strict on
 * purpose: a client sending another form would silently get a memento of some other time.
 */
export function parseHttpDate(text: string): Date | null {
  const match = HTTP_DATE.exec(text.trim());
  if (!match) return null;
  const [, day, date, month, year, hours, minutes, seconds] = match;
  const at = new Date(Date.UTC(Number(year), MONTHS.indexOf(month), Number(date), Number(hours), Number(minutes), Number(seconds)));
  // Rejects 31 Feb and a weekday that does not match the date.
  if (at.getUTCDate() !== Number(date) || DAYS[at.getUTCDay()] !== day || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    return null;
  }
  return at;
}

export interface Dated {
  /** ISO UTC. */
  snapshotAt: string;
}

/**
 * The capture closest in time to `at` (before or after, as RFC 7089 leaves it to the archive);
 * on a tie the earlier one, the page as it was. Without `at`, the latest. `captures` oldest first.
 */
export function closestCapture<T extends Dated>(captures: readonly T[], at?: Date | null): T | null {
  if (captures.length === 0) return null;
  if (!at) return captures[captures.length - 1];
  const wanted = at.getTime();
  let best = captures[0];
  for (const capture of captures) {
    if (Math.abs(Date.parse(capture.snapshotAt) - wanted) < Math.abs(Date.parse(best.snapshotAt) - wanted)) best = capture;
  }
  return best;
}

/** The capture in force at `at`: the latest taken at or before it, or null when none was yet. */
export function captureInForce<T extends Dated>(captures: readonly T[], at: Date): T | null {
  let found: T | null = null;
  for (const capture of captures) if (Date.parse(capture.snapshotAt) <= at.getTime()) found = capture;
  return found;
}

export interface TimeMapLinks {
  original: string;
  self: string;
  timegate: string;
  /** Oldest first. */
  mementos: { uri: string; datetime: string }[];
}

/**
 * The link-format TimeMap: original, self (with its span), timegate, then one memento per
 * capture, the first and last marked so. One link per line, as pywb writes it.
 */
export function timeMapLinkFormat({ original, self, timegate, mementos }: TimeMapLinks): string {
  const first = mementos[0];
  const last = mementos[mementos.length - 1];
  const lines = [
    `<${original}>; rel="original"`,
    `<${self}>; rel="self"; type="application/link-format"` +
      (first ? `; from="${formatHttpDate(first.datetime)}"; until="${formatHttpDate(last.datetime)}"` : ''),
    `<${timegate}>; rel="timegate"`,
    ...mementos.map((memento, i) => {
      const rel = [i === 0 ? 'first' : null, i === mementos.length - 1 ? 'last' : null, 'memento'].filter(Boolean).join(' ');
      return `<${memento.uri}>; rel="${rel}"; datetime="${formatHttpDate(memento.datetime)}"`;
    }),
  ];
  return `${lines.join(',\n')}\n`;
}

export interface MementoLinkRef {
  uri: string;
  /** ISO UTC. */
  datetime: string;
}

/**
 * The Link header of a TimeGate's or a memento's answer: original, timemap, timegate, and, for a
 * TimeGate, the memento it chose with the first and the last (RFC 7089 §4.1 allows them; Memento
 * clients that do not follow the redirect, e.g. memento-client, read the chosen one here). A
 * memento that is first, last and chosen at once is one link with all three relations.
 */
export function mementoLinkHeader(links: {
  original: string;
  timemap: string;
  timegate?: string;
  mementos?: { first: MementoLinkRef; last: MementoLinkRef; chosen: MementoLinkRef };
}): string {
  const parts = [`<${links.original}>; rel="original"`, `<${links.timemap}>; rel="timemap"; type="application/link-format"`];
  if (links.timegate) parts.push(`<${links.timegate}>; rel="timegate"`);
  if (links.mementos) {
    const { first, last, chosen } = links.mementos;
    const rels = new Map<string, { memento: MementoLinkRef; rels: string[] }>();
    for (const [rel, memento] of [['first', first], ['last', last], ['', chosen]] as const) {
      const entry = rels.get(memento.uri) ?? { memento, rels: [] };
      if (rel) entry.rels.push(rel);
      rels.set(memento.uri, entry);
    }
    for (const { memento, rels: named } of rels.values()) {
      parts.push(`<${memento.uri}>; rel="${[...named, 'memento'].join(' ')}"; datetime="${formatHttpDate(memento.datetime)}"`);
    }
  }
  return parts.join(', ');
}
