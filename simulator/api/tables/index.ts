/**
 * `toTable`: objects → the `meta.k8s.io/v1` Table the API server returns for `kubectl get`. Pure (no
 * HTTP), so the CLI's `-o table` and the UI reuse it.
 */
import type { KindInfo } from '../../cluster/kinds.js';
import { since } from './duration.js';
import { configMapPrinter, endpointsPrinter, eventPrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './core.js';
import { podPrinter } from './pods.js';
import { field, printer } from './fields.js';
import { ingressPrinter, roleBindingPrinter } from './rbacNetworking.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage.js';
import { col, rec, str } from './types.js';
import type { Printer, Table, TableCell, TableColumnDefinition, TableRow } from './types.js';
import { cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads.js';

export type { Table, TableRow, TableCell, TableColumnDefinition, Printer } from './types.js';
export { humanDuration, since } from './duration.js';
export { podSummary } from './pods.js';
export type { PodSummary } from './pods.js';
export { formatSelector } from './workloads.js';
export { rec, arr } from './types.js';

const PRINTERS: Record<string, Printer> = {
  '/Pod': podPrinter,
  '/Service': servicePrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/Namespace': namespacePrinter,
  '/Endpoints': endpointsPrinter,
  '/Node': nodePrinter,
  '/PersistentVolume': persistentVolumePrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  '/Event': eventPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingPrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleBindingPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'events.k8s.io/Event': eventPrinter,
};

const NAME = col('Name', 'string', 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.', 0, 'name');

/** A CRD's `additionalPrinterColumns` entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ToTableOptions {
  /** From the CRD version being served; when absent, custom kinds get Name + Age. */
  printerColumns?: PrinterColumn[];
  /** `Object` embeds whole objects in rows; `Metadata` (the API server default) PartialObjectMetadata; `None` nothing. */
  includeObject?: 'None' | 'Metadata' | 'Object';
}

/**
 * Evaluate a CRD printer column's JSONPath: `.status.sync.status`, `.spec.items[0].name`,
 * `.status.conditions[?(@.type=="Ready")].status`, `.spec.containers[*].image`. Several matches
 * are joined with commas.
 */
export function readJsonPath(obj: unknown, path: string): unknown {
  const expr = path.trim().replace(/^\{/, '').replace(/\}$/, '').replace(/^\$/, '');
  const tokens = expr.match(/\.[^.[]+|\[\?\(@\.[^)]*\)\]|\[\*\]|\[\d+\]/g) ?? [];
  let cur: unknown[] = [obj];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (t.startsWith('.')) {
        const key = t.slice(1);
        const val = key === '*' ? Object.values(rec(v)) : [rec(v)[key]];
        next.push(...val);
      } else if (t === '[*]') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
      } else if (t.startsWith('[?')) {
        const m = t.match(/^\[\?\(@\.([\w.]+)\s*==\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+))\)\]$/);
        if (!m || !Array.isArray(v)) continue;
        const want = m[2] ?? m[3] ?? m[4] ?? '';
        for (const item of v as unknown[]) {
          const got = readJsonPath(item, `.${m[1]!}`);
          if (got !== undefined && String(got) === want) next.push(item);
        }
      } else if (Array.isArray(v)) next.push((v as unknown[])[Number(t.slice(1, -1))]);
    }
    cur = next.filter((x) => x !== undefined && x !== null);
  }
  if (cur.length === 0) return undefined;
  if (cur.length === 1) return cur[0];
  return cur.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',');
}

function crdCell(c: PrinterColumn) {
  return (o: Record<string, unknown>, now: number): TableCell => {
    const v = readJsonPath(o, c.jsonPath);
    if (v === undefined) return null;
    if (c.type === 'date') return since(v, now);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return JSON.stringify(v);
  };
}

function crdPrinter(columns: PrinterColumn[]): Printer {
  return printer(columns.map((c) => field(col(c.name, c.type === 'date' ? 'date' : (c.type as TableColumnDefinition['type']), c.description ?? '', c.priority ?? 0, c.format ?? ''), crdCell(c))));
}

const CREATED = 'CreationTimestamp is a timestamp representing the server time when this object was created.';

/** Custom resources without printer columns: Name, Age. */
const CUSTOM = printer([field(col('Age', 'date', CREATED), (o, now) => since(rec(o.metadata).creationTimestamp, now))]);

/** Built-in kinds without a printer (CRDs, Roles, ClusterRoles…) get the API server's default table. */
const DEFAULT = printer([field(col('Created At', 'date', CREATED), (o) => str(rec(o.metadata).creationTimestamp))]);

/** What identifies a kind's printer; `fromCrd` marks custom resources. */
export type TableKind = Pick<KindInfo, 'group' | 'kind'> & { fromCrd?: boolean };

/** The printer kubectl would get from a real API server for this kind. */
export function printerFor(info: TableKind, printerColumns?: PrinterColumn[]): Printer {
  if (printerColumns && printerColumns.length > 0) return crdPrinter(printerColumns);
  return PRINTERS[`${info.group}/${info.kind}`] ?? (info.fromCrd || !isBuiltinGroup(info.group) ? CUSTOM : DEFAULT);
}

/** Groups served by kube-apiserver itself (custom resources live in other groups). */
function isBuiltinGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

function rowObject(o: Record<string, unknown>, mode: ToTableOptions['includeObject']): TableRow['object'] {
  if (mode === 'None') return undefined;
  if (mode === 'Object') return o as TableRow['object'];
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: rec(o.metadata) } as TableRow['object'];
}

/** Objects of one kind → a Table; `now` is the (virtual) time ages are measured against. */
export function toTable(objects: readonly object[], info: TableKind, now: number, opts: ToTableOptions = {}): Table {
  const printer = printerFor(info, opts.printerColumns);
  const columnDefinitions = printer.omitName ? printer.columns : [NAME, ...printer.columns];
  const rows = objects.map((obj): TableRow => {
    const o = obj as Record<string, unknown>;
    const cells = printer.cells(o, now);
    const row: TableRow = { cells: printer.omitName ? cells : [str(rec(o.metadata).name), ...cells] };
    const embedded = rowObject(o, opts.includeObject ?? 'Object');
    if (embedded !== undefined) row.object = embedded;
    return row;
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions, rows };
}

/** Render a Table as kubectl prints it (upper-case headers, 3-space gaps, priority-0 columns unless `wide`). */
export function formatTable(table: Table, opts: { wide?: boolean; namespace?: (row: TableRow) => string | undefined } = {}): string {
  const keep = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const header = keep.map(({ c }) => c.name.toUpperCase());
  const lines: string[][] = table.rows.map((r) => keep.map(({ i }) => cellText(r.cells[i])));
  if (opts.namespace) {
    header.unshift('NAMESPACE');
    table.rows.forEach((r, j) => lines[j]!.unshift(opts.namespace!(r) ?? ''));
  }
  const all = [header, ...lines];
  const widths = header.map((_, k) => Math.max(...all.map((l) => l[k]!.length)));
  return all.map((l) => l.map((cell, k) => (k === l.length - 1 ? cell : cell.padEnd(widths[k]! + 3))).join('').trimEnd()).join('\n') + '\n';
}

function cellText(v: TableCell | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}
