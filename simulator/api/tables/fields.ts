/**
 * Table-driven printers: each column sits beside the function that reads its cell, so a kind's
 * printer is one list and its headers and cells cannot drift apart.
 */
import { since } from './duration.js';
import { col, rec } from './types.js';
import type { Printer, TableCell, TableColumnDefinition } from './types.js';

type Obj = Record<string, unknown>;

/** One column and its cell; `d` is what the printer derived once per object (see `printer`). */
export interface Field<D = unknown> {
  column: TableColumnDefinition;
  cell(o: Obj, now: number, d: D): TableCell;
}

export function field<D = unknown>(column: TableColumnDefinition, cell: (o: Obj, now: number, d: D) => TableCell): Field<D> {
  return { column, cell };
}

export interface PrinterOptions<D> {
  /** Work several cells share (kubectl's pod summary), done once per object. */
  derive?: (o: Obj) => D;
  /** The table does not start with a Name column (events). */
  omitName?: boolean;
}

export function printer<D = undefined>(fields: readonly Field<D>[], opts: PrinterOptions<D> = {}): Printer {
  const { derive, omitName } = opts;
  return {
    columns: fields.map((f) => f.column),
    ...(omitName ? { omitName } : {}),
    cells: (o, now) => {
      const d = (derive ? derive(o) : undefined) as D;
      return fields.map((f) => f.cell(o, now, d));
    },
  };
}

export const spec = (o: Obj): Obj => rec(o.spec);
export const status = (o: Obj): Obj => rec(o.status);

/** `<none>` for an empty list, like kubectl. */
export function listOrNone(items: readonly string[]): string {
  return items.length > 0 ? items.join(',') : '<none>';
}

/** `k=v,k2=v2` of a string map (selectors, node selectors). */
export function pairs(map: unknown): string[] {
  return Object.entries(rec(map)).map(([k, v]) => `${k}=${String(v)}`);
}

export const AGE: Field = field(
  col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
  (o, now) => since(rec(o.metadata).creationTimestamp, now),
);
