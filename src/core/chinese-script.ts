/**
 * Simplified and Traditional Chinese: which one a text is written in (for `inLanguage` and
 * `lang`), by OpenCC's character tables (opencc-js). The tables take a few hundred milliseconds to
 * load, so they are built on first use, once per process.
 */
import * as OpenCC from 'opencc-js';

export type ChineseScript = 'zh-Hans' | 'zh-Hant';

type Convert = (text: string) => string;
let converters: { toTraditional: Convert; toSimplified: Convert } | undefined;

function tables() {
  converters ??= {
    toTraditional: OpenCC.Converter({ from: 'cn', to: 't' }),
    toSimplified: OpenCC.Converter({ from: 't', to: 'cn' }),
  };
  return converters;
}

/** The text with Traditional characters written Simplified (character by character; phrases aside). */
export const toSimplified = (text: string): string => tables().toSimplified(text);

const HAN = /\p{Script=Han}/u;

/**
 * The script a text is written in: Traditional when more of its distinct Han characters exist
 * only in Traditional (發, 經) than only in Simplified (发, 经); Simplified otherwise, the
 * archive's usual case, and for a text with neither (all characters shared, or no Chinese).
 */
export function chineseScript(text: string): ChineseScript {
  const { toTraditional, toSimplified: simplify } = tables();
  let simplifiedOnly = 0;
  let traditionalOnly = 0;
  for (const character of new Set(text)) {
    if (!HAN.test(character)) continue;
    if (toTraditional(character) !== character) simplifiedOnly += 1;
    else if (simplify(character) !== character) traditionalOnly += 1;
  }
  return traditionalOnly > simplifiedOnly ? 'zh-Hant' : 'zh-Hans';
}
