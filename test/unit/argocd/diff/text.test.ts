/** The unified diff text the UI shows. */
import { describe, expect, it } from 'vitest';
import { toYaml, unifiedDiff } from '../../../../simulator/argocd/diff/index.js';

describe('unifiedDiff', () => {
  it('equal texts give no diff', () => {
    expect(unifiedDiff('a: 1\n', 'a: 1\n', 'x', 'y')).toBe('');
  });

  it('one hunk with three lines of context, removals before additions', () => {
    const from = toYaml({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 });
    const to = toYaml({ a: 1, b: 2, c: 3, d: 4, e: 50, f: 6, g: 7, h: 8 });
    expect(unifiedDiff(from, to, 'live', 'desired')).toBe(['--- live', '+++ desired', '@@ -2,7 +2,7 @@', ' b: 2', ' c: 3', ' d: 4', '-e: 5', '+e: 50', ' f: 6', ' g: 7', ' h: 8', ''].join('\n'));
  });

  it('distant changes make separate hunks with correct line numbers', () => {
    const keys = 'abcdefghijklmnop'.split('');
    const from = toYaml(Object.fromEntries(keys.map((k, i) => [k, i])));
    const to = toYaml(Object.fromEntries(keys.map((k, i) => [k, k === 'b' || k === 'o' ? i * 10 : i])));
    const hunks = unifiedDiff(from, to, 'l', 'd').split('\n').filter((l) => l.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,5 +1,5 @@', '@@ -12,5 +12,5 @@']);
  });

  it('an object against nothing is all additions, from line 0 (a count of 1 is left out, like GNU diff)', () => {
    const text = unifiedDiff('', toYaml({ kind: 'ConfigMap' }), 'l', 'd');
    expect(text).toBe('--- l\n+++ d\n@@ -0,0 +1 @@\n+kind: ConfigMap\n');
  });
});
