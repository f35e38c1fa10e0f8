/**
 * Which real pages a reader of one would expect in its related list: judged by hand, from the
 * pages' text, before any measurement, for `npm run bench:related-quality`. Pages are named by
 * file (without `.txt`) under the real page folders (real-pages.ts REAL_PAGE_DIRS).
 *
 * Grade 2: the same event or the same narrow subject (a reader would click it first).
 * Grade 1: a related subject (same place and theme, same field) a reader would welcome.
 * A judgment holds both ways. Pages not named here are judged unrelated to each other. Copies of
 * one story (real-pages.ts SAME_STORY) are never in each other's lists (the reprints list shows
 * them): the bench leaves those pairs out of both the lists and the judgments.
 */
export const RELATED_JUDGMENTS: readonly { pages: readonly string[]; grade: 1 | 2; why: string }[] = [
  { pages: ['johnnytowncar-1', 'mdgwh-1', 'melab-1', 'yhgelaimei-1', 'bjtitle-1'], grade: 2, why: '2024 两会新闻中心 opens: five reports of one event' },
  { pages: ['crntt-1', 'johnnytowncar-1'], grade: 1, why: 'foreign journalists in Beijing; the press centre serves them' },
  { pages: ['crntt-1', 'mdgwh-1'], grade: 1, why: 'as above' },
  { pages: ['crntt-1', 'melab-1'], grade: 1, why: 'as above' },
  { pages: ['crntt-1', 'yhgelaimei-1'], grade: 1, why: 'as above' },
  { pages: ['crntt-1', 'bjtitle-1'], grade: 1, why: 'as above' },
  { pages: ['fx361-1', 'fx361-2', 'hanspub-1'], grade: 2, why: '乡村振兴 studies' },
  { pages: ['cna-1', 'yahoo-2'], grade: 2, why: '中央社 and 賴清德: the agency that chose the year\'s news, punishing a report on him' },
  { pages: ['cna-1', 'newscatalog-1'], grade: 1, why: 'Taiwan\'s president 賴清德' },
  { pages: ['yahoo-2', 'newscatalog-1'], grade: 1, why: 'as above' },
  { pages: ['zhongguotongcuhui-1', 'cna-1'], grade: 1, why: 'Taiwan\'s elections and politics' },
  { pages: ['zhongguotongcuhui-1', 'newscatalog-1'], grade: 1, why: 'as above' },
  { pages: ['zhongguotongcuhui-1', 'yahoo-2'], grade: 1, why: 'as above' },
  { pages: ['iecongou-1', 'cna-1'], grade: 1, why: 'sport in Taiwan (the year\'s news leads with baseball)' },
  { pages: ['jishuxx-1', 'jishuxx-2', 'xjishu-1'], grade: 2, why: 'software patents: 方法、装置 for applications and systems' },
  { pages: ['wpsshop-1', 'xjishu-1'], grade: 1, why: 'designing an information management system' },
  { pages: ['czwb-1', 'tzwb-1', 'yanews-1'], grade: 2, why: 'local paper briefs: townspeople and the state of their streets' },
  { pages: ['shfjr-1', 'czwb-1'], grade: 1, why: 'civility campaigns (文明)' },
  { pages: ['baxikafei-1', 'shfjr-1'], grade: 2, why: 'Shanghai as 人民城市: World Cities Day and its civility fair' },
  { pages: ['baxikafei-1', 'freewechat-2'], grade: 1, why: 'cities, Shanghai' },
  { pages: ['baxikafei-1', 'xzbu-1'], grade: 1, why: 'cities, their future' },
  { pages: ['freewechat-2', 'xzbu-1'], grade: 1, why: 'urban planning research' },
  { pages: ['shfjr-1', 'freewechat-2'], grade: 1, why: 'Shanghai\'s city life' },
  { pages: ['dzllzg-1', 'gmw-1'], grade: 2, why: 'public opinion (舆论) and propaganda work' },
  { pages: ['wusiwangluo-1', 'dzllzg-1'], grade: 1, why: 'journalists\' work' },
  { pages: ['wusiwangluo-1', 'crntt-1'], grade: 1, why: 'journalists (记者节, foreign journalists)' },
  { pages: ['gijn-1', 'wusiwangluo-1'], grade: 1, why: 'journalism' },
  { pages: ['gijn-1', 'gmw-1'], grade: 1, why: 'journalism and communication' },
  { pages: ['freewechat-1', 'vigoraudio-1'], grade: 1, why: 'Hong Kong life seen from the mainland' },
  { pages: ['nwpulsx-1', 'zgkjsz-1'], grade: 1, why: 'the Party and 习近平\'s words to its people' },
  { pages: ['nwpulsx-1', 'dzllzg-1'], grade: 1, why: 'as above' },
  { pages: ['zgkjsz-1', 'dzllzg-1'], grade: 1, why: 'as above' },
  { pages: ['zbgov-1', 'nwpulsx-1'], grade: 1, why: 'government and Party doctrine' },
  { pages: ['9ioldgame-1', 'dianbo-1'], grade: 2, why: 'how video is drawn: CRT filters, interlacing' },
  { pages: ['9ioldgame-1', 'gameres-1'], grade: 1, why: 'games and their making' },
  { pages: ['ucloud-1', '52pojie-1'], grade: 1, why: 'JavaScript on the front end' },
  { pages: ['ucloud-1', 'jianshu-1'], grade: 1, why: 'software design' },
  { pages: ['proginn-1', 'jianshu-1'], grade: 1, why: 'programmers\' craft' },
  { pages: ['52pojie-1', 'jishuxx-1'], grade: 1, why: 'front-end applications' },
  { pages: ['chwit-1', 'lw53-1'], grade: 1, why: 'keeping digital records safe and usable' },
  { pages: ['lw53-1', 'wpsshop-1'], grade: 1, why: 'archives management systems (档案管理)' },
  { pages: ['armintza-1', 'gijn-1'], grade: 1, why: 'disasters and their dead' },
  { pages: ['cinic-1', 'fx361-1'], grade: 1, why: 'the epidemic (新冠肺炎疫情)' },
  { pages: ['cinic-1', 'dzllzg-1'], grade: 1, why: 'as above' },
];

/** Each judged page's expected neighbours and their grades (both ways, the higher grade kept). */
export function judgedNeighbours(): Map<string, Map<string, number>> {
  const judged = new Map<string, Map<string, number>>();
  for (const { pages, grade } of RELATED_JUDGMENTS) {
    for (const a of pages) {
      for (const b of pages) {
        if (a === b) continue;
        const row = judged.get(a) ?? new Map<string, number>();
        row.set(b, Math.max(row.get(b) ?? 0, grade));
        judged.set(a, row);
      }
    }
  }
  return judged;
}
