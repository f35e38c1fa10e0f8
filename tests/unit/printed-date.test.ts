/**
 * Dates as Chinese pages print them in running text (src/core/printed-date.ts), the one reading
 * both general readers take: every shape the readers met on real pages, as a Beijing instant.
 */
import { firstPrintedDate, printedDates } from '../../src/core/printed-date';

const iso = (text: string) => firstPrintedDate(text)?.date.toISOString() ?? null;

describe('printed dates', () => {
  test.each([
    ['2019年02月20日 02:26:00', '2019-02-19T18:26:00.000Z'],
    ['发布时间：2020-07-04 12:10 来源：新华网', '2020-07-04T04:10:00.000Z'],
    ['2020.01.02 10:00', '2020-01-02T02:00:00.000Z'],
    ['2020年1月2日15时5分', '2020-01-02T07:05:00.000Z'],
    ['2019年02月20日 星期三 10:30', '2019-02-20T02:30:00.000Z'],
    ['2020-01-02 周四 15:05', '2020-01-02T07:05:00.000Z'],
    ['2020年1月2日 週四 下午3:05', '2020-01-02T07:05:00.000Z'],
    ['2019/03/18 上午 12:30', '2019-03-17T16:30:00.000Z'],
    ['2019-03-18 03:05 PM', '2019-03-18T07:05:00.000Z'],
    ['2012年12月10日 格林尼治标准时间10:41', '2012-12-10T10:41:00.000Z'],
    ['十一月 6th, 2009', '2009-11-05T16:00:00.000Z'],
    ['三月 12, 2010 at 3:05 下午', '2010-03-12T07:05:00.000Z'],
    // WordPress's English locale on a Chinese blog.
    ['Saturday, September 10th, 2005 10:56 am', '2005-09-10T02:56:00.000Z'],
    ['Sept. 3, 2010 at 3:05 PM', '2010-09-03T07:05:00.000Z'],
    // A blog template's weekday between the day and the year.
    ['Mar 18 Mon 2019 15:59', '2019-03-18T07:59:00.000Z'],
    ['三月 18 週一 2019 15:59', '2019-03-18T07:59:00.000Z'],
    // A clock run into the date by two inline elements' text.
    ['15:312018/09/16 中時', '2018-09-15T16:00:00.000Z'],
  ])('%s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  test('digits running on, an impossible day, a year out of range and an archive month are no dates', () => {
    expect(iso('编号20240515-01')).toBeNull();
    expect(iso('12024-05-15')).toBeNull();
    expect(iso('2024-02-30')).toBeNull();
    expect(iso('1900-01-01')).toBeNull();
    expect(iso('2009年十一月')).toBeNull();
    expect(iso('Mayor 5, 2020')).toBeNull();
    expect(iso('Jan 5 20245')).toBeNull();
  });

  test('every date in order, with where each starts and ends and whether a clock was printed', () => {
    const text = '十一月 6th, 2009 更新于 2009-11-07 08:00';
    const dates = printedDates(text);
    expect(dates.map((date) => [date.text, date.hasClock, text.slice(date.start, date.end)])).toEqual([
      ['2009-11-06', false, '十一月 6th, 2009'],
      ['2009-11-07 08:00', true, '2009-11-07 08:00'],
    ]);
  });
});
