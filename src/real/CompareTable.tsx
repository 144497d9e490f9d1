/** The sim-vs-real table of one run: a row per compared item, the differing ones marked. */
import type { Comparison } from './compare';

export function CompareTable({ comparison }: { comparison: Comparison }) {
  const { kind, name, rows, differences } = comparison;
  return (
    <section className="real-compare" aria-label={`Simulated vs real: ${kind} ${name}`}>
      <h3>
        {kind} {name}: {differences === 0 ? 'the simulation and the cluster agree' : `${differences} difference${differences === 1 ? '' : 's'}`}
      </h3>
      <table className="kube-table">
        <thead>
          <tr>
            <th>{kind === 'Workflow' ? 'NODE' : 'ITEM'}</th>
            <th>{kind === 'Workflow' ? 'TYPE' : 'PHASE'}</th>
            <th>SIMULATED</th>
            <th>REAL</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.item} className={r.same ? '' : 'real-differs'} data-same={r.same}>
              <td>{r.item}</td>
              <td>{r.type}</td>
              <td>{r.sim}</td>
              <td>
                {r.real}
                {r.same ? '' : ' ≠'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
