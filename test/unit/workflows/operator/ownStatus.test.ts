import { describe, expect, it } from 'vitest';
import { ownStatus } from '../../../../simulator/workflows/controller/operate.js';
import type { WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';

const deepFreeze = <T>(v: T): T => JSON.parse(JSON.stringify(v), (_k, x: unknown) => (typeof x === 'object' && x !== null ? Object.freeze(x) : x)) as T;

describe("ownStatus (a reconcile's copy of the stored status)", () => {
  const stored = deepFreeze({
    artifactRepositoryRef: { default: true, artifactRepository: { s3: { bucket: 'b' } } },
    phase: 'Running',
    nodes: { wf: { id: 'wf', name: 'wf', displayName: 'wf', type: 'Steps', phase: 'Running' } },
    conditions: [{ type: 'PodRunning', status: 'True' }],
    progress: '0/1',
  }) as WorkflowStatus;

  it('shares the node map and the artifact repository ref, copies the rest, and keeps the key order', () => {
    const own = ownStatus(stored);
    expect(Object.keys(own)).toEqual(Object.keys(stored));
    expect(own.nodes).toBe(stored.nodes);
    expect(own.artifactRepositoryRef).toBe(stored.artifactRepositoryRef);
    expect(own.conditions).not.toBe(stored.conditions);
    expect(own.conditions).toEqual(stored.conditions);
    (own.conditions ?? [])[0]!.status = 'False';
    own.phase = 'Succeeded';
    expect(stored.conditions?.[0]?.status).toBe('True');
  });

  it('without a ref (or nodes) adds none', () => {
    const bare = deepFreeze({ phase: 'Pending' }) as WorkflowStatus;
    const own = ownStatus(bare);
    expect('artifactRepositoryRef' in own).toBe(false);
    expect(own.nodes).toBeUndefined();
    expect(Object.keys(own)).toEqual(['phase', 'nodes']);
  });
});
