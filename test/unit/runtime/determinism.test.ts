import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../simulator/index.js';
import { world } from './helpers.js';

/** A workflow whose steps run the real shell (async) and argosay, passing a result and an artifact. */
const WORKFLOW: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'dice', namespace: 'default' },
  spec: {
    entrypoint: 'main',
    templates: [
      { name: 'main', steps: [[{ name: 'roll', template: 'roll' }], [{ name: 'show', template: 'show', arguments: { parameters: [{ name: 'n', value: '{{steps.roll.outputs.result}}' }] } }]] },
      {
        name: 'roll',
        script: { image: 'alpine:3.19', command: ['sh'], source: 'n=$((RANDOM % 6 + 1)); sleep 2; echo "rolled $n" > /tmp/roll.txt; echo $n' },
        outputs: { artifacts: [{ name: 'log', path: '/tmp/roll.txt' }] },
      },
      { name: 'show', inputs: { parameters: [{ name: 'n' }] }, container: { image: 'argoproj/argosay:v2', args: ['echo', '{{inputs.parameters.n}}'] } },
    ],
  } as never,
};

async function run(seed: number) {
  const sb = world(seed);
  sb.store.create(WORKFLOW);
  const r = await sb.runUntilSettledAsync();
  const wf = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: 'dice' });
  return { settled: r.settled, phase: (wf?.status as { phase?: string } | undefined)?.phase, events: JSON.stringify(sb.log.all()), artifacts: JSON.stringify(sb.artifacts.list()) };
}

describe('determinism with the async driver', () => {
  it('the same seed gives the same workflow, event log and artifacts; the sync driver only waits for the runtime', async () => {
    const a = await run(42);
    const b = await run(42);
    expect(a.settled).toBe(true);
    expect(a.phase).toBe('Succeeded');
    expect(b).toEqual(a);
    const sync = world(42);
    sync.store.create(WORKFLOW);
    expect(sync.runUntilSettled().reason).toBe('awaiting-runtime');
  });
});
