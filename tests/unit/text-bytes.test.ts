import { firstInvalidUtf8, lineOfOffset, unreadableText } from '../../src/core/text-bytes';
import { seedText } from '../helpers/seed';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('checking input bytes', () => {
  test('the seed page is valid UTF-8 text', () => {
    expect(unreadableText(Buffer.from(seedText, 'utf8'))).toBeNull();
  });

  test('finds an invalid byte and its line', () => {
    const text = bytes('国内\n第二行\n', [0xff], '后面');
    expect(firstInvalidUtf8(text)).toBe(Buffer.byteLength('国内\n第二行\n'));
    expect(unreadableText(text)).toEqual({ line: 3, reason: `invalid UTF-8 (byte 0xFF at offset ${Buffer.byteLength('国内\n第二行\n')})` });
  });

  test('refuses a multi-byte character cut short at the end', () => {
    expect(firstInvalidUtf8(Buffer.from('国', 'utf8').subarray(0, 2))).toBe(0);
  });

  test('refuses an overlong encoding', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe0, 0x80, 0xaf]))).toBe(1);
  });

  test('refuses an encoded UTF-16 surrogate', () => {
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });

  test('accepts four-byte characters', () => {
    expect(firstInvalidUtf8(Buffer.from('𠮷野家😀', 'utf8'))).toBe(-1);
  });

  test('calls data with a NUL byte binary, at the line of the NUL', () => {
    expect(unreadableText(bytes('first\n', [0x89, 0x50, 0x00]))).toEqual({ line: 2, reason: 'binary data (a NUL byte), not a text file' });
  });

  test('counts lines from 1', () => {
    expect(lineOfOffset(Buffer.from('a\nb\nc'), 4)).toBe(3);
  });
});
