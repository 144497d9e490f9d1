/** The side panel of one node: what it is, its phase and timing, inputs/outputs, the controller's reasons, and logs. */
import { useState } from 'react';
import type { Engine } from '../../engine';
import { useQuery } from '../../engine/feature';
import type { ViewModel } from '../../worker/protocol';
import type { NodeDetails } from '../../worker/features/workflows';
import { useNav } from '../nav';
import { duration, elapsed, tPlus } from './format';
import { PhaseBadge } from './phase';
import { Logs } from './Logs';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  namespace: string;
  workflow: string;
  nodeId: string;
  onSelect(id: string): void;
  onAction(method: 'retry' | 'resume', ...args: string[]): void;
}

export function Params({ title, params }: { title: string; params?: { name: string; value?: string; default?: string }[] }) {
  if (!params?.length) return null;
  return (
    <>
      <h4>{title}</h4>
      <table className="kv">
        <tbody>
          {params.map((p) => (
            <tr key={p.name}>
              <th scope="row">{p.name}</th>
              <td>{p.value ?? (p.default !== undefined ? `${p.default} (default)` : '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function Artifacts({ title, list }: { title: string; list?: { name: string; path?: string; [k: string]: unknown }[] }) {
  if (!list?.length) return null;
  const where = (a: { [k: string]: unknown }) => {
    for (const k of ['s3', 'gcs', 'http', 'git', 'raw', 'artifactory', 'oss', 'azure', 'hdfs']) {
      const loc = a[k] as { key?: string; url?: string; repo?: string; data?: string } | undefined;
      if (loc) return `${k}${loc.key ? `: ${loc.key}` : loc.url ? `: ${loc.url}` : loc.repo ? `: ${loc.repo}` : ''}`;
    }
    return '';
  };
  return (
    <>
      <h4>{title}</h4>
      <table className="kv">
        <tbody>
          {list.map((a) => (
            <tr key={a.name}>
              <th scope="row">{a.name}</th>
              <td>
                {a.path ?? ''} <span className="muted">{where(a)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function NodePanel({ engine, view, namespace, workflow, nodeId, onSelect, onAction }: Props) {
  const { data: n, error } = useQuery(engine, view, 'workflows', 'node', namespace, workflow, nodeId);
  const nav = useNav();
  const [container, setContainer] = useState('main');
  const start = view?.startTime ?? 0;
  if (error) return <p className="errors">{error}</p>;
  if (n === undefined) return <p className="muted">Loading node…</p>;
  if (n === null) return <p className="muted">This node is gone (the workflow was retried or deleted).</p>;
  const d: NodeDetails = n;
  const shown = d.pod?.containers.includes(container) ? container : (d.pod?.containers.at(-1) ?? 'main');
  return (
    <div className="node-panel" data-node-id={d.id}>
      <div className="node-title">
        <h3>{d.displayName}</h3>
        <PhaseBadge phase={d.phase} type={d.type} />
      </div>
      {d.message && (
        <p className="node-message" data-testid="node-message">
          {d.message}
        </p>
      )}
      {d.explain && <p className="muted explain">{d.explain}</p>}
      <table className="kv">
        <tbody>
          <tr><th scope="row">Type</th><td>{d.type}</td></tr>
          <tr><th scope="row">Name</th><td className="mono">{d.name}</td></tr>
          <tr><th scope="row">ID</th><td className="mono">{d.id}</td></tr>
          {d.templateName && <tr><th scope="row">Template</th><td>{d.templateName}</td></tr>}
          <tr><th scope="row">Started</th><td>{tPlus(d.startedAt, start)}</td></tr>
          <tr><th scope="row">Finished</th><td>{tPlus(d.finishedAt, start)}</td></tr>
          <tr><th scope="row">Duration</th><td>{duration(elapsed(d.startedAt, d.finishedAt, view?.now ?? 0))}</td></tr>
          {d.progress && <tr><th scope="row">Progress</th><td>{d.progress}</td></tr>}
          {d.hostNodeName && <tr><th scope="row">Host</th><td>{d.hostNodeName}</td></tr>}
          {d.boundaryID && (
            <tr>
              <th scope="row">Boundary</th>
              <td><button type="button" className="link" onClick={() => onSelect(d.boundaryID!)}>{d.boundaryID}</button></td>
            </tr>
          )}
        </tbody>
      </table>
      {d.children.length > 0 && (
        <>
          <h4>Children</h4>
          <ul className="chips">
            {d.children.map((c) => (
              <li key={c.id}><button type="button" className="link" onClick={() => onSelect(c.id)}>{c.displayName}</button> <PhaseBadge phase={c.phase} /></li>
            ))}
          </ul>
        </>
      )}
      {d.attempts.length > 0 && (
        <>
          <h4>Retry attempts ({d.attempts.length})</h4>
          <ol className="attempts">
            {d.attempts.map((a) => (
              <li key={a.id}>
                <button type="button" className="link" onClick={() => onSelect(a.id)}>{a.displayName}</button> <PhaseBadge phase={a.phase} /> {a.message && <span className="muted">{a.message}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      <Params title="Input parameters" params={d.inputs?.parameters} />
      <Artifacts title="Input artifacts" list={d.inputs?.artifacts} />
      <Params title="Output parameters" params={d.outputs?.parameters} />
      <Artifacts title="Output artifacts" list={d.outputs?.artifacts} />
      {(d.outputs?.result !== undefined || d.outputs?.exitCode !== undefined) && (
        <table className="kv">
          <tbody>
            {d.outputs?.result !== undefined && <tr><th scope="row">Result</th><td className="mono">{d.outputs.result}</td></tr>}
            {d.outputs?.exitCode !== undefined && <tr><th scope="row">Exit code</th><td>{d.outputs.exitCode}</td></tr>}
          </tbody>
        </table>
      )}
      <div className="node-actions">
        {d.canResume && (
          <button type="button" className="btn" onClick={() => onAction('resume', namespace, workflow, `id=${d.id}`)}>
            Resume this node
          </button>
        )}
        <button type="button" className="btn" disabled={!d.canRetryFrom} title={d.canRetryFrom ? 'argo retry --restart-successful --node-field-selector id=…' : 'Only a finished workflow can be retried'} onClick={() => onAction('retry', namespace, workflow, d.id)}>
          Retry from this node
        </button>
        {d.pod && (
          <button type="button" className="btn" onClick={() => nav.go('pod', { kind: 'Pod', namespace: d.pod!.namespace, name: d.pod!.name, part: shown })}>
            Open pod {d.pod.name}
          </button>
        )}
      </div>
      {d.events.length > 0 && (
        <>
          <h4>Controller decisions</h4>
          <ol className="node-events">
            {d.events.map((e, i) => (
              <li key={i}>
                <span className="mono muted">{tPlus(e.t, start)}</span> <strong>{e.reason}</strong> {e.message}
                {e.why && (
                  <div className="why">
                    <span className="why-label">why</span> {e.why}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {d.pod && (
        <>
          <h4>Logs</h4>
          <div className="container-tabs" role="tablist" aria-label="Containers">
            {d.pod.containers.map((c) => (
              <button key={c} type="button" role="tab" aria-selected={c === shown} className={`tab ${c === shown ? 'on' : ''}`} onClick={() => setContainer(c)}>
                {c}
              </button>
            ))}
          </div>
          <Logs engine={engine} view={view} namespace={d.pod.namespace} pod={d.pod.name} container={shown} />
        </>
      )}
    </div>
  );
}
