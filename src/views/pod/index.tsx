/**
 * One pod's life: a per-container timeline (init → main + wait/sidecars) on the virtual-time axis with the waiting
 * reasons, restarts and back-offs, probes, the kubelet's events with their "why", and each container's logs.
 */
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '../../engine/feature';
import type { ViewProps } from '../index';
import { useNav } from '../nav';
import { tPlus } from '../workflows/format';
import { Logs } from '../workflows/Logs';
import { Timeline } from './Timeline';
import '../workflows/styles.css';
import './styles.css';

export default function PodPage({ engine, view }: ViewProps) {
  const nav = useNav();
  const [sel, setSel] = useState<{ namespace: string; name: string } | undefined>();
  const [container, setContainer] = useState('');
  const [previous, setPrevious] = useState(false);
  const pods = useQuery(engine, view, 'pods', 'list').data ?? [];
  const { data: tl, error } = useQuery(engine, view, 'pods', 'timeline', sel?.namespace ?? '', sel?.name ?? '');
  const startTime = view?.startTime ?? 0;

  const target = nav.target;
  useEffect(() => {
    if (target?.kind === 'Pod') {
      setSel({ namespace: target.namespace ?? 'default', name: target.name });
      if (target.part) setContainer(target.part);
    }
  }, [target]);
  useEffect(() => {
    if (!sel && pods.length > 0) setSel({ namespace: pods[0]!.namespace, name: pods[0]!.name });
  }, [sel, pods]);

  const shown = tl && tl.containers.some((c) => c.name === container) ? container : (tl?.containers.find((c) => c.role === 'main')?.name ?? tl?.containers[0]?.name ?? '');
  const current = tl?.containers.find((c) => c.name === shown);
  const events = useMemo(() => {
    if (!tl) return [];
    const all = [...tl.events.map((e) => ({ ...e, container: '' })), ...tl.containers.flatMap((c) => c.markers.map((m) => ({ ...m, container: c.name })))];
    return all.sort((a, b) => a.t - b.t);
  }, [tl]);

  return (
    <main className="pod-layout">
      <section className="panel pod-main" aria-label="Pod timeline">
        <div className="panel-head">
          <h2 className="panel-title">Pod</h2>
          <select
            aria-label="Pod"
            value={sel ? `${sel.namespace}/${sel.name}` : ''}
            onChange={(e) => {
              const [namespace, name] = e.target.value.split('/');
              setSel({ namespace: namespace!, name: name! });
              setContainer('');
            }}
          >
            {!sel && <option value="">No pods</option>}
            {sel && !pods.some((p) => p.name === sel.name && p.namespace === sel.namespace) && <option value={`${sel.namespace}/${sel.name}`}>{sel.name} (gone)</option>}
            {pods.map((p) => (
              <option key={`${p.namespace}/${p.name}`} value={`${p.namespace}/${p.name}`}>
                {p.namespace}/{p.name} — {p.phase}
              </option>
            ))}
          </select>
        </div>
        <div className="panel-body">
          {error && <p className="errors">{error}</p>}
          {!sel && <p className="muted">No pods yet.</p>}
          {sel && tl === null && <p className="muted">Pod {sel.name} does not exist (any more): workflow pods can be garbage-collected.</p>}
          {tl && (
            <>
              <div className="pod-summary">
                <strong className="mono">{tl.name}</strong>
                <span className="tag" data-testid="pod-phase">{tl.phase}</span>
                {tl.node && <span className="muted">on {tl.node}</span>}
                {tl.owner && <span className="muted">owned by {tl.owner.kind}/{tl.owner.name}</span>}
                {tl.workflow && (
                  <button type="button" className="btn small" onClick={() => nav.go('workflows', { kind: 'Workflow', namespace: tl.namespace, name: tl.workflow!.name, ...(tl.workflow!.nodeId ? { part: tl.workflow!.nodeId } : {}) })}>
                    Open workflow {tl.workflow.name}
                  </button>
                )}
              </div>
              {tl.workflow && (
                <p className="muted explain">
                  An Argo pod: <b>init</b> (argoexec init) prepares inputs and artifacts, then <b>main</b> runs your template while <b>wait</b> (argoexec wait) watches it, then
                  saves outputs and reports the result to the workflow controller.
                </p>
              )}
              <Timeline tl={tl} startTime={startTime} selected={shown} onSelect={(c) => { setContainer(c); setPrevious(false); }} />
              <div className="legend" aria-hidden="true">
                <span className="span-key waiting" /> waiting <span className="span-key running" /> running <span className="span-key terminated" /> terminated <span className="marker-key" /> event
              </div>
              {tl.conditions.length > 0 && (
                <table className="kv conditions">
                  <caption>Conditions</caption>
                  <tbody>
                    {tl.conditions.map((c) => (
                      <tr key={c.type}>
                        <th scope="row">{c.type}</th>
                        <td>{c.status}{c.reason ? ` (${c.reason})` : ''} <span className="muted">{tPlus(c.at, startTime)}</span></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </div>
      </section>
      <aside className="panel pod-side" aria-label="Container logs and events">
        <div className="panel-head">
          <h2 className="panel-title">{shown ? `Logs: ${shown}` : 'Logs'}</h2>
          {current && current.restartCount > 0 && (
            <label className="muted">
              <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> previous instance
            </label>
          )}
        </div>
        <div className="panel-body">
          {current?.probes.length ? <p className="muted">Probes: {current.probes.join(', ')}</p> : null}
          {tl && shown && <Logs engine={engine} view={view} namespace={tl.namespace} pod={tl.name} container={shown} previous={previous} />}
          <h3 className="pod-h3">Events</h3>
          <ol className="node-events">
            {events.length === 0 && <li className="muted">No events.</li>}
            {events.map((e, i) => (
              <li key={i} className={e.warning ? 'warn' : ''}>
                <span className="mono muted">{tPlus(e.t, startTime)}</span> <strong>{e.reason}</strong> {e.container && <span className="tag">{e.container}</span>} {e.message}
                {e.why && (
                  <div className="why">
                    <span className="why-label">why</span> {e.why}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </div>
      </aside>
    </main>
  );
}
