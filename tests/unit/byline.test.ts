import contributorComponent from '../../src/components/article/contributor.json';
import { bareCreditNames, CONTRIBUTOR_ROLES, extractByline, extractTrailingCredit, parseContributors, reporterNames, roleForLabel } from '../../src/core/byline';
import { seedLines } from '../helpers/seed';

const seedLead = seedLines[13];
const seedByline = '南方日报讯 (记者/李霭莹 通讯员/肖艳霞)';

test('lists the contributor roles', () => {
  expect(CONTRIBUTOR_ROLES).toEqual(['reporter', 'correspondent', 'editor', 'author', 'photographer', 'other']);
});

describe('extractByline', () => {
  test('finds the dateline and bracketed byline opening the seed lead paragraph', () => {
    expect(extractByline(seedLead)).toBe(seedByline);
  });

  test('accepts full-width brackets after 本报讯', () => {
    expect(extractByline(seedLead.replace(seedByline, '本报讯（记者 朱方芳 官逸伦）'))).toBe('本报讯（记者 朱方芳 官逸伦）');
  });

  test('accepts a bracketed byline without a dateline', () => {
    expect(extractByline(seedLead.replace(seedByline, '(记者 李霭莹)'))).toBe('(记者 李霭莹)');
  });

  test('accepts a news-agency dateline ending in 电', () => {
    expect(extractByline(seedLead.replace(seedByline, '新华社广州5月3日电（记者 王五）'))).toBe('新华社广州5月3日电（记者 王五）');
  });

  test('accepts a dateline standing alone before a space', () => {
    expect(extractByline(seedLead.replace(seedByline, '本报讯 '))).toBe('本报讯');
  });

  test('finds nothing in a paragraph without a byline', () => {
    expect(extractByline(seedLines[15])).toBeNull();
  });

  test('does not take a bracketed aside without a role for a byline', () => {
    expect(extractByline('(1个行动方案+3个专项方案),对八镇空间进行全方位一体规划')).toBeNull();
  });
});

describe('extractTrailingCredit', () => {
  const closing = '将向中外记者提供会议主要文件的电子版,不需媒体记者在现场长时间排队等候领取。';

  test("finds the reporters' credit closing a paragraph (tests/fixtures/pages/held-out/bjtitle-1.txt)", () => {
    expect(extractTrailingCredit(`${closing}(总台央视记者 杨潇 宋菀)`)).toBe('(总台央视记者 杨潇 宋菀)');
    expect(extractTrailingCredit(`${closing}（记者 刘超） `)).toBe('（记者 刘超）');
  });

  test('leaves a closing bracket that credits nobody, or a credit in mid-paragraph', () => {
    expect(extractTrailingCredit(`${closing}(完)`)).toBeNull();
    expect(extractTrailingCredit('利润总额达到1亿元(含)')).toBeNull();
    expect(extractTrailingCredit(`(记者 刘超)${closing}`)).toBeNull();
  });
});

describe('parseContributors', () => {
  test('reads the seed byline as a reporter and a correspondent', () => {
    expect(parseContributors(seedByline)).toEqual([
      { name: '李霭莹', role: 'reporter' },
      { name: '肖艳霞', role: 'correspondent' },
    ]);
  });

  test('gives every name after one role that role', () => {
    expect(parseContributors('记者 朱方芳 官逸伦')).toEqual([
      { name: '朱方芳', role: 'reporter' },
      { name: '官逸伦', role: 'reporter' },
    ]);
  });

  test('reads a role run together with the name', () => {
    expect(parseContributors('本报讯（记者李霭莹）')).toEqual([{ name: '李霭莹', role: 'reporter' }]);
  });

  test('reads 作者 with a bar as author', () => {
    expect(parseContributors('作者|李霭莹')).toEqual([{ name: '李霭莹', role: 'author' }]);
  });

  test.each([['责编|王五'], ['编辑:王五'], ['责任编辑：王五'], ['編輯:王五'], ['責編|王五'], ['責任編輯：王五']])(
    'reads %s as an editor',
    (byline) => {
      expect(parseContributors(byline)).toEqual([{ name: '王五', role: 'editor' }]);
    },
  );

  test('reads a name followed by 摄 as a photographer', () => {
    expect(parseContributors('肖艳霞 摄')).toEqual([{ name: '肖艳霞', role: 'photographer' }]);
  });

  test('reads 摄影/ before a name as a photographer', () => {
    expect(parseContributors('摄影/肖艳霞')).toEqual([{ name: '肖艳霞', role: 'photographer' }]);
  });

  test('reads the Traditional 攝 as a photographer', () => {
    expect(parseContributors('陳大文 攝')).toEqual([{ name: '陳大文', role: 'photographer' }]);
  });

  test('reads Traditional 記者 and 通訊員', () => {
    expect(parseContributors('本報訊 (記者/陳大文 通訊員/李小明)')).toEqual([
      { name: '陳大文', role: 'reporter' },
      { name: '李小明', role: 'correspondent' },
    ]);
  });

  test('reads a byline followed by a credit', () => {
    expect(parseContributors(`${seedByline} 责任编辑:王五`)).toEqual([
      { name: '李霭莹', role: 'reporter' },
      { name: '肖艳霞', role: 'correspondent' },
      { name: '王五', role: 'editor' },
    ]);
  });

  test('lists a name given twice for the same role once', () => {
    expect(parseContributors('记者/李霭莹 记者 李霭莹')).toEqual([{ name: '李霭莹', role: 'reporter' }]);
  });

  test('ignores names introduced by an unknown role', () => {
    expect(parseContributors('监制/赵六 记者/李霭莹')).toEqual([{ name: '李霭莹', role: 'reporter' }]);
  });

  test('ignores names without any role', () => {
    expect(parseContributors('李霭莹')).toEqual([]);
  });

  test('drops a trailing 报道 from a name', () => {
    expect(parseContributors('记者李霭莹报道')).toEqual([{ name: '李霭莹', role: 'reporter' }]);
  });
});

describe('roleForLabel', () => {
  test('maps a Traditional label', () => {
    expect(roleForLabel('責任編輯')).toBe('editor');
  });

  test('returns null for an unknown label', () => {
    expect(roleForLabel('监制')).toBeNull();
  });
});

test('the Contributor component offers exactly the byline roles the parser can produce', () => {
  // The schema is JSON and cannot import CONTRIBUTOR_ROLES: this keeps the two one decision.
  expect(contributorComponent.attributes.role.enum).toEqual([...CONTRIBUTOR_ROLES]);
});

describe('reporterNames: a credit line with the outlet before 记者 (实习生, 通讯员)', () => {
  test.each([
    ['本报记者罗科苏盈发自北京', '罗科苏盈'],
    ['光明日报记者 王建宏 张文攀', '王建宏 张文攀'],
    ['新京报记者 彭冲 山东冠县报道', '彭冲'],
    ['顶端新闻·河南商报记者马俊峰/文受访者供图', '马俊峰'],
    ['…发展起到极大推动作用。（总台记者 张倩）', '张倩'],
    ['作者：《中国企业家》记者 林涛', '林涛'],
    ['据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区了解到', '格桑边觉'],
    // Interns and correspondents credited under their title, as reporters are.
    ['本报实习生 刘国栋 周炜', '刘国栋 周炜'],
    ['（通讯员 李四）', '李四'],
  ])('%s → %s', (line, names) => {
    expect(reporterNames(line)).toBe(names);
  });

  test.each(['记者近日从西藏自治区农业农村厅了解到', '昨日，办案人员告诉记者，广告违反了法律。', '本报记者在现场看到', '实习生在车间里学习操作'])('running prose names nobody: %s', (line) => {
    expect(reporterNames(line)).toBeNull();
  });
});

describe('bareCreditNames: names alone in the bracket that closes an article', () => {
  test.each([
    ['（袁源）', '袁源'],
    ['过一个平安、祥和、温馨、廉洁的新春佳节。（常书香 马丹阳 ）', '常书香 马丹阳'],
  ])('%s → %s', (paragraph, names) => {
    expect(bareCreditNames(paragraph)).toBe(names);
  });

  test.each(['全文完。（完）', '见图。（组图）', '据报道。（新华社）', '会议在此召开。（北京市）', '会议在此召开。（上海）', '記者會在此舉行。（臺北）', '（责任编辑）'])('not a writer: %s', (paragraph) => {
    expect(bareCreditNames(paragraph)).toBeNull();
  });
});
