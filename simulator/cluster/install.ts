/** Bring up the simulated cluster: system namespaces, one node, built-in controllers. */
import type { Sandbox } from '../sandbox.js';
import { CLUSTER_CONTROLLERS } from './controllers/index.js';
import { validationAdmission } from './validation/index.js';
import { installCrdSupport } from './crd/index.js';
import { installStorageClasses } from './controllers/volumes/index.js';

export const NODE_NAME = 'sandbox-control-plane';
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function installCluster(sandbox: Sandbox): void {
  sandbox.store.addAdmission(validationAdmission());
  installCrdSupport(sandbox);
  for (const c of CLUSTER_CONTROLLERS) sandbox.addController(c);
  for (const name of SYSTEM_NAMESPACES) {
    sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
  }
  sandbox.store.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: NODE_NAME,
      labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' },
    },
    spec: {},
    status: {
      capacity: { cpu: '8', memory: '16Gi', pods: '110000' },
      allocatable: { cpu: '8', memory: '16Gi', pods: '110000' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { kubeletVersion: 'v1.31.0-sim', containerRuntimeVersion: 'argo-sandbox://1', operatingSystem: 'linux', architecture: 'amd64' },
    },
  });
  // kind's default StorageClass (its uid does not shift the seed's random stream).
  installStorageClasses(sandbox.store, sandbox.rng);
}
