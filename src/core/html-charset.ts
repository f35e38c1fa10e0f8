/**
 * The text of an HTML page from its bytes. The charset is taken from what the server said (the
 * HTTP `Content-Type`), then from what the page says (`<meta charset>`, `http-equiv`), then
 * guessed: valid UTF-8 is UTF-8, anything else is read as GB18030 or Big5, whichever leaves
 * fewer characters that Chinese text does not use. A declaration the bytes contradict (UTF-8 said
 * of GBK bytes, GBK said of valid UTF-8) gives way to the guess. Names are resolved as browsers do (WHATWG
 * Encoding): `gb2312` and `gbk` read as GBK, a superset, so pages labelled GB2312 with GBK-only
 * characters still read right.
 */
import iconv from 'iconv-lite';

export interface DecodedHtml {
  text: string;
  /** The charset the bytes were read as, lower case (`utf-8`, `gbk`, `gb18030`, `big5`). */
  charset: string;
  /** Where it was found: the HTTP header, the page's meta, or a guess from the bytes. */
  from: 'header' | 'meta' | 'detected';
}

/** The WHATWG labels of the charsets Chinese pages are written in, to what iconv-lite calls them. */
const CHARSETS: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gbk',
  gbk: 'gbk',
  'x-gbk': 'gbk',
  chinese: 'gbk',
  'csgb2312': 'gbk',
  'iso-ir-58': 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  'cn-big5': 'big5',
  'csbig5': 'big5',
};

const charsetOf = (label: string | null | undefined): string | null => {
  if (!label) return null;
  const name = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  return CHARSETS[name] ?? (iconv.encodingExists(name) ? name : null);
};

/** The charset an HTTP `Content-Type` value names (`text/html; charset=GBK`). */
export const charsetOfContentType = (contentType: string | null | undefined): string | null =>
  charsetOf(/charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1]);

/** The first 4 KB are where HTML puts its charset declaration (browsers look at 1024 bytes). */
const PRESCAN_BYTES = 4096;

/** The charset a page's `<meta charset>` or `<meta http-equiv="Content-Type">` declares. */
export function charsetOfMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(tag);
    if (direct) return charsetOf(direct[1]);
  }
  return null;
}

/**
 * Bytes that a UTF-8 declaration cannot be true of: GBK text served or saved as `utf-8` gives
 * a replacement character every few bytes, where a UTF-8 page cut short or with one stray byte
 * gives one or two.
 */
function notUtf8(asUtf8: string): boolean {
  let found = 0;
  for (let at = asUtf8.indexOf('\uFFFD'); at !== -1 && found < 10; at = asUtf8.indexOf('\uFFFD', at + 1)) found += 1;
  return found >= 10;
}

const hasMultibyte = (bytes: Uint8Array): boolean => bytes.some((byte) => byte >= 0x80);

/** Characters a wrong guess produces: replacement characters, private use, rare compatibility forms. */
const UNLIKELY = /[\uFFFD\uE000-\uF8FF\u3400-\u4DBF]/g;
const unlikelyCount = (text: string) => text.match(UNLIKELY)?.length ?? 0;

/** A guess for bytes that declare nothing (or what they cannot be): UTF-8 when they read as UTF-8, else GB18030 or Big5. */
function detectCharset(bytes: Uint8Array, asUtf8: string): string {
  if (!notUtf8(asUtf8)) return 'utf-8';
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024));
  const asGb = unlikelyCount(iconv.decode(sample, 'gb18030'));
  const asBig5 = unlikelyCount(iconv.decode(sample, 'big5'));
  return asBig5 < asGb ? 'big5' : 'gb18030';
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // The bytes read as UTF-8, once (TextDecoder is native and several times faster than iconv):
  // what the checks below look at, and the text when the page is UTF-8, as most are.
  const asUtf8 = new TextDecoder('utf-8').decode(buffer);
  const said = charsetOfContentType(contentType);
  const fromHeader = said === 'utf-8' && notUtf8(asUtf8) ? null : said;
  // A page saved to disk re-encoded keeps its old declaration: bytes that read as UTF-8 (but for
  // a stray byte or two) with multibyte characters in them are UTF-8 whatever the meta says (GBK
  // text almost never is), and a page that says UTF-8 over GBK bytes is not UTF-8.
  const declared = fromHeader ? null : charsetOfMeta(bytes);
  const fromMeta =
    (declared && declared !== 'utf-8' && hasMultibyte(bytes) && !notUtf8(asUtf8)) || (declared === 'utf-8' && notUtf8(asUtf8)) ? null : declared;
  const charset = fromHeader ?? fromMeta ?? detectCharset(bytes, asUtf8);
  const text = (charset === 'utf-8' ? asUtf8 : iconv.decode(buffer, charset)).replace(/^\uFEFF/, '');
  return { text, charset, from: fromHeader ? 'header' : fromMeta ? 'meta' : 'detected' };
}
