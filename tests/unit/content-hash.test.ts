import { contentHash } from '../../src/core/content-hash';
import { seedRecord } from '../helpers/seed';

const record = seedRecord;
const seedHash = contentHash(record.title, record.paragraphs);

test('hashes the seed article to a fixed sha256 hex digest', () => {
  expect(seedHash).toBe('a5593e913d16481bebf1ba814f4990abcafaa723a3a818f42c8d3c08f17b1684');
});

test('ignores extra, leading and trailing whitespace', () => {
  const indented = record.paragraphs.map((text) => `\u3000\u3000${text} \t`);
  expect(contentHash(` ${record.title.replace(' ', '   ')} `, indented)).toBe(seedHash);
});

test('ignores CRLF line breaks inside a paragraph', () => {
  expect(contentHash(record.title, ['第一句\r\n第二句'])).toBe(contentHash(record.title, ['第一句\n第二句']));
});

test('treats full-width and half-width forms alike', () => {
  const fullWidth = record.paragraphs.map((text) => text.replace(/,/g, '，').replace(/1000/g, '１０００'));
  expect(contentHash(record.title, fullWidth)).toBe(seedHash);
});

test('treats a no-break space like a space', () => {
  expect(contentHash(record.title.replace(' ', '\u00a0'), record.paragraphs)).toBe(seedHash);
});

test('ignores blank paragraphs', () => {
  expect(contentHash(record.title, ['', ...record.paragraphs, '   '])).toBe(seedHash);
});

test('changes when a word changes', () => {
  expect(contentHash(record.title.replace('撬动', '推动'), record.paragraphs)).not.toBe(seedHash);
});

test('changes when a paragraph is split in two', () => {
  expect(contentHash('标题', ['甲乙'])).not.toBe(contentHash('标题', ['甲', '乙']));
});
