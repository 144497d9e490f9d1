/** `argo list`: name, phase, progress, started, duration, template; filtered by phase. */
import type { WorkflowRow } from '../../worker/features/workflows';
import { duration, elapsed, tPlus } from './format';
import { PhaseBadge } from './phase';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Error'];

interface Props {
  rows: WorkflowRow[];
  phase: string;
  onPhase(p: string): void;
  selected?: { namespace: string; name: string };
  onSelect(namespace: string, name: string): void;
  now: number;
  startTime: number;
}

export function WorkflowList({ rows, phase, onPhase, selected, onSelect, now, startTime }: Props) {
  const shown = phase ? rows.filter((r) => r.phase === phase) : rows;
  return (
    <section className="wf-list" aria-labelledby="wf-list-title">
      <div className="panel-head">
        <h2 id="wf-list-title" className="panel-title">
          Workflows <span className="count">({shown.length})</span>
        </h2>
        <select aria-label="Filter by phase" value={phase} onChange={(e) => onPhase(e.target.value)}>
          <option value="">All phases</option>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <p className="muted pad">{rows.length ? 'No workflow in this phase.' : 'No workflows yet: apply one in the Cluster tab (kind: Workflow).'}</p>
      ) : (
        <table className="kube-table wf-table" data-kind="Workflow">
          <thead>
            <tr>
              <th scope="col">NAME · TEMPLATE</th>
              <th scope="col">PHASE · PROGRESS</th>
              <th scope="col">STARTED · DURATION</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const on = selected?.name === r.name && selected.namespace === r.namespace;
              return (
                <tr key={`${r.namespace}/${r.name}`} data-name={r.name} data-phase={r.phase} className={on ? 'on' : undefined}>
                  <td className="name">
                    <button type="button" className="link" aria-current={on ? 'true' : undefined} onClick={() => onSelect(r.namespace, r.name)} title={r.message ?? `${r.namespace}/${r.name}`}>
                      {r.name}
                    </button>
                    {r.suspended && <span className="tag">suspended</span>}
                    <div className="sub">{r.template}</div>
                  </td>
                  <td>
                    <PhaseBadge phase={r.phase} />
                    <div className="sub">{r.progress}</div>
                  </td>
                  <td>
                    {tPlus(r.startedAt, startTime)}
                    <div className="sub">{duration(elapsed(r.startedAt, r.finishedAt, now))}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
