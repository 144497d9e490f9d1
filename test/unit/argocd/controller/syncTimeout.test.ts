import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../simulator/index.js';
import { application, configMap, getApp, hook, live, requestSync, settle, world } from './support.js';

/** A PreSync hook Pod that never finishes (sleeps ~11 days of virtual time). */
const FOREVER = hook('Pod', 'forever', 'PreSync', '[sleep, "1000000"]');

function setParams(sb: Awaited<ReturnType<typeof world>>, data: Record<string, string>): void {
  const key = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cmd-params-cm' };
  const cm = sb.store.get(key);
  if (cm) sb.store.update({ ...cm, data: { ...((cm.data ?? {}) as Record<string, string>), ...data } } as KubeObject);
  else sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key.name, namespace: key.namespace }, data } as KubeObject);
}

describe('application controller: controller.sync.timeout.seconds', () => {
  it('terminates a sync running longer than the timeout: the running hook is deleted, Failed without retry', async () => {
    const sb = await world({ 'app/hook.yaml': FOREVER, 'app/cm.yaml': configMap('settings') });
    setParams(sb, { 'controller.sync.timeout.seconds': '120' });
    sb.store.create(application('guestbook'));
    settle(sb);
    requestSync(sb, 'guestbook', { retry: { limit: 3 } });
    settle(sb, 3_600_000);
    const op = getApp(sb, 'guestbook').status?.operationState;
    expect(op?.phase).toBe('Failed');
    expect(op?.message).toBe('Operation terminated, triggered by controller sync timeout');
    // Terminated about when the timeout expired, not at the next resync.
    expect(Date.parse(op?.finishedAt ?? '') - Date.parse(op?.startedAt ?? '')).toBeGreaterThanOrEqual(120_000);
    expect(Date.parse(op?.finishedAt ?? '') - Date.parse(op?.startedAt ?? '')).toBeLessThan(125_000);
    expect(op?.syncResult?.resources?.map((r) => `${r.kind}/${r.name}:${r.hookPhase ?? ''}:${r.message}`)).toEqual(['Pod/forever:Succeeded:Deleted']);
    expect(live(sb, 'Pod', 'forever')).toBeUndefined();
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
  });

  it('without the setting (default 0) the same sync keeps waiting for its hook', async () => {
    const sb = await world({ 'app/hook.yaml': FOREVER });
    sb.store.create(application('guestbook'));
    settle(sb);
    requestSync(sb, 'guestbook');
    sb.runUntilSettled({ maxVirtualMs: 600_000 });
    const op = getApp(sb, 'guestbook').status?.operationState;
    expect(op?.phase).toBe('Running');
    expect(op?.message).toBe('waiting for completion of hook /Pod/forever');
  });
});
