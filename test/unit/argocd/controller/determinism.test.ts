import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import type { Sandbox } from '../../../../simulator/index.js';
import { argoCD } from '../../../../simulator/argocd/index.js';
import { application, configMap, deployment, getApp, hook, settle, world } from './support.js';

const files = {
  'app/web.yaml': deployment('web', { wave: 1, replicas: 2 }),
  'app/cm.yaml': configMap('settings'),
  'app/job.yaml': hook('Job', 'migrate', 'PreSync', '[echo, done]', 'HookSucceeded'),
};

const log = (sb: Sandbox): string => JSON.stringify(sb.log.all());

describe('application controller: determinism', () => {
  it('the same seed and input give the same event log, byte for byte', async () => {
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const sb = await world(files, 7);
      sb.store.create(application('guestbook', { automated: { selfHeal: true } }));
      settle(sb);
      sb.advance(400_000);
      runs.push(log(sb));
      expect(getApp(sb, 'guestbook').status?.sync?.status).toBe('Synced');
      // The app's statechart, kept as data: synced, no operation, one operation run.
      const machine = argoCD(sb).controller.machines['argocd/guestbook'];
      expect(machine?.value).toEqual({ sync: 'synced', operation: 'idle', lifecycle: 'active' });
      expect(machine?.context.operations).toBe(1);
    }
    expect(runs[0]).toBe(runs[1]);
    expect(runs[0]).toContain('"reason":"OperationCompleted"');
  });

  it('a snapshot taken mid-sync restores into a new world that finishes the same way', async () => {
    const straight = await world(files, 3);
    straight.store.create(application('guestbook', { automated: {} }));
    straight.advance(1_500);
    const snap = straight.snapshot();
    expect(getApp(straight, 'guestbook').status?.operationState?.phase).toBe('Running');
    expect(snap.extensions['git']).toBeDefined();
    expect(Object.keys((snap.extensions['argocd-application-controller'] as { machines: object }).machines)).toEqual(['argocd/guestbook']);
    settle(straight);
    straight.advance(300_000);

    const restored = createSandbox({ seed: 3 });
    restored.restore(structuredClone(snap));
    expect(argoCD(restored).git.list()).toEqual(argoCD(straight).git.list());
    settle(restored);
    restored.advance(300_000);
    expect(log(restored)).toBe(log(straight));
    expect(getApp(restored, 'guestbook').status?.health?.status).toBe('Healthy');
  });
});
