import { canonicalUrl, withoutTracking } from '../../src/core/canonical-url';

const KEY = 'com,example,news)/2024/05/03/a.html?id=7&page=2';

test('the SURT-style key: host reversed with commas, then the path and sorted query', () => {
  expect(canonicalUrl('https://news.example.com/2024/05/03/a.html?page=2&id=7')).toBe(KEY);
});

test.each([
  ['http and https are one page', 'http://news.example.com/2024/05/03/a.html?page=2&id=7'],
  ['the host is case-insensitive', 'https://NEWS.Example.COM/2024/05/03/a.html?page=2&id=7'],
  ['default ports are dropped', 'https://news.example.com:443/2024/05/03/a.html?page=2&id=7'],
  ['port 80 too, whatever the scheme', 'https://news.example.com:80/2024/05/03/a.html?page=2&id=7'],
  ['the fragment is dropped', 'https://news.example.com/2024/05/03/a.html?page=2&id=7#comments'],
  ['utm_ parameters are dropped', 'https://news.example.com/2024/05/03/a.html?utm_source=weibo&page=2&UTM_Medium=x&id=7'],
  ['click ids and spm are dropped', 'https://news.example.com/2024/05/03/a.html?gclid=1&fbclid=2&spm=a.b.c&page=2&id=7'],
  ['parameter order does not matter', 'https://news.example.com/2024/05/03/a.html?id=7&page=2'],
  ['a trailing dot on the host does not matter', 'https://news.example.com./2024/05/03/a.html?page=2&id=7'],
  ['a leading www. does not matter', 'https://www.news.example.com/2024/05/03/a.html?page=2&id=7'],
  ['surrounding spaces do not matter', '  https://news.example.com/2024/05/03/a.html?page=2&id=7 '],
])('%s', (_why, url) => {
  expect(canonicalUrl(url)).toBe(KEY);
});

test('the path keeps its case: servers may tell /A from /a', () => {
  expect(canonicalUrl('https://example.com/A')).toBe('com,example)/A');
  expect(canonicalUrl('https://example.com/a')).toBe('com,example)/a');
});

test('another port is part of the key', () => {
  expect(canonicalUrl('http://example.com:8080/a')).toBe('com,example:8080)/a');
});

test('an empty path is /, and a query of tracking parameters only leaves no ?', () => {
  expect(canonicalUrl('https://example.com')).toBe('com,example)/');
  expect(canonicalUrl('https://example.com/?utm_source=x')).toBe('com,example)/');
});

test('repeated parameters are kept, sorted by value', () => {
  expect(canonicalUrl('https://example.com/s?tag=b&tag=a')).toBe('com,example)/s?tag=a&tag=b');
});

test('a Chinese path is percent-encoded, so both spellings meet', () => {
  expect(canonicalUrl('https://example.com/新闻/1')).toBe('com,example)/%E6%96%B0%E9%97%BB/1');
  expect(canonicalUrl('https://example.com/%E6%96%B0%E9%97%BB/1')).toBe('com,example)/%E6%96%B0%E9%97%BB/1');
});

test('www alone is a host of its own, not stripped to nothing', () => {
  expect(canonicalUrl('https://www.com/a')).toBe('com,www)/a');
});

test.each([null, undefined, '', '   ', 'not a url', 'ftp://example.com/a', 'mailto:editor@example.com'])('%p has no key', (url) => {
  expect(canonicalUrl(url as string | null | undefined)).toBeNull();
});

describe('the address without tracking', () => {
  test.each([
    ['http://News.Example.com/2024/a.html?utm_source=weibo#top', 'http://news.example.com/2024/a.html'],
    ['https://www.example.com:443/a?b=2&fbclid=x&a=1', 'https://www.example.com/a?b=2&a=1'],
    ['https://example.com/新闻/1.html', 'https://example.com/%E6%96%B0%E9%97%BB/1.html'],
  ])('%s → %s', (raw, expected) => {
    expect(withoutTracking(raw)).toBe(expected);
  });

  test.each(['', 'not an address', 'javascript:alert(1)', null])('%p is no http(s) address', (raw) => {
    expect(withoutTracking(raw)).toBeNull();
  });
});
