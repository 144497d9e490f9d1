/** diffResource against objects the real simulator stored (defaults, status, managedFields included). */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { diffResource, LAST_APPLIED_ANNOTATION } from '../../../../simulator/argocd/diff/index.js';

const T0 = Date.UTC(2026, 0, 1);

function deployment(replicas = 2, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { 'app.kubernetes.io/instance': 'guestbook' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image, ports: [{ containerPort: 80 }] }] } },
    },
  };
}

function liveOf(target: KubeObject, opts: { manager?: string; lastApplied?: KubeObject } = {}): KubeObject {
  const sb = createSandbox({ seed: 1, startTime: T0 });
  const obj = structuredClone(target);
  if (opts.lastApplied) obj.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(opts.lastApplied) };
  sb.store.create(obj, opts.manager ? { fieldManager: opts.manager } : {});
  sb.runUntilSettled();
  return sb.store.mustGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
}

describe('diffResource on a simulated Deployment', () => {
  const live = liveOf(deployment());

  it('the live object really has server defaults, status and metadata the target lacks', () => {
    const spec = live.spec as { progressDeadlineSeconds?: number; template: { spec: { containers: { imagePullPolicy?: string }[] } } };
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.spec.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(live.status).toBeDefined();
    expect(live.metadata.uid).toBeTruthy();
  });

  it('the unchanged target is Synced: defaults, status and server metadata are no difference', () => {
    const d = diffResource(deployment(), live);
    expect(d.modified).toBe(false);
    expect(d.paths).toEqual([]);
    expect(d.diffText).toBe('');
    expect(d.normalizedLive?.status).toBeUndefined();
    expect(d.normalizedLive?.metadata.uid).toBeUndefined();
    expect(d.normalizedLive?.metadata.managedFields).toBeUndefined();
    expect(d.normalizedLive?.metadata.resourceVersion).toBeUndefined();
    // The predicted live keeps what the server defaulted.
    expect((d.predictedLive?.spec as { progressDeadlineSeconds: number }).progressDeadlineSeconds).toBe(600);
  });

  it('a changed replica count is OutOfSync at spec.replicas, with a YAML unified diff', () => {
    const d = diffResource(deployment(5), live);
    expect(d.modified).toBe(true);
    expect(d.paths).toEqual(['spec.replicas']);
    const lines = d.diffText.split('\n');
    expect(lines[0]).toBe('--- Deployment/web (live)');
    expect(lines[1]).toBe('+++ Deployment/web (desired)');
    expect(lines[2]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(lines.filter((l) => l.startsWith('-') && !l.startsWith('---'))).toEqual(['-  replicas: 2']);
    expect(lines.filter((l) => l.startsWith('+') && !l.startsWith('+++'))).toEqual(['+  replicas: 5']);
    expect(lines.indexOf('-  replicas: 2') + 1).toBe(lines.indexOf('+  replicas: 5'));
  });

  it('a changed image inside the keyed containers list is found by path', () => {
    const d = diffResource(deployment(2, 'nginx:1.28'), live);
    expect(d.modified).toBe(true);
    expect(d.paths).toEqual(['spec.template.spec.containers[0].image']);
  });

  it('ignoreDifferences jsonPointers /spec/replicas makes it Synced again', () => {
    const ignore = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];
    expect(diffResource(deployment(5), live, { ignoreDifferences: ignore }).modified).toBe(false);
    // A rule for another name or kind does not apply.
    expect(diffResource(deployment(5), live, { ignoreDifferences: [{ ...ignore[0]!, name: 'other' }] }).modified).toBe(true);
    expect(diffResource(deployment(5), live, { ignoreDifferences: [{ group: '', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] }).modified).toBe(true);
    // Group and kind are glob patterns (resource.customizations uses `*`); name and namespace are exact.
    expect(diffResource(deployment(5), live, { ignoreDifferences: [{ group: '*', kind: 'Deploy*', jsonPointers: ['/spec/replicas'] }] }).modified).toBe(false);
    expect(diffResource(deployment(5), live, { ignoreDifferences: [{ group: 'app?', kind: '*', namespace: 'default', jsonPointers: ['/spec/replicas'] }] }).modified).toBe(false);
    expect(diffResource(deployment(5), live, { ignoreDifferences: [{ group: 'apps', kind: '*', namespace: 'prod', jsonPointers: ['/spec/replicas'] }] }).modified).toBe(true);
  });

  it('ignoreDifferences jqPathExpressions: select a container by name and drop its image', () => {
    const jq = '.spec.template.spec.containers[] | select(.name == "main") | .image';
    expect(diffResource(deployment(2, 'nginx:1.28'), live, { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: [jq] }] }).modified).toBe(false);
    const other = jq.replace('"main"', '"sidecar"');
    expect(diffResource(deployment(2, 'nginx:1.28'), live, { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: [other] }] }).modified).toBe(true);
    expect(diffResource(deployment(2, 'nginx:1.28'), live, { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.template.spec.containers[]?.image'] }] }).modified).toBe(false);
  });

  it('an unsupported jq expression is reported, not silently ignored', () => {
    const d = diffResource(deployment(5), live, { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec | to_entries'] }] });
    expect(d.modified).toBe(true);
    expect(d.unsupported).toHaveLength(1);
    expect(d.unsupported[0]).toContain('unsupported jqPathExpression ".spec | to_entries"');
  });

  it('managedFieldsManagers: fields another manager owns are not compared', () => {
    // Argo applies the Deployment, then an autoscaler takes ownership of spec.replicas.
    const sb = createSandbox({ seed: 1, startTime: T0 });
    sb.store.apply(deployment(2), { fieldManager: 'argocd-controller' });
    sb.store.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 6 } }, { fieldManager: 'hpa-controller', force: true });
    sb.runUntilSettled();
    const scaled = sb.store.mustGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect((scaled.spec as { replicas: number }).replicas).toBe(6);
    expect(diffResource(deployment(2), scaled).paths).toEqual(['spec.replicas']);
    const rule = { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['hpa-controller'] };
    expect(diffResource(deployment(2), scaled, { ignoreDifferences: [rule] }).modified).toBe(false);
    // Fields the trusted manager does not own still count.
    expect(diffResource(deployment(2, 'nginx:1.28'), scaled, { ignoreDifferences: [rule] }).paths).toEqual(['spec.template.spec.containers[0].image']);
    expect(diffResource(deployment(2), scaled, { ignoreDifferences: [{ ...rule, managedFieldsManagers: ['kubectl'] }] }).modified).toBe(true);
  });

  it('a custom normalizer runs on both sides', () => {
    const d = diffResource(deployment(5), live, { normalizer: (o) => void delete (o.spec as { replicas?: number }).replicas });
    expect(d.modified).toBe(false);
  });

  it('a target with no live object is modified (Missing); a live object alone is not', () => {
    const missing = diffResource(deployment(), undefined);
    expect(missing.modified).toBe(true);
    expect(missing.normalizedLive).toBeUndefined();
    expect(missing.diffText).toContain('+kind: Deployment');
    expect(diffResource(undefined, live).modified).toBe(false);
  });
});

describe('three-way diff with kubectl last-applied-configuration', () => {
  const withLabel = deployment();
  (withLabel.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels.tier = 'front';
  const applied = structuredClone(withLabel);
  (applied.spec as { minReadySeconds?: number }).minReadySeconds = 5;
  const live = liveOf(applied, { lastApplied: applied });

  it('the same target as last applied is Synced, even with the annotation in live', () => {
    expect(diffResource(applied, live).modified).toBe(false);
  });

  it('a field removed from the target since the last apply is a difference', () => {
    const d = diffResource(withLabel, live);
    expect(d.modified).toBe(true);
    expect(d.paths).toEqual(['spec.minReadySeconds']);
    expect(d.predictedLive?.spec).not.toHaveProperty('minReadySeconds');
  });

  it('without the annotation (two-way) the same removal is not detectable', () => {
    const plain = liveOf(applied);
    expect(diffResource(withLabel, plain).modified).toBe(false);
  });

  it('a container removed from the target is deleted by key; a defaulted field is still no difference', () => {
    const two = structuredClone(applied);
    (two.spec as { template: { spec: { containers: object[] } } }).template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    const twoLive = liveOf(two, { lastApplied: two });
    expect(diffResource(two, twoLive).modified).toBe(false);
    const d = diffResource(applied, twoLive);
    expect(d.modified).toBe(true);
    const containers = (d.predictedLive?.spec as { template: { spec: { containers: { name: string; imagePullPolicy?: string }[] } } }).template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(['main']);
    expect(containers[0]?.imagePullPolicy).toBe('IfNotPresent');
  });
});
