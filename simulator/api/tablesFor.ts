/** Table responses: the kind's printer, with a CRD's additionalPrinterColumns when it has them. */
import type { KindInfo } from '../cluster/kinds.js';
import type { ObjectStore } from '../cluster/store/index.js';
import type { KubeObject } from '../cluster/types.js';
import { toTable } from './tables/index.js';
import type { PrinterColumn, Table, ToTableOptions } from './tables/index.js';
import { rec } from './tables/types.js';

export function printerColumnsFor(store: ObjectStore, info: KindInfo): PrinterColumn[] | undefined {
  if (!info.fromCrd) return undefined;
  for (const crd of store.list({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' })) {
    const spec = rec(crd.spec);
    if (spec.group !== info.group || rec(spec.names).kind !== info.kind) continue;
    const versions = Array.isArray(spec.versions) ? spec.versions.map(rec) : [];
    const v = versions.find((x) => x.name === info.version);
    const cols = v?.additionalPrinterColumns;
    return Array.isArray(cols) ? (cols as unknown as PrinterColumn[]) : undefined;
  }
  return undefined;
}

export function includeObjectOf(q: URLSearchParams): ToTableOptions['includeObject'] {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function tableFor(store: ObjectStore, info: KindInfo, objects: readonly KubeObject[], now: number, q: URLSearchParams): Table {
  return toTable(objects, info, now, { printerColumns: printerColumnsFor(store, info), includeObject: includeObjectOf(q) });
}
