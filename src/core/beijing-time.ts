/**
 * Times on snapshot pages are written without a zone and mean Beijing time
 * (Asia/Shanghai). China has had no DST since 1991, so a fixed UTC+8 offset is
 * exact and we never depend on the server's zone or on ICU time-zone data.
 * This is the only module that knows that.
 */

const BEIJING_OFFSET_MINUTES = 8 * 60;
const MINUTE_MS = 60_000;

export type TimePrecision = 'second' | 'minute' | 'day';

export interface FoundBeijingTime {
  date: Date;
  /** The date as printed, without surrounding brackets or spaces. */
  text: string;
  /** Whatever follows the date (and its closing bracket), untrimmed. */
  rest: string;
}

// Date, optional time (space or T), optional fraction, optional zone.
const DATE_SOURCE =
  '(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})' +
  '(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?' +
  '(Z|[+-]\\d{2}(?::?\\d{2})?)?)?';

const OPEN = '[(（]';
const CLOSE = '[)）]';
const EXACT = new RegExp(`^\\s*(?:${OPEN}\\s*)?(${DATE_SOURCE})(?:\\s*${CLOSE})?\\s*$`);
const LEADING = new RegExp(`^\\s*(${OPEN}\\s*)?(${DATE_SOURCE})`);

/** Builds the instant from the eight capture groups of DATE_SOURCE. */
function instantFrom(groups: (string | undefined)[]): Date | null {
  const [year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = groups;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  // Date.UTC rolls 2024-02-30 over to March; reject instead of guessing.
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;

  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallClock = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const offset = zone === undefined ? BEIJING_OFFSET_MINUTES : zoneOffsetMinutes(zone);
  if (offset === null) return null;
  return new Date(wallClock - offset * MINUTE_MS);
}

function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Reads a date as printed on a page. Naive times are Beijing time; ISO strings
 * carrying a zone (`Z`, `+08:00`) are honoured as given. Returns null for
 * anything that is not exactly one valid date (optionally in brackets).
 */
export function parseBeijingTime(text: string): Date | null {
  const match = EXACT.exec(text);
  if (!match) return null;
  return instantFrom(match.slice(2, 10));
}

/**
 * Finds a date at the start of `text` when it runs on into the next field,
 * e.g. `2024-05-03 06:58:00来源:xx` or `( 2025-05-25 )来源:xx`.
 */
export function findBeijingTimeAt(text: string): FoundBeijingTime | null {
  const match = LEADING.exec(text);
  if (!match) return null;
  const date = instantFrom(match.slice(3, 11));
  if (!date) return null;
  let rest = text.slice(match[0].length);
  if (match[1]) rest = rest.replace(new RegExp(`^\\s*${CLOSE}`), '');
  return { date, text: match[2], rest };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Prints an instant as Beijing wall-clock time, the way pages print it. */
export function formatBeijingTime(date: Date, precision: TimePrecision = 'second'): string {
  const wall = new Date(date.getTime() + BEIJING_OFFSET_MINUTES * MINUTE_MS);
  const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  if (precision === 'day') return day;
  const minute = `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  if (precision === 'minute') return minute;
  return `${minute}:${pad(wall.getUTCSeconds())}`;
}

/** Normalises anything the write path may receive into an ISO UTC string. */
export function toIsoUtc(value: string | Date | null | undefined): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string') return null;
  return parseBeijingTime(value)?.toISOString() ?? null;
}
