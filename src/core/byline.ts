/**
 * Bylines: the dateline at the start of a lead paragraph
 * (`南方日报讯 (记者/李霭莹 通讯员/肖艳霞)`) and credit lines (`责任编辑:王五`).
 * The role labels below are the only list of byline roles in the app.
 */
import { escapeRegExp } from './text';

export type ContributorRole = 'reporter' | 'correspondent' | 'editor' | 'author' | 'photographer' | 'other';

export const CONTRIBUTOR_ROLES: readonly ContributorRole[] = [
  'reporter',
  'correspondent',
  'editor',
  'author',
  'photographer',
  'other',
];

export interface Contributor {
  name: string;
  role: ContributorRole;
}

/** Printed role labels, Simplified and Traditional. */
const ROLE_LABELS: Readonly<Record<string, ContributorRole>> = {
  记者: 'reporter',
  記者: 'reporter',
  见习记者: 'reporter',
  見習記者: 'reporter',
  通讯员: 'correspondent',
  通訊員: 'correspondent',
  特约通讯员: 'correspondent',
  特約通訊員: 'correspondent',
  作者: 'author',
  原文作者: 'author',
  原作者: 'author',
  撰文: 'author',
  撰稿: 'author',
  文: 'author',
  编辑: 'editor',
  編輯: 'editor',
  责编: 'editor',
  責編: 'editor',
  责任编辑: 'editor',
  責任編輯: 'editor',
  摄影: 'photographer',
  攝影: 'photographer',
  摄影记者: 'photographer',
  攝影記者: 'photographer',
  摄: 'photographer',
  攝: 'photographer',
  实习生: 'other',
  實習生: 'other',
  校对: 'other',
  校對: 'other',
};

/** Labels written after the name (`张三 摄`) rather than before it. */
const POSTPOSITIVE_LABELS = new Set(['摄', '攝']);

// Longest first, so 责任编辑 wins over 编辑 and 摄影 over 摄.
export const CONTRIBUTOR_LABELS: readonly string[] = Object.keys(ROLE_LABELS).sort((a, b) => b.length - a.length);

// Single-character labels (文, 摄) are too common inside names and sentences to be
// trusted unless they stand alone, so only longer ones are matched inside text.
const WORD_LABELS = CONTRIBUTOR_LABELS.filter((label) => label.length > 1).map(escapeRegExp).join('|');
const BYLINE_EVIDENCE = new RegExp(WORD_LABELS);

/** The role a printed label stands for, or null when it is not a byline role. */
export function roleForLabel(label: string): ContributorRole | null {
  return ROLE_LABELS[label.trim()] ?? null;
}

/** `南方日报讯`, `本报讯`, `新华社北京5月3日电`: an outlet dateline ending in 讯 or 电. */
const DATELINE = '[^\\s()（）/|:：，,。“”"]{1,30}?[讯訊电電]';
const BRACKETED = '[(（][^()（）]{1,80}[)）]';
const DATELINE_WITH_GROUP = new RegExp(`^(${DATELINE})\\s*(${BRACKETED})`);
const LEADING_GROUP = new RegExp(`^${BRACKETED}`);
const DATELINE_ALONE = new RegExp(`^(${DATELINE})(?=[\\s\\u3000:：]|$)`);

/**
 * The dateline/byline printed at the start of a lead paragraph, exactly as
 * printed, or null when the paragraph opens without one.
 */
export function extractByline(leadParagraph: string): string | null {
  const text = leadParagraph.trim();
  const withGroup = DATELINE_WITH_GROUP.exec(text);
  if (withGroup) return withGroup[0];
  const group = LEADING_GROUP.exec(text);
  if (group && BYLINE_EVIDENCE.test(group[0])) return group[0];
  const alone = DATELINE_ALONE.exec(text);
  return alone ? alone[1] : null;
}

const TRAILING_GROUP = new RegExp(`${BRACKETED}$`);

/**
 * The reporters' credit printed at the end of a closing paragraph (`…排队等候领取。(总台央视记者
 * 杨潇 宋菀)`), exactly as printed, or null when the paragraph ends without one. Some copies of a
 * story print it there, others on a line of its own.
 */
export function extractTrailingCredit(closingParagraph: string): string | null {
  const group = TRAILING_GROUP.exec(closingParagraph.trim());
  return group && BYLINE_EVIDENCE.test(group[0]) ? group[0] : null;
}

const LEADING_DATELINE = new RegExp(`^\\s*${DATELINE}(?=\\s|[(（]|$)`);
const BRACKETS_AND_QUOTES = /[()（）[\]【】“”"‘’「」]/g;
// A token, then the separators after it; `/ | : ：` mark the token as a label.
const TOKEN = /([^\s/|:：,，、;；]+)([\s/|:：,，、;；]*)/g;
const LABEL_SEPARATOR = /[/|:：]/;
const NAME = /^[\p{L}·•.\-]{1,20}$/u;
const PREFIX_LABEL = new RegExp(`^(${WORD_LABELS})(.+)$`); // 记者李霭莹
const POSTPOSITIVE_SUFFIX = /^(.+?)[摄攝]$/;
const TRAILING_VERB = /(?:报道|報道|报导|報導)$/;

interface Pending {
  name: string;
  role: ContributorRole | null;
}

const asName = (token: string): string | null => {
  const name = token.replace(TRAILING_VERB, '');
  return NAME.test(name) && roleForLabel(name) === null ? name : null;
};

/**
 * Contributors named in a byline or credit line, in order, deduplicated.
 * Names whose role is unknown (or introduced by an unknown label) are dropped.
 */
export function parseContributors(byline: string): Contributor[] {
  const text = byline.replace(LEADING_DATELINE, ' ').replace(BRACKETS_AND_QUOTES, ' ');
  const found: Pending[] = [];
  let role: ContributorRole | null = null;
  let group: Pending[] = []; // names since the last label, for a trailing 摄

  const add = (name: string, as: ContributorRole | null): void => {
    const entry = { name, role: as };
    found.push(entry);
    group.push(entry);
  };

  for (const [, token, separators] of text.matchAll(TOKEN)) {
    const introducesNames = LABEL_SEPARATOR.test(separators);
    const labelRole = roleForLabel(token);

    if (labelRole && POSTPOSITIVE_LABELS.has(token) && !introducesNames) {
      for (const entry of group) entry.role = 'photographer';
      role = null;
      group = [];
    } else if (labelRole) {
      role = labelRole;
      group = [];
    } else if (introducesNames) {
      // An unknown label (监制/…): ignore the names it introduces.
      role = null;
      group = [];
    } else {
      const prefixed = PREFIX_LABEL.exec(token);
      const suffixed = POSTPOSITIVE_SUFFIX.exec(token);
      const prefixedName = prefixed ? asName(prefixed[2]) : null;
      const suffixedName = suffixed ? asName(suffixed[1]) : null;
      const plainName = asName(token);
      if (prefixed && prefixedName) {
        role = roleForLabel(prefixed[1]);
        group = [];
        add(prefixedName, role);
      } else if (suffixed && suffixedName) {
        add(suffixedName, 'photographer');
      } else if (plainName) {
        add(plainName, role);
      }
    }
  }

  const seen = new Set<string>();
  const contributors: Contributor[] = [];
  for (const { name, role: assigned } of found) {
    if (!assigned) continue;
    const key = `${assigned}:${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    contributors.push({ name, role: assigned });
  }
  return contributors;
}

// ---------------------------------------------------------------------------
// Credits as pages print them around an article (the HTML reader's header and closing lines)

const CREDIT_NAMES = String.raw`[\p{Script=Han}·]{2,4}(?:[ 、，,]+[\p{Script=Han}·]{2,4})*?`;
/**
 * A reporter's credit with the outlet before the label: `本报记者罗科苏盈发自北京`, `光明日报记者 王建宏
 * 张文攀`, `新京报记者 彭冲 山东冠县报道`, `顶端新闻·河南商报记者马俊峰/文`, `（总台记者 张倩）`. It
 * starts a line or follows a bracket, a colon or an e-paper's mark (`□本报记者 张三`), and the
 * names end the line or run into a bracket, a slash, 发自, a place and 报道, or the next credit
 * (`通讯员 李四`); in running prose (`记者了解到`) nothing ends the names.
 */
const REPORTER_LINE = new RegExp(
  String.raw`(?:^|[\s（(【\[》：:□■◆●])[\p{Script=Han}·]{0,12}?(?:记者|記者|实习生|實習生|通讯员|通訊員)\s*(${CREDIT_NAMES})(?:\s*\p{Script=Han}{2,8}(?:报道|報導))?(?=\s*(?:$|[）)\]】/／]|发自|發自|摄|攝|通讯员|通訊員|实习生|實習生))`,
  'u',
);
/** `（袁源）`, `（常书香 马丹阳 ）`: the writers' names alone in brackets, closing an article. */
const BARE_NAMES = new RegExp(String.raw`[（(]\s*(${CREDIT_NAMES})\s*[）)]\s*$`, 'u');
/** `…釐清死因。（王煌忠／台中報導）`: a writer and where they reported from, in brackets after a sentence. */
const REPORT_CREDIT = new RegExp(String.raw`[（(]\s*(${CREDIT_NAMES})\s*[/／]\s*\p{Script=Han}{0,8}(?:报道|報導|报导)\s*[）)]`, 'u');
/**
 * Province-level places (and Taipei) by their short names, Simplified and Traditional: a dateline
 * or a bracket (`（上海）`) names them as it names no writer.
 */
const PLACES =
  '北京|天津|上海|重庆|重慶|河北|山西|辽宁|遼寧|吉林|黑龙江|黑龍江|江苏|江蘇|浙江|安徽|福建|江西|山东|山東|河南|湖北|湖南|广东|廣東|海南|四川|贵州|貴州|云南|雲南|陕西|陝西|甘肃|甘肅|青海|台湾|臺灣|台灣|内蒙古|內蒙古|广西|廣西|西藏|宁夏|寧夏|新疆|香港|澳门|澳門|台北|臺北';
/** What stands alone in a closing bracket and is not a name: `（完）`, `（组图）`, `（新华社）`, `（北京市）`, `（上海）`. */
const NOT_A_WRITER = new RegExp(`^(?:完|图|圖|组图|組圖|资料图|資料圖|待续|待續|未完待续|续|續|注|附|来源|來源|时间|時間|${PLACES})$|[社网網报報台站刊部局院会會省市县縣区區电電]$`);

const namesOf = (names: string | undefined): string | null => {
  const list = names?.split(/[ 、，,]+/).filter(Boolean) ?? [];
  return list.length > 0 && !list.some((name) => NOT_A_WRITER.test(name) || roleForLabel(name) !== null) ? list.join(' ') : null;
};

/** The reporters a credit line names (`光明日报记者 王建宏 张文攀` → `王建宏 张文攀`), or null. */
export const reporterNames = (line: string): string | null => namesOf(REPORTER_LINE.exec(line)?.[1]);

/** The writers a `（X／Y報導）` in a paragraph names, or null: distinctive enough to look for in any paragraph. */
export const reportCreditNames = (paragraph: string): string | null => namesOf(REPORT_CREDIT.exec(paragraph)?.[1]);

/** The writers a bare bracket closing a paragraph names (`…佳节。（常书香 马丹阳 ）`), or null. */
export const bareCreditNames = (paragraph: string): string | null => namesOf(BARE_NAMES.exec(paragraph)?.[1]);
