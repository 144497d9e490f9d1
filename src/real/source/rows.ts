/**
 * Real objects (JSON from the bridge) → the rows the views already draw: `kubectl get` groups for the Cluster tab
 * (the same printers and CRD printer columns as the simulator's view model), `argo list` rows for the Workflows tab
 * and Argo CD list cards for the Applications tab. Pure functions: the same object gives the simulator's row.
 */
import type { KubeObject } from '../../../bridge/server/protocol';
import type { PrinterColumn } from '../../../simulator/api/tables/index';
import type { StoredObject } from '../../../simulator/cluster/types';
import { kindRows } from '../../worker/viewModel/rows';
import type { KindGroupView } from '../../worker/protocol';
import type { WorkflowRow } from '../../worker/features/workflows';
import type { AppSummary } from '../../worker/features/apps/types';
import { REAL_KINDS } from './kinds';
import type { RealKind } from './kinds';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ms = (iso: unknown): number | undefined => {
  if (typeof iso !== 'string' || !iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

export const kindKey = (apiVersion: string, kind: string): string => `${apiVersion}\u0000${kind}`;

/** A CRD's additionalPrinterColumns for the served version (what `kubectl get` prints for a custom resource). */
export function printerColumnsOf(crds: readonly KubeObject[], k: Pick<RealKind, 'apiVersion' | 'group' | 'kind'>): PrinterColumn[] | undefined {
  const version = k.apiVersion.split('/').pop();
  for (const crd of crds) {
    const spec = rec(crd.spec);
    if (spec.group !== k.group || rec(spec.names).kind !== k.kind) continue;
    const cols = arr(spec.versions).map(rec).find((v) => v.name === version)?.additionalPrinterColumns;
    return Array.isArray(cols) ? (cols as unknown as PrinterColumn[]) : undefined;
  }
  return undefined;
}

const byNamespaceThenName = (a: KubeObject, b: KubeObject) =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** The Cluster tab's groups from the real cluster's objects (keyed by `kindKey`), kinds in REAL_KINDS order. */
export function realKindGroups(objects: ReadonlyMap<string, readonly KubeObject[]>, crds: readonly KubeObject[], now: number): KindGroupView[] {
  const groups: KindGroupView[] = [];
  for (const k of REAL_KINDS) {
    const list = [...(objects.get(kindKey(k.apiVersion, k.kind)) ?? [])].sort(byNamespaceThenName);
    if (list.length === 0) continue;
    const printerColumns = k.group === 'argoproj.io' ? printerColumnsOf(crds, k) : undefined;
    // API objects always carry uid and name: the stored shape the printers read.
    const { columns, rows } = kindRows(list as unknown as StoredObject[], k, now, printerColumns);
    groups.push({ kind: k.kind, group: k.group, resource: k.group ? `${k.plural}.${k.group}` : k.plural, namespaced: k.namespaced, columns, rows });
  }
  return groups;
}

/** Names of the real cluster's namespaces, for the namespace filter. */
export function namespacesOf(objects: ReadonlyMap<string, readonly KubeObject[]>): string[] {
  return (objects.get(kindKey('v1', 'Namespace')) ?? []).map((n) => n.metadata.name ?? '').sort();
}

/** Argo UI's isWorkflowSuspended: `spec.suspend` or a running Suspend node. */
function suspended(spec: Rec, status: Rec): boolean {
  if (spec.suspend === true) return true;
  return Object.values(rec(status.nodes)).some((n) => rec(n).type === 'Suspend' && rec(n).phase === 'Running');
}

/** One `argo list` row, as the workflows feature builds it. */
export function realWorkflowRow(wf: KubeObject): WorkflowRow {
  const st = rec(wf.status);
  const spec = rec(wf.spec);
  const r: WorkflowRow = {
    namespace: wf.metadata.namespace ?? 'default',
    name: wf.metadata.name ?? '',
    phase: str(st.phase) || 'Pending',
    progress: str(st.progress) ?? '0/0',
    template: str(rec(spec.workflowTemplateRef).name) ?? str(spec.entrypoint) ?? '',
    suspended: suspended(spec, st),
  };
  const started = ms(st.startedAt);
  const finished = ms(st.finishedAt);
  if (started !== undefined) r.startedAt = started;
  if (finished !== undefined) r.finishedAt = finished;
  if (str(st.message)) r.message = str(st.message)!;
  const cron = wf.metadata.labels?.['workflows.argoproj.io/cron-workflow'];
  if (cron) r.cron = cron;
  return r;
}

/** Newest first, like `argo list`. */
export function realWorkflowRows(wfs: readonly KubeObject[]): WorkflowRow[] {
  return wfs
    .map((wf) => ({ wf, created: ms(wf.metadata.creationTimestamp) ?? 0 }))
    .sort((a, b) => b.created - a.created || ((a.wf.metadata.name ?? '') < (b.wf.metadata.name ?? '') ? -1 : 1))
    .map(({ wf }) => realWorkflowRow(wf));
}

/** One Applications card, as the apps feature summarizes an Application. */
export function realAppSummary(obj: KubeObject): AppSummary {
  const spec = rec(obj.spec);
  const st = obj.status === undefined ? undefined : rec(obj.status);
  const source = arr(spec.sources).length ? rec(arr(spec.sources)[0]) : spec.source === undefined ? undefined : rec(spec.source);
  const op = st?.operationState === undefined ? undefined : rec(st.operationState);
  const dest = rec(spec.destination);
  const sync = st?.sync === undefined ? undefined : rec(st.sync);
  const health = st?.health === undefined ? undefined : rec(st.health);
  const automated = rec(spec.syncPolicy).automated;
  const out: AppSummary = {
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    project: str(spec.project) || 'default',
    repoURL: str(source?.repoURL) ?? '',
    path: str(source?.path) ?? '',
    targetRevision: str(source?.targetRevision) || 'HEAD',
    destination: `${str(dest.server) ?? str(dest.name) ?? ''}${dest.namespace ? ` / ${String(dest.namespace)}` : ''}`,
    sync: str(sync?.status) ?? 'Unknown',
    revision: str(sync?.revision) ?? str(arr(sync?.revisions)[0]) ?? '',
    health: health ? { status: str(health.status) ?? '', ...(str(health.message) ? { message: str(health.message)! } : {}) } : { status: 'Unknown' },
    automated: !!automated && rec(automated).enabled !== false,
    resourceCount: arr(st?.resources).filter((r) => !rec(r).hook).length,
    conditionCount: arr(st?.conditions).length,
    deleting: !!obj.metadata.deletionTimestamp,
  };
  if (str(source?.chart)) out.chart = str(source?.chart)!;
  if (op) {
    out.operationPhase = str(op.phase) ?? '';
    if (str(op.message) !== undefined) out.operationMessage = str(op.message)!;
    const at = ms(op.finishedAt) ?? ms(op.startedAt);
    if (at !== undefined) out.operationAt = at;
  } else if (obj.operation) out.operationPhase = 'Pending';
  return out;
}

export function realAppSummaries(apps: readonly KubeObject[]): AppSummary[] {
  return [...apps].sort(byNamespaceThenName).map(realAppSummary);
}
