import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../simulator/runtime/argoexec/index.js';

describe('argoexec parseTemplate: parsed once per text', () => {
  it('returns the template of the text, shared and deep-frozen for the same text', () => {
    const raw = JSON.stringify({ name: 'say', outputs: { parameters: [{ name: 'p', valueFrom: { path: '/tmp/p' } }] } });
    const a = parseTemplate(raw);
    expect(a.error).toBeUndefined();
    expect(a.template.name).toBe('say');
    expect(a.template.outputs?.parameters?.[0]?.valueFrom?.path).toBe('/tmp/p');
    // A copy of the text (not the same string object) finds the same result.
    const b = parseTemplate(JSON.stringify(JSON.parse(raw)));
    expect(b).toBe(a);
    expect(Object.isFrozen(a.template.outputs!.parameters![0]!.valueFrom)).toBe(true);
    expect(() => {
      (a.template as { name?: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('keeps different texts apart and reports errors as before', () => {
    expect(parseTemplate('{"name":"a"}').template.name).toBe('a');
    expect(parseTemplate('{"name":"b"}').template.name).toBe('b');
    expect(parseTemplate(undefined)).toEqual({ template: {} });
    expect(parseTemplate('')).toEqual({ template: {} });
    expect(parseTemplate('[1]')).toEqual({ template: {}, error: 'ARGO_TEMPLATE is not a JSON object' });
    const bad = parseTemplate('{nope');
    expect(bad.template).toEqual({});
    expect(bad.error).toMatch(/^failed to unmarshal ARGO_TEMPLATE: /);
    expect(parseTemplate('{nope')).toBe(bad);
  });
});
