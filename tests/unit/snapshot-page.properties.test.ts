/**
 * Properties of the page parser over generated input: it always answers (a record, or its own
 * SnapshotParseError) in time proportional to the input, and a rendered record reads back as itself.
 */
import fc from 'fast-check';
import { MAX_LINE_LENGTH, parseSnapshotPage, renderSnapshotPage, SnapshotParseError, type SnapshotRecord } from '../../src/core/snapshot-page';
import { formatBeijingTime } from '../../src/core/beijing-time';
import { syntheticRecord } from '../../src/bench/synthetic-pages';
import { seedText } from '../helpers/seed';

/** Pieces the parser's rules react to, so generated pages reach its branches, not just "text". */
const TOKENS = [
  ' ', '  ', '\u00a0', '\t', '\n', '\r\n', '由', '快照', '爬虫', '爬蟲', '以上内容', '(', ')', '（', '）', '•', '我的订阅',
  '来源', '类别', '发布时间', '本文转自', '记者', '责任编辑', ':', '：', '更多关于', '的资讯', '2024-05-03 06:58:00',
  '快照生成时间', '信息原文地址', 'https://example.com/a', '...', '…', '江门', '。', 'x',
];
const token = fc.constantFrom(...TOKENS);
/** A token repeated many times: the shape that makes backtracking patterns quadratic. */
const run = fc.tuple(token, fc.integer({ min: 1, max: 4000 })).map(([text, n]) => text.repeat(n));
const craftedText = fc.array(fc.oneof(token, run, fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 40 }).map((parts) => parts.join(''));

/** Parses, returning "ok" or the parser's own error; anything else thrown fails the property. */
function outcome(text: string): string {
  try {
    parseSnapshotPage(text);
    return 'ok';
  } catch (error) {
    if (error instanceof SnapshotParseError) return 'error';
    throw error;
  }
}

/** Per character, with a floor for fixed costs; generous for a loaded CI machine, far below quadratic. */
const timeBudgetMs = (text: string) => 200 + text.length / 200;

describe('any input', () => {
  test('parses or fails with SnapshotParseError, in time linear in its length', () => {
    fc.assert(
      fc.property(craftedText, (text) => {
        const started = performance.now();
        outcome(text);
        expect(performance.now() - started).toBeLessThan(timeBudgetMs(text));
      }),
      { numRuns: 300 },
    );
  });

  test('a crafted line inside the seed page parses or fails in time', () => {
    const lines = seedText.split('\n');
    fc.assert(
      fc.property(craftedText, fc.integer({ min: 0, max: lines.length }), (text, at) => {
        const page = [...lines.slice(0, at), text, ...lines.slice(at)].join('\n');
        const started = performance.now();
        outcome(page);
        expect(performance.now() - started).toBeLessThan(timeBudgetMs(page));
      }),
      { numRuns: 300 },
    );
  });

  test('a line longer than MAX_LINE_LENGTH is refused with its line number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: MAX_LINE_LENGTH + 1, max: MAX_LINE_LENGTH * 3 }), (at, length) => {
        const lines = seedText.split('\n');
        lines.splice(at - 1, 0, '由'.repeat(length));
        expect(() => parseSnapshotPage(lines.join('\n'))).toThrow(
          new SnapshotParseError(at, `line too long: ${length} characters, at most ${MAX_LINE_LENGTH}`),
        );
      }),
      { numRuns: 20 },
    );
  });
});

describe('render → parse', () => {
  // Characters that form no label, date or marker the parser looks for.
  const han = fc.string({ unit: fc.constantFrom(...'江门佛山广州推进产业区协调镇经济新格局乡村振兴海洋绿色'), minLength: 2, maxLength: 24 });
  const sentence = han.map((text) => `${text}。`);
  const record = fc
    .record({
      i: fc.integer({ min: 0, max: 5000 }),
      title: han,
      paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 6 }),
      kicker: fc.option(han, { nil: null }),
      originalUrl: fc.option(fc.webUrl({ withQueryParameters: false, withFragments: false }), { nil: null }),
    })
    .map(({ i, title, paragraphs, kicker, originalUrl }): SnapshotRecord => {
      const base = syntheticRecord(i, 5001);
      return {
        ...base,
        // The parser keeps the time as printed, so a page renders back with its own precision.
        sourcePublishedAtText: formatBeijingTime(new Date(base.sourcePublishedAt!)),
        title: `${title}${i}`, paragraphs: [`${base.paragraphs[0]}`, ...paragraphs], kicker: kicker === null ? null : `${kicker}引题`, originalUrl };
    });

  test('a rendered record reads back as the same record', () => {
    fc.assert(
      fc.property(record, (generated) => {
        expect(parseSnapshotPage(renderSnapshotPage(generated)).record).toEqual(generated);
      }),
      { numRuns: 200 },
    );
  });
});
