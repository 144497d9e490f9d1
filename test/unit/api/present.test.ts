import { describe, expect, it } from 'vitest';
import { harnessPerTest, readEvents } from './helpers.js';

const h = harnessPerTest();

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '5'] }] } };

describe('what clients see of a pod', () => {
  it('has the real status fields but never the kubelet bookkeeping (get, list, watch)', async () => {
    const rv = h.sandbox.store.resourceVersion;
    const watch = fetch(`${h.url}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`);
    expect((await h.req('POST', '/api/v1/namespaces/default/pods', pod)).status).toBe(201);
    h.sandbox.advance(3000);
    const stored = h.sandbox.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' });
    expect((stored.status as Record<string, unknown>).sandbox).toBeDefined();
    const got = (await h.req('GET', '/api/v1/namespaces/default/pods/p')).json as { status: Record<string, unknown> };
    expect(got.status.phase).toBe('Running');
    expect(got.status.sandbox).toBeUndefined();
    const list = (await h.req('GET', '/api/v1/namespaces/default/pods')).json as { items: { status: Record<string, unknown> }[] };
    expect(list.items[0]!.status.containerStatuses).toBeDefined();
    expect(list.items[0]!.status.sandbox).toBeUndefined();
    const events = await readEvents(await watch, 2);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) expect((e.object.status as Record<string, unknown> | undefined)?.sandbox).toBeUndefined();
  });
});
