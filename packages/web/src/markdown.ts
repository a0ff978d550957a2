/**
 * A small Markdown renderer for rule docs: headings, paragraphs, lists, block quotes, fenced code, and inline
 * code, bold, italics and links. It builds DOM nodes and sets only text content, so nothing in a doc is ever
 * interpreted as HTML.
 */
export function renderMarkdown(source: string, doc: Document = document): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = source.replace(/\r\n?/gu, '\n').split('\n');
  let i = 0;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    node.append(...children);
    return node;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)/u.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) code.push(lines[i++]!);
      i++;
      const codeEl = el('code', code.join('\n'));
      if (fence[2]) codeEl.dataset.lang = fence[2];
      out.append(el('pre', codeEl));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/u.exec(line);
    if (heading) {
      // A doc's own headings sit below the panel's: `#` becomes h4.
      const level = Math.min(6, heading[1]!.length + 3) as 4 | 5 | 6;
      out.append(el(`h${level}`, ...inline(heading[2]!, doc)));
      i++;
      continue;
    }
    if (/^\s*$/u.test(line)) {
      i++;
      continue;
    }
    const item = /^\s*(?:[-*+]|(\d+)[.)])\s+/u;
    if (item.test(line)) {
      const ordered = !!item.exec(line)![1];
      const list = el(ordered ? 'ol' : 'ul');
      while (i < lines.length && item.test(lines[i]!)) {
        const parts = [lines[i]!.replace(item, '')];
        i++;
        while (i < lines.length && /^\s{2,}\S/u.test(lines[i]!) && !item.test(lines[i]!)) parts.push(lines[i++]!.trim());
        list.append(el('li', ...inline(parts.join(' '), doc)));
      }
      out.append(list);
      continue;
    }
    if (/^\s*>/u.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/u.test(lines[i]!)) quoted.push(lines[i++]!.replace(/^\s*>\s?/u, ''));
      const quote = el('blockquote');
      quote.append(renderMarkdown(quoted.join('\n'), doc));
      out.append(quote);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !/^\s*$/u.test(lines[i]!) && !/^\s*(`{3,}|~{3,}|#{1,6}\s|>)/u.test(lines[i]!) && !(paragraph.length && item.test(lines[i]!))) {
      paragraph.push(lines[i++]!.trim());
    }
    out.append(el('p', ...inline(paragraph.join(' '), doc)));
  }
  return out;
}

/** Inline code first (its content stays literal), then links, bold and italics. */
function inline(text: string, doc: Document): (Node | string)[] {
  const out: (Node | string)[] = [];
  const pattern = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*/gu;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      const code = doc.createElement('code');
      code.textContent = m[1];
      out.push(code);
    } else if (m[2] !== undefined) {
      const href = m[3]!;
      if (/^https?:\/\//iu.test(href)) {
        const a = doc.createElement('a');
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.append(...inline(m[2], doc));
        out.push(a);
      } else {
        // Relative links point into the repository, not into this page: keep the words.
        out.push(...inline(m[2], doc));
      }
    } else if (m[4] !== undefined || m[5] !== undefined) {
      const strong = doc.createElement('strong');
      strong.append(...inline((m[4] ?? m[5])!, doc));
      out.push(strong);
    } else if (m[6] !== undefined) {
      const em = doc.createElement('em');
      em.append(...inline(m[6], doc));
      out.push(em);
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
