/** The API server's writes drive the real application controller: create → sync → rollback, as a user. */
import { describe, expect, it } from 'vitest';
import { argoCD } from '../../../../simulator/argocd/index.js';
import { ArgoCDServer } from '../../../../simulator/argocd/server/index.js';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../../../simulator/index.js';

const REPO = 'https://git.example.com/org/apps.git';
const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_735_689_600 };
const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: ${v}\n`;

function settle(sb: Sandbox): void {
  const r = sb.runUntilSettled({ maxVirtualMs: 600_000 });
  if (!r.settled) throw new Error(`not settled: ${r.reason}`);
}

const appStatus = (sb: Sandbox) =>
  sb.store.mustGet({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'web' }).status as {
    sync?: { status?: string };
    operationState?: { phase?: string; operation?: { initiatedBy?: { username?: string } }; syncResult?: { revision?: string } };
    history?: { id: number; revision: string }[];
  };

describe('API server + application controller', () => {
  it('a user creates, syncs and rolls back an app; the controller carries each operation out', async () => {
    const sb = createSandbox({ seed: 3 });
    const repo = await argoCD(sb).git.createRepo(REPO, { 'app/cm.yaml': cm('one') }, { author });
    const cmObj = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' });
    sb.store.update({ ...cmObj, data: { 'accounts.alice': 'login' } });
    const rbac = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-rbac-cm' });
    sb.store.update({ ...rbac, data: { 'policy.csv': 'p, alice, applications, *, default/*, allow' } });
    const alice = new ArgoCDServer(sb).as('alice');
    const app: KubeObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web' },
      spec: { project: 'default', source: { repoURL: REPO, path: 'app', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'default' } },
    };
    alice.createApplication(app);
    settle(sb);
    expect(appStatus(sb).sync?.status).toBe('OutOfSync');

    const first = repo.resolveSync('main');
    alice.sync('web');
    settle(sb);
    expect(appStatus(sb).operationState).toMatchObject({ phase: 'Succeeded', operation: { initiatedBy: { username: 'alice' } }, syncResult: { revision: first } });
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' })?.data).toEqual({ key: 'one' });

    await repo.commit({ 'app/cm.yaml': cm('two') }, 'two', author);
    alice.refreshApplication('web', 'hard');
    alice.sync('web');
    settle(sb);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' })?.data).toEqual({ key: 'two' });
    const history = appStatus(sb).history ?? [];
    expect(history.map((h) => h.revision)).toEqual([first, repo.resolveSync('main')]);

    alice.rollback('web', history[0]!.id);
    settle(sb);
    expect(appStatus(sb).operationState?.phase).toBe('Succeeded');
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' })?.data).toEqual({ key: 'one' });
  });
});
