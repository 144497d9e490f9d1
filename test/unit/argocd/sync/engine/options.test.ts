/** Prune and the sync options: PruneLast, Prune=false, Replace, ServerSideApply, CreateNamespace, ApplyOutOfSyncOnly, dry run. */
import { describe, expect, it } from 'vitest';
import { app, brief, configMap, deployment, drive, REV, sandbox, track } from './harness.js';

const cm = (sb: ReturnType<typeof sandbox>, name: string, namespace = 'default') => sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

describe('prune', () => {
  it('an extra live object is only reported without prune, and deleted with it', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('keep'), configMap('old')]);
    const noPrune = await drive(sb, [configMap('keep')]);
    expect(noPrune.state.phase).toBe('Succeeded');
    expect(brief(noPrune.state)).toEqual([
      'Sync ConfigMap/old PruneSkipped Succeeded ignored (requires pruning)',
      'Sync ConfigMap/keep Synced Running configmap/keep unchanged',
    ]);
    expect(cm(sb, 'old')).toBeDefined();
    const withPrune = await drive(sb, [configMap('keep')], { operation: { sync: { revision: REV, prune: true } } });
    expect(brief(withPrune.state)[0]).toBe('Sync ConfigMap/old Pruned Succeeded pruned');
    // Foreground deletion (Argo's default prune propagation): the garbage collector finishes it.
    expect(cm(sb, 'old')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    await sb.runUntilSettledAsync({ maxVirtualMs: 10_000 });
    expect(cm(sb, 'old')).toBeUndefined();
  });

  it('Prune=false on the live object keeps it even when pruning', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('keep'), configMap('precious', { annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' } })]);
    const tr = await drive(sb, [configMap('keep')], { operation: { sync: { revision: REV, prune: true } } });
    expect(brief(tr.state)[0]).toBe('Sync ConfigMap/precious PruneSkipped Succeeded ignored (no prune)');
    expect(cm(sb, 'precious')).toBeDefined();
  });

  it('PruneLast prunes after the last wave; otherwise prunes run first in their wave', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('old'), configMap('a')]);
    const normal = await drive(sb, [configMap('a'), configMap('b', { wave: 1 })], { operation: { sync: { revision: REV, prune: true } } });
    expect(normal.state.syncResult.resources.map((r) => `${r.name}:${r.status}`)).toEqual(['old:Pruned', 'a:Synced', 'b:Synced']);

    const sb2 = sandbox();
    await drive(sb2, [configMap('old'), configMap('a')]);
    const last = await drive(sb2, [configMap('a'), configMap('b', { wave: 1 })], {
      operation: { sync: { revision: REV, prune: true, syncOptions: ['PruneLast=true'] } },
    });
    expect(last.state.syncResult.resources.map((r) => `${r.name}:${r.status}`)).toEqual(['a:Synced', 'b:Synced', 'old:Pruned']);
    expect(last.steps.map((s) => s.t)).toEqual([0, 2000, 4000]);
  });
});

describe('sync options', () => {
  it('Replace=true replaces existing objects and creates new ones', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('a')]);
    const tr = await drive(sb, [configMap('a', { data: { v: '2' } }), configMap('b')], { operation: { sync: { revision: REV, syncOptions: ['Replace=true'] } } });
    expect(tr.state.syncResult.resources.map((r) => r.message)).toEqual(['configmap/a replaced', 'configmap/b created']);
    expect(cm(sb, 'a')?.data).toEqual({ v: '2' });
  });

  it('ServerSideApply=true applies with the argocd-controller field manager', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [deployment('web')], { operation: { sync: { revision: REV, syncOptions: ['ServerSideApply=true'] } } });
    expect(tr.state.syncResult.resources[0].message).toBe('deployment.apps/web serverside-applied');
    const web = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(web?.metadata.managedFields?.map((m) => `${m.manager}:${m.operation}`)).toContain('argocd-controller:Apply');
    expect(web?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });

  it('CreateNamespace=true creates the destination namespace first (a PreSync task)', async () => {
    const sb = sandbox();
    const target = { ...configMap('cfg'), metadata: { name: 'cfg', namespace: 'shop' } };
    const tr = await drive(sb, [target], { app: app('shop', ['CreateNamespace=true']) });
    expect(tr.state.phase).toBe('Succeeded');
    expect(brief(tr.state)).toEqual([
      'PreSync Namespace/shop Synced Running namespace/shop created',
      'Sync ConfigMap/cfg Synced Running configmap/cfg created',
    ]);
    expect(cm(sb, 'cfg', 'shop')).toBeDefined();
  });

  it('without CreateNamespace a missing namespace fails the apply with the API message', async () => {
    const sb = sandbox();
    const target = { ...configMap('cfg'), metadata: { name: 'cfg', namespace: 'shop' } };
    const tr = await drive(sb, [target], { app: app('shop') });
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.message).toBe('one or more objects failed to apply, reason: namespaces "shop" not found');
    expect(brief(tr.state)).toEqual(['Sync ConfigMap/cfg SyncFailed Failed namespaces "shop" not found']);
  });

  it('ApplyOutOfSyncOnly=true skips resources that are already Synced', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('same'), configMap('changed')]);
    const tr = await drive(sb, [configMap('same'), configMap('changed', { data: { v: 'new' } }), configMap('new')], {
      operation: { sync: { revision: REV, syncOptions: ['ApplyOutOfSyncOnly=true'] } },
    });
    expect(tr.state.syncResult.resources.map((r) => r.message)).toEqual(['configmap/changed configured', 'configmap/new created']);
  });

  it('the Application spec.syncPolicy.syncOptions apply when the operation names none', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('a')], { app: app('default', ['ServerSideApply=true']) });
    expect(tr.state.syncResult.resources[0].message).toBe('configmap/a serverside-applied');
  });

  it('RespectIgnoreDifferences=true keeps live values of ignored fields', async () => {
    const sb = sandbox();
    await drive(sb, [deployment('web', { replicas: 1 })]);
    const live = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    if (!live) throw new Error('no live');
    sb.store.update({ ...live, spec: { ...(live.spec as object), replicas: 5 } });
    await drive(sb, [deployment('web', { replicas: 1 })], {
      operation: { sync: { revision: REV, syncOptions: ['RespectIgnoreDifferences=true'] } },
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    });
    const after = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect((after?.spec as { replicas: number }).replicas).toBe(5);
  });

  it('dry run reports every resource with (dry run) and writes nothing', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('old'), configMap('same')]);
    const before = [...sb.store.allObjects()].filter((o) => o.kind !== 'Event').map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`).sort();
    const tr = await drive(sb, [configMap('old', { data: { x: 'y' } }), configMap('same'), deployment('web')], {
      operation: { sync: { revision: REV, dryRun: true, prune: true } },
    });
    expect(tr.state.phase).toBe('Succeeded');
    expect(brief(tr.state)).toEqual([
      'Sync ConfigMap/old Synced Succeeded configmap/old configured (dry run)',
      'Sync ConfigMap/same Synced Succeeded configmap/same unchanged (dry run)',
      'Sync Deployment/web Synced Succeeded deployment.apps/web created (dry run)',
    ]);
    const after = [...sb.store.allObjects()].filter((o) => o.kind !== 'Event').map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`).sort();
    expect(after).toEqual(before);
  });

  it('a dry-run prune says so and deletes nothing', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('a'), configMap('old')]);
    const tr = await drive(sb, [configMap('a')], { operation: { sync: { revision: REV, dryRun: true, prune: true } } });
    expect(brief(tr.state)[0]).toBe('Sync ConfigMap/old Pruned Succeeded pruned (dry run)');
    expect(cm(sb, 'old')).toBeDefined();
  });
});

describe('failures', () => {
  it('a manifest the server rejects passes the (client) dry run and fails its apply with the API message', async () => {
    const sb = sandbox();
    const bad = deployment('bad');
    (bad.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    const tr = await drive(sb, [configMap('cfg'), bad]);
    expect(tr.state.phase).toBe('Failed');
    const row = tr.state.syncResult.resources[1];
    expect(row).toMatchObject({ kind: 'Deployment', name: 'bad', status: 'SyncFailed', hookPhase: 'Failed' });
    expect(row.message).toMatch(/^Deployment.apps "bad" is invalid: spec.template.metadata.labels: Invalid value/);
    expect(tr.state.message).toBe(`one or more objects failed to apply, reason: ${row.message}`);
    // The ConfigMap sorts first (kind order) and was applied before the Deployment failed.
    expect(cm(sb, 'cfg')).toBeDefined();
  });

  it('an unknown field fails the dry run and nothing is written; Validate=false drops it', async () => {
    const sb = sandbox();
    const odd = { ...configMap('odd'), colour: 'blue' };
    const tr = await drive(sb, [configMap('cfg'), odd]);
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.message).toBe('one or more objects failed to apply (dry run)');
    expect(tr.state.syncResult.resources[0]).toMatchObject({ name: 'odd', status: 'SyncFailed', hookPhase: 'Failed' });
    expect(tr.state.syncResult.resources[0].message).toContain('unknown field "colour"');
    expect(cm(sb, 'cfg')).toBeUndefined();
    const lax = await drive(sb, [configMap('cfg'), odd], { operation: { sync: { revision: REV, syncOptions: ['Validate=false'] } } });
    expect(lax.state.phase).toBe('Succeeded');
    expect(cm(sb, 'odd')?.colour).toBeUndefined();
  });

  it('an immutable field change fails; with a forced Replace sync (argocd app sync --force) the object is re-created', async () => {
    const sb = sandbox();
    await drive(sb, [deployment('web')]);
    const uid = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' })?.metadata.uid;
    const moved = deployment('web');
    const spec = moved.spec as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
    spec.selector.matchLabels.tier = 'front';
    spec.template.metadata.labels.tier = 'front';
    const failed = await drive(sb, [moved]);
    expect(failed.state.phase).toBe('Failed');
    expect(failed.state.message).toContain('field is immutable');
    const forced = await drive(sb, [moved], { operation: { sync: { revision: REV, syncOptions: ['Replace=true'], syncStrategy: { hook: { force: true } } } } });
    expect(forced.state.phase).toBe('Succeeded');
    expect(forced.state.syncResult.resources[0].message).toBe('deployment.apps/web replaced');
    expect(sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' })?.metadata.uid).not.toBe(uid);
  });

  it('an AppProject denial fails the sync: "one or more synchronization tasks are not valid"', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('cfg'), deployment('web')], {
      env: { permitted: (group, kind) => (kind === 'Deployment' ? `resource ${group}:${kind} is not permitted in project demo` : undefined) },
    });
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.message).toBe('one or more synchronization tasks are not valid');
    expect(brief(tr.state)).toEqual(['Sync Deployment/web SyncFailed - resource apps:Deployment is not permitted in project demo']);
    expect(cm(sb, 'cfg')).toBeUndefined();
  });

  it('an unknown kind without its CRD is not a valid task', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('cfg'), track({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } })]);
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.syncResult.resources[0].message).toBe('failed to discover server resources for group version example.com/v1: the server could not find the requested resource');
  });
});

describe('Prune=confirm', () => {
  it('waits for the deletion-approved annotation before pruning', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('keep'), configMap('old', { annotations: { 'argocd.argoproj.io/sync-options': 'Prune=confirm' } })]);
    const waiting = await drive(sb, [configMap('keep')], { operation: { sync: { revision: REV, prune: true } }, maxSteps: 3 });
    expect(waiting.state.phase).toBe('Running');
    expect(waiting.state.message).toBe('Waiting for pruning confirmation of v1/ConfigMap/old');
    expect(cm(sb, 'old')?.metadata.deletionTimestamp).toBeUndefined();
    const approved = { ...app(), metadata: { ...app().metadata, annotations: { 'argocd.argoproj.io/deletion-approved': sb.clock.iso(sb.now()) } } };
    const tr = await drive(sb, [configMap('keep')], { operation: { sync: { revision: REV, prune: true } }, app: approved });
    expect(tr.state.phase).toBe('Succeeded');
    expect(brief(tr.state)[0]).toBe('Sync ConfigMap/old Pruned Succeeded pruned');
  });
});
