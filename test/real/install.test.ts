/**
 * Installing Argo from a release manifest, against `argo-sandbox serve` instead of kind: the manifest is
 * served locally (no network), namespaced objects land in the component's namespace, CRDs are applied
 * and Established first, and the install returns only once the Deployments are Available.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installArgo, parseManifest, hostKubeconfig, kubeadmConfig, COMPONENTS } from '../../bridge/kind/index.js';
import type { Component } from '../../bridge/kind/index.js';
import { RealClusterBackend, kubeConfigForServer } from '../../bridge/realCluster/index.js';
import { startApiServer } from '../../simulator/api/index.js';
import type { ApiServer } from '../../simulator/api/index.js';
import { createSandbox } from '../../simulator/index.js';
import { SEED, START } from './support.js';

const RELEASE = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets, singular: gadget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: gadget-controller
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: gadget-controller
rules:
- apiGroups: [example.com]
  resources: [gadgets]
  verbs: [get, list, watch]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gadget-controller
spec:
  replicas: 1
  selector:
    matchLabels: {app: gadget-controller}
  template:
    metadata:
      labels: {app: gadget-controller}
    spec:
      serviceAccountName: gadget-controller
      containers:
      - name: controller
        image: example.com/gadget-controller:v1
`;

const COMPONENT: Component = {
  name: 'Gadgets',
  version: 'v1',
  namespace: 'gadgets',
  url: 'https://example.com/releases/v1/install.yaml',
  deployments: ['gadget-controller'],
};
const WORKFLOWS: Component = { name: 'Argo Workflows (test)', version: 'v0', namespace: 'argo', url: 'https://example.com/wf.yaml', deployments: [] };

let server: ApiServer;
let backend: RealClusterBackend;

beforeAll(async () => {
  // Virtual time runs fast here: the Deployment's pod must pull, start and turn Ready while we wait.
  server = await startApiServer(createSandbox({ seed: SEED, startTime: START }), { port: 0, speed: 400, tickMs: 20 });
  backend = new RealClusterBackend({ kubeconfig: kubeConfigForServer(server.url) });
});
afterAll(async () => {
  await backend?.close();
  await server?.close();
});

describe('installing a release manifest', () => {
  it('applies CRDs first, puts namespaced objects in the component namespace, waits for Available', async () => {
    const fetched: string[] = [];
    const log: string[] = [];
    await installArgo(backend, {
      components: [COMPONENT, WORKFLOWS],
      fetchText: async (url) => {
        fetched.push(url);
        return url === COMPONENT.url ? RELEASE : '';
      },
      log: (l) => log.push(l),
      pollMs: 20,
      timeoutMs: 20_000,
    });
    expect(fetched).toEqual([COMPONENT.url, WORKFLOWS.url]);
    const crd = await backend.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'gadgets.example.com' });
    expect((crd?.status as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(expect.objectContaining({ type: 'Established', status: 'True' }));
    expect(await backend.get({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'gadgets', name: 'gadget-controller' })).toBeDefined();
    const role = await backend.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'gadget-controller' });
    expect(role?.metadata.namespace).toBeUndefined();
    const dep = await backend.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'gadgets', name: 'gadget-controller' });
    expect((dep?.status as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(expect.objectContaining({ type: 'Available', status: 'True' }));
    // The executor RBAC Argo's docs ask for, where workflows run.
    for (const ns of ['default', 'argo']) {
      expect(await backend.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: ns, name: 'argo-sandbox-executor' })).toBeDefined();
    }
    expect(log).toContain('Gadgets is ready.');
  });

  it('times out with a message naming what it waited for', async () => {
    const stuck: Component = { ...COMPONENT, namespace: 'stuck', deployments: ['never-created'] };
    await expect(installArgo(backend, { components: [stuck], fetchText: async () => '', pollMs: 10, timeoutMs: 100, workflowNamespaces: [] })).rejects.toThrow(
      "timed out after 0s waiting for Gadgets's Deployments (never-created) to be Available",
    );
  });
});

describe('release manifests and kind settings', () => {
  it('pins every component to a versioned release URL', () => {
    for (const c of COMPONENTS) expect(c.url).toContain(`/${c.version}/`);
    expect(COMPONENTS.map((c) => c.namespace)).toEqual(['argocd', 'argo']);
  });

  it('parses multi-document YAML and List documents', () => {
    const objs = parseManifest('kind: List\napiVersion: v1\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\n# only a comment\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n');
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/a', 'Secret/b']);
  });

  it('kubeadm config advertises the node address; the kubeconfig is pointed at the published port', () => {
    const conf = kubeadmConfig('172.18.0.2');
    expect(conf).toContain('advertiseAddress: "172.18.0.2"');
    expect(conf).toContain('node-ip: "172.18.0.2"');
    expect(conf).toContain('certSANs: [localhost, "127.0.0.1"]');
    const admin = 'clusters:\n- cluster:\n    certificate-authority-data: X\n    server: https://argo-sandbox-control-plane:6443\n  name: argo-sandbox\n';
    expect(hostKubeconfig(admin, 'localhost', 41435)).toContain('    server: https://127.0.0.1:41435\n');
  });
});
