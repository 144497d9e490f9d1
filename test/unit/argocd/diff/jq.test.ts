/** The jqPathExpressions subset, evaluated as del(expr). */
import { describe, expect, it } from 'vitest';
import { jqDelete, parseJq, UnsupportedJqError } from '../../../../simulator/argocd/diff/index.js';

const pod = () => ({
  metadata: { name: 'p', annotations: { 'example.com/x': '1', keep: '2' } },
  spec: { containers: [{ name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] }, { name: 'b', image: 'b:1' }], replicas: 2 },
});

describe('jqDelete', () => {
  it('.a.b removes one field', () => {
    const o = pod();
    expect(jqDelete(o, '.spec.replicas')).toBe(1);
    expect(o.spec).not.toHaveProperty('replicas');
  });

  it('.a[]?.b removes the field from every item', () => {
    const o = pod();
    expect(jqDelete(o, '.spec.containers[]?.image')).toBe(2);
    expect(o.spec.containers).toEqual([{ name: 'a', env: [{ name: 'X', value: '1' }] }, { name: 'b' }]);
  });

  it('select(.name == "x") narrows to matching items; deleting the items themselves works too', () => {
    const o = pod();
    jqDelete(o, '.spec.containers[] | select(.name == "b") | .image');
    expect(o.spec.containers.map((c) => c.image)).toEqual(['a:1', undefined]);
    const p = pod();
    jqDelete(p, '.spec.containers[] | select(.name == "a")');
    expect(p.spec.containers.map((c) => c.name)).toEqual(['b']);
  });

  it('quoted keys and indexes', () => {
    const o = pod();
    jqDelete(o, '.metadata.annotations["example.com/x"]');
    expect(o.metadata.annotations).toEqual({ keep: '2' });
    jqDelete(o, '.spec.containers[0].env');
    expect(o.spec.containers[0]).not.toHaveProperty('env');
  });

  it('a missing path deletes nothing', () => {
    const o = pod();
    expect(jqDelete(o, '.spec.nothing.here')).toBe(0);
    expect(o).toEqual(pod());
  });

  it('anything outside the subset is rejected with the reason', () => {
    expect(() => parseJq('.spec | to_entries')).toThrow(UnsupportedJqError);
    expect(() => parseJq('.a[] | select(.x > 1)')).toThrow(/only select\(\.field == literal\)/);
    expect(() => parseJq('keys')).toThrow(/unsupported jqPathExpression "keys"/);
  });
});
