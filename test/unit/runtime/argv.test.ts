/** Container argv as the API server decodes it: a JSON null inside command/args is Go's zero value "". */
import { describe, expect, it } from 'vitest';
import { resolveArgv } from '../../../simulator/runtime/argv.js';

describe('resolveArgv', () => {
  it('turns null words into empty strings instead of throwing, and still expands $(VAR)', () => {
    const r = resolveArgv({ image: 'busybox', command: [null, '-c', 'echo $(WHO)'] as unknown as string[], args: [null] as unknown as string[], env: [{ name: 'WHO', value: 'me' }], startTime: 0 });
    expect(r.argv).toEqual(['', '-c', 'echo me', '']);
  });
});
