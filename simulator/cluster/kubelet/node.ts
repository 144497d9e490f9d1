/** The node the simulated kubelet runs: its address and the images it has pulled (in `status.images`). */
import type { ObjectStore } from '../store/index.js';
import type { KubeObject } from '../types.js';
import { imageDigest, imageSizeBytes, normalizeImage } from '../../runtime/index.js';

/** kind's first node address. */
export const HOST_IP = '172.18.0.2';

interface NodeImage {
  names: string[];
  sizeBytes: number;
}

function images(store: ObjectStore, node: string): NodeImage[] {
  const n = store.get({ apiVersion: 'v1', kind: 'Node', name: node });
  const list = (n?.status as { images?: NodeImage[] } | undefined)?.images;
  return Array.isArray(list) ? list : [];
}

export function nodeHasImage(store: ObjectStore, node: string, image: string): boolean {
  const ref = normalizeImage(image);
  for (const i of images(store, node)) if (i.names.includes(ref)) return true;
  return false;
}

/** Record a pulled image on the node, as the kubelet's node status does. */
export function addNodeImage(store: ObjectStore, node: string, image: string): void {
  if (nodeHasImage(store, node, image)) return;
  const n = store.get({ apiVersion: 'v1', kind: 'Node', name: node });
  if (!n) return;
  const status = { ...((n.status ?? {}) as Record<string, unknown>) };
  status.images = [...images(store, node), { names: [imageDigest(image), normalizeImage(image)], sizeBytes: imageSizeBytes(image) }];
  store.update({ ...n, status } as KubeObject, { subresource: 'status' });
}

/** A stable pod IP in kind's pod CIDR 10.244.0.0/16, derived from the pod's uid. */
export function podIPFor(hash: number): string {
  return `10.244.${(hash >>> 8) & 0xff}.${2 + ((hash & 0xff) % 252)}`;
}
