/**
 * Rows like `kubectl get`: the columns and cells come from the API server's own printers (`toTable`),
 * so the UI, the CLI's `-o table` and real kubectl against `argo-sandbox serve` all agree.
 */
import { toTable } from '../../../simulator/api/tables/index.js';
import type { TableCell } from '../../../simulator/api/tables/index.js';
import type { PrinterColumn } from '../../../simulator/api/tables/index.js';
import type { KindInfo, StoredObject } from '../../../simulator/cluster/index.js';
import type { ObjectRow } from '../protocol.js';
import { containerViews } from './containers.js';

type Tone = ObjectRow['tone'];

const ERROR = /Error|BackOff|ErrImage|Fail|OOMKilled|Invalid|ExitCode|Signal|Unknown|Evicted|Degraded|NotReady|Missing/;
const OK = /^(Completed|Succeeded|Complete|Active|Ready|Healthy|Synced|Bound|Available)$/;

/** `3/3` ready, `1/3` progressing; `0/0` is nothing to wait for. */
function readyTone(ready: string): Tone {
  const m = /^(\d+)\/(\d+)$/.exec(ready);
  if (!m) return 'neutral';
  return m[1] === m[2] ? 'ok' : 'progress';
}

function toneOf(kind: string, status: string, ready: string | undefined): Tone {
  if (status && ERROR.test(status)) return 'error';
  if (kind === 'Pod' && status === 'Running' && ready) return readyTone(ready) === 'ok' ? 'ok' : 'warn';
  if (status && OK.test(status)) return 'ok';
  if (ready) return readyTone(ready);
  return status ? 'progress' : 'neutral';
}

const text = (c: TableCell | undefined): string => (c === null || c === undefined ? '' : String(c));

export interface KindRows {
  columns: string[];
  rows: ObjectRow[];
}

export function kindRows(objects: StoredObject[], info: Pick<KindInfo, 'group' | 'kind'>, now: number, printerColumns?: PrinterColumn[]): KindRows {
  const table = toTable(objects, info, now, { includeObject: 'None', ...(printerColumns ? { printerColumns } : {}) });
  // Priority-0 columns are what `kubectl get` shows without `-o wide`; NAME is rendered on its own.
  const keep = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0 && c.name !== 'Name');
  const columns = keep.map(({ c }) => c.name.toUpperCase());
  const statusAt = columns.indexOf('STATUS');
  const readyAt = columns.indexOf('READY');
  const ageAt = columns.indexOf('AGE');
  const rows = objects.map((o, j): ObjectRow => {
    const cells = keep.map(({ i }) => text(table.rows[j]!.cells[i]));
    const phase = (o.status as { phase?: unknown } | undefined)?.phase;
    const status = statusAt >= 0 ? cells[statusAt]! : typeof phase === 'string' ? phase : '';
    const row: ObjectRow = { uid: o.metadata.uid, name: o.metadata.name, status, age: ageAt >= 0 ? cells[ageAt]! : '', cells, tone: 'neutral' };
    if (readyAt >= 0) row.ready = cells[readyAt]!;
    if (info.kind === 'Job' && info.group === 'batch') row.ready = cells[columns.indexOf('COMPLETIONS')] ?? '';
    if (info.kind === 'ReplicaSet' && info.group === 'apps') row.ready = `${cells[readyAt] ?? 0}/${cells[columns.indexOf('DESIRED')] ?? 0}`;
    row.tone = toneOf(info.kind, status, row.ready);
    if (o.metadata.namespace) row.namespace = o.metadata.namespace;
    if (info.kind === 'Pod' && info.group === '') row.containers = containerViews(o);
    return row;
  });
  return { columns, rows };
}
