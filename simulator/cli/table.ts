/**
 * `kubectl get`-style text: one section per kind, `kind.group/name` when several kinds are shown, a
 * NAMESPACE column when objects span namespaces, columns padded like kubectl's tabwriter.
 */
import type { KindInfo } from '../cluster/kinds.js';
import type { StoredObject } from '../cluster/types.js';
import type { Sandbox } from '../sandbox.js';
import type { ObjectStore } from '../cluster/store/index.js';
import { toTable } from '../api/tables/index.js';
import { printerColumnsFor } from '../api/tablesFor.js';

/** The parts of a `meta.k8s.io/v1` Table this printer reads. */
export interface PrintableTable {
  columnDefinitions: { name: string; priority: number }[];
  rows: { cells: (string | number | boolean | null)[] }[];
}

export type TableBuilder = (objects: StoredObject[], info: KindInfo, now: number) => PrintableTable;

/** The API server's printers (the same Tables `kubectl get` receives), with CRD printer columns. */
export function serverTable(store: ObjectStore): TableBuilder {
  return (objects, info, now) => toTable(objects, info, now, { printerColumns: printerColumnsFor(store, info), includeObject: 'None' });
}

function pad(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('').trimEnd()).join('\n') + '\n';
}

function qualifiedKind(info: KindInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/** Objects (already sorted by kind) as kubectl would print them; '' when there are none. */
export function renderTables(sandbox: Sandbox, objects: StoredObject[], build: TableBuilder = serverTable(sandbox.store)): string {
  const groups = new Map<string, { info: KindInfo; objects: StoredObject[] }>();
  for (const o of objects) {
    const info = sandbox.store.kinds.find(o.apiVersion, o.kind);
    if (!info) continue;
    const id = `${info.group}/${info.kind}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { info, objects: [] }));
    g.objects.push(o);
  }
  const namespaces = new Set(objects.map((o) => o.metadata.namespace ?? ''));
  const showNamespace = namespaces.size > 1 || (namespaces.size === 1 && !namespaces.has('') && !namespaces.has('default'));
  const prefixKind = groups.size > 1;
  const sections: string[] = [];
  for (const { info, objects: objs } of groups.values()) {
    const table = build(objs, info, sandbox.now());
    const cols = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0);
    const head = cols.map(({ c }) => c.name.toUpperCase());
    if (showNamespace) head.unshift('NAMESPACE');
    const rows = [head];
    table.rows.forEach((r, ri) => {
      const cells = cols.map(({ i }) => {
        const v = r.cells[i];
        return v === null || v === undefined ? '' : String(v);
      });
      if (prefixKind && cells.length > 0) cells[0] = `${qualifiedKind(info)}/${cells[0]}`;
      if (showNamespace) cells.unshift(info.namespaced ? (objs[ri]?.metadata.namespace ?? '') : '');
      rows.push(cells);
    });
    sections.push(pad(rows));
  }
  return sections.join('\n');
}
