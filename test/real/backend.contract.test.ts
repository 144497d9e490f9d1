/**
 * The backend contract, run twice on the same inputs: `SimulatedBackend` on a sandbox, and
 * `RealClusterBackend` over HTTP against `argo-sandbox serve` (no Docker: the same client code that
 * talks to kind). Each step's answers must be the same on both sides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '../../bridge/backend.js';
import type { BackendWatchEvent, KubeObject } from '../../bridge/backend.js';
import { servedWorld, simulatedWorld, until } from './support.js';
import type { World } from './support.js';

const NS = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } };
const cm = (name: string, data: Record<string, string>, labels: Record<string, string> = { app: 'shop' }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'demo', labels },
  data,
});
const POD: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'hello', namespace: 'demo' },
  spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi from hello; echo bye'] }] },
};
const WORKFLOW: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'steps', namespace: 'demo' },
  spec: {
    entrypoint: 'main',
    templates: [
      { name: 'main', steps: [[{ name: 'a', template: 'wait' }], [{ name: 'b', template: 'wait' }, { name: 'c', template: 'wait' }]] },
      { name: 'wait', suspend: { duration: '5' } },
    ],
  },
};

async function failure(p: Promise<unknown>): Promise<BackendError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(BackendError);
    return err as BackendError;
  }
  throw new Error('expected the call to fail');
}

let sim: World;
let real: World & { server: { close(): Promise<void> } };
const both = (): World[] => [sim, real];

/** Runs `fn` on both worlds, in turn, and returns both answers. */
async function onBoth<T>(fn: (w: World) => Promise<T>): Promise<[T, T]> {
  return [await fn(sim), await fn(real)];
}

beforeAll(async () => {
  sim = await simulatedWorld();
  real = await servedWorld();
});
afterAll(async () => {
  await sim?.backend.close();
  await real?.backend.close();
  await real?.server.close();
});

describe('ClusterBackend contract: SimulatedBackend ≡ RealClusterBackend against argo-sandbox serve', () => {
  it('apply creates, re-apply updates; both return the same stored object', async () => {
    const [a, b] = await onBoth(async (w) => {
      await w.backend.apply(NS);
      const first = await w.backend.apply(cm('cfg', { mode: 'demo' }));
      const second = await w.backend.apply(cm('cfg', { mode: 'live' }));
      return { first, second };
    });
    expect(a.first.data).toEqual({ mode: 'demo' });
    expect(a.second.data).toEqual({ mode: 'live' });
    expect(Number(a.second.metadata.resourceVersion)).toBeGreaterThan(Number(a.first.metadata.resourceVersion));
    expect(a.second.metadata.managedFields?.[0]).toMatchObject({ manager: 'argo-sandbox', operation: 'Apply' });
    // Same seed, same history: identical objects, uid and resourceVersion included.
    expect(b).toEqual(a);
  });

  it('get returns the object, or undefined when it does not exist', async () => {
    const [a, b] = await onBoth(async (w) => ({
      found: await w.backend.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'cfg' }),
      missing: await w.backend.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'nope' }),
    }));
    expect(a.found?.data).toEqual({ mode: 'live' });
    expect(a.missing).toBeUndefined();
    expect(b).toEqual(a);
  });

  it('list filters by namespace and label selector, in name order, with a resourceVersion', async () => {
    const [a, b] = await onBoth(async (w) => {
      await w.backend.apply(cm('zeta', { n: '1' }));
      await w.backend.apply(cm('alpha', { n: '2' }, { app: 'other' }));
      const shop = await w.backend.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', labelSelector: 'app=shop' });
      const all = await w.backend.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo' });
      return { shop, all };
    });
    expect(a.shop.items.map((o) => o.metadata.name)).toEqual(['cfg', 'zeta']);
    expect(a.all.items.map((o) => o.metadata.name)).toEqual(['alpha', 'cfg', 'zeta']);
    expect(a.all.items.every((o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1')).toBe(true);
    expect(a.all.resourceVersion).toMatch(/^\d+$/);
    expect(b).toEqual(a);
  });

  it('failures carry the same Status on both sides', async () => {
    const [a, b] = await onBoth(async (w) => {
      const unknownKind = await failure(w.backend.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'demo' } }));
      const missing = await failure(w.backend.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'nope' }));
      const invalid = await failure(w.backend.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: 'demo' } }));
      return [unknownKind.status, missing.status, invalid.status];
    });
    expect(a[0]).toEqual({ code: 404, reason: 'NotFound', message: 'no matches for kind "Widget" in version "example.com/v1"' });
    expect(a[1]).toEqual({ code: 404, reason: 'NotFound', message: 'configmaps "nope" not found' });
    expect(a[2]).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(b).toEqual(a);
  });

  it('watch: current objects as ADDED, then live ADDED / MODIFIED / DELETED in order', async () => {
    const [a, b] = await onBoth(async (w) => {
      const seen: BackendWatchEvent[] = [];
      const handle = await w.backend.watch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', labelSelector: 'app=shop' }, (e) => seen.push(e));
      await until(() => seen.length >= 2, `${w.name}: initial ADDED events`);
      await w.backend.apply(cm('watched', { v: '1' }));
      await w.backend.apply(cm('watched', { v: '2' }));
      await w.backend.apply(cm('zeta', { n: '1' }, { app: 'moved' })); // leaves the selector: DELETED
      await w.backend.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'watched' });
      await until(() => seen.length >= 6, `${w.name}: live events`);
      handle.stop();
      expect(handle.resourceVersion).toBe(seen[seen.length - 1]!.object.metadata.resourceVersion);
      return seen.map((e) => `${e.type} ${e.object.metadata.name} ${JSON.stringify(e.object.data)}`);
    });
    expect(a).toEqual([
      'ADDED cfg {"mode":"live"}',
      'ADDED zeta {"n":"1"}',
      'ADDED watched {"v":"1"}',
      'MODIFIED watched {"v":"2"}',
      'DELETED zeta {"n":"1"}',
      'DELETED watched {"v":"2"}',
    ]);
    expect(b).toEqual(a);
  });

  it('watch from a resourceVersion replays only what happened after it', async () => {
    const [a, b] = await onBoth(async (w) => {
      const { resourceVersion } = await w.backend.list({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo' });
      await w.backend.apply(cm('later', { x: '1' }));
      const seen: string[] = [];
      const handle = await w.backend.watch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', resourceVersion }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
      await until(() => seen.length >= 1, `${w.name}: replayed event`);
      handle.stop();
      return seen;
    });
    expect(a).toEqual(['ADDED later']);
    expect(b).toEqual(a);
  });

  it('logs and events of a pod the kubelet ran', async () => {
    const [a, b] = await onBoth(async (w) => {
      await w.backend.apply(POD);
      await w.advance(60_000);
      const pod = await w.backend.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'demo', name: 'hello' });
      const logs = await w.backend.logs({ namespace: 'demo', name: 'hello' });
      const tail = await w.backend.logs({ namespace: 'demo', name: 'hello', tailLines: 1 });
      const events = await w.backend.events({ namespace: 'demo', involvedObject: { kind: 'Pod', name: 'hello' } });
      const badContainer = await failure(w.backend.logs({ namespace: 'demo', name: 'hello', container: 'nope' }));
      return { phase: (pod?.status as { phase?: string }).phase, logs, tail, reasons: events.map((e) => e.reason), bad: badContainer.status };
    });
    expect(a.phase).toBe('Succeeded');
    expect(a.logs).toBe('hi from hello\nbye\n');
    expect(a.tail).toBe('bye\n');
    expect(a.reasons).toContain('Scheduled');
    expect(a.reasons).toContain('Started');
    expect(b).toEqual(a);
  });

  it('a Workflow run ends with the same node phases on both sides', async () => {
    const [a, b] = await onBoth(async (w) => {
      await w.backend.apply(WORKFLOW);
      await w.advance(60_000);
      const wf = await w.backend.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'demo', name: 'steps' });
      const status = wf?.status as { phase?: string; nodes?: Record<string, { displayName: string; phase: string }> };
      return { phase: status.phase, nodes: Object.values(status.nodes ?? {}).map((n) => `${n.displayName}=${n.phase}`).sort() };
    });
    expect(a.phase).toBe('Succeeded');
    expect(a.nodes).toEqual(expect.arrayContaining(['a=Succeeded', 'b=Succeeded', 'c=Succeeded', 'steps=Succeeded']));
    expect(b).toEqual(a);
  });

  it('delete: the object goes, and get says so', async () => {
    const [a, b] = await onBoth(async (w) => {
      const deleted = await w.backend.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'alpha' });
      const after = await w.backend.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name: 'alpha' });
      return { name: deleted.metadata?.name, after };
    });
    expect(a).toEqual({ name: 'alpha', after: undefined });
    expect(b).toEqual(a);
  });

  it('both worlds end in the same state', () => {
    for (const w of both()) expect(w.sandbox.store.resourceVersion).toBeGreaterThan(0);
    const dump = (w: World) => w.sandbox.store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'demo' }).map((o) => [o.metadata.name, o.data]);
    expect(dump(real)).toEqual(dump(sim));
  });
});

describe('RealClusterBackend watch resumes when the server ends the stream', () => {
  it('reopens from the last resourceVersion: nothing is missed, nothing repeated', async () => {
    const w = await servedWorld({ watchTimeoutSeconds: 1, watchRetryMs: 10 });
    try {
      await w.backend.apply(NS);
      await w.backend.apply(cm('first', { n: '1' }));
      const seen: string[] = [];
      const handle = (await w.backend.watch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`))) as Awaited<
        ReturnType<World['backend']['watch']>
      > & { connections(): number };
      await until(() => seen.length === 1, 'the initial ADDED');
      // The server ends each stream after 1 s (timeoutSeconds); the watch reconnects by itself.
      await until(() => handle.connections() >= 2, 'a second watch connection', 4_000);
      await w.backend.apply(cm('second', { n: '2' }));
      await until(() => seen.length === 2, 'the event after the reconnect');
      handle.stop();
      expect(seen).toEqual(['ADDED first', 'ADDED second']);
    } finally {
      await w.backend.close();
      await w.server.close();
    }
  });
});
