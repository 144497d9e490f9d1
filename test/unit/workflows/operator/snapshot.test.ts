import { describe, expect, it } from 'vitest';
import { parse } from '../../../support/yaml.js';
import { createSandbox } from '../../../../simulator/index.js';

const YAML = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: snap, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: say}
      - {name: b, template: say, depends: a}
      - {name: c, template: say, depends: a}
      - {name: d, template: say, depends: b && c}
  - name: say
    container: {image: argoproj/argosay:v2, args: [echo, hi]}
`;

describe('determinism', () => {
  it('a workflow restored from a mid-run snapshot ends exactly like one run straight through', async () => {
    const straight = createSandbox({ seed: 11 });
    straight.store.create(parse(YAML));
    await straight.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'snap' };
    const expected = straight.store.get(key)!.status;

    const first = createSandbox({ seed: 11 });
    first.store.create(parse(YAML));
    await first.advanceAsync(4_000);
    const mid = first.store.get(key)!.status as { phase?: string };
    expect(mid.phase).toBe('Running');
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    const second = createSandbox({ seed: 11 });
    second.restore(snap);
    await second.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    expect(second.store.get(key)!.status).toEqual(expected);
    expect((expected as { phase?: string }).phase).toBe('Succeeded');
  });
});
