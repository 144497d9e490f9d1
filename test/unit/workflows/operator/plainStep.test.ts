import { describe, expect, it } from 'vitest';
import { plainStep } from '../../../../simulator/workflows/controller/steps.js';
import { runsAsWritten } from '../../../../simulator/workflows/controller/plain.js';
import type { WorkflowStep } from '../../../../simulator/workflows/nodes/types.js';

const frozen = (s: unknown): WorkflowStep => JSON.parse(JSON.stringify(s), (_k, v: unknown) => (typeof v === 'object' && v !== null ? Object.freeze(v) : v)) as WorkflowStep;

describe('plainStep (a step that runs as written, without resolving references)', () => {
  it('holds for a frozen step without tags, loops, artifact references or valueFrom', () => {
    expect(plainStep(frozen({ name: 'a', template: 'say', arguments: { parameters: [{ name: 'p', value: 'x' }] } }))).toBe(true);
    // Tags in its hooks are resolved when the hook runs, not here.
    expect(plainStep(frozen({ name: 'a', template: 'say', hooks: { running: { expression: '{{steps.a.status}}', template: 'h' } } }))).toBe(true);
  });

  it('does not hold otherwise', () => {
    expect(plainStep({ name: 'a', template: 'say' })).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', arguments: { parameters: [{ name: 'p', value: '{{workflow.name}}' }] } }))).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', when: '{{steps.b.status}} == Succeeded' }))).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', withItems: [1, 2] }))).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', withParam: '[1]' }))).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', withSequence: { count: '2' } }))).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', arguments: { artifacts: [{ name: 'f', from: 'x' }] } }))).toBe(false);
    expect(plainStep(frozen({ name: 'a', template: 'say', arguments: { parameters: [{ name: 'p', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] } }))).toBe(false);
  });

  it('reads a parameter valueFrom only where the caller asks (steps do, DAG tasks do not)', () => {
    const step = frozen({ name: 'a', template: 'say', arguments: { parameters: [{ name: 'p', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] } });
    expect(runsAsWritten(step, true)).toBe(false);
    expect(runsAsWritten(step, false)).toBe(true);
  });
});
