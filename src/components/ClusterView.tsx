/** The cluster, kind by kind, filtered by namespace like `kubectl get -n` / `-A`. */
import type { KindGroupView, LocatedError, ObjectRow, ViewModel } from '../worker/protocol';
import { KindTable } from './KindTable';
import { formatError } from '../engine';

interface Props {
  view: ViewModel | null;
  namespace: string;
  onNamespace(ns: string): void;
  loadErrors: LocatedError[];
  selected?: string | undefined;
  /** A row was clicked: show that object (YAML and events). */
  onSelect?(group: KindGroupView, row: ObjectRow): void;
}

export function ClusterView({ view, namespace, onNamespace, loadErrors, selected, onSelect }: Props) {
  const groups = (view?.kinds ?? [])
    .map((g) => ({ group: g, rows: namespace && g.namespaced ? g.rows.filter((r) => r.namespace === namespace) : g.rows }))
    .filter(({ group, rows }) => rows.length > 0 && (!namespace || group.namespaced));
  return (
    <section className="panel cluster" aria-label="Cluster">
      <div className="panel-head">
        <h2 className="panel-title">Cluster</h2>
        <label className="ns-select">
          Namespace
          <select value={namespace} onChange={(e) => onNamespace(e.target.value)} aria-label="Namespace filter">
            <option value="">All namespaces</option>
            {(view?.namespaces ?? []).map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
      </div>
      {loadErrors.length > 0 && (
        <ul className="errors" role="alert" aria-label="Scenario errors">
          {loadErrors.map((e, i) => (
            <li key={i}>{formatError(e)}</li>
          ))}
        </ul>
      )}
      <div className="panel-body">
        {!view && <p className="muted">Starting the engine…</p>}
        {groups.map(({ group, rows }) => (
          <KindTable key={`${group.group}/${group.kind}`} group={group} rows={rows} showNamespace={!namespace} selected={selected} {...(onSelect ? { onSelect: (row: ObjectRow) => onSelect(group, row) } : {})} />
        ))}
      </div>
    </section>
  );
}
