/** compareApp: per-resource and app sync status with Argo CD's rules, on objects the simulator stored. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { compareApp, diffResource, hideSecretData } from '../../../../simulator/argocd/diff/index.js';

const T0 = Date.UTC(2026, 0, 1);
const LABEL = { 'app.kubernetes.io/instance': 'guestbook' };

const deployment = (replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: LABEL },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
});
const service = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', labels: LABEL },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
});
const configMap = (name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { a: '1' } });

/** Apply targets into the destination namespace of a real sandbox and return the stored objects. */
function deploy(objs: KubeObject[], ns = 'default'): KubeObject[] {
  const sb = createSandbox({ seed: 2, startTime: T0 });
  for (const o of objs) sb.store.create({ ...structuredClone(o), metadata: { ...structuredClone(o.metadata), namespace: o.metadata.namespace ?? ns } });
  sb.runUntilSettled();
  return objs.map((o) => sb.store.mustGet({ apiVersion: o.apiVersion, kind: o.kind, namespace: ns, name: o.metadata.name ?? '' }));
}

const opts = { appName: 'guestbook', namespace: 'default' };

describe('compareApp', () => {
  const lives = deploy([deployment(), service()]);

  it('targets equal to what the cluster holds are Synced; resources sorted by group/kind/namespace/name', () => {
    const r = compareApp([deployment(), service()], lives, opts);
    expect(r.status).toBe('Synced');
    // "/Service/…" (core group is empty) sorts before "apps/Deployment/…", as in a real status.resources.
    expect(r.resources).toEqual([
      { group: '', version: 'v1', kind: 'Service', namespace: 'default', name: 'web', status: 'Synced' },
      { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'default', name: 'web', status: 'Synced' },
    ]);
  });

  it('a changed target makes that resource and the app OutOfSync', () => {
    const r = compareApp([deployment(3), service()], lives, opts);
    expect(r.status).toBe('OutOfSync');
    expect(r.resources.map((x) => `${x.kind}:${x.status}`)).toEqual(['Service:Synced', 'Deployment:OutOfSync']);
    expect(r.diffs['apps/Deployment/default/web']?.paths).toEqual(['spec.replicas']);
    const ignored = compareApp([deployment(3), service()], lives, { ...opts, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] });
    expect(ignored.status).toBe('Synced');
  });

  it('a target with no live object is OutOfSync (Missing), not requiring pruning', () => {
    const r = compareApp([deployment(), service(), configMap('settings')], lives, opts);
    expect(r.status).toBe('OutOfSync');
    expect(r.resources.find((x) => x.kind === 'ConfigMap')).toEqual({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings', status: 'OutOfSync' });
  });

  it('an extra live object the app tracks requires pruning; an untracked one is not the app\'s', () => {
    const [tracked, untracked, byAnnotation] = deploy([
      configMap('old', { labels: LABEL }),
      configMap('someone-elses', { labels: { 'app.kubernetes.io/instance': 'other' } }),
      configMap('annotated', { annotations: { 'argocd.argoproj.io/tracking-id': 'guestbook:/ConfigMap:default/annotated' } }),
    ]);
    const r = compareApp([deployment(), service()], [...lives, tracked!, untracked!, byAnnotation!], opts);
    expect(r.status).toBe('OutOfSync');
    expect(r.resources.filter((x) => x.requiresPruning).map((x) => `${x.name}:${x.status}`)).toEqual(['annotated:OutOfSync', 'old:OutOfSync']);
    expect(r.resources.some((x) => x.name === 'someone-elses')).toBe(false);
  });

  it('IgnoreExtraneous: the extra object is listed OutOfSync but the app stays Synced', () => {
    const [extra] = deploy([configMap('generated', { labels: LABEL, annotations: { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' } })]);
    const r = compareApp([deployment(), service()], [...lives, extra!], opts);
    expect(r.status).toBe('Synced');
    expect(r.resources.find((x) => x.name === 'generated')).toMatchObject({ status: 'OutOfSync', requiresPruning: true });
    // The annotation only excuses extraneous objects: a modified one still counts.
    const modified = compareApp([deployment(2), service(), { ...configMap('generated'), metadata: { name: 'generated', labels: LABEL, annotations: { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' } } }], [...lives, extra!], opts);
    expect(modified.status).toBe('OutOfSync');
  });

  it('hooks never count: a target hook is not listed, a live hook is listed without a status', () => {
    const hook: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', labels: LABEL, annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox' }] } } } };
    const before = compareApp([deployment(), service(), hook], lives, opts);
    expect(before.status).toBe('Synced');
    expect(before.resources.some((x) => x.kind === 'Job')).toBe(false);
    const [liveHook] = deploy([hook]);
    const after = compareApp([deployment(), service(), hook], [...lives, liveHook!], opts);
    expect(after.status).toBe('Synced');
    expect(after.resources.find((x) => x.kind === 'Job')).toEqual({ group: 'batch', version: 'v1', kind: 'Job', namespace: 'default', name: 'migrate', hook: true, requiresPruning: true });
  });

  it('cluster-scoped targets are matched without the destination namespace', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: LABEL } };
    const sb = createSandbox({ seed: 2, startTime: T0 });
    sb.store.create(structuredClone(ns));
    const live = sb.store.mustGet({ apiVersion: 'v1', kind: 'Namespace', name: 'team-a' });
    const r = compareApp([ns], [live], opts);
    expect(r.resources).toEqual([{ group: '', version: 'v1', kind: 'Namespace', namespace: '', name: 'team-a', status: 'Synced' }]);
  });
});

describe('Secret data masking', () => {
  const secret = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, type: 'Opaque', data });

  it('values never reach the diff text; a changed value shows as a longer mask', () => {
    const d = diffResource(secret({ password: 'bmV3', user: 'YWRtaW4=' }), secret({ password: 'b2xk', user: 'YWRtaW4=' }));
    expect(d.modified).toBe(true);
    expect(d.paths).toEqual(['data.password']);
    expect(d.diffText).not.toContain('bmV3');
    expect(d.diffText).not.toContain('b2xk');
    // Masks are handed out target first (gitops-engine HideSecretData(target, live)).
    expect(d.diffText).toContain('-  password: ++++++++++++\n');
    expect(d.diffText).toContain('+  password: ++++++++\n');
    expect(d.diffText).toContain('   user: ++++++++\n');
    // The objects handed out are masked too; the decision was made on the real values.
    expect(d.normalizedLive?.data).toEqual({ password: '++++++++++++', user: '++++++++' });
    expect(d.predictedLive?.data).toEqual({ password: '++++++++', user: '++++++++' });
    expect(d.normalizedTarget?.data).toEqual({ password: '++++++++', user: '++++++++' });
  });

  it('stringData in the target compares equal to the stored base64 data', () => {
    const [live] = deploy([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, stringData: { user: 'admin' } }]);
    expect((live!.data as Record<string, string>).user).toBe('YWRtaW4=');
    expect(diffResource({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, stringData: { user: 'admin' } }, live).modified).toBe(false);
  });

  it('hideSecretData leaves other kinds alone and masks equal values identically', () => {
    const cm = configMap('x');
    expect(hideSecretData(cm, cm)[0]).toBe(cm);
    const [a, b] = hideSecretData(secret({ k: 'djE=' }), secret({ k: 'djE=' }));
    expect(a?.data).toEqual({ k: '++++++++' });
    expect(b?.data).toEqual({ k: '++++++++' });
  });
});
