import type { Element, Nodes } from 'hast';

/**
 * What on a published page is not the report: scripts and styles, navigation, the site's header and footer,
 * hidden elements, and the lines every government site prints around an article (`当前位置：首页 > …`,
 * `【打印本页】【关闭窗口】`, `发布时间：… 来源：… 浏览次数：…`).
 */

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'map',
  'select',
  'button',
  'textarea',
  'input',
  'datalist',
  'dialog',
]);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'menubar', 'toolbar', 'dialog', 'alertdialog']);
/** Class and id tokens of site chrome, whole tokens only (`article-header` is content, `header` is not). */
const CHROME_TOKEN =
  /^(?:(?:site|page|global|main|top|web)[-_]?)?(?:nav|navbar|navigation|menu|menubar|breadcrumbs?|crumbs?|header|footer|sidebar|topbar|toolbar|copyright|share|sharebar|skip-?links?|dqwz|weizhi|position|location)$/iu;

const LINE_PATTERNS = [
  /^(?:当前位置|您的位置|您现在的位置|所在位置|当前所在位置)\s*[:：]/u,
  /^(?:[【[]\s*)?(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|加入收藏|保存本页)(?:\s*[】\]])?(?:\s*(?:[【[]\s*)?(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|加入收藏|保存本页)(?:\s*[】\]])?)*$/u,
  /(?:字号|字体)\s*(?:[:：]\s*)?(?:[【[]\s*)?大\s*(?:[】\]]\s*)?(?:[【[]\s*)?中\s*(?:[】\]]\s*)?(?:[【[]\s*)?小/u,
  /^分享到\s*[:：]?/u,
  /^(?:上一篇|下一篇)\s*[:：]/u,
  /^(?:扫一扫|网站标识码|主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]|版权所有)/u,
  /ICP\s*备\s*\d/u,
];
const ARTICLE_INFO = /(?:发布时间|发布日期|信息来源|来源|浏览次数|访问次数|阅读次数|点击数|点击量|作者|责任编辑)\s*[:：]/gu;

export function isHidden(el: Element): boolean {
  const p = el.properties;
  if (p.hidden === true || p.hidden === '' || String(p.ariaHidden) === 'true') return true;
  if (el.tagName === 'input' && String(p.type).toLowerCase() === 'hidden') return true;
  const style = p.style;
  return typeof style === 'string' && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/iu.test(style);
}

/**
 * Is the element site chrome? `<header>` and `<footer>` are chrome except inside `<article>` or `<main>`,
 * where they belong to the report (its title, its signature).
 */
export function isChrome(el: Element, inSectioning: boolean): boolean {
  const tag = el.tagName;
  if (SKIPPED.has(tag)) return true;
  if ((tag === 'header' || tag === 'footer') && !inSectioning) return true;
  const role = el.properties.role;
  if (typeof role === 'string' && role.split(/\s+/u).some((r) => CHROME_ROLES.has(r.toLowerCase()))) return true;
  const classes = el.properties.className;
  const tokens = [...(Array.isArray(classes) ? classes.map(String) : []), ...(typeof el.properties.id === 'string' ? [el.properties.id] : [])];
  return tokens.some((t) => CHROME_TOKEN.test(t));
}

/** A line of site chrome printed in the article's area. */
export function isChromeLine(text: string): boolean {
  if (text.length > 160) return false;
  if (LINE_PATTERNS.some((re) => re.test(text))) return true;
  return (text.match(ARTICLE_INFO)?.length ?? 0) >= 2;
}

/** Heading elements: a table holding one lays out a page. */
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Longest text a data cell holds; a cell with more is a page laid out in a table. */
const LAYOUT_CELL_TEXT = 300;

/**
 * A data table, not a layout table. Layout tables are read as containers of paragraphs: role=presentation,
 * a table holding another table or a heading, a table of one cell, a cell holding a page's worth of text.
 */
export function isDataTable(el: Element): boolean {
  const role = el.properties.role;
  if (role === 'presentation' || role === 'none') return false;
  let cells = 0;
  const stack: { node: Nodes; cell: { text: number } | undefined }[] = el.children.map((node) => ({ node, cell: undefined }));
  while (stack.length > 0) {
    const { node, cell } = stack.pop() as { node: Nodes; cell: { text: number } | undefined };
    if (node.type === 'text' && cell) {
      cell.text += node.value.trim().length;
      if (cell.text > LAYOUT_CELL_TEXT) return false;
    }
    if (node.type !== 'element') continue;
    if (node.tagName === 'table' || HEADINGS.has(node.tagName)) return false;
    let inner = cell;
    if (!cell && (node.tagName === 'td' || node.tagName === 'th')) {
      cells++;
      inner = { text: 0 };
    }
    for (const child of node.children) stack.push({ node: child, cell: inner });
  }
  return cells > 1;
}
