import { describe, expect, it } from 'vitest';
import { processArgsCached } from '../../../../simulator/workflows/controller/execute.js';
import type { Woc } from '../../../../simulator/workflows/controller/woc.js';
import type { Template } from '../../../../simulator/workflows/nodes/types.js';

const deepFreeze = <T>(v: T): T => JSON.parse(JSON.stringify(v), (_k, x: unknown) => (typeof x === 'object' && x !== null ? Object.freeze(x) : x)) as T;

describe('processed templates kept between reconciles', () => {
  const spec = deepFreeze({ entrypoint: 'say' });
  const base = deepFreeze({ name: 'say', container: { image: 'alpine', args: ['{{workflow.name}}', '{{pod.name}}'] } }) as Template;
  const wocWith = (globals: Record<string, string>): Woc => ({ spec, globals, namespace: 'default', ctx: { store: undefined } }) as unknown as Woc;

  it('reuses a template while the globals and locals are the same, and redoes it when either differs', () => {
    const first = processArgsCached(wocWith({ 'workflow.name': 'wf' }), base, undefined, { 'pod.name': 'p1' });
    expect(first.container?.args).toEqual(['wf', 'p1']);
    expect(processArgsCached(wocWith({ 'workflow.name': 'wf' }), base, undefined, { 'pod.name': 'p1' })).toBe(first);
    const otherLocals = processArgsCached(wocWith({ 'workflow.name': 'wf' }), base, undefined, { 'pod.name': 'p2' });
    expect(otherLocals.container?.args).toEqual(['wf', 'p2']);
    const otherGlobals = processArgsCached(wocWith({ 'workflow.name': 'wf2' }), base, undefined, { 'pod.name': 'p2' });
    expect(otherGlobals.container?.args).toEqual(['wf2', 'p2']);
  });
});
