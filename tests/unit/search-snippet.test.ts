import { keywordInContext } from '../../src/core/relatedness';
import { parseSearchText } from '../../src/core/search-terms';
import { highlightsIn, searchSnippet, snippetNeedles } from '../../src/core/snippet';
import { seedLines } from '../helpers/seed';

/** The seed's body paragraphs (lines 14-26, a blank line between each). */
const SEED_BODY = seedLines.slice(13, 26).filter((line) => line !== '');
const SEED_TITLE = seedLines[3];
const marked = ({ text, highlights }: { text: string; highlights: [number, number][] }) => highlights.map(([start, end]) => text.slice(start, end));

describe('searchSnippet', () => {
  test('cuts the body like a related excerpt, around the match', () => {
    const snippet = searchSnippet({ title: SEED_TITLE, paragraphs: SEED_BODY }, snippetNeedles(parseSearchText('纺织')));
    expect(snippet.text).toBe(keywordInContext(SEED_BODY, '纺织'));
    expect(snippet.text).toBe('...设备更新改造和工艺提升,找到新的发展思路,催生属于纺织行业的新质生产力。”“没有‘夕阳’产业,只有‘夕阳’工厂,希望两市纺织服装产业能有更深入的交流合作,相互赋能。”最近,江');
    expect(marked(snippet)).toEqual(['纺织', '纺织']);
    expect(snippet.highlights).toEqual([[28, 30], [63, 65]]);
  });

  test('prefers the cut that shows most of the query', () => {
    const snippet = searchSnippet({ title: SEED_TITLE, paragraphs: SEED_BODY }, snippetNeedles(parseSearchText('纺织 佛山')));
    expect(marked(snippet)).toEqual(['纺织', '佛山']);
    expect(snippet.text).toBe(keywordInContext(SEED_BODY, '佛山'));
  });

  test('marks a whole phrase, not its words', () => {
    const snippet = searchSnippet({ title: SEED_TITLE, paragraphs: SEED_BODY }, snippetNeedles(parseSearchText('"八镇联动 发展"')));
    expect(marked(snippet)[0]).toBe('八镇联动发展');
  });

  test('falls back to the title, then to the opening of the body', () => {
    expect(searchSnippet({ title: '江门新闻', paragraphs: ['正文'] }, ['江门'])).toEqual({ text: '...江门新闻', highlights: [[3, 5]] });
    expect(searchSnippet({ title: '标题', paragraphs: ['正文第一段', '第二段'] }, ['农业'])).toEqual({ text: '...正文第一段第二段', highlights: [] });
  });
});

describe('highlightsIn', () => {
  test('case-insensitive, longest first where matches overlap, never overlapping', () => {
    expect(highlightsIn('中国农业发展银行 GPU gpu', ['农业', '农业发展银行', '发展', 'gpu'])).toEqual([
      [2, 8],
      [9, 12],
      [13, 16],
    ]);
  });
});
