/** `apply` and `delete`: what kubectl does against the sandbox's API server. */
import { formatLocated } from '../../core/errors.js';
import type { LabWorld } from '../world.js';
import { applyRef } from '../world.js';
import { apiVersionOf, findKind, noKind } from '../kinds.js';
import type { ManifestRef, ObjectRefSpec } from '../types.js';
import type { ActionResult } from './types.js';

export function applyAction(world: LabWorld, ref: ManifestRef): ActionResult {
  const action = `apply ${typeof ref === 'string' ? ref : 'inline YAML'}`;
  const { applied, errors } = applyRef(world, ref);
  const note = applied.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`).join(', ');
  if (errors.length > 0) return { action, ok: false, error: errors.map(formatLocated).join('\n'), ...(note ? { note } : {}) };
  return { action, ok: true, note };
}

export function deleteAction(world: LabWorld, ref: ObjectRefSpec): ActionResult {
  const action = `delete ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  const info = findKind(world.sandbox, ref.kind, ref.apiVersion);
  if (!info) return { action, ok: false, error: noKind(ref.kind, ref.apiVersion) };
  try {
    world.sandbox.store.delete({ apiVersion: apiVersionOf(info), kind: info.kind, namespace: info.namespaced ? (ref.namespace ?? 'default') : undefined, name: ref.name });
    return { action, ok: true };
  } catch (err) {
    return { action, ok: false, error: (err as Error).message };
  }
}
