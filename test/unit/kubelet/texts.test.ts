/** The kubelet's repeated event texts: the same text as built each time, one shared string per value. */
import { describe, expect, it } from 'vitest';
import { createdMessage, presentMessage, presentWhy, scheduledWhy, startedMessage, startWhy } from '../../../simulator/cluster/kubelet/texts.js';
import { startWhy as builtStartWhy } from '../../../simulator/cluster/kubelet/why.js';
import type { PodSpec } from '../../../simulator/cluster/kubelet/types.js';

describe('kubelet event texts', () => {
  it('are the texts of the events, per container and image', () => {
    expect(createdMessage('main')).toBe('Created container main');
    expect(startedMessage('wait')).toBe('Started container wait');
    expect(createdMessage('init')).toBe('Created container init');
    expect(presentMessage('argoproj/argosay:v2')).toBe('Container image "argoproj/argosay:v2" already present on machine');
    expect(presentWhy('IfNotPresent', 'busybox:1.36')).toBe('imagePullPolicy IfNotPresent and the node already has "busybox:1.36" (an earlier pod pulled it), so there is no pull.');
    expect(scheduledWhy('kind-worker', 'matches its nodeSelector')).toBe(
      "The pod had no spec.nodeName, so the scheduler bound it to kind-worker, the first node that matches its nodeSelector; that node's kubelet now runs it.",
    );
    expect(scheduledWhy('kind-worker', 'it found (the pod has no nodeSelector)')).toContain('the first node that it found (the pod has no nodeSelector);');
    expect(presentWhy('Always', 'busybox:1.36')).toBe('imagePullPolicy Always and the node already has "busybox:1.36" (an earlier pod pulled it), so there is no pull.');
  });

  it('start whys equal the built ones, for first starts and restarts, per role and position', () => {
    const specs: PodSpec[] = [
      { containers: [{ name: 'a' }] },
      { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] },
      { initContainers: [{ name: 's', restartPolicy: 'Always' }, { name: 'i' }, { name: 'j' }], containers: [{ name: 'a' }], restartPolicy: 'OnFailure' },
    ];
    for (const spec of specs) {
      const inits = spec.initContainers?.length ?? 0;
      const roles = [...(spec.initContainers ?? []).map((c, order) => ({ init: true, sidecar: c.restartPolicy === 'Always', order })), { init: false, sidecar: false, order: inits }];
      for (const e of roles) for (const restarts of [0, 0, 2]) expect(startWhy(spec, e, restarts)).toBe(builtStartWhy(spec, e, restarts));
    }
    // Different positions and counts are different texts.
    expect(startWhy(specs[2]!, { init: true, sidecar: false, order: 1 }, 0)).not.toBe(startWhy(specs[2]!, { init: true, sidecar: false, order: 2 }, 0));
    expect(startWhy(specs[1]!, { init: false, sidecar: false, order: 1 }, 0)).toBe('All 1 init container finished, so the main containers start together.');
  });
});
