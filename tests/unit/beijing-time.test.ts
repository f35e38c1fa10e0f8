import { findBeijingTimeAt, formatBeijingTime, parseBeijingTime, toIsoUtc } from '../../src/core/beijing-time';
import { seedLines } from '../helpers/seed';

const iso = (text: string): string | null => parseBeijingTime(text)?.toISOString() ?? null;

describe('parseBeijingTime', () => {
  test('reads the seed publication time as Beijing time', () => {
    expect(iso('2024-05-03 06:58:00')).toBe('2024-05-02T22:58:00.000Z');
  });

  test('reads the seed snapshot time as Beijing time', () => {
    const printed = seedLines[29].split(':').slice(1).join(':');
    expect(iso(printed)).toBe('2024-05-03T00:45:09.000Z');
  });

  test('reads a time without seconds', () => {
    expect(iso('2022-12-15 22:55')).toBe('2022-12-15T14:55:00.000Z');
  });

  test('reads a date alone as Beijing midnight', () => {
    expect(iso('2024-05-03')).toBe('2024-05-02T16:00:00.000Z');
  });

  test('reads slashed dates', () => {
    expect(iso('2024/09/01')).toBe('2024-08-31T16:00:00.000Z');
  });

  test('reads slashed dates with a time', () => {
    expect(iso('2024/09/01 08:30')).toBe('2024-09-01T00:30:00.000Z');
  });

  test('reads single-digit months, days and hours', () => {
    expect(iso('2024-5-3 6:58')).toBe('2024-05-02T22:58:00.000Z');
  });

  test('reads a naive ISO time with a T and milliseconds as Beijing time', () => {
    expect(iso('2024-05-03T06:58:00.123')).toBe('2024-05-02T22:58:00.123Z');
  });

  test('honours a Z zone', () => {
    expect(iso('2024-05-02T22:58:00.000Z')).toBe('2024-05-02T22:58:00.000Z');
  });

  test('honours an explicit +08:00 offset', () => {
    expect(iso('2024-05-03T06:58:00+08:00')).toBe('2024-05-02T22:58:00.000Z');
  });

  test('honours a negative offset', () => {
    expect(iso('2024-05-02T17:58:00-05:00')).toBe('2024-05-02T22:58:00.000Z');
  });

  test('reads a date in ASCII brackets with spaces', () => {
    expect(iso('( 2025-05-25 )')).toBe('2025-05-24T16:00:00.000Z');
  });

  test('reads a date in full-width brackets', () => {
    expect(iso('（2025-05-25）')).toBe('2025-05-24T16:00:00.000Z');
  });

  test('ignores surrounding spaces', () => {
    expect(iso('  2024-05-03 06:58:00  ')).toBe('2024-05-02T22:58:00.000Z');
  });

  test('rejects month 13', () => {
    expect(parseBeijingTime('2024-13-01')).toBeNull();
  });

  test('rejects a day past the end of the month', () => {
    expect(parseBeijingTime('2023-02-29')).toBeNull();
  });

  test('accepts 29 February in a leap year', () => {
    expect(iso('2024-02-29')).toBe('2024-02-28T16:00:00.000Z');
  });

  test('rejects hour 24', () => {
    expect(parseBeijingTime('2024-05-03 24:00')).toBeNull();
  });

  test('rejects garbage', () => {
    expect(parseBeijingTime('昨天下午')).toBeNull();
  });

  test('rejects an empty string', () => {
    expect(parseBeijingTime('')).toBeNull();
  });

  test('rejects a date followed by other text', () => {
    expect(parseBeijingTime('2024-05-03 06:58:00来源:每日看点快看')).toBeNull();
  });
});

describe('findBeijingTimeAt', () => {
  test('splits a date from the field run on after it', () => {
    const found = findBeijingTimeAt('2024-05-03 06:58:00来源:每日看点快看');
    expect(found && { iso: found.date.toISOString(), text: found.text, rest: found.rest }).toEqual({
      iso: '2024-05-02T22:58:00.000Z',
      text: '2024-05-03 06:58:00',
      rest: '来源:每日看点快看',
    });
  });

  test('drops the brackets around a leading date', () => {
    const found = findBeijingTimeAt('( 2025-05-25 )来源:南方日报');
    expect(found && { text: found.text, rest: found.rest }).toEqual({ text: '2025-05-25', rest: '来源:南方日报' });
  });

  test('keeps the separator before the next field in rest', () => {
    expect(findBeijingTimeAt('2024-05-03\u00a0来源:x')?.rest).toBe('\u00a0来源:x');
  });

  test('finds nothing when the text does not start with a date', () => {
    expect(findBeijingTimeAt('来源:2024-05-03')).toBeNull();
  });

  test('finds nothing for an invalid leading date', () => {
    expect(findBeijingTimeAt('2024-13-03 来源:x')).toBeNull();
  });
});

describe('formatBeijingTime', () => {
  const instant = new Date('2024-05-02T22:58:00.000Z');

  test('prints seconds by default', () => {
    expect(formatBeijingTime(instant)).toBe('2024-05-03 06:58:00');
  });

  test('prints minutes', () => {
    expect(formatBeijingTime(instant, 'minute')).toBe('2024-05-03 06:58');
  });

  test('prints the Beijing day', () => {
    expect(formatBeijingTime(instant, 'day')).toBe('2024-05-03');
  });

  test('rolls over to the next Beijing day after 16:00 UTC', () => {
    expect(formatBeijingTime(new Date('2024-12-31T16:30:05.000Z'))).toBe('2025-01-01 00:30:05');
  });

  test('is the inverse of parseBeijingTime', () => {
    expect(formatBeijingTime(parseBeijingTime('2023-04-18 06:47:00') as Date)).toBe('2023-04-18 06:47:00');
  });
});

describe('toIsoUtc', () => {
  test('converts a naive Beijing string', () => {
    expect(toIsoUtc('2024-05-03 08:45:09')).toBe('2024-05-03T00:45:09.000Z');
  });

  test('keeps an ISO string with a zone', () => {
    expect(toIsoUtc('2024-05-03T00:45:09.000Z')).toBe('2024-05-03T00:45:09.000Z');
  });

  test('converts a Date', () => {
    expect(toIsoUtc(new Date(Date.UTC(2024, 4, 3, 0, 45, 9)))).toBe('2024-05-03T00:45:09.000Z');
  });

  test('returns null for an invalid Date', () => {
    expect(toIsoUtc(new Date('nonsense'))).toBeNull();
  });

  test('returns null for an unreadable string', () => {
    expect(toIsoUtc('2024-05-32')).toBeNull();
  });
});
