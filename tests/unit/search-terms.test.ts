import { fragmentOf, joinedPinyinQuery, letterBigrams, lettersOf, normalizeForSearch, parseSearchText, phraseKey, pinyinTokens, searchTokens } from '../../src/core/search-terms';
import { fts5Query, tsqueryLiteral, tsvectorLiteral } from '../../src/search/queries';
import { seedLines } from '../helpers/seed';

const SEED_TITLE = seedLines[3];

describe('searchTokens (what is indexed)', () => {
  test('search mode adds the words inside a longer word', () => {
    expect(searchTokens('中国农业发展银行')).toEqual(['中国', '农业', '发展', '银行', '农业发展银行']);
  });

  test('the seed title, spaces and punctuation dropped', () => {
    expect(SEED_TITLE).toBe('打破镇域行政边界 撬动区域平衡发展');
    expect(searchTokens(SEED_TITLE)).toEqual(['打破', '镇域', '行政', '边界', '撬动', '区域', '平衡', '发展']);
  });

  test('Latin words lower-cased, full-width letters read as ASCII, single characters kept', () => {
    expect(searchTokens('Nvidia发布ＧＰＵ和AI芯片')).toEqual(['nvidia', '发布', 'gpu', '和', 'ai', '芯片']);
  });

  test('nothing to index in nothing', () => {
    expect(searchTokens(null)).toEqual([]);
    expect(searchTokens(',。!')).toEqual([]);
  });
});

describe('parseSearchText (what is asked)', () => {
  test('each word stands for itself or the words inside it', () => {
    expect(parseSearchText('中国农业发展银行')).toEqual({
      words: [
        { word: '中国', parts: [] },
        { word: '农业发展银行', parts: ['农业', '发展', '银行'] },
      ],
      phrases: [],
      phraseKeys: [],
      queryKey: '中国农业发展银行',
      terms: ['中国', '农业发展银行'],
    });
  });

  test('a quoted phrase must stand as typed, without regard to spaces; the index must hold the words its ends do not decide', () => {
    expect(parseSearchText('"八镇联动 发展" 江门')).toEqual({
      words: ['联动', '江门'].map((word) => ({ word, parts: [] })),
      phrases: ['八镇联动 发展'],
      phraseKeys: ['八镇联动发展'],
      queryKey: '八镇联动发展江门',
      terms: ['八镇', '联动', '发展', '江门'],
    });
  });

  test('a phrase cut from running text anywhere: its ends may be parts of longer words, and join differently alone', () => {
    // From 使用此接口将音乐资源注入到页面: alone the phrase reads 用此|接口|…|到; the index holds 使用, 此 and 到页面's words.
    const cut = parseSearchText('"用此接口将音乐资源注入到"');
    expect(cut.terms).toEqual(['用此', '接口', '将', '音乐', '资源', '注入', '到']);
    expect(cut.words.map(({ word }) => word)).toEqual(['接口', '将', '音乐', '资源', '注入']);
    expect(searchTokens('使用此接口将音乐资源注入到页面')).toEqual(expect.arrayContaining(cut.words.map(({ word }) => word)));
    // From …对应的接口服务时…: alone, 接口服 reads 接|口服; the text has 接口|服务.
    const joined = parseSearchText('"服务端在提供对应的接口服"');
    expect(joined.terms).toContain('口服');
    expect(joined.words.map(({ word }) => word)).toEqual(['在', '提供', '对应', '的']);
    expect(searchTokens('服务端在提供对应的接口服务时')).toEqual(expect.arrayContaining(joined.words.map(({ word }) => word)));
    // Two words: nothing inside, the longer one stands for the phrase (Design Patterns, cut mid-word).
    expect(parseSearchText('"Design Patte"').words).toEqual([{ word: 'design', parts: [] }]);
  });

  test('Chinese quotation marks quote too; a one-word phrase is just a word', () => {
    expect(parseSearchText('“区域协调”').phraseKeys).toEqual(['区域协调']);
    expect(parseSearchText('"江门"').phrases).toEqual([]);
  });

  test('repeated words count once; Latin is case-insensitive', () => {
    expect(parseSearchText('GPU gpu 芯片 芯片').terms).toEqual(['gpu', '芯片']);
  });

  test('punctuation alone asks for nothing', () => {
    expect(parseSearchText('!?。').words).toEqual([]);
  });
});

test('normalizeForSearch and phraseKey', () => {
  expect(normalizeForSearch('ＡＢＣ  Def\n江门')).toBe('abc def 江门');
  expect(phraseKey('八镇联动 发展')).toBe('八镇联动发展');
});

describe('database query literals', () => {
  const words = parseSearchText("中国农业发展银行 it's").words;

  test('PostgreSQL tsquery: every word, as itself or all its parts, quoted', () => {
    expect(tsqueryLiteral(words)).toBe("'中国' & ('农业发展银行' | ('农业' & '发展' & '银行')) & 'it' & 's'");
  });

  test('FTS5: the same in its syntax, every token a string', () => {
    expect(fts5Query(words)).toBe('"中国" AND ("农业发展银行" OR ("农业" AND "发展" AND "银行")) AND "it" AND "s"');
  });

  test('PostgreSQL tsvector: positions in reading order, the title weighted A', () => {
    expect(tsvectorLiteral(['江门', '发展'], ['发展', "o'neil", 'a\\b'])).toBe("'江门':1A '发展':2A,3 'o''neil':4 'a\\\\b':5");
  });
});

describe('fragments, folding and pinyin', () => {
  test('letters: search form without punctuation or spaces, Traditional written Simplified', () => {
    expect(lettersOf('最近,江門舉辦 八鎮聯動 發展 Ｎvidia!')).toBe('最近江门举办八镇联动发展nvidia');
    expect(normalizeForSearch('發展')).toBe('发展');
  });

  test('pairs are distinct and never cross from one text to the next', () => {
    expect(letterBigrams(['江门江门', '佛山'])).toEqual(['江门', '门江', '佛山']);
  });

  test('a fragment needs four letters and three distinct pairs; at most sixteen pairs are asked for', () => {
    expect(fragmentOf('江门纺')).toBeNull();
    expect(fragmentOf('发展发展发展发展')).toBeNull();
    expect(fragmentOf('“江门, 纺织”')).toEqual({ letters: '江门纺织', pairs: ['江门', '门纺', '纺织'] });
    const long = fragmentOf('三十余年从学生时代兴趣出发一路走来坚持不懈终于成为了国内知名专家');
    expect(long!.pairs.length).toBeLessThanOrEqual(16);
    expect(long!.pairs[0]).toBe('三十');
  });

  test('pinyin tokens: one per distinct word of two or more Han characters', () => {
    expect(pinyinTokens(['江门', '的', '江门', '纺织服装', 'gpu', '门'])).toEqual(['jiangmen', 'fangzhifuzhuang']);
  });

  test('syllables typed apart are read joined; Chinese, one word or other characters are not', () => {
    expect(joinedPinyinQuery('jiang men')).toBe('jiangmen');
    expect(joinedPinyinQuery(' Jiang  Men ')).toBe('jiangmen');
    expect(joinedPinyinQuery('jiangmen')).toBeNull();
    expect(joinedPinyinQuery('江门 jiang')).toBeNull();
    expect(joinedPinyinQuery('gpu 4090')).toBeNull();
  });
});
