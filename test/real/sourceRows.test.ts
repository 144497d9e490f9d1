/**
 * Real objects → the views' rows (src/real/source/rows.ts): for the same objects, the rows the Real data source
 * builds from JSON are the simulator's own — the Cluster tab's `kubectl get` groups (CRD printer columns included),
 * the Workflows tab's `argo list` rows and the Applications tab's cards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../bridge/server/protocol.js';
import { EngineHost } from '../../src/worker/engineHost.js';
import type { AppSummary } from '../../src/worker/features/apps/types.js';
import type { WorkflowRow } from '../../src/worker/features/workflows.js';
import type { KindGroupView, ViewModel } from '../../src/worker/protocol.js';
import { REAL_KINDS, realKind } from '../../src/real/source/kinds.js';
import { kindKey, namespacesOf, printerColumnsOf, realAppSummaries, realKindGroups, realWorkflowRow, realWorkflowRows } from '../../src/real/source/rows.js';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

const WORLD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: default}
data: {a: "1"}
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: hello, namespace: default}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - {name: a, template: say}
        - - {name: b, template: wait}
    - name: say
      container: {image: argoproj/argosay:v2, args: [echo, hi]}
    - {name: wait, suspend: {}}
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: broken, namespace: default}
spec:
  entrypoint: fail
  templates:
    - name: fail
      container: {image: argoproj/argosay:v2, args: [exit, "1"]}
`;

/** Every object the view model shows, fetched as plain JSON (what the bridge would send), per kind. */
function objectsOf(vm: ViewModel): { objects: Map<string, KubeObject[]>; crds: KubeObject[] } {
  const get = (apiVersion: string, kind: string, name: string, namespace?: string) =>
    host!.call('cluster', 'get', [{ apiVersion, kind, name, ...(namespace ? { namespace } : {}) }]) as KubeObject;
  const objects = new Map<string, KubeObject[]>();
  let crds: KubeObject[] = [];
  for (const g of vm.kinds) {
    if (g.kind === 'CustomResourceDefinition') crds = g.rows.map((r) => get('apiextensions.k8s.io/v1', g.kind, r.name));
    const k = realKind(g.group, g.kind);
    if (k) objects.set(kindKey(k.apiVersion, k.kind), g.rows.map((r) => get(k.apiVersion, k.kind, r.name, r.namespace)));
  }
  return { objects, crds };
}

async function world(): Promise<void> {
  host = new EngineHost();
  host.load(WORLD, { file: 'world.yaml' });
  await host.call('apps', 'addExample', []);
  await host.advance(5_000);
  await host.call('apps', 'sync', ['admin', 'guestbook', {}]);
  await host.advance(90_000);
}

describe('real objects mapped to the views’ rows', () => {
  it('the Cluster tab: same kubectl-get groups as the simulator’s view model, CRD printer columns included', async () => {
    await world();
    const vm = host!.snapshot();
    const { objects, crds } = objectsOf(vm);
    const real = realKindGroups(objects, crds, vm.now);
    const sim = vm.kinds.filter((g: KindGroupView) => realKind(g.group, g.kind));
    // The same kinds in the same order, and every row (cells, status, ready, tone, containers) equal.
    expect(real.map((g) => g.resource)).toEqual(sim.map((g) => g.resource));
    expect(real).toEqual(sim);
    expect(real.map((g) => g.kind)).toEqual(expect.arrayContaining(['Pod', 'Deployment', 'Workflow', 'Application', 'Namespace']));
    const wf = real.find((g) => g.kind === 'Workflow')!;
    // Argo's CRD additionalPrinterColumns (not the generic NAME/AGE), as `kubectl get workflows` prints.
    expect(wf.columns).toEqual(printerColumnsOf(crds, realKind('argoproj.io', 'Workflow')!)!.map((c) => c.name.toUpperCase()).filter((c) => c !== 'NAME'));
    expect(wf.rows.find((r) => r.name === 'broken')).toMatchObject({ status: 'Failed', tone: 'error' });
    expect(namespacesOf(objects)).toEqual(vm.namespaces);
  });

  it('the Workflows tab: argo-list rows equal the workflows feature’s, newest first', async () => {
    await world();
    const { objects } = objectsOf(host!.snapshot());
    const sim = host!.call('workflows', 'list', []) as WorkflowRow[];
    const real = realWorkflowRows(objects.get(kindKey('argoproj.io/v1alpha1', 'Workflow'))!);
    expect(real).toEqual(sim);
    expect(real.find((r) => r.name === 'hello')).toMatchObject({ phase: 'Running', suspended: true, template: 'main' });
    expect(real.find((r) => r.name === 'broken')).toMatchObject({ phase: 'Failed', suspended: false });
  });

  it('the Applications tab: cards (sync, health, source, last operation) equal the apps feature’s', async () => {
    await world();
    const { objects } = objectsOf(host!.snapshot());
    const sim = host!.call('apps', 'list', ['admin']) as AppSummary[];
    const real = realAppSummaries(objects.get(kindKey('argoproj.io/v1alpha1', 'Application'))!);
    expect(real).toEqual(sim);
    expect(real[0]).toMatchObject({ name: 'guestbook', sync: 'Synced', operationPhase: 'Succeeded' });
  });

  it('a fresh object the controllers have not seen yet: Pending, 0/0, no times', () => {
    const wf: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'new', namespace: 'ci', uid: 'u1' }, spec: { workflowTemplateRef: { name: 'tpl' } } };
    expect(realWorkflowRow(wf)).toEqual({ namespace: 'ci', name: 'new', phase: 'Pending', progress: '0/0', template: 'tpl', suspended: false });
    // Kinds that are not in the fixed list are not shown (a real cluster has many).
    expect(realKindGroups(new Map([[kindKey('example.com/v1', 'Widget'), [wf]]]), [], 0)).toEqual([]);
    expect(REAL_KINDS.every((k) => realKind(k.group, k.kind) === k)).toBe(true);
  });
});
