/**
 * A controller that throws while reconciling one object must not take the world down: the object it was working
 * on gets a `ReconcileError` condition (what a learner sees on that object), the rest keeps running, and the
 * condition goes away on the next successful reconcile.
 */
import type { ObjectStore } from './store/index.js';
import type { StoredObject } from './types.js';

export const RECONCILE_ERROR = 'ReconcileError';

interface Condition {
  type?: unknown;
  [k: string]: unknown;
}

/** The object a key names when the key is `namespace/name` of the controller's primary (first watched) kind. */
export function primaryObject(store: ObjectStore, primary: { group: string; kind: string } | undefined, key: string): StoredObject | undefined {
  if (!primary || primary.kind === '*') return undefined;
  const i = key.indexOf('/');
  const namespace = i < 0 ? undefined : key.slice(0, i) || undefined;
  const name = i < 0 ? key : key.slice(i + 1);
  try {
    return store.get({ group: primary.group, kind: primary.kind, namespace, name });
  } catch {
    // A kind that is not served (yet): nothing to mark.
    return undefined;
  }
}

function conditionsOf(obj: StoredObject): Condition[] {
  const status = (obj as { status?: { conditions?: unknown } }).status;
  return Array.isArray(status?.conditions) ? (status.conditions as Condition[]) : [];
}

/** Only kinds with a status subresource carry conditions (a ConfigMap's mark is its Warning event). */
function hasStatus(store: ObjectStore, obj: StoredObject): boolean {
  return store.kinds.find(obj.apiVersion, obj.kind)?.statusSubresource === true;
}

/** Set (or refresh) the condition on the object; write errors are swallowed: marking must never fail twice. */
export function markReconcileError(store: ObjectStore, obj: StoredObject, controller: string, message: string, nowIso: string): void {
  if (!hasStatus(store, obj)) return;
  const others = conditionsOf(obj).filter((c) => c.type !== RECONCILE_ERROR);
  const existing = conditionsOf(obj).find((c) => c.type === RECONCILE_ERROR);
  const condition = {
    type: RECONCILE_ERROR,
    status: 'True',
    reason: 'ControllerError',
    message: `${controller}: ${message}`,
    lastTransitionTime: typeof existing?.lastTransitionTime === 'string' && existing.message === `${controller}: ${message}` ? existing.lastTransitionTime : nowIso,
  };
  const status = { ...((obj as { status?: object }).status ?? {}), conditions: [...others, condition] };
  try {
    store.adoptStatus(obj, status);
  } catch {
    // The object changed or went away meanwhile: the event in the log still tells the story.
  }
}

export function clearReconcileError(store: ObjectStore, obj: StoredObject): void {
  if (!hasStatus(store, obj)) return;
  const conditions = conditionsOf(obj);
  if (!conditions.some((c) => c.type === RECONCILE_ERROR)) return;
  const status = { ...((obj as { status?: object }).status ?? {}), conditions: conditions.filter((c) => c.type !== RECONCILE_ERROR) };
  try {
    store.adoptStatus(obj, status);
  } catch {
    // Same as above: best effort.
  }
}
