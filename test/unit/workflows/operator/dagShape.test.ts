import { describe, expect, it } from 'vitest';
import { dagShape } from '../../../../simulator/workflows/controller/dagShape.js';
import { evaluateDepends } from '../../../../simulator/workflows/controller/depends.js';
import type { DepResult } from '../../../../simulator/workflows/controller/depends.js';
import { nodeId } from '../../../../simulator/workflows/nodes/ids.js';
import type { DagTask, Template } from '../../../../simulator/workflows/nodes/types.js';
import { processArgs } from '../../../../simulator/workflows/params/args.js';

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

const tasks = (): DagTask[] => [
  { name: 'a', template: 'say' },
  { name: 'b', template: 'say', depends: 'a' },
  { name: 'c', template: 'say', dependencies: ['a', 'b'] },
  { name: 'd', template: 'say', depends: 'a.Succeeded', arguments: { parameters: [{ name: 'v', value: '{{tasks.a.outputs.result}}' }] } },
  { name: 'e', template: 'say', withItems: [1, 2] },
];

describe('DAG shape (kept per stored task list)', () => {
  it('is shared for a frozen task list and computed afresh for a mutable one', () => {
    const frozen = deepFreeze(tasks());
    expect(dagShape(frozen)).toBe(dagShape(frozen));
    const mutable = tasks();
    expect(dagShape(mutable)).not.toBe(dagShape(mutable));
  });

  it('has the dependencies, leaves and ancestors of the tasks', () => {
    const s = dagShape(deepFreeze(tasks()));
    expect(s.deps.get('c')).toEqual(['a', 'b']);
    expect(s.leaves()).toEqual(['c', 'd', 'e']);
    expect(s.ancestors('c')).toEqual(['b', 'a']);
    expect(s.logic(s.tasks.get('c') as DagTask)).toBe('(a.Succeeded || a.Skipped || a.Daemoned) && (b.Succeeded || b.Skipped || b.Daemoned)');
  });

  it('runs as written only frozen tasks without tags, loops or artifacts from other nodes', () => {
    const s = dagShape(deepFreeze(tasks()));
    const plain = (n: string): boolean => s.plain(s.tasks.get(n) as DagTask);
    expect([plain('a'), plain('b'), plain('c'), plain('d'), plain('e')]).toEqual([true, true, true, false, false]);
    const m = dagShape(tasks());
    expect(m.plain(m.tasks.get('a') as DagTask)).toBe(false);
    const hooked = dagShape(deepFreeze([{ name: 'h', template: 'say', hooks: { running: { template: 'say', expression: '{{tasks.h.status}} == Running' } } }]));
    expect(hooked.plain(hooked.tasks.get('h') as DagTask)).toBe(true);
    const fromArt = dagShape(deepFreeze([{ name: 'f', template: 'say', arguments: { artifacts: [{ name: 'x', from: 'tasks-a-out' }] } }]));
    expect(fromArt.plain(fromArt.tasks.get('f') as DagTask)).toBe(false);
  });

  it('names and ids task nodes per workflow and DAG node', () => {
    const s = dagShape(deepFreeze(tasks()));
    const one = s.nodesOf('wf-1', 'wf-1');
    const two = s.nodesOf('wf-2', 'wf-2.inner');
    expect(one.name('b')).toBe('wf-1.b');
    expect(one.id('b')).toBe(nodeId('wf-1', 'wf-1.b'));
    expect(two.name('b')).toBe('wf-2.inner.b');
    expect(two.id('b')).toBe(nodeId('wf-2', 'wf-2.inner.b'));
    expect(s.nodesOf('wf-1', 'wf-1')).toBe(one);
  });
});

describe('depends evaluation (memoised by the substituted logic)', () => {
  it('gives each set of results its own answer and repeats errors', () => {
    const ok = { phase: 'Succeeded' as const, daemoned: false };
    const failed = { phase: 'Failed' as const, daemoned: false };
    expect(evaluateDepends('a && b.Failed', { a: ok, b: failed })).toBe(true);
    expect(evaluateDepends('a && b.Failed', { a: ok, b: ok })).toBe(false);
    expect(evaluateDepends('a && b.Failed', { a: ok, b: failed })).toBe(true);
    expect(() => evaluateDepends('a &&', { a: ok })).toThrow();
    expect(() => evaluateDepends('a &&', { a: ok })).toThrow();
    expect(() => evaluateDepends('a.Nope', { a: ok })).toThrow(/cannot fetch Nope/);
  });
});

describe('processArgs without inputs or tags', () => {
  it('returns a stored (frozen) template itself and copies a mutable one', () => {
    const frozen = deepFreeze<Template>({ name: 'say', container: { image: 'alpine', args: ['hi'] } });
    expect(processArgs(frozen, undefined, {}, { 'node.name': 'x' }, { namespace: 'default' })).toBe(frozen);
    const mutable: Template = { name: 'say', container: { image: 'alpine', args: ['hi'] } };
    const out = processArgs(mutable, undefined, {}, {}, { namespace: 'default' });
    expect(out).not.toBe(mutable);
    expect(out).toEqual(mutable);
    const tagged = deepFreeze<Template>({ name: 'say', container: { image: 'alpine', args: ['{{node.name}}'] } });
    expect(processArgs(tagged, undefined, {}, { 'node.name': 'x' }, { namespace: 'default' }).container?.args).toEqual(['x']);
  });
});

describe('DAG shape by task number', () => {
  it('numbers tasks in order and their dependencies (-1 for a name that is no task)', () => {
    const s = dagShape(deepFreeze<DagTask[]>([{ name: 'a' }, { name: 'b', depends: 'a && ghost' }, { name: 'c', dependencies: ['b', 'a'] }]));
    expect(s.order).toEqual(['a', 'b', 'c']);
    expect(s.byIndex.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect(s.depIdx).toEqual([[], [0, -1], [1, 0]]);
    const n = s.nodesOf('w', 'w');
    expect(n.idAt(2)).toBe(nodeId('w', 'w.c'));
    expect(n.idAt(2)).toBe(n.id('c'));
  });
});

describe('depends: a conjunction evaluated term by term gives what evaluating its text gives', () => {
  const ok: DepResult = { phase: 'Succeeded', daemoned: false };
  const failed: DepResult = { phase: 'Failed', daemoned: false };
  const skipped: DepResult = { phase: 'Skipped', daemoned: false };
  const daemon: DepResult = { phase: 'Running', daemoned: true };
  const grp: DepResult = { phase: 'Succeeded', daemoned: false, children: ['Failed', 'Succeeded'] };
  const cases: [string, Record<string, DepResult>, string][] = [
    ['a', { a: ok }, 'true'],
    ['a', { a: failed }, 'false'],
    ['a && b', { a: ok, b: skipped }, 'true'],
    ['a && b', { a: ok, b: failed }, 'false'],
    ['a.Failed && b', { a: failed, b: daemon }, 'true'],
    ['a.Failed&&b.Succeeded', { a: failed, b: ok }, 'true'],
    [' a.Daemoned ', { a: daemon }, 'true'],
    ['a.Nope && b.Other', { a: ok, b: ok }, 'ERR cannot fetch Nope from a'],
    ['a && b.Nope', { a: failed, b: ok }, 'ERR cannot fetch Nope from b'],
    ['a && ghost', { a: ok }, "ERR Value 'ghost' cannot be used with the logical operator '&&', it is not a bool"],
    ['ghost.Bad && a.Nope', { a: ok }, 'ERR cannot fetch Nope from a'],
    ['g.AnySucceeded && g.AllFailed', { g: grp }, 'false'],
    ['a && b || c', { a: ok, b: failed, c: ok }, 'true'],
    ['a.succeeded', { a: ok }, 'ERR cannot fetch succeeded from a'],
    ['a &&', { a: ok }, 'ERR Unexpected end of expression'],
    ['constructor && a', { a: ok }, "ERR Value 'undefined' cannot be used with the logical operator '&&', it is not a bool"],
    ['a-b && c_d', { 'a-b': ok, c_d: skipped }, 'true'],
  ];
  it.each(cases)('%j', (logic, deps, expected) => {
    let got: string;
    try {
      got = String(evaluateDepends(logic, deps));
    } catch (e) {
      got = `ERR ${(e as Error).message}`;
    }
    expect(got).toBe(expected);
  });

  it('a 10,000-term fan-in', () => {
    const deps = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`t${i}`, ok]));
    const logic = Object.keys(deps).join(' && ');
    expect(evaluateDepends(logic, deps)).toBe(true);
    expect(evaluateDepends(logic, { ...deps, t9999: failed })).toBe(false);
  });
});
