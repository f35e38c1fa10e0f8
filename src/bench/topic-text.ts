/**
 * Article text with a news-like spread of words, for the benchmarks that measure the derived
 * indexes on a large archive (bench:search, bench:related). The synthetic pages (synthetic-pages.ts)
 * repeat a few dozen words, so every word there is in most articles; here each article is about one
 * of many topics, a dozen rarer dictionary words, written with common words drawn by rank (Zipf), so
 * key terms and postings look like a real archive's. Deterministic in the article's number.
 */
import fs from 'node:fs';

export interface TopicArticle {
  title: string;
  paragraphs: string[];
  /** The words of the article's topic. */
  topic: string[];
}

export interface TopicTextOptions {
  /** How many articles the archive holds: one topic per hundred, at least 50. */
  articles: number;
  /**
   * Share of words drawn from a second topic (bench:related: articles of two topics then share
   * terms, as related stories do). None by default.
   */
  secondTopicShare?: number;
  /**
   * A headline for the i-th article, unique per i, followed by two topic words (bench:search, so a
   * headline query finds one article). By default the title is four topic and common words.
   */
  headline?: (i: number) => string;
}

export interface TopicText {
  article(i: number): TopicArticle;
  /** The common words, most frequent first. */
  common: readonly string[];
}

/** Two- to four-character nouns and verbs of jieba's dictionary, most frequent first. */
function dictionaryWords(): string[] {
  return fs
    .readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([word, frequency, tag]) => /^[\u4e00-\u9fff]{2,4}$/.test(word) && Number(frequency) > 200 && /^n|^v/.test(tag ?? ''))
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .map(([word]) => word);
}

export function topicText({ articles, secondTopicShare = 0, headline }: TopicTextOptions): TopicText {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const words = dictionaryWords();
  const common = words.slice(0, 1500);
  const rare = words.slice(1500, 20000);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)];
  const zipf = (list: readonly string[]) => list[Math.min(list.length - 1, Math.floor(Math.exp(random() * Math.log(list.length))) - 1)];
  const topics = Array.from({ length: Math.max(50, Math.round(articles / 100)) }, () => Array.from({ length: 12 }, () => pick(rare)));
  return {
    common,
    article(i) {
      // The same article for the same i, whenever it is written.
      seed = (i * 2654435761) % 2147483648;
      const topic = topics[i % topics.length];
      const second = topics[(i * 7 + 3) % topics.length];
      const word = () => {
        const r = random();
        return r < 0.3 ? pick(topic) : r < 0.3 + secondTopicShare ? pick(second) : zipf(common);
      };
      const sentence = () => Array.from({ length: 14 }, word).join('') + '。';
      const paragraphs = Array.from({ length: 4 }, () => Array.from({ length: 3 }, sentence).join(''));
      const title = headline ? `${headline(i)} ${pick(topic)}${pick(topic)}` : [pick(topic), zipf(common), pick(topic), pick(second)].join('');
      return { title, paragraphs, topic };
    },
  };
}
