/**
 * A tiny markdown renderer for lab steps: headings, paragraphs, lists, fenced code, quotes, inline code, bold,
 * italics and links. It builds React elements (never HTML strings), so lab text cannot inject markup.
 */
import type { ReactNode } from 'react';

const SAFE_URL = /^(https?:|mailto:|#|\/)/i;

/** Inline spans: `code`, **bold**, *italic* / _italic_, [text](url). */
export function inline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const k = `${key}-${n++}`;
    if (m[1] !== undefined) out.push(<code key={k}>{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<strong key={k}>{inline(m[2], k)}</strong>);
    else if (m[3] !== undefined || m[4] !== undefined) out.push(<em key={k}>{inline(m[3] ?? m[4]!, k)}</em>);
    else if (SAFE_URL.test(m[6]!)) out.push(<a key={k} href={m[6]} target="_blank" rel="noreferrer noopener">{m[5]}</a>);
    else out.push(m[5]);
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block =
  | { t: 'h'; level: number; text: string }
  | { t: 'p'; text: string }
  | { t: 'code'; lang: string; text: string }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { t: 'quote'; text: string }
  | { t: 'table'; head: string[]; rows: string[][] };

const indentOf = (l: string): number => l.length - l.trimStart().length;
const LIST_ITEM = /^(\s{0,3})([-*+]|(\d+)[.)])\s+(.*)$/;
const cells = (l: string): string[] => l.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());

export function parseBlocks(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)\s*([\w-]*)/.exec(line);
    if (fence) {
      const pad = indentOf(line);
      const body: string[] = [];
      i++;
      for (; i < lines.length && !lines[i]!.trim().startsWith(fence[1]!); i++) {
        const l = lines[i]!;
        body.push(l.slice(Math.min(pad, indentOf(l))));
      }
      i++;
      blocks.push({ t: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      blocks.push({ t: 'h', level: h[1]!.length, text: h[2]!.trim() });
      i++;
      continue;
    }
    const first = LIST_ITEM.exec(line);
    if (first) {
      const ordered = first[3] !== undefined;
      const items: Block[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (!m || (m[3] !== undefined) !== ordered) break;
        const contentIndent = m[1]!.length + m[2]!.length + 1;
        const body = [m[4]!];
        i++;
        // The item goes on over blank lines and lines indented under it (nested paragraphs, code blocks).
        while (i < lines.length) {
          const l = lines[i]!;
          if (l.trim() === '') {
            const nextText = lines.slice(i + 1).find((x) => x.trim() !== '');
            if (nextText === undefined || indentOf(nextText) < 2) break;
            body.push('');
          } else if (indentOf(l) >= 2) body.push(l.slice(Math.min(indentOf(l), contentIndent)));
          else if (!LIST_ITEM.test(l) && body[body.length - 1] !== '' && !/^(#{1,6}\s|```|~~~|>|\|)/.test(l)) body.push(l);
          else break;
          i++;
        }
        items.push(parseBlocks(body.join('\n')));
        while (i < lines.length && lines[i]!.trim() === '' && LIST_ITEM.test(lines.slice(i).find((x) => x.trim() !== '') ?? '')) i++;
      }
      blocks.push({ t: 'list', ordered, start: ordered ? Number(first[3]) : 1, items });
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1]!)) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && /^\s*\|/.test(lines[i]!)) rows.push(cells(lines[i++]!));
      blocks.push({ t: 'table', head, rows });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^\s*>\s?/, ''));
      blocks.push({ t: 'quote', text: body.join(' ') });
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|\s*```|\s*~~~|\s{0,3}([-*+]|\d+[.)])\s|\s*>|\s*\|)/.test(lines[i]!)) para.push(lines[i++]!.trim());
    if (para.length === 0) para.push(lines[i++]!.trim());
    blocks.push({ t: 'p', text: para.join(' ') });
  }
  return blocks;
}

function renderBlocks(blocks: Block[], key: string): ReactNode[] {
  return blocks.map((b, i) => {
    const k = `${key}.${i}`;
    switch (b.t) {
      case 'h': {
        const H = (['h2', 'h3', 'h4', 'h5', 'h6', 'h6'] as const)[b.level - 1]!;
        return <H key={k}>{inline(b.text, k)}</H>;
      }
      case 'p':
        return <p key={k}>{inline(b.text, k)}</p>;
      case 'code':
        return (
          <pre key={k} className={`code lang-${b.lang || 'text'}`}>
            <code>{b.text}</code>
          </pre>
        );
      case 'quote':
        return <blockquote key={k}>{inline(b.text, k)}</blockquote>;
      case 'table':
        return (
          <table key={k} className="md-table">
            <thead>
              <tr>{b.head.map((c, j) => <th key={j}>{inline(c, `${k}h${j}`)}</th>)}</tr>
            </thead>
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>{r.map((c, n) => <td key={n}>{inline(c, `${k}r${j}c${n}`)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        );
      case 'list': {
        // A one-paragraph item renders inline (tight list); richer items keep their blocks.
        const items = b.items.map((item, j) => <li key={j}>{item.length === 1 && item[0]!.t === 'p' ? inline(item[0]!.text, `${k}-${j}`) : renderBlocks(item, `${k}-${j}`)}</li>);
        return b.ordered ? <ol key={k} start={b.start}>{items}</ol> : <ul key={k}>{items}</ul>;
      }
    }
  });
}

export function Markdown({ source }: { source: string }) {
  return <div className="md">{renderBlocks(parseBlocks(source), 'b')}</div>;
}
