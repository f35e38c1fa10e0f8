import { blocksToParagraphs, excerptFrom, paragraphsToBlocks } from '../../src/core/body';
import { seedRecord } from '../helpers/seed';

const record = seedRecord;

describe('paragraphsToBlocks', () => {
  test('makes one paragraph block with one text child per paragraph', () => {
    expect(paragraphsToBlocks(['甲', '乙'])).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '甲' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '乙' }] },
    ]);
  });
});

describe('blocksToParagraphs', () => {
  test('gives back the seed paragraphs', () => {
    expect(blocksToParagraphs(paragraphsToBlocks(record.paragraphs))).toEqual(record.paragraphs);
  });

  test('joins the text children of a paragraph, including bold text and links', () => {
    const blocks = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: '八镇联动', bold: true },
          { type: 'text', text: '发展,' },
          { type: 'link', url: 'https://example.com', children: [{ type: 'text', text: '江门' }] },
        ],
      },
    ];
    expect(blocksToParagraphs(blocks)).toEqual(['八镇联动发展,江门']);
  });

  test('reads headings, quotes and list items, nested ones too', () => {
    const text = (value: string) => [{ type: 'text', text: value }];
    const blocks = [
      { type: 'heading', level: 2, children: text('标题') },
      { type: 'quote', children: text('引文') },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: text('一') },
          { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: text('二') }] },
        ],
      },
      { type: 'image', image: { url: '/a.png' } },
    ];
    expect(blocksToParagraphs(blocks)).toEqual(['标题', '引文', '一', '二']);
  });

  test('drops empty paragraphs', () => {
    expect(blocksToParagraphs(paragraphsToBlocks(['', '甲', '  ']))).toEqual(['甲']);
  });

  test.each([[null], [undefined], ['text'], [42], [{ type: 'paragraph' }], [[null, 1, { type: 'paragraph', children: 'x' }]]])(
    'tolerates %p',
    (garbage) => {
      expect(blocksToParagraphs(garbage)).toEqual([]);
    },
  );
});

describe('excerptFrom', () => {
  test('takes the lead paragraph without the byline', () => {
    expect(excerptFrom(record.paragraphs, record.byline)).toBe(record.paragraphs[0].slice(record.byline!.length));
  });

  test('detects the byline when none is given', () => {
    expect(excerptFrom(record.paragraphs)).toBe(excerptFrom(record.paragraphs, record.byline));
  });

  test('strips the printed dateline when the stored byline also carries credits', () => {
    expect(excerptFrom(record.paragraphs, `${record.byline} 责任编辑:王五`)).toBe(excerptFrom(record.paragraphs, record.byline));
  });

  test('cuts a long lead to maxLength characters including the ellipsis', () => {
    expect(excerptFrom(record.paragraphs, record.byline, 20)).toBe('“目前行业在降本方面已碰到‘天花板’,…');
  });

  test('adds no ellipsis when the lead fits', () => {
    expect(excerptFrom(['短讯。'], null, 3)).toBe('短讯。');
  });

  test('never splits a character outside the basic plane', () => {
    expect(excerptFrom(['𠀀𠀀𠀀𠀀'], null, 3)).toBe('𠀀𠀀…');
  });

  test('is empty for an article without paragraphs', () => {
    expect(excerptFrom([])).toBe('');
  });
});
