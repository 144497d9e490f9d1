/** The fallback cluster: the testcontainers k3s module (one container, no kubeadm). */
import { K3sContainer } from '@testcontainers/k3s';
import type { StartedCluster } from './kindNode.js';
import { K3S_IMAGE } from './versions.js';

export async function startK3s(log: (line: string) => void): Promise<StartedCluster> {
  log(`Starting k3s (${K3S_IMAGE})…`);
  const k3s = await new K3sContainer(K3S_IMAGE).start();
  const kubeconfig = k3s.getKubeConfig();
  const endpoint = /server:\s*(\S+)/.exec(kubeconfig)?.[1] ?? `https://${k3s.getHost()}:${k3s.getMappedPort(6443)}`;
  return { provider: 'k3s', kubeconfig, endpoint, container: k3s, stop: async () => void (await k3s.stop()) };
}
