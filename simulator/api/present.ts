/** What clients see of a stored object: the kubelet's private bookkeeping (`status.sandbox`) is left out. */
import { withoutKubeletBookkeeping } from '../cluster/kubelet/index.js';
import type { KubeObject } from '../cluster/types.js';

export function presentObject<T extends KubeObject>(obj: T): T {
  return obj.kind === 'Pod' ? withoutKubeletBookkeeping(obj) : obj;
}
