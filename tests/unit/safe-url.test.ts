import { MAX_URL_LENGTH, publicUrlOf, safeUrl, withSafeLinkUrls } from '../../src/core/url';
import { jsonLdText } from '../../src/core/news-article-jsonld';

describe('safeUrl: the one rule for stored addresses', () => {
  test('stores the WHATWG serialisation: quotes, brackets and spaces percent-encoded, the host lower-case', () => {
    expect(safeUrl('https://a.example/x"><img src=x onerror=alert(1)>')).toEqual({ href: 'https://a.example/x%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E' });
    expect(safeUrl('HTTP://News.Example.com:80/新闻?q=一 二#top')).toEqual({ href: 'http://news.example.com/%E6%96%B0%E9%97%BB?q=%E4%B8%80%20%E4%BA%8C#top' });
  });

  test('refuses control characters, which the parser would silently drop', () => {
    expect(safeUrl('https://a.example/x\u0000y')).toEqual({ problem: 'contains a control character (U+0000)' });
    expect(safeUrl('https://a.example/x\r\nSet-Cookie: a=b')).toEqual({ problem: 'contains a control character (U+000D)' });
    expect(safeUrl('https://a.example/\tx')).toEqual({ problem: 'contains a control character (U+0009)' });
  });

  test('refuses what is not an absolute http(s) address, or is too long once encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toEqual({ problem: 'not an http(s) address: "javascript:alert(1)"' });
    expect(safeUrl('/relative')).toEqual({ problem: 'not an absolute address: "/relative"' });
    const quoted = `https://a.example/${'"'.repeat(1000)}`;
    expect(safeUrl(quoted)).toEqual({ problem: `longer than ${MAX_URL_LENGTH} characters once percent-encoded (3018)` });
  });

  test("an import's related links are kept in their stored form, a bad address dropped", () => {
    expect(withSafeLinkUrls([{ url: 'https://a.example/x y' }, { url: 'https://a.example/\n' }, { url: null }])).toEqual({
      links: [{ url: 'https://a.example/x%20y' }, { url: null }, { url: null }],
      problems: ['relatedLinks[1].url dropped: contains a control character (U+000A)'],
    });
  });
});

describe('publicUrlOf: where absolute links start', () => {
  test('is PUBLIC_URL without its trailing slash', () => {
    expect(publicUrlOf('https://kuaizhao.example/', 'production')).toBe('https://kuaizhao.example');
    expect(publicUrlOf('https://example.org/kuaizhao/', 'production')).toBe('https://example.org/kuaizhao');
  });

  test('production refuses to start without it, naming the variable', () => {
    expect(() => publicUrlOf('', 'production')).toThrow(/^Refusing to start: PUBLIC_URL is not set\./);
  });

  test('refuses an address that is not http(s), or carries a query', () => {
    expect(() => publicUrlOf('javascript:alert(1)', 'development')).toThrow('Refusing to start: PUBLIC_URL must be an http(s) address');
    expect(() => publicUrlOf('https://kuaizhao.example/?a=1', 'production')).toThrow('must not carry a query or fragment');
  });
});

describe('jsonLdText', () => {
  test('escapes <, > and & and parses back to the same value', () => {
    const value = { headline: '标题</script><script>alert(1)</script> & 更多' };
    const text = jsonLdText(value);
    expect(text).toBe('{"headline":"标题\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 更多"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
