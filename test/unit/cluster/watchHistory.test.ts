import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../../simulator/index.js';
import { derivedFrom } from '../../../simulator/cluster/store/objectUtil.js';

/** An event as text: what a resumed watch must see again (values and key order). */
const text = (e: WatchEvent): string => JSON.stringify({ type: e.type, object: e.object, old: e.old });

const podKey = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' };

/** A status write whose `nodes` map is declared derived from the stored one, like the workflow controller's. */
function writeNodes(sb: ReturnType<typeof createSandbox>, change: (nodes: Record<string, unknown>) => string[], extra: Record<string, unknown> = {}): StoredObject {
  const cur = sb.store.get(podKey)!;
  const stored = (cur.status as { nodes: Record<string, unknown> }).nodes;
  const nodes = { ...stored };
  const changed = new Set(change(nodes));
  derivedFrom(nodes, stored, changed);
  return sb.store.adoptStatus(cur, { ...(cur.status as object), ...extra, nodes });
}

describe('watch history', () => {
  it('replays versions kept as deltas (a derived map) equal to the live events, old being the previous object', () => {
    const sb = createSandbox({ seed: 3 });
    const start = String(sb.store.resourceVersion);
    const live: WatchEvent[] = [];
    sb.store.watch((e) => live.push(e), { kind: 'Pod' });
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    sb.store.create(pod);
    const first = sb.store.get(podKey)!;
    sb.store.adoptStatus(first, { phase: 'Pending', nodes: { a: { phase: 'Running' }, b: { phase: 'Pending' }, u: undefined } });
    writeNodes(sb, (n) => ((n.b = { phase: 'Running' }), (n.c = { phase: 'Pending' }), ['b', 'c']));
    writeNodes(sb, (n) => ((n.a = { phase: 'Succeeded' }), ['a', 'x']), { phase: 'Running' });
    writeNodes(sb, (n) => ((n.d = { phase: 'Pending' }), (n.c = { phase: 'Running' }), ['d', 'c']));
    writeNodes(sb, (n) => ((n.u = 1), ['u']));
    sb.store.delete(podKey);
    expect(live.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'DELETED']);

    const replay: WatchEvent[] = [];
    sb.store.watch((e) => replay.push(e), { kind: 'Pod', resourceVersion: start });
    expect(replay.map(text)).toEqual(live.map(text));
    // The superseded versions were rebuilt (new, frozen objects), each event's old the previous one's object.
    expect(replay[2]!.object).not.toBe(live[2]!.object);
    for (let i = 1; i < replay.length; i++) expect(replay[i]!.old).toBe(replay[i - 1]!.object);
    for (const e of replay.slice(1)) {
      expect(Object.isFrozen(e.object)).toBe(true);
      expect(Object.isFrozen((e.object.status as { nodes: object }).nodes)).toBe(true);
    }
    // Resuming from the middle rebuilds the same versions.
    const mid: WatchEvent[] = [];
    sb.store.watch((e) => mid.push(e), { kind: 'Pod', resourceVersion: live[3]!.object.metadata.resourceVersion });
    expect(mid.map(text)).toEqual(live.slice(4).map(text));
  });

  it('replays a long workflow run (thousands of node-map versions) equal to its live events', () => {
    const sb = createSandbox({ seed: 1 });
    const start = String(sb.store.resourceVersion);
    const live: string[] = [];
    let rebuilt = false;
    const liveObjects: StoredObject[] = [];
    sb.store.watch(
      (e) => {
        live.push(text(e));
        liveObjects.push(e.object);
      },
      { group: 'argoproj.io', kind: 'Workflow' },
    );
    const steps = Array.from({ length: 30 }, (_, i) => [{ name: `s${i}`, template: 'say' }]);
    sb.store.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'many', namespace: 'default' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', steps }, { name: 'say', container: { image: 'argoproj/argosay:v2', args: ['echo', 'hi'] } }] },
    } as unknown as KubeObject);
    sb.runUntilSettled();
    const replay: string[] = [];
    sb.store.watch(
      (e) => {
        if (e.object !== liveObjects[replay.length]) rebuilt = true;
        replay.push(text(e));
      },
      { group: 'argoproj.io', kind: 'Workflow', resourceVersion: start },
    );
    expect(live.length).toBeGreaterThan(60);
    expect(replay).toEqual(live);
    expect(rebuilt).toBe(true);
  });
});
