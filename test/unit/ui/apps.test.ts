/** The Applications feature: list, detail tree, sync timeline, diffs and RBAC through Argo CD's API server. */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/worker/engineHost.js';
import { syncRequest } from '../../../src/worker/features/apps.js';
import type { AppDetail, AppSummary, ObjectDetail, ResourceDiff, TimelineView, UserView } from '../../../src/worker/features/apps.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const q = <T>(method: string, ...args: unknown[]) => host!.call('apps', method, args) as T;
const act = async (method: string, ...args: unknown[]) => host!.call('apps', method, args);

async function withExample(): Promise<void> {
  host = new EngineHost();
  host.load('', { file: 'empty.yaml' });
  await act('addExample');
  await host.advance(5_000);
}

async function synced(): Promise<void> {
  await withExample();
  await act('sync', 'admin', 'guestbook', {});
  await host!.advance(60_000);
}

const RBAC = `apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-cm
  namespace: argocd
data:
  accounts.alice: login
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-rbac-cm
  namespace: argocd
data:
  policy.csv: |
    p, role:viewer, applications, get, */*, allow
    g, alice, role:viewer
`;

describe('apps feature', () => {
  it('lists the example application OutOfSync with its managed resources Missing from the cluster', async () => {
    await withExample();
    const [app, ...rest] = q<AppSummary[]>('list', 'admin');
    expect(rest).toEqual([]);
    expect(app).toMatchObject({ name: 'guestbook', sync: 'OutOfSync', repoURL: 'https://github.com/sandbox/guestbook.git', path: 'guestbook', targetRevision: 'HEAD', automated: false, resourceCount: 3 });
    expect(app!.health.status).toBe('Missing');
    const detail = q<AppDetail>('detail', 'admin', 'guestbook');
    expect(detail.tree.map((n) => `${n.ref.kind}/${n.ref.name}:${n.sync}:${n.live}`)).toEqual([
      'ConfigMap/guestbook-config:OutOfSync:false',
      'Service/guestbook-ui:OutOfSync:false',
      'Deployment/guestbook-ui:OutOfSync:false',
    ]);
    expect(detail.tree.find((n) => n.ref.kind === 'Deployment')?.syncWave).toBe(1);
    expect(detail.can).toEqual({ sync: true, delete: true, update: true, override: true });
    expect(q<{ repo: boolean; app: boolean }>('example')).toEqual({ repo: true, app: true });
    const manifest = q<string>('manifest', 'admin', 'guestbook');
    expect(manifest).toMatch(/^apiVersion: argoproj\.io\/v1alpha1\nkind: Application\n/);
    expect(manifest).toContain('status: OutOfSync');
  });

  it('syncs through the API server and lays the operation out by phase and wave, with waits and whys', async () => {
    await synced();
    const app = q<AppDetail>('detail', 'admin', 'guestbook');
    expect(app.sync).toBe('Synced');
    expect(app.health.status).toBe('Healthy');
    expect(app.history).toHaveLength(1);
    expect(app.history[0]!.initiatedBy).toBe('admin');
    const tl = q<TimelineView>('timeline', 'admin', 'guestbook');
    expect(tl.operation).toMatchObject({ phase: 'Succeeded', initiatedBy: 'admin', kind: 'sync' });
    expect(tl.waves.map((w) => `${w.phase}/${w.wave}`)).toEqual(['PreSync/0', 'Sync/0', 'Sync/1', 'PostSync/0']);
    // CreateNamespace=true: the namespace is a PreSync task ahead of the hooks.
    expect(tl.waves.map((w) => w.tasks.map((t) => `${t.kind}/${t.name}`).join(','))).toEqual([
      'Namespace/guestbook,Job/db-migrate',
      'ConfigMap/guestbook-config,Service/guestbook-ui',
      'Deployment/guestbook-ui',
      'Job/smoke-test',
    ]);
    const starts = tl.waves.map((w) => w.startedAt!);
    expect(starts.every((t, i) => i === 0 || t > starts[i - 1]!)).toBe(true);
    // A wave starts at least the 2 s wave delay after the previous one, later when it waits for health or a hook.
    expect(tl.waves[1]!.untilNext).toBeGreaterThanOrEqual(2_000);
    expect(tl.waves[0]!.during.some((e) => e.reason === 'HookCreated' && e.message.includes('db-migrate'))).toBe(true);
    expect(tl.waves[0]!.during.some((e) => e.reason === 'SyncWaiting' && e.why)).toBe(true);
    expect(tl.waves.every((w) => w.why && w.why.includes(`${w.phase} wave ${w.wave}`))).toBe(true);
    expect(tl.waves[0]!.tasks[1]).toMatchObject({ hookType: 'PreSync', hookPhase: 'Succeeded' });
    expect(tl.events.at(-1)?.reason).not.toBe('SyncWave');
    expect(tl.events.some((e) => e.reason === 'OperationCompleted')).toBe(true);
  });

  it('shows what is still to come while the sync runs: later waves planned, not started', async () => {
    await withExample();
    await act('sync', 'admin', 'guestbook', {});
    await host!.advance(2_000);
    const tl = q<TimelineView>('timeline', 'admin', 'guestbook');
    expect(tl.operation?.phase).toBe('Running');
    expect(tl.waves.map((w) => `${w.phase}/${w.wave}:${w.startedAt === undefined ? 'planned' : 'started'}`)).toEqual(['PreSync/0:started', 'Sync/0:planned', 'Sync/1:planned', 'PostSync/0:planned']);
    expect(tl.waves[1]!.tasks.map((t) => `${t.kind}/${t.name}:${t.planned}`)).toEqual(['ConfigMap/guestbook-config:true', 'Service/guestbook-ui:true']);
    expect(tl.waves[3]!.tasks[0]).toMatchObject({ kind: 'Job', name: 'smoke-test', hookType: 'PostSync', planned: true });
    expect(tl.waves[0]!.tasks.every((t) => !t.planned)).toBe(true);
  });

  it('shows the Deployment → ReplicaSet → Pod chain from ownerReferences, and any object as YAML with its events', async () => {
    await synced();
    const tree = q<AppDetail>('detail', 'admin', 'guestbook').tree;
    const deploy = tree.find((n) => n.ref.kind === 'Deployment')!;
    const rs = tree.filter((n) => n.ref.kind === 'ReplicaSet');
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ parent: deploy.id, depth: 2, live: true });
    expect(rs[0]!.info).toMatch(/^rev:1 2\/2$/);
    const pods = tree.filter((n) => n.ref.kind === 'Pod' && n.parent === rs[0]!.id);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.depth === 3 && p.health?.status === 'Healthy' && p.info === 'Running 1/1')).toBe(true);
    // Hooks kept by BeforeHookCreation are in the tree, their pods under them.
    const hook = tree.find((n) => n.ref.name === 'db-migrate')!;
    expect(hook.hook).toBe('PreSync');
    expect(tree.some((n) => n.ref.kind === 'Pod' && n.parent === hook.id)).toBe(true);
    const obj = q<ObjectDetail>('object', deploy.ref);
    expect(obj.exists).toBe(true);
    expect(obj.yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(obj.yaml).not.toContain('managedFields');
    expect(obj.events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
    expect(q<ObjectDetail>('object', { apiVersion: 'v1', kind: 'Pod', namespace: 'guestbook', name: 'nope' })).toEqual({ exists: false, yaml: '', events: [] });
  });

  it('goes OutOfSync after a commit and diffs live against target per resource', async () => {
    await synced();
    expect(q<ResourceDiff[]>('diffs', 'admin', 'guestbook').some((d) => d.modified)).toBe(false);
    const { replicas } = (await act('commitExample')) as { replicas: number };
    expect(replicas).toBe(3);
    await act('refresh', 'admin', 'guestbook', false);
    await host!.advance(1_000);
    expect(q<AppDetail>('detail', 'admin', 'guestbook').sync).toBe('OutOfSync');
    const [first, ...rest] = q<ResourceDiff[]>('diffs', 'admin', 'guestbook');
    expect(first).toMatchObject({ kind: 'Deployment', name: 'guestbook-ui', modified: true });
    expect(first!.diffText).toContain('-  replicas: 2');
    expect(first!.diffText).toContain('+  replicas: 3');
    expect(first!.liveYaml).toContain('replicas: 2');
    expect(first!.targetYaml).toContain('replicas: 3');
    expect(rest.every((d) => !d.modified)).toBe(true);
    expect(q<ResourceDiff[]>('diffs', 'admin', 'guestbook', '/ConfigMap/guestbook/guestbook-config').map((d) => d.key)).toEqual(['/ConfigMap/guestbook/guestbook-config']);
  });

  it('masks Secret values in diffs, as Argo CD does', async () => {
    host = new EngineHost();
    host.load('', { file: 'empty.yaml' });
    const secret = (pw: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${pw}\n`;
    await host.call('git', 'createRepo', ['https://github.com/sandbox/secrets.git', { 'app/secret.yaml': secret('hunter2') }]);
    host.apply('apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: secrets\n  namespace: argocd\nspec:\n  project: default\n  source: {repoURL: https://github.com/sandbox/secrets.git, path: app}\n  destination: {server: https://kubernetes.default.svc, namespace: default}\n', 'app.yaml');
    await host.advance(5_000);
    await act('sync', 'admin', 'secrets', {});
    await host.advance(30_000);
    // The live Secret holds base64 data; the diff must show neither side's value.
    expect(host.world.store.get({ apiVersion: 'v1', kind: 'Secret', namespace: 'default', name: 'db' })).toBeDefined();
    host.world.store.patch({ apiVersion: 'v1', kind: 'Secret', namespace: 'default', name: 'db' }, 'merge', { data: { password: Buffer.from('changed-live').toString('base64') } });
    await host.advance(1_000);
    const [d] = q<ResourceDiff[]>('diffs', 'admin', 'secrets');
    expect(d).toMatchObject({ kind: 'Secret', modified: true });
    for (const text of [d!.diffText, d!.liveYaml, d!.targetYaml]) {
      expect(text).not.toContain(Buffer.from('hunter2').toString('base64'));
      expect(text).not.toContain(Buffer.from('changed-live').toString('base64'));
      expect(text).not.toContain('hunter2');
    }
    expect(d!.diffText).toMatch(/^-\s+password: \+{8,}$/m);
  });

  it('rolls back to a history entry and deletes the app with its resources', async () => {
    await synced();
    await act('commitExample');
    await act('sync', 'admin', 'guestbook', {});
    await host!.advance(60_000);
    expect(q<AppDetail>('detail', 'admin', 'guestbook').history.map((h) => h.id)).toEqual([1, 0]);
    await act('rollback', 'admin', 'guestbook', 0);
    await host!.advance(60_000);
    const tl = q<TimelineView>('timeline', 'admin', 'guestbook');
    expect(tl.operation).toMatchObject({ kind: 'rollback', phase: 'Succeeded' });
    // Rollback uses the apply strategy: no hooks run.
    expect(tl.waves.map((w) => w.phase)).not.toContain('PreSync');
    await act('remove', 'admin', 'guestbook', { cascade: true });
    await host!.advance(60_000);
    expect(q<AppDetail | null>('detail', 'admin', 'guestbook')).toBeNull();
    expect(host!.world.store.get({ group: 'apps', kind: 'Deployment', namespace: 'guestbook', name: 'guestbook-ui' })).toBeUndefined();
  });

  it('acts as the selected user: a read-only account sees the app but its sync is denied with Argo CD’s message', async () => {
    await withExample();
    host!.apply(RBAC, 'rbac.yaml');
    expect(q<UserView[]>('users').map((u) => u.name)).toEqual(['admin', 'alice']);
    expect(q<AppSummary[]>('list', 'alice').map((a) => a.name)).toEqual(['guestbook']);
    expect(q<AppDetail>('detail', 'alice', 'guestbook').can).toEqual({ sync: false, delete: false, update: false, override: false });
    await expect(act('sync', 'alice', 'guestbook', {})).rejects.toThrow(/^rpc error: code = PermissionDenied desc = permission denied: applications, sync, default\/guestbook, sub: alice/);
    expect(() => q('list', 'mallory')).toThrow('rpc error: code = Unauthenticated desc = Invalid username or password');
  });

  it('maps the Sync dialog to a sync request like the Argo CD UI', () => {
    expect(syncRequest({})).toEqual({});
    expect(syncRequest({ prune: true, dryRun: true, force: true, revision: 'main', syncOptions: ['CreateNamespace=true'], resources: ['apps/Deployment/guestbook/guestbook-ui', '/ConfigMap/guestbook/c'] })).toEqual({
      prune: true,
      dryRun: true,
      revision: 'main',
      syncOptions: ['CreateNamespace=true'],
      resources: [{ group: 'apps', kind: 'Deployment', namespace: 'guestbook', name: 'guestbook-ui' }, { kind: 'ConfigMap', namespace: 'guestbook', name: 'c' }],
      strategy: { hook: { force: true } },
    });
    expect(syncRequest({ applyOnly: true }).strategy).toEqual({ apply: {} });
  });
});
