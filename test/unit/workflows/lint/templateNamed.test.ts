import { describe, expect, it } from 'vitest';
import { templateNamed } from '../../../../simulator/workflows/lint/context.js';
import type { LintCtx } from '../../../../simulator/workflows/lint/context.js';

const ctx = (): LintCtx => ({ source: { get: () => undefined }, namespace: 'default', globals: new Set(), results: new Set(), wftValidation: false });

describe('templateNamed', () => {
  it('finds what a search of the spec’s templates finds: the first of a name, only string names', () => {
    const first = { name: 'a', container: { image: 'x' } };
    const spec = { templates: [first, 'junk', { name: 'a', container: { image: 'y' } }, { name: 7 }, { name: 'b' }] };
    const c = ctx();
    expect(templateNamed(c, spec, 'a')).toBe(first);
    expect(templateNamed(c, spec, 'b')).toEqual({ name: 'b' });
    expect(templateNamed(c, spec, '7')).toBeUndefined();
    expect(templateNamed(c, spec, 'missing')).toBeUndefined();
    // Another spec has its own index.
    const other = { templates: [{ name: 'a', dag: {} }] };
    expect(templateNamed(c, other, 'a')).toEqual({ name: 'a', dag: {} });
    expect(templateNamed(c, { templates: 'none' }, 'a')).toBeUndefined();
  });
});
