import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import { appKey, application, configMap, deployment, getApp, settle, world } from './support.js';

const PREFIX = 'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ';

describe('application controller: bad input', () => {
  it('an unknown repoURL is a ComparisonError and sync status Unknown; a manual sync then errors', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('x') });
    sb.store.create(application('guestbook', { repoURL: 'https://git.example.com/org/missing.git' }));
    settle(sb);
    const app = getApp(sb, 'guestbook');
    expect(app.status?.sync?.status).toBe('Unknown');
    expect(app.status?.conditions).toEqual([{ type: 'ComparisonError', message: `${PREFIX}repository not found`, lastTransitionTime: '2025-01-01T00:00:00Z' }]);
    const stored = sb.store.mustGet(appKey('guestbook'));
    sb.store.update({ ...stored, operation: { sync: {}, initiatedBy: { username: 'admin' } } });
    settle(sb);
    const op = getApp(sb, 'guestbook').status?.operationState;
    expect(op?.phase).toBe('Error');
    expect(op?.message).toBe(`ComparisonError: ${PREFIX}repository not found`);
  });

  it('a broken kustomization reports kustomize\'s error', async () => {
    const sb = await world({ 'app/kustomization.yaml': 'resources:\n  - missing.yaml\n' });
    sb.store.create(application('guestbook', { automated: {} }));
    settle(sb);
    const app = getApp(sb, 'guestbook');
    expect(app.status?.sync?.status).toBe('Unknown');
    expect(app.status?.conditions?.[0]?.type).toBe('ComparisonError');
    expect(app.status?.conditions?.[0]?.message).toContain('`kustomize build app` failed exit status 1');
    // Auto-sync never starts on Unknown.
    expect(app.status?.operationState).toBeUndefined();
  });

  it('a project that does not exist is an InvalidSpecError; a resource listed twice is a RepeatedResourceWarning', async () => {
    const sb = await world({ 'app/a.yaml': configMap('same', 'a'), 'app/b.yaml': configMap('same', 'b') });
    const app = application('guestbook');
    sb.store.create({ ...app, spec: { ...(app.spec as object), project: 'nope' } } as typeof app);
    sb.store.create(application('twice'));
    settle(sb);
    expect(getApp(sb, 'guestbook').status?.conditions?.map((c) => [c.type, c.message])).toContainEqual(['InvalidSpecError', 'Application referencing project nope which does not exist']);
    expect(getApp(sb, 'twice').status?.conditions?.map((c) => [c.type, c.message])).toEqual([
      ['RepeatedResourceWarning', 'Resource /ConfigMap/default/same appeared 2 times among application resources.'],
    ]);
  });

  // 1,000 waves run in the benchmark (test/bench); here 200 keep the suite fast.
  it('hundreds of sync waves complete, each 2 s after the last', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`app/cm-${i}.yaml`] = configMap(`cm-${i}`).replace('metadata:\n', `metadata:\n  annotations:\n    argocd.argoproj.io/sync-wave: "${i}"\n`);
    const sb = await world(files);
    sb.store.create(application('waves', { automated: {} }));
    const t0 = sb.now();
    settle(sb, 3_600_000);
    const app = getApp(sb, 'waves');
    expect(sb.now() - t0).toBeGreaterThanOrEqual(199 * 2000);
    expect(app.status?.operationState?.phase).toBe('Succeeded');
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.operationState?.syncResult.resources).toHaveLength(200);
  });

  it('createSandbox({ argocd: false }) has no Argo CD', () => {
    const sb = createSandbox({ argocd: false });
    expect(sb.store.get({ apiVersion: 'v1', kind: 'Namespace', name: 'argocd' })).toBeUndefined();
    expect(deployment('x')).toContain('kind: Deployment');
  });
});
