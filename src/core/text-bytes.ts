/**
 * Checks on raw input bytes before they are read as text, so a bad file is reported with the line
 * where it goes wrong instead of being read with replacement characters.
 */

/** Offset of the first byte that is not part of valid UTF-8, or -1 when all of it is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let codePoint = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (codePoint < min || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return i;
    i += length;
  }
  return -1;
}

/** 1-based line number of a byte offset (lines end at LF). */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/**
 * Why these bytes cannot be read as text, with the line, or null when they can. A NUL byte marks
 * a binary file; text files never contain one.
 */
export function unreadableText(bytes: Uint8Array): { line: number; reason: string } | null {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { line: lineOfOffset(bytes, nul), reason: 'binary data (a NUL byte), not a text file' };
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== -1) {
    const byte = bytes[invalid].toString(16).toUpperCase().padStart(2, '0');
    return { line: lineOfOffset(bytes, invalid), reason: `invalid UTF-8 (byte 0x${byte} at offset ${invalid})` };
  }
  return null;
}
