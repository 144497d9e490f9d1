/** The editor's Problems list and renames: one entry per line+text, and a rename announced before the state moves. */
import { describe, expect, it } from 'vitest';
import { dedupeProblems } from '../../../src/editor/problems.js';
import type { Problem } from '../../../src/editor/markers.js';
import { WorkspaceStore } from '../../../src/workspace/store.js';

const p = (line: number, message: string, source: string, severity: Problem['severity'] = 'error', column = 1): Problem => ({ line, column, severity, message, source });

describe('dedupeProblems', () => {
  it('lists an entry reported by the schema and the engine at the same line once, with both sources', () => {
    const out = dedupeProblems([
      p(3, 'Missing property "containers".', 'yaml schema', 'warning', 5),
      p(7, 'Incorrect type. Expected "string".', 'yaml schema'),
      p(3, 'Missing property "containers"', 'kube-apiserver', 'error', 3),
    ]);
    expect(out).toEqual([p(3, 'Missing property "containers".', 'yaml schema + kube-apiserver', 'error', 3), p(7, 'Incorrect type. Expected "string".', 'yaml schema')]);
  });

  it('keeps the same text on different lines, and different texts on one line', () => {
    const input = [p(3, 'duplicate key', 'yaml schema'), p(4, 'duplicate key', 'yaml schema'), p(4, 'unknown field "spec.foo"', 'kube-apiserver', 'warning')];
    expect(dedupeProblems(input)).toEqual(input);
  });

  it('does not repeat a source named twice', () => {
    expect(dedupeProblems([p(1, 'x', 'argo lint'), p(1, 'x', 'argo lint')])).toEqual([p(1, 'x', 'argo lint')]);
  });
});

describe('WorkspaceStore renames', () => {
  it('tells rename listeners before the state changes, and not for a refused rename', () => {
    const ws = new WorkspaceStore({ files: { 'cluster/a.yaml': 'a: 1\n', 'cluster/b.yaml': 'b: 1\n' }, base: {}, open: ['cluster/a.yaml'], active: 'cluster/a.yaml' });
    const seen: string[] = [];
    const off = ws.subscribeRenames((from, to) => seen.push(`${from}->${to} (a still there: ${Object.hasOwn(ws.state.files, from)})`));
    ws.rename('cluster/a.yaml', 'cluster/c.yaml');
    expect(seen).toEqual(['cluster/a.yaml->cluster/c.yaml (a still there: true)']);
    expect(ws.state.active).toBe('cluster/c.yaml');
    expect(() => ws.rename('cluster/c.yaml', 'cluster/b.yaml')).toThrow('file "cluster/b.yaml" already exists');
    ws.rename('cluster/c.yaml', 'cluster/c.yaml');
    off();
    ws.rename('cluster/c.yaml', 'cluster/d.yaml');
    expect(seen).toHaveLength(1);
  });
});
