/** One kind as a `kubectl get` table. */
import type { KindGroupView, ObjectRow } from '../worker/protocol';
import { ContainerBadges } from './ContainerBadges';
import { useNav } from '../views/nav';

interface Props {
  group: KindGroupView;
  rows: ObjectRow[];
  showNamespace: boolean;
  /** uid of the row shown in the side panel. */
  selected?: string | undefined;
  onSelect?(row: ObjectRow): void;
}

export function KindTable({ group, rows, showNamespace, selected, onSelect }: Props) {
  const id = `kind-${group.group || 'core'}-${group.kind}`;
  const withNs = showNamespace && group.namespaced;
  const isPod = group.kind === 'Pod' && group.group === '';
  const isWorkflow = group.kind === 'Workflow' && group.group === 'argoproj.io';
  const nav = useNav();
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
          {rows.map((r) => (
            <tr key={r.uid} className={selected === r.uid ? 'selected' : undefined} data-name={r.name} data-namespace={r.namespace ?? ''} data-status={r.status} data-ready={r.ready}>
              {withNs && <td className="ns">{r.namespace}</td>}
              <td className="name">
                {onSelect ? (
                  <button type="button" className="row-link" aria-label={`Show ${group.kind} ${r.name}`} aria-pressed={selected === r.uid} onClick={() => onSelect(r)}>
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
                <td key={i} className={group.columns[i] === 'STATUS' ? `status ${r.tone}` : undefined}>
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
          ))}
        </tbody>
      </table>
    </section>
  );
}
