/**
 * Dates as Chinese news pages print them, found in running text: one reading for both general
 * readers (html-article.ts over an HTML page's lines, news-page.ts over a text rendering's).
 *
 * - Year, month and day with `-`, `/`, `.` or 年月日 (`2019年02月20日`, `2020-07-04`, `2020.01.02`);
 * - then, optionally, a weekday (`星期三`, `周四`, `週四`), BBC's GMT (`格林尼治标准时间`), and a clock:
 *   24-hour (`02:26:00`, `15时5分`), or 12-hour with its half of the day before it (`下午3:05`,
 *   Taiwan's `2019/03/18 下午 3:59`) or after it (`03:05 PM`);
 * - or a month named in Chinese or English before an English day and year, as WordPress prints
 *   `F jS, Y` in its Chinese and English locales (`十一月 6th, 2009`, `三月 12, 2010 at 3:05 下午`,
 *   `Saturday, September 10th, 2005 10:56 am`), or with the weekday between day and year as blog
 *   templates print it (`Mar 18 Mon 2019 15:59`, `三月 18 週一 2019 15:59`).
 *
 * Naive times are Beijing time (beijing-time.ts). Every quantifier is bounded, so each try is O(1).
 */
import { parseBeijingTime } from './beijing-time';

export interface PrintedDate {
  date: Date;
  /** Whether a clock was printed, not only a day. */
  hasClock: boolean;
  /** The date normalised (`2019-02-20 10:30`), for messages. */
  text: string;
  start: number;
  end: number;
}

const NUMERIC_DATE = new RegExp(
  String.raw`(\d{4})[ \t]{0,2}[-/.年][ \t]{0,2}(\d{1,2})[ \t]{0,2}[-/.月][ \t]{0,2}(\d{1,2})[ \t]{0,2}日?` +
    String.raw`(?:[ \tT,，]{0,3}(?:(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][ \t,，]{0,3})?(格林尼治标准时间|格林威治標準時間|GMT)?[ \t]{0,2}` +
    String.raw`(上午|下午|早上|晚上|凌晨|中午)?[ \t]{0,2}(\d{1,2})[:：时時點点](\d{2}|\d(?=[ \t]?分))(?:[:：分](\d{2}))?(?:[ \t]{0,2}(AM|PM|am|pm)\b)?)?`,
  'g',
);
const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMED_DATE = new RegExp(
  String.raw`(?:(十[一二]?|[一二三四五六七八九])月|\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)` +
    String.raw`[ \t]{0,2}(\d{1,2})(?:st|nd|rd|th)?` +
    String.raw`(?:[ \t]{0,2}[,，][ \t]{0,2}|[ \t]{1,2}(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?|(?:星期|周|週|礼拜|禮拜)[一二三四五六日天])?[ \t]{0,2})(\d{4})(?!\d)` +
    String.raw`(?:[ \t]{0,3}(?:at[ \t]{0,2})?(\d{1,2}):(\d{2})[ \t]{0,2}(上午|下午|[AaPp][Mm]\b)?)?`,
  'gi',
);
const MONTH_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const monthNumber = (chinese: string | undefined, english: string | undefined) =>
  chinese ? MONTH_NUMBER[chinese] : ENGLISH_MONTHS.indexOf((english ?? '').slice(0, 3).toLowerCase()) + 1;

const pad = (n: string | number | undefined) => String(n ?? 0).padStart(2, '0');

/** A 12-hour clock's hour on the 24-hour clock: 下午 3 is 15, 上午 12 is 0; without a half, the hour as printed. */
function dayHour(hour: string, half: string | undefined): number {
  const h = Number(hour);
  if (!half || h > 12) return h;
  if (/^(?:下午|晚上|PM)$/i.test(half)) return (h % 12) + 12;
  if (half === '中午') return h < 11 ? h + 12 : h;
  return h % 12;
}

function found(
  match: RegExpMatchArray,
  [year, month, day]: (string | number)[],
  clock: { hour: number; minute: string; second?: string } | null,
  gmt = false,
): PrintedDate | null {
  const start = match.index ?? 0;
  const time = clock ? ` ${pad(clock.hour)}:${pad(clock.minute)}${clock.second === undefined ? '' : `:${clock.second}`}` : '';
  const text = `${year}-${pad(month)}-${pad(day)}${time}`;
  const date = parseBeijingTime(`${text}${gmt ? 'Z' : ''}`);
  const y = Number(year);
  if (!date || y < 1990 || y > 2100) return null;
  return { date, hasClock: clock !== null, text, start, end: start + match[0].length };
}

/** Every date `text` prints, in order. */
export function printedDates(text: string): PrintedDate[] {
  const dates: PrintedDate[] = [];
  for (const match of text.matchAll(NUMERIC_DATE)) {
    // `20240515` or `12024-05-15`: digits run on, not a date; a clock run into it (`15:312018/09/16`,
    // two inline elements' text) is no such run.
    const start = match.index ?? 0;
    if (start > 0 && /\d/.test(text[start - 1]) && !/\d[:：]\d{2}$/.test(text.slice(Math.max(0, start - 5), start))) continue;
    const [, year, month, day, gmt, before, hour, minute, second, after] = match;
    const clock = hour === undefined ? null : { hour: dayHour(hour, before ?? after), minute, second };
    const date = found(match, [year, month, day], clock, !!gmt);
    if (date) dates.push(date);
  }
  if (/月|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/i.test(text)) {
    for (const match of text.matchAll(MONTH_NAMED_DATE)) {
      const [, chinese, english, day, year, hour, minute, half] = match;
      const date = found(match, [year, monthNumber(chinese, english), day], hour === undefined ? null : { hour: dayHour(hour, half), minute });
      if (date) dates.push(date);
    }
  }
  return dates.sort((a, b) => a.start - b.start);
}

/** The first date `text` prints, or null. */
export const firstPrintedDate = (text: string): PrintedDate | null => printedDates(text)[0] ?? null;

/** The last date `text` prints, or null. */
export const lastPrintedDate = (text: string): PrintedDate | null => printedDates(text).at(-1) ?? null;
