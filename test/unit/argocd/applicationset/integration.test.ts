/** With the full Argo CD install: an ApplicationSet's Applications sync, and their notifications arrive once. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { argoCD } from '../../../../simulator/argocd/index.js';
import { catalogConfigMapData, notificationInbox } from '../../../../simulator/argocd/notifications/index.js';

const REPO = 'https://git.example.com/org/apps.git';
const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_735_689_600 };
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: v1\n`;

async function scenario(): Promise<ReturnType<typeof createSandbox>> {
  const sb = createSandbox({ seed: 5 });
  await argoCD(sb).git.createRepo(REPO, { 'apps/alpha/cm.yaml': cm('alpha'), 'apps/beta/cm.yaml': cm('beta') }, { author });
  const ncm = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-notifications-cm' });
  sb.store.update({ ...ncm, data: { ...catalogConfigMapData(), 'service.slack': 'token: x\n' } });
  sb.store.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'apps', namespace: 'argocd' },
    spec: {
      generators: [{ git: { repoURL: REPO, revision: 'HEAD', directories: [{ path: 'apps/*' }] } }],
      template: {
        metadata: { name: '{{path.basename}}', annotations: { 'notifications.argoproj.io/subscribe.on-sync-succeeded.slack': 'team' } },
        spec: {
          project: 'default',
          source: { repoURL: REPO, targetRevision: 'HEAD', path: '{{path}}' },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
          syncPolicy: { automated: {} },
        },
      },
    },
  } as KubeObject);
  expect(sb.runUntilSettled({ maxVirtualMs: 600_000 }).settled).toBe(true);
  sb.advance(400_000);
  sb.runUntilSettled({ maxVirtualMs: 600_000 });
  return sb;
}

describe('ApplicationSet + application controller + notifications', () => {
  it('generated Applications auto-sync and each sends on-sync-succeeded once', async () => {
    const sb = await scenario();
    for (const name of ['alpha', 'beta']) {
      const app = sb.store.mustGet({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name }) as { status?: { sync?: { status?: string } } };
      expect(app.status?.sync?.status).toBe('Synced');
      expect(sb.store.get({ kind: 'ConfigMap', namespace: 'default', name })).toBeDefined();
    }
    const sent = notificationInbox(sb).list();
    expect(sent.map((e) => `${e.app.name}:${e.trigger}:${e.recipient}`).sort()).toEqual(['alpha:on-sync-succeeded:team', 'beta:on-sync-succeeded:team']);
    const appset = sb.store.mustGet({ group: 'argoproj.io', kind: 'ApplicationSet', namespace: 'argocd', name: 'apps' }) as { status?: { resources?: { name: string; status?: string }[] } };
    expect(appset.status?.resources?.map((x) => `${x.name}:${x.status}`)).toEqual(['alpha:Synced', 'beta:Synced']);

    // Deleting the ApplicationSet deletes its Applications, and their finalizer deletes what they deployed.
    sb.store.delete({ group: 'argoproj.io', kind: 'ApplicationSet', namespace: 'argocd', name: 'apps' });
    sb.runUntilSettled({ maxVirtualMs: 600_000 });
    expect(sb.store.list({ group: 'argoproj.io', kind: 'Application' })).toEqual([]);
    expect(sb.store.get({ kind: 'ConfigMap', namespace: 'default', name: 'alpha' })).toBeUndefined();
  });

  it('is deterministic: the same seed and inputs give the same event log and inbox', async () => {
    const a = await scenario();
    const b = await scenario();
    expect(JSON.stringify(b.log.all())).toBe(JSON.stringify(a.log.all()));
    expect(notificationInbox(b).list()).toEqual(notificationInbox(a).list());
    expect(a.log.all().some((e) => e.source === 'applicationset-controller')).toBe(true);
  });
});
