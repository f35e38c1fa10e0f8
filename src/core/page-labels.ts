/**
 * The printed field labels of news pages, one table for both page readers: the seed layout's
 * reader (snapshot-page.ts) and the general news page reader (news-page.ts). The byline's role
 * labels (记者, 责任编辑, 摄…) live in byline.ts, beside the roles they stand for.
 */

/** What a labelled header field tells about the article. */
export type FieldKind = 'publishedAt' | 'updatedAt' | 'otherTime' | 'source' | 'reprintedFrom' | 'author' | 'category' | 'ignored';

interface FieldLabels {
  /**
   * The seed layout's labels and their near variants, the only ones the seed layout's reader
   * accepts. The first is the label this archive prints, the second its Traditional form.
   */
  seedLayout: readonly string[];
  /** Labels of other layouts: only the general news page reader accepts these. */
  otherLayouts: readonly string[];
}

export const FIELD_LABELS: Readonly<Record<FieldKind, FieldLabels>> = {
  publishedAt: {
    seedLayout: ['发布时间', '發布時間', '发表时间', '發表時間', '发布日期', '發布日期', '时间', '時間', '日期'],
    otherLayouts: [
      '发表日期', '發表日期', '发布', '發布', '發佈', '发表于', '發表於', '发布于', '發布於', '出版时间', '刊发时间', 'date', 'Date', '发文时间',
    ],
  },
  // Shown only when nothing says "published".
  updatedAt: { seedLayout: [], otherLayouts: ['更新时间', '更新時間', '更新日期', '修改时间'] },
  // Dates that are not the article's: when a document was signed, when a user registered.
  otherTime: { seedLayout: [], otherLayouts: ['发文日期', '成文日期', '印发日期', '注册时间', '最后登录', '上传时间', '截止日期', '有效期'] },
  source: { seedLayout: ['来源', '來源'], otherLayouts: ['信息来源', '資訊來源', '文章来源', '文章來源', '新闻来源', 'Source'] },
  // 稿件来源 ("where the manuscript came from") names the writing outlet, like 本文转自.
  reprintedFrom: {
    seedLayout: ['本文转自', '本文轉自', '稿件来源', '稿件來源'],
    otherLayouts: ['文章转载自', '转载自', '轉載自', '转自', '出处', '出處'],
  },
  author: { seedLayout: [], otherLayouts: ['作者', '原文作者', '记者', '記者', '文', '撰文', '发布人', '发帖人', '楼主', '樓主'] },
  category: {
    seedLayout: ['类别', '類別', '所属栏目', '所屬欄目', '栏目', '欄目', '分类', '分類'],
    otherLayouts: ['频道', '頻道', '主题分类'],
  },
  // Fields that say nothing about the article: counters, document numbers, form headings.
  ignored: {
    seedLayout: [],
    otherLayouts: ['阅读', '閱讀', '浏览', '瀏覽', '浏览次数', '瀏覽次數', '点击', '點擊', '点击数', '点击量', '阅读量', '查看', '回复', '回覆', '字号', '字體', '字体', 'TAG', '索引号', '发文字号', '文档序号', '有效性', '发文机构', '内容概述', '来源类型', '來源類型'],
  },
};

/** Every label of a field, as the general news page reader accepts them. */
export const labelsOf = (kind: FieldKind): readonly string[] => [...FIELD_LABELS[kind].seedLayout, ...FIELD_LABELS[kind].otherLayouts];

export type FooterField = 'snapshotAt' | 'originalUrl';

/** The seed layout's footer labels; the first is the one this archive prints, the second its Traditional form. */
export const FOOTER_LABELS: Readonly<Record<FooterField, readonly string[]>> = {
  snapshotAt: ['快照生成时间', '快照生成時間', '快照时间', '快照時間'],
  originalUrl: ['信息原文地址', '資訊原文地址', '原文地址', '原文链接', '原文鏈接'],
};

/**
 * Headings that open a list of other articles under a story (相关阅读, 推荐阅读, 猜你喜欢…): both
 * general readers (news-page.ts on text, html-article.ts on HTML) end the body at one.
 */
export const LIST_OPENINGS: readonly string[] = [
  '相关阅读', '相關閱讀', '相关新闻', '相關新聞', '相关报道', '相關報導', '相关链接', '相關鏈接', '相关文章', '相關文章',
  '相关专题', '相關專題', '相关推荐', '相關推薦', '相关热词', '相關熱詞', '延伸阅读', '延伸閱讀', '推荐阅读', '推薦閱讀',
  '推荐新闻', '推薦新聞', '热门推荐', '熱門推薦', '热点新闻', '熱點新聞', '精彩推荐', '精彩推薦', '更多精彩', '猜你喜欢',
  '猜你喜歡', '往期回顾', '往期回顧', '相关日志', '相關日誌', '精彩视频', '精彩視頻',
];

/**
 * Page tools printed as lines of their own (share, print, font size, sign-in): not the article's
 * text (news-page.ts drops them as noise) and not one of its header's lines (html-article.ts looks
 * past them for the time under a headline).
 */
export const PAGE_TOOLS: readonly string[] = [
  '分享到', '分享至', '分享', '微信', '微博', '新浪微博', 'QQ', 'QQ空间', 'QQ好友', 'QQ登录', '朋友圈', '扫一扫', '打印', '打印本页', '列印', '关闭窗口', '關閉窗口',
  '收藏', '点赞', '在看', '留言', '返回', '返回列表', '返回顶部', '返回首页', '查看原文', '阅读原文', '閱讀原文', '原文链接', '复制链接', '複製連結', '[复制链接]', '找回密码', '立即注册',
  '注册', '登录', '搜索', '网站地图', '放大', '缩小', '默认', '字体', '字号', '字級設定：', '上一篇', '下一篇', '上一版', '下一版', '首版', '末版', '更多', '举报', '评论', '評論',
  '发表评论', '请使用浏览器分享功能进行分享', '点击右上角微信好友', '生成图片,分享到微信朋友圈', '广告', '廣告', '下載', '下载', '收起左侧', '展开通版', '收缩通版',
  'Facebook', 'Line', 'Twitter', 'Weibo', 'A-A+', 'A+', 'A-', '+', '＋',
];
