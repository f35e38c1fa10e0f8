/**
 * A snapshot page as HTML: the seed's layout (snapshot-page.ts's blocks, in their order and with
 * their printed labels) for a person to read, as the editor's preview shows it. Every text is
 * escaped; the page loads nothing (no script, no remote font or style) and names CJK fonts the
 * reader's system has.
 */
import { chineseScript } from './chinese-script';
import { snapshotPageBlocks, type SnapshotRecord } from './snapshot-page';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ENTITIES[character]);

const STYLE = `
  body { margin: 0 auto; max-width: 46rem; padding: 1.5rem; color: #222; line-height: 1.8;
    font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
  :lang(zh-Hant) body, body:lang(zh-Hant) { font-family: "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Source Han Sans TC", "WenQuanYi Micro Hei", sans-serif; }
  .banner { background: #fff4d6; border: 1px solid #e8c66a; padding: .4rem .8rem; font-size: .9rem; }
  nav ul { list-style: none; padding: 0; margin: 0; font-size: .9rem; color: #555; }
  nav ul ul { display: inline; } nav li { display: inline; } nav ul ul li::before { content: " › "; }
  h1 { font-size: 1.6rem; margin: .6rem 0; }
  .meta, .reprinted, .credits { color: #666; font-size: .9rem; margin: .2rem 0; }
  .meta span + span { margin-left: 1.2em; }
  .kicker { color: #444; margin: 1rem 0 0; }
  h2 { font-size: 1.3rem; margin: .2rem 0 1rem; }
  footer { border-top: 1px solid #ddd; margin-top: 2rem; font-size: .85rem; color: #666; }
  .related li { margin: .6rem 0; } .related .excerpt { color: #555; } .related time { color: #888; font-size: .85rem; }
`;

export interface SnapshotHtmlOptions {
  /** A line above the page, e.g. "预览 · 草稿" (preview of the draft). */
  banner?: string;
}

/** The page, whole. */
export function renderSnapshotHtml(record: SnapshotRecord, { banner }: SnapshotHtmlOptions = {}): string {
  const lang = chineseScript([record.title, ...record.paragraphs].join('\n'));
  const p = (className: string, text: string) => `<p class="${className}">${escapeHtml(text)}</p>`;
  const article: string[] = [];
  const footer: string[] = [];
  let nav = '';
  for (const block of snapshotPageBlocks(record)) {
    switch (block.kind) {
      case 'nav': {
        const [home, category] = block.lines.map((line) => line.replace(/^\s*•\s*/, ''));
        nav = `<nav><ul><li>${escapeHtml(home)}${category ? `<ul><li>${escapeHtml(category)}</li></ul>` : ''}</li></ul></nav>`;
        break;
      }
      case 'title':
        article.push(`<h1>${escapeHtml(block.lines[0])}</h1>`);
        break;
      case 'meta':
        article.push(`<p class="meta">${block.lines[0].split('\u00a0').map((part) => `<span>${escapeHtml(part)}</span>`).join('')}</p>`);
        break;
      case 'headline':
        article.push(`<h2>${escapeHtml(block.lines[0])}</h2>`);
        break;
      case 'reprinted':
      case 'credits':
      case 'kicker':
        article.push(p(block.kind, block.lines[0]));
        break;
      case 'paragraph':
        article.push(`<p>${escapeHtml(block.lines[0])}</p>`);
        break;
      case 'attribution':
      case 'snapshotAt':
      case 'disclaimer':
      case 'originalUrl':
        footer.push(p(block.kind, block.lines[0]));
        break;
      case 'related': {
        const items = block.items.map((lines) => `<li>${lines.map((line, i) => `<div class="${i === 0 ? 'title' : 'excerpt'}">${escapeHtml(line)}</div>`).join('')}</li>`);
        footer.push(`<section class="related"><ul>${items.join('')}</ul>${block.more ? `<p class="more">${escapeHtml(block.more)}</p>` : ''}</section>`);
        break;
      }
    }
  }
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="robots" content="noindex"><title>${escapeHtml(record.title)}</title><style>${STYLE}</style></head>`,
    '<body>',
    banner ? `<div class="banner" role="status">${escapeHtml(banner)}</div>` : '',
    nav,
    `<article>${article.join('\n')}</article>`,
    `<footer>${footer.join('\n')}</footer>`,
    '</body></html>',
  ].join('\n');
}
