/**
 * A one-node kind cluster started with testcontainers: the `kindest/node` container run the way kind
 * runs it (privileged, its own cgroup namespace, tmpfs /tmp and /run, an anonymous /var), then the
 * steps `kind create cluster` takes inside it — kubeadm init with kind's settings, the kindnet CNI and
 * the local-path storage class shipped in the image, and the control-plane taint removed.
 */
import { GenericContainer, Wait } from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';
import { KIND_NODE_IMAGE, KUBERNETES_VERSION } from './versions.js';

export const CLUSTER_NAME = 'argo-sandbox';
export const NODE_NAME = `${CLUSTER_NAME}-control-plane`;
const POD_SUBNET = '10.244.0.0/16';
const SERVICE_SUBNET = '10.96.0.0/16';
const ADMIN_CONF = '/etc/kubernetes/admin.conf';

export interface StartedCluster {
  provider: 'kind' | 'k3s';
  /** kubeconfig YAML pointing at the API server from this machine. */
  kubeconfig: string;
  /** https://127.0.0.1:PORT (or the Docker host). */
  endpoint: string;
  container: StartedTestContainer;
  stop(): Promise<void>;
}

/** The node container as kind creates it; testcontainers has no builder call for the cgroup namespace. */
class KindNodeContainer extends GenericContainer {
  protected override async beforeContainerCreated(): Promise<void> {
    // Docker's HostConfig.CgroupnsMode (API 1.41+); dockerode's types predate it.
    (this.hostConfig as { CgroupnsMode?: string }).CgroupnsMode = 'private';
    this.createOpts.Tty = true;
    this.createOpts.Volumes = { ...(this.createOpts.Volumes ?? {}), '/var': {} };
  }
}

/** kubeadm's configuration as kind writes it for a single control-plane node (kubeadm v1beta3). */
export function kubeadmConfig(nodeIp: string): string {
  return `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
clusterName: "${CLUSTER_NAME}"
controlPlaneEndpoint: "${NODE_NAME}:6443"
apiServer:
  certSANs: [localhost, "127.0.0.1"]
  extraArgs:
    runtime-config: ""
controllerManager:
  extraArgs:
    enable-hostpath-provisioner: "true"
networking:
  podSubnet: "${POD_SUBNET}"
  serviceSubnet: "${SERVICE_SUBNET}"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
bootstrapTokens:
- token: "abcdef.0123456789abcdef"
localAPIEndpoint:
  advertiseAddress: "${nodeIp}"
  bindPort: 6443
nodeRegistration:
  criSocket: "unix:///run/containerd/containerd.sock"
  kubeletExtraArgs:
    node-ip: "${nodeIp}"
    provider-id: "kind://docker/${CLUSTER_NAME}/${NODE_NAME}"
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
cgroupRoot: /kubelet
failSwapOn: false
imageGCHighThresholdPercent: 100
evictionHard:
  nodefs.available: "0%"
  nodefs.inodesFree: "0%"
  imagefs.available: "0%"
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: "iptables"
iptables:
  minSyncPeriod: 1s
conntrack:
  maxPerCore: 0
`;
}

async function run(node: StartedTestContainer, what: string, cmd: string[]): Promise<string> {
  const r = await node.exec(cmd);
  if (r.exitCode !== 0) throw new Error(`${what} failed (exit ${r.exitCode}):\n${r.output.slice(-2000)}`);
  return r.output;
}

/** The kubeconfig kubeadm wrote, pointed at the port Docker published for 6443. */
export function hostKubeconfig(adminConf: string, host: string, port: number): string {
  return adminConf.replace(/server: https:\/\/[^\s]+/, `server: https://${host === 'localhost' ? '127.0.0.1' : host}:${port}`);
}

export async function startKindNode(log: (line: string) => void): Promise<StartedCluster> {
  log(`Starting the kind node (${KIND_NODE_IMAGE.split('@')[0]})…`);
  const node = await new KindNodeContainer(KIND_NODE_IMAGE)
    .withName(`${NODE_NAME}-${process.pid}`)
    .withHostname(NODE_NAME)
    .withPrivilegedMode()
    .withSecurityOpt('seccomp=unconfined', 'apparmor=unconfined')
    .withTmpFs({ '/tmp': 'rw', '/run': 'rw' })
    .withBindMounts([{ source: '/lib/modules', target: '/lib/modules', mode: 'ro' }])
    .withEnvironment({ KUBECONFIG: ADMIN_CONF, container: 'docker' })
    .withLabels({ 'io.x-k8s.kind.cluster': CLUSTER_NAME, 'io.x-k8s.kind.role': 'control-plane' })
    .withExposedPorts(6443)
    // systemd inside the node says this once containerd and the kubelet unit can start.
    .withWaitStrategy(Wait.forLogMessage(/Reached target .*Multi-User System/))
    .withStartupTimeout(180_000)
    .start();
  try {
    const nodeIp = (await run(node, 'reading the node address', ['hostname', '-i'])).trim().split(/\s+/)[0]!;
    await node.copyContentToContainer([{ content: kubeadmConfig(nodeIp), target: '/kind/kubeadm.conf' }]);
    log('Running kubeadm init…');
    await run(node, 'kubeadm init', ['kubeadm', 'init', '--skip-phases=preflight', '--config=/kind/kubeadm.conf', '--skip-token-print']);
    log('Installing the kindnet CNI and the local-path storage class…');
    await run(node, 'installing the CNI', [
      'sh',
      '-c',
      `sed -E 's#\\{\\{ *\\.PodSubnet *\\}\\}#${POD_SUBNET}#g' /kind/manifests/default-cni.yaml | kubectl --kubeconfig=${ADMIN_CONF} create -f -`,
    ]);
    await run(node, 'installing the storage class', ['kubectl', `--kubeconfig=${ADMIN_CONF}`, 'apply', '-f', '/kind/manifests/default-storage.yaml']);
    await run(node, 'removing the control-plane taint', ['sh', '-c', `kubectl --kubeconfig=${ADMIN_CONF} taint nodes --all node-role.kubernetes.io/control-plane- || true`]);
    const admin = await run(node, 'reading the kubeconfig', ['cat', ADMIN_CONF]);
    const host = node.getHost();
    const port = node.getMappedPort(6443);
    return {
      provider: 'kind',
      kubeconfig: hostKubeconfig(admin, host, port),
      endpoint: `https://${host === 'localhost' ? '127.0.0.1' : host}:${port}`,
      container: node,
      stop: async () => void (await node.stop()),
    };
  } catch (err) {
    await node.stop().catch(() => undefined);
    throw err;
  }
}
