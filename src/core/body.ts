/**
 * Article bodies are stored as Strapi "blocks" rich text; the core works with
 * plain paragraphs. These types mirror the blocks JSON without importing Strapi.
 */
import { extractByline } from './byline';

export interface TextNode {
  type: 'text';
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  children: TextNode[];
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'quote']);

export function paragraphsToBlocks(paragraphs: string[]): ParagraphBlock[] {
  return paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Text of an inline tree (text nodes, links with text children). */
function inlineText(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes
    .map((node) => {
      if (!isRecord(node)) return '';
      if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
      return inlineText(node.children);
    })
    .join('');
}

function blockTexts(block: unknown): string[] {
  if (!isRecord(block)) return [];
  if (typeof block.type === 'string' && TEXT_BLOCKS.has(block.type)) return [inlineText(block.children)];
  if (block.type === 'list' && Array.isArray(block.children)) {
    // Items may hold nested lists; each item's own text is one paragraph.
    return block.children.flatMap((item) => {
      if (!isRecord(item)) return [];
      if (item.type === 'list') return blockTexts(item);
      if (item.type !== 'list-item' || !Array.isArray(item.children)) return [];
      const own = inlineText(item.children.filter((child) => !(isRecord(child) && child.type === 'list')));
      const nested = item.children.filter((child) => isRecord(child) && child.type === 'list').flatMap(blockTexts);
      return [own, ...nested];
    });
  }
  return [];
}

/** Paragraph texts of a blocks value; anything unreadable yields []. Empty paragraphs are dropped. */
export function blocksToParagraphs(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap(blockTexts).filter((text) => text.trim() !== '');
}

/**
 * A teaser: the lead paragraph without its byline, at most maxLength
 * characters including the `…` added when it is cut. The given byline is
 * stripped when the lead opens with it; otherwise a printed dateline is
 * detected, since a stored byline may also carry credits printed elsewhere.
 */
export function excerptFrom(paragraphs: string[], byline?: string | null, maxLength = 120): string {
  const lead = paragraphs.find((text) => text.trim() !== '')?.trim() ?? '';
  const dateline = byline && lead.startsWith(byline) ? byline : extractByline(lead);
  const text = dateline ? lead.slice(dateline.length).trim() : lead;
  // Count code points so a cut never splits a surrogate pair.
  const characters = Array.from(text);
  if (characters.length <= maxLength) return text;
  return `${characters.slice(0, Math.max(maxLength - 1, 0)).join('').trimEnd()}…`;
}
