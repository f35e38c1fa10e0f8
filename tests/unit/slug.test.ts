import { slugFor, withSuffix } from '../../src/core/slug';
import { seedLines } from '../helpers/seed';

const seedTitle = seedLines[3];

describe('slugFor', () => {
  test('spells the seed title in toneless pinyin, one segment per syllable', () => {
    expect(seedTitle).toBe('打破镇域行政边界 撬动区域平衡发展');
    expect(slugFor(seedTitle)).toBe('da-po-zhen-yu-xing-zheng-bian-jie-qiao-dong-qu-yu-ping-heng-fa-zhan');
  });

  test('splits a two-character word into its syllables', () => {
    expect(slugFor('国内')).toBe('guo-nei');
  });

  test('splits an outlet name into its syllables', () => {
    expect(slugFor('南方日报')).toBe('nan-fang-ri-bao');
  });

  test('handles a title mixing Latin words, digits and Han', () => {
    expect(slugFor('iPhone 16发布')).toBe('iphone-16-fa-bu');
  });

  test('drops Chinese quotation marks', () => {
    expect(slugFor('科创热土 满眼“新”机')).toBe('ke-chuang-re-tu-man-yan-xin-ji');
  });

  test('drops Chinese full stops, commas, colons and enumeration commas', () => {
    expect(slugFor('江门：税惠，服务、升级。')).toBe('jiang-men-shui-hui-fu-wu-sheng-ji');
  });

  test('drops ASCII punctuation', () => {
    expect(slugFor('Hello, World! 你好。')).toBe('hello-world-ni-hao');
  });

  test('keeps digits and drops the percent sign instead of spelling it out', () => {
    expect(slugFor('连续3年产值大增 年均增幅达52%')).toBe('lian-xu-3-nian-chan-zhi-da-zeng-nian-jun-zeng-fu-da-52');
  });

  test('folds full-width Latin letters and digits', () => {
    expect(slugFor('ｉＰｈｏｎｅ１６')).toBe('iphone16');
  });

  test('reads polyphonic characters in context', () => {
    expect(slugFor('工业重镇 银行')).toBe('gong-ye-zhong-zhen-yin-hang');
  });

  test('writes ü as v', () => {
    expect(slugFor('绿色发展')).toBe('lv-se-fa-zhan');
  });

  test('strips accents from Latin letters', () => {
    expect(slugFor('Café 江门')).toBe('cafe-jiang-men');
  });

  test('caps the length on a hyphen boundary', () => {
    expect(slugFor(seedTitle, 20)).toBe('da-po-zhen-yu-xing');
  });

  test('keeps a cut that falls exactly on a hyphen', () => {
    expect(slugFor(seedTitle, 24)).toBe('da-po-zhen-yu-xing-zheng');
  });

  test('hard-cuts a single segment longer than the limit', () => {
    expect(slugFor('a'.repeat(100), 10)).toBe('aaaaaaaaaa');
  });

  test('falls back to untitled plus a hash for a title of punctuation only', () => {
    expect(slugFor('！？……')).toBe('untitled-afc1ab1d');
  });

  test('falls back to untitled plus a hash for a title of emoji only', () => {
    expect(slugFor('🎉🎉')).toBe('untitled-bd2124da');
  });
});

describe('withSuffix', () => {
  test('appends the counter', () => {
    expect(withSuffix('guo-nei', 2)).toBe('guo-nei-2');
  });

  test('trims the base on a hyphen boundary to stay within the limit', () => {
    expect(withSuffix(slugFor(seedTitle), 12, 20)).toBe('da-po-zhen-yu-12');
  });

  test('hard-cuts a base without hyphens to stay within the limit', () => {
    expect(withSuffix('a'.repeat(80), 3)).toBe(`${'a'.repeat(78)}-3`);
  });
});
