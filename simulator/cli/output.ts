/** What `run` prints: the resulting objects as a `kubectl get`-style List or table, or the event log. */
import { ARGOCD_NAMESPACE } from '../argocd/install.js';
import { dump } from 'js-yaml';
import type { SimEvent } from '../core/eventLog.js';
import type { Sandbox } from '../sandbox.js';
import type { KubeObject, StoredObject } from '../cluster/types.js';
import { presentObject } from '../api/present.js';
import { renderTables } from './table.js';

export type OutputFormat = 'json' | 'yaml' | 'table';

/** Namespaces the cluster itself owns; `default` is the user's. */
export function isSystemNamespace(ns: string): boolean {
  return ns.startsWith('kube-');
}

function isEvent(o: StoredObject): boolean {
  return o.kind === 'Event' && (o.apiVersion === 'v1' || o.apiVersion.startsWith('events.k8s.io/'));
}

/** Kinds in the order a reader expects them (roughly kubectl's apply order), then alphabetically. */
const KIND_ORDER = [
  'Namespace',
  'CustomResourceDefinition',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Service',
  'Endpoints',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Job',
  'Pod',
  'Ingress',
];

function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortObjects<T extends KubeObject>(objects: T[]): T[] {
  return objects.sort(
    (a, b) =>
      kindRank(a.kind) - kindRank(b.kind) ||
      cmp(a.kind, b.kind) ||
      cmp(a.apiVersion, b.apiVersion) ||
      cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
      cmp(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
}

export interface SelectOptions {
  /** Also system namespaces, every cluster-scoped object and Events. */
  all?: boolean;
  /** uids of the objects the user applied: the cluster-scoped objects shown without `all`. */
  applied: ReadonlySet<string>;
}

/** Everything in user namespaces plus the cluster-scoped objects the user applied. */
export function selectObjects(sandbox: Sandbox, opts: SelectOptions): StoredObject[] {
  const out: StoredObject[] = [];
  for (const o of sandbox.store.allObjects()) {
    if (opts.all) {
      out.push(o);
      continue;
    }
    if (isEvent(o)) continue;
    const ns = o.metadata.namespace;
    // Argo CD's own namespace is installed with the world: show only the input's objects and Applications there.
    if (ns === ARGOCD_NAMESPACE) {
      if (opts.applied.has(o.metadata.uid) || o.kind === 'Application') out.push(o);
      continue;
    }
    if (ns ? !isSystemNamespace(ns) : opts.applied.has(o.metadata.uid)) out.push(o);
  }
  return sortObjects(out);
}

/** What the API would show (no kubelet bookkeeping), and kubectl hides managedFields unless asked. */
function forPrint(stored: StoredObject, showManagedFields: boolean): KubeObject {
  const o = presentObject(stored);
  if (showManagedFields || o.metadata.managedFields === undefined) return o;
  const { managedFields: _hidden, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** A `v1 List`, field order as kubectl prints it. */
export function toList(objects: StoredObject[], showManagedFields = false): KubeObject {
  return {
    apiVersion: 'v1',
    items: objects.map((o) => forPrint(o, showManagedFields)) as unknown as KubeObject['items'],
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

export function formatObjects(sandbox: Sandbox, objects: StoredObject[], format: OutputFormat): string {
  if (format === 'table') return renderTables(sandbox, objects);
  const list = toList(objects);
  // kubectl's YAML: keys sorted, list items not indented under their key, double-quoted strings.
  if (format === 'yaml') return dump(list, { noRefs: true, lineWidth: -1, seqNoIndent: true, quoteStyle: 'double', sortKeys: true });
  return JSON.stringify(list, null, 4) + '\n';
}

/** ISO-8601 with milliseconds: the event log keeps virtual time to the ms. */
export function isoMs(t: number): string {
  return new Date(t).toISOString();
}

/** One JSON object per event, with virtual time as ISO text. */
export function formatEvents(events: readonly SimEvent[]): string {
  let out = '';
  for (const e of events) {
    const line: Record<string, unknown> = {
      t: isoMs(e.t),
      source: e.source,
      involvedObject: e.involvedObject,
      reason: e.reason,
      message: e.message,
      type: e.type,
    };
    if (e.why !== undefined) line.why = e.why;
    out += JSON.stringify(line) + '\n';
  }
  return out;
}
