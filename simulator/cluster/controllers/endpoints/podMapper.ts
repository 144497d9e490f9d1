/**
 * Pod events → Services. The watch mapper has no store, so a pod event becomes a `pods:` key naming its
 * namespace and label set; the reconcile of that key finds the Services whose selector matches. Pods
 * of one ReplicaSet share their labels, so a burst of their updates coalesces into one key.
 */
import type { StoredObject, WatchEvent } from '../../types.js';
import { getCondition } from '../shared/conditions.js';
import type { Condition } from '../shared/conditions.js';
import { NO_KEYS } from '../shared/keys.js';

export const POD_EVENT = 'pods:';

interface PodView {
  phase?: string;
  podIP?: string;
  conditions?: Condition[];
}

/** Whether an update changes what the Endpoints show: readiness, IP, phase, labels, deletion, node, hostname. */
function endpointsChanged(a: StoredObject, b: StoredObject): boolean {
  if (a.metadata.labels !== b.metadata.labels || a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp || a.spec !== b.spec) return true;
  // The store shares unchanged subtrees between versions: same status object, nothing to look at.
  if (a.status === b.status) return false;
  const sa = (a.status ?? {}) as PodView;
  const sb = (b.status ?? {}) as PodView;
  return sa.phase !== sb.phase || sa.podIP !== sb.podIP || getCondition(sa.conditions, 'Ready')?.status !== getCondition(sb.conditions, 'Ready')?.status;
}

/** A label set whose key text was built: its entries in order (as JSON writes them), to recognise an equal set. */
interface Recent {
  labels: Readonly<Record<string, string>>;
  namespace: string;
  names: string[];
  values: string[];
  /** `[key]`, frozen: the mapper's usual answer. */
  keys: string[];
}

/** How many label sets `labelKeys` remembers: the pods of a few workloads (a workflow's pods: two, before and after completion). */
const RECENT = 8;

/**
 * Key texts of recently seen label sets. Stored labels are frozen; every pod has its own, but the pods of a
 * workload have equal ones: an equal set (same entries, same order, so the same JSON) reuses its key text.
 */
export class LabelKeys {
  private recent: Recent[] = [];
  private next = 0;

  key(labels: Readonly<Record<string, string>> | undefined, namespace: string): string {
    return this.keys(labels, namespace)[0]!;
  }

  /** `[key(labels, namespace)]`, shared while the label set is remembered (do not modify it). */
  keys(labels: Readonly<Record<string, string>> | undefined, namespace: string): string[] {
    if (labels === undefined || !Object.isFrozen(labels)) return [`${POD_EVENT}${namespace}/${JSON.stringify(labels ?? {})}`];
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i]!;
      if (r.namespace === namespace && (r.labels === labels || sameEntries(r, labels))) return r.keys;
    }
    const names = Object.keys(labels);
    const key = `${POD_EVENT}${namespace}/${JSON.stringify(labels)}`;
    const entry: Recent = { labels, namespace, names, values: names.map((n) => labels[n]!), keys: Object.freeze([key]) as unknown as string[] };
    if (recent.length < RECENT) recent.push(entry);
    else recent[this.next] = entry;
    this.next = (this.next + 1) % RECENT;
    return entry.keys;
  }
}

/** Whether `labels` has exactly `r`'s entries in `r`'s order (values compared as they are: strings). */
function sameEntries(r: Recent, labels: Readonly<Record<string, string>>): boolean {
  let i = 0;
  for (const k in labels) {
    if (i >= r.names.length || k !== r.names[i] || labels[k] !== r.values[i]) return false;
    i++;
  }
  return i === r.names.length;
}

const labelKeys = new LabelKeys();

export function podToLabelKeys(e: WatchEvent): string[] {
  const old = e.old;
  if (e.type === 'MODIFIED' && old && !endpointsChanged(old, e.object)) return NO_KEYS;
  const now = labelKeys.keys(e.object.metadata.labels, e.object.metadata.namespace ?? '');
  if (old && old.metadata.labels !== e.object.metadata.labels) {
    const before = labelKeys.key(old.metadata.labels, old.metadata.namespace ?? '');
    if (before !== now[0]) return [now[0]!, before];
  }
  return now;
}

/** `pods:<ns>/<labels json>` → its namespace. */
export function labelKeyNamespace(key: string): string {
  return key.slice(POD_EVENT.length, key.indexOf('/', POD_EVENT.length));
}

/** `pods:<ns>/<labels json>` → its parts. */
export function parseLabelKey(key: string): { namespace: string; labels: Record<string, string> } {
  const rest = key.slice(POD_EVENT.length);
  const slash = rest.indexOf('/');
  return { namespace: rest.slice(0, slash), labels: JSON.parse(rest.slice(slash + 1)) as Record<string, string> };
}
