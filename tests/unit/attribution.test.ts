import {
  ARCHIVE_NAME,
  crawlerFromAttribution,
  DEFAULT_ATTRIBUTION_TEMPLATE,
  isAttributionLine,
  renderAttribution,
  SITE_DISCLAIMER,
} from '../../src/core/attribution';
import { seedLines } from '../helpers/seed';

const seedAttribution = seedLines[27];

test('the default template is the seed wording with a crawler placeholder', () => {
  expect(DEFAULT_ATTRIBUTION_TEMPLATE).toBe(seedAttribution.replace('td.fyun.cc', '{crawler}'));
});

test('rendering the default template for the seed crawler reproduces the seed line', () => {
  expect(renderAttribution(null, 'td.fyun.cc')).toBe(seedAttribution);
});

test('without a crawler the archive names itself', () => {
  expect(ARCHIVE_NAME).toBe('Kuaizhao');
  expect(renderAttribution(undefined, null)).toBe(
    '以上内容为资讯信息快照,由Kuaizhao爬虫进行采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。',
  );
});

test('a blank crawler counts as no crawler', () => {
  expect(renderAttribution(null, '  ')).toBe(renderAttribution(null, null));
});

test('a blank template falls back to the default wording', () => {
  expect(renderAttribution('', 'td.fyun.cc')).toBe(seedAttribution);
});

test('a custom template gets the crawler filled in', () => {
  expect(renderAttribution('由{crawler}采集', 'bot.example')).toBe('由bot.example采集');
});

test('reads the crawler from the seed attribution line', () => {
  expect(crawlerFromAttribution(seedAttribution)).toBe('td.fyun.cc');
});

test('reads the crawler from a Traditional Chinese attribution line', () => {
  expect(crawlerFromAttribution('以上內容為資訊信息快照,由news.example.tw爬蟲進行採集並收錄')).toBe('news.example.tw');
});

test('finds no crawler in a line that names none', () => {
  expect(crawlerFromAttribution(SITE_DISCLAIMER)).toBeNull();
});

test('the site disclaimer is the seed line 32 text', () => {
  expect(SITE_DISCLAIMER).toBe(seedLines[31]);
});

test('recognises the seed attribution line', () => {
  expect(isAttributionLine(seedAttribution)).toBe(true);
});

test('does not take a body paragraph for an attribution line', () => {
  expect(isAttributionLine(seedLines[15])).toBe(false);
});
