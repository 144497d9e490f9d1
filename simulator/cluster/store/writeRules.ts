/** Small rules of the write path: which fields are spec, deletion specifics of Pods and Namespaces, the API server's errors. */
import { ApiError } from '../../core/errors.js';
import { qualifiedResource } from '../kinds.js';
import type { KindInfo } from '../kinds.js';
import type { KubeObject, StoredObject } from '../types.js';

/** Namespaces carry their own finalizers in `spec.finalizers` (the namespace controller's `kubernetes`). */
export function specFinalizers(obj: KubeObject): boolean {
  const f = (obj.spec as { finalizers?: unknown } | undefined)?.finalizers;
  return obj.kind === 'Namespace' && Array.isArray(f) && f.length > 0;
}

export function getNodeName(pod: StoredObject): string | undefined {
  const spec = pod.spec as { nodeName?: string } | undefined;
  return spec?.nodeName;
}

export function podGrace(pod: StoredObject): number {
  const spec = pod.spec as { terminationGracePeriodSeconds?: number } | undefined;
  return spec?.terminationGracePeriodSeconds ?? 30;
}

export function notFound(info: KindInfo, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource(info)} "${name}" not found`, { name, group: info.group, kind: info.plural });
}

export function conflict(info: KindInfo, name: string): ApiError {
  return new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: info.group, kind: info.plural },
  );
}
