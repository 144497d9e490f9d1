/** The Labs tab's markdown: the shapes lab steps use (lists with nested code, tables), and text never becomes markup. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown, parseBlocks } from '../../src/views/labs/markdown.js';

describe('lab markdown', () => {
  it('an ordered list item keeps its nested code block and paragraph; numbering goes on', () => {
    const src = '1. Apply:\n\n   ```yaml\n   kind: Deployment\n   spec:\n     replicas: 5\n   ```\n\n   **Observe:** it drifts.\n\n2. Sync again\n\nAfter.';
    expect(parseBlocks(src)).toEqual([
      {
        t: 'list',
        ordered: true,
        start: 1,
        items: [
          [
            { t: 'p', text: 'Apply:' },
            { t: 'code', lang: 'yaml', text: 'kind: Deployment\nspec:\n  replicas: 5' },
            { t: 'p', text: '**Observe:** it drifts.' },
          ],
          [{ t: 'p', text: 'Sync again' }],
        ],
      },
      { t: 'p', text: 'After.' },
    ]);
  });

  it('tables, headings, quotes', () => {
    expect(parseBlocks('## Pods\n\n| a | b |\n|---|---|\n| `x` | y |\n\n> note')).toEqual([
      { t: 'h', level: 2, text: 'Pods' },
      { t: 'table', head: ['a', 'b'], rows: [['`x`', 'y']] },
      { t: 'quote', text: 'note' },
    ]);
  });

  it('renders inline code, emphasis and safe links; raw HTML stays text', () => {
    const html = renderToStaticMarkup(Markdown({ source: 'Run `argo get` **now** <script>alert(1)</script> [docs](https://argoproj.github.io) [bad](javascript:alert(1))' }));
    expect(html).toContain('<code>argo get</code>');
    expect(html).toContain('<strong>now</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://argoproj.github.io" target="_blank" rel="noreferrer noopener">docs</a>');
    expect(html).not.toContain('javascript:');
  });
});
