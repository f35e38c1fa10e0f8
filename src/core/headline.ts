/**
 * The one headline decision, shared by the text reader (news-page.ts) and the HTML reader
 * (html-article.ts): which lines may be a headline at all, and how strongly a candidate reads as
 * one. A candidate scores on its length (up to 40 characters), on being the nearest above the
 * article's header or the page's first heading (position), and on being repeated elsewhere (the
 * body's first lines, the page's `<title>`, its declared headline); a line of separators or of
 * comma-run keywords scores low. A byline, a production credit, a reprint notice or a breadcrumb
 * is never a headline, wherever it stands.
 */
import { charLength } from './text';

/** `出品|深網·騰訊新聞小滿工作室`, `作者｜张三`: a production credit set off by a bar. */
const BAR_CREDIT = /^(?:出品|出品方|策划|策劃|监制|監製|统筹|統籌|制作|製作|作者|文|撰文|撰稿|编辑|編輯|责编|責編|排版|设计|設計|图|圖|视觉|視覺)\s*[|｜丨]/;
/** `不提供二次转载`, `未经授权禁止转载`, `转载请注明出处`: the page's reprint notice. */
const REPRINT_NOTICE = /(?:不提供|禁止|谢绝|謝絕|请勿|請勿|不得|未经授权|未經授權).{0,6}(?:转载|轉載)|(?:转载|轉載)请|(?:转载|轉載)請|版权所有|版權所有/;
/** `刘焕勇 老刘说NLP`: an author's name, then the account that published it (a blog or WeChat byline). */
const NAME_AND_ACCOUNT = /^\p{Script=Han}{2,4}\s+\S*[A-Za-z0-9]\S*$/u;
/** `首页 > 新闻 > 正文`, `当前位置：`: where the page sits, not what it says. */
const BREADCRUMB = /^(?:当前位置|當前位置|您的位置|您现在的位置|你的位置)|^(?:首页|首頁|主页|主頁)\s*[>＞»›]|[>＞»›]\s*正文\s*$/;

/** A line that names who made or may copy the page, or where it sits: never its headline, however it is placed. */
export const isBylineOrNotice = (text: string): boolean =>
  BAR_CREDIT.test(text) || REPRINT_NOTICE.test(text) || BREADCRUMB.test(text) || (charLength(text) <= 24 && NAME_AND_ACCOUNT.test(text));

export interface HeadlineCandidate {
  text: string;
  /** The nearest candidate above the header, or the page's first heading. */
  nearest: boolean;
  /** Found again elsewhere on the page (the body's first lines, `<title>`, the declared headline). */
  repeated: boolean;
}

export function headlineScore({ text, nearest, repeated }: HeadlineCandidate): number {
  const separators = (text.match(/[/|｜【】>]/g)?.length ?? 0) + (text.match(/\s/g)?.length ?? 0) / 2;
  // A run of comma-separated phrases is an SEO keyword line, not a headline.
  const commas = text.match(/[，,]/g)?.length ?? 0;
  return Math.min(charLength(text), 40) - 5 * Math.max(0, separators - 2) - 5 * Math.max(0, commas - 1) + (nearest ? 20 : 0) + (repeated ? 10 : 0);
}
