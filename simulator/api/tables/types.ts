/** `meta.k8s.io/v1` Table: what the API server returns when kubectl asks for `as=Table`. */
import { isObj } from '../../cluster/types.js';
import type { JsonValue } from '../../cluster/types.js';

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRow {
  cells: TableCell[];
  /** The object (or its PartialObjectMetadata) the row shows; kubectl reads names and namespaces from it. */
  object?: JsonValue;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** One kind's printer: its extra columns (after Name) and the cells for one object. */
export interface Printer {
  columns: TableColumnDefinition[];
  /** The kind's table does not start with a Name column (events). */
  omitName?: boolean;
  cells(obj: Record<string, unknown>, now: number): TableCell[];
}

export function col(name: string, type: TableColumnDefinition['type'] = 'string', description = '', priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** Loose readers for untyped object fields. */
export function rec(v: unknown): Record<string, unknown> {
  return isObj(v) ? v : {};
}

export function arr(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(rec) : [];
}

export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
