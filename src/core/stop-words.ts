/**
 * Words too common in news text to say what an article is about. Single characters, numbers and
 * punctuation are dropped by rule in key-terms.ts; this list holds the multi-character rest.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Chinese function words and newsroom filler
  '我们', '你们', '他们', '她们', '它们', '自己', '这个', '那个', '这些', '那些', '这样', '那样', '这里', '那里',
  '一个', '一些', '一种', '一次', '一起', '一直', '一定', '没有', '可以', '可能', '能够', '进行', '以及', '通过',
  '对于', '关于', '其中', '目前', '当前', '已经', '同时', '不断', '相关', '表示', '认为', '就是', '还是', '如果',
  '因为', '所以', '但是', '而且', '并且', '或者', '以上', '以下', '之后', '之前', '方面', '之一', '其他', '其它',
  '什么', '怎么', '为了', '由于', '作为', '根据', '按照', '以来', '之间', '时候', '时间', '今年', '去年', '明年',
  '记者', '通讯员', '日电', '报道', '据悉', '据了解', '了解', '介绍', '指出', '负责人', '有关', '此外', '另外',
  '非常', '特别', '更加', '还有', '主要', '重要', '需要', '要求', '实现', '开展', '提供', '具有', '包括', '今天',
  '昨天', '明天', '这是', '也是', '都是', '不是', '只是', '正在', '将会', '已于', '有效', '全面', '加强', '推动',
  // English function words
  'the', 'and', 'for', 'are', 'was', 'were', 'with', 'that', 'this', 'from', 'has', 'have', 'had', 'not', 'but',
  'its', 'his', 'her', 'their', 'they', 'them', 'you', 'your', 'our', 'who', 'which', 'what', 'when', 'where',
  'will', 'would', 'can', 'could', 'been', 'being', 'into', 'than', 'then', 'there', 'also', 'more', 'said', 'says',
  'about', 'after', 'before', 'over', 'such', 'some', 'any', 'all', 'one', 'two', 'new', 'other', 'its', 'of', 'to',
  'in', 'on', 'at', 'by', 'an', 'as', 'is', 'be', 'it', 'or', 'if', 'so', 'we', 'he', 'she', 'do', 'did', 'does',
]);
