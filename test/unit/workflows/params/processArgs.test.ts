import { describe, expect, it } from 'vitest';
import { processArgs } from '../../../../simulator/workflows/params/args.js';
import type { Template } from '../../../../simulator/workflows/nodes/types.js';

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};
const pc = { namespace: 'default' };

describe('processArgs of a template without inputs or tags', () => {
  it('gives a stored (frozen) template back itself, every time, and copies a mutable one', () => {
    const stored = deepFreeze({ name: 'say', container: { image: 'alpine', args: ['hi'] } } as Template);
    expect(processArgs(stored, undefined, {}, { 'tasks.name': 'a' }, pc)).toBe(stored);
    expect(processArgs(stored, undefined, {}, { 'tasks.name': 'b' }, pc)).toBe(stored);
    const mutable = { name: 'say', container: { image: 'alpine', args: ['hi'] } } as Template;
    const out = processArgs(mutable, undefined, {}, {}, pc);
    expect(out).not.toBe(mutable);
    expect(out).toEqual(mutable);
  });

  it('still substitutes a stored template that has tags, with each call’s variables', () => {
    const stored = deepFreeze({ name: 'say', container: { image: 'alpine', args: ['{{workflow.name}}'] } } as Template);
    expect(processArgs(stored, undefined, { 'workflow.name': 'w1' }, {}, pc).container?.args).toEqual(['w1']);
    expect(processArgs(stored, undefined, { 'workflow.name': 'w2' }, {}, pc).container?.args).toEqual(['w2']);
  });
});
