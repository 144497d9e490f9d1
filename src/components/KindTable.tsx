/**
 * One kind as a `kubectl get` table. A large kind shows its first rows and a "show more" line: a DOM of thousands of
 * rows re-laid-out on every push (≤10/s) is what made the page drop frames with 1,000 pods; rows that did not change
 * between pushes are not re-rendered.
 */
import { memo, useCallback, useRef, useState } from 'react';
import type { KindGroupView, ObjectRow } from '../worker/protocol';
import { ContainerBadges } from './ContainerBadges';
import { useNav } from '../views/nav';
import type { Nav } from '../views/nav';

/** Rows rendered at first, and added per "Show more". */
export const ROWS_PAGE = 100;

interface Props {
  group: KindGroupView;
  rows: ObjectRow[];
  showNamespace: boolean;
  /** uid of the row shown in the side panel. */
  selected?: string | undefined;
  onSelect?(row: ObjectRow): void;
}

interface RowProps {
  row: ObjectRow;
  kind: string;
  columns: string[];
  withNs: boolean;
  isPod: boolean;
  isWorkflow: boolean;
  selected: boolean;
  onSelect: ((row: ObjectRow) => void) | undefined;
  nav: Nav;
}

function Row({ row: r, kind, columns, withNs, isPod, isWorkflow, selected, onSelect, nav }: RowProps) {
  return (
    <tr className={selected ? 'selected' : undefined} data-name={r.name} data-namespace={r.namespace ?? ''} data-status={r.status} data-ready={r.ready}>
      {withNs && <td className="ns">{r.namespace}</td>}
      <td className="name">
        {onSelect ? (
          <button type="button" className="row-link" aria-label={`Show ${kind} ${r.name}`} aria-pressed={selected} onClick={() => onSelect(r)}>
            {r.name}
          </button>
        ) : (
          r.name
        )}
        {isWorkflow && (
          <button type="button" className="row-link" style={{ marginLeft: 8 }} aria-label={`Graph of workflow ${r.name}`} onClick={() => nav.go('workflows', { kind: 'Workflow', namespace: r.namespace ?? 'default', name: r.name })}>
            graph
          </button>
        )}
      </td>
      {r.cells.map((c, i) => (
        <td key={i} className={columns[i] === 'STATUS' ? `status ${r.tone}` : undefined}>
          {c}
        </td>
      ))}
      {isPod && (
        <td>
          {r.containers && <ContainerBadges containers={r.containers} />}
          <button type="button" className="row-link" aria-label={`Timeline of pod ${r.name}`} onClick={() => nav.go('pod', { kind: 'Pod', namespace: r.namespace ?? 'default', name: r.name })}>
            timeline
          </button>
        </td>
      )}
    </tr>
  );
}

/** Every push brings new row objects (they cross the worker boundary): compare what is shown, not identity. */
const MemoRow = memo(Row, (a, b) =>
  a.selected === b.selected &&
  a.withNs === b.withNs &&
  a.columns.length === b.columns.length &&
  a.columns.every((c, i) => c === b.columns[i]) &&
  a.nav === b.nav &&
  (a.onSelect === undefined) === (b.onSelect === undefined) &&
  (a.row === b.row || JSON.stringify(a.row) === JSON.stringify(b.row)),
);

export function KindTable({ group, rows, showNamespace, selected, onSelect }: Props) {
  const id = `kind-${group.group || 'core'}-${group.kind}`;
  const withNs = showNamespace && group.namespaced;
  const isPod = group.kind === 'Pod' && group.group === '';
  const isWorkflow = group.kind === 'Workflow' && group.group === 'argoproj.io';
  const nav = useNav();
  const [limit, setLimit] = useState(ROWS_PAGE);
  // The parent passes a fresh callback on every push; rows get one stable function that calls the latest.
  const latest = useRef(onSelect);
  latest.current = onSelect;
  const select = useCallback((row: ObjectRow) => latest.current?.(row), []);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const hidden = rows.length - shown.length;
  return (
    <section className="kind" aria-labelledby={id}>
      <h2 id={id} className="kind-title">
        {group.resource} <span className="count">({rows.length})</span>
      </h2>
      <table className="kube-table" data-kind={group.kind}>
        <thead>
          <tr>
            {withNs && <th scope="col">NAMESPACE</th>}
            <th scope="col">NAME</th>
            {group.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            {isPod && <th scope="col">CONTAINERS</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <MemoRow key={r.uid} row={r} kind={group.kind} columns={group.columns} withNs={withNs} isPod={isPod} isWorkflow={isWorkflow} selected={selected === r.uid} onSelect={onSelect ? select : undefined} nav={nav} />
          ))}
        </tbody>
      </table>
      {hidden > 0 && (
        <p className="muted more-rows" data-hidden={hidden}>
          Showing {shown.length} of {rows.length} {group.resource}; pick a namespace to narrow the list, or{' '}
          <button type="button" className="btn" onClick={() => setLimit((n) => n + ROWS_PAGE)} aria-label={`Show ${Math.min(ROWS_PAGE, hidden)} more ${group.resource}`}>
            show {Math.min(ROWS_PAGE, hidden)} more
          </button>{' '}
          <button type="button" className="btn" onClick={() => setLimit(Infinity)} aria-label={`Show all ${rows.length} ${group.resource}`}>
            show all {rows.length}
          </button>
        </p>
      )}
    </section>
  );
}
