import { isNewCapture, stampArticleUpdate } from '../../src/core/article-rules';
import { paragraphsToBlocks } from '../../src/core/body';
import { seedRecord } from '../helpers/seed';

const record = seedRecord;
const stored = { title: record.title, body: paragraphsToBlocks(record.paragraphs), snapshotAt: record.snapshotAt };
const LATER = '2024-06-01T04:00:00.000Z';
const changedBody = paragraphsToBlocks(['九月再抓取时的正文。']);
const ctx = { now: new Date('2025-01-01T00:00:00Z'), crawler: null };

test('the seed stored at its snapshot time', () => {
  expect(stored.snapshotAt).toBe('2024-05-03T00:45:09.000Z');
});

test('a later time with another body is a new capture', () => {
  expect(isNewCapture({ snapshotAt: LATER, body: changedBody }, stored)).toBe(true);
});

test('a later time with another title is a new capture', () => {
  expect(isNewCapture({ snapshotAt: LATER, title: '另一个标题' }, stored)).toBe(true);
});

test('a later time with the same text (a kicker aside) is not', () => {
  expect(isNewCapture({ snapshotAt: LATER, kicker: '新引题' }, stored)).toBe(false);
});

test('the same time with other text is a correction, not a capture', () => {
  expect(isNewCapture({ snapshotAt: stored.snapshotAt, body: changedBody }, stored)).toBe(false);
});

test('an earlier time with other text is not (the article shows its latest capture)', () => {
  expect(isNewCapture({ snapshotAt: '2024-05-03T00:00:00.000Z', body: changedBody }, stored)).toBe(false);
});

test('an update moves the snapshot time only for a new capture', () => {
  expect(stampArticleUpdate({ snapshotAt: '2024-06-01 12:00:00', body: changedBody }, stored, ctx).snapshotAt).toBe(LATER);
  expect(stampArticleUpdate({ snapshotAt: '2024-06-01 12:00:00', kicker: '新引题' }, stored, ctx)).not.toHaveProperty('snapshotAt');
});
