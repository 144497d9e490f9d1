/** One live object in a side panel: its YAML (like `kubectl get -o yaml`) and its events with their "why". */
import type { ReactNode } from 'react';
import type { Engine } from '../engine';
import { useQuery } from '../engine/feature';
import type { ObjectRefView } from '../worker/features/apps/types';
import type { ViewModel } from '../worker/protocol';
import { clockOf } from '../worker/viewModel/clock';
import './ObjectPanel.css';
import { EventItem } from './EventItem';

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  objRef: ObjectRefView;
  onClose(): void;
  /** Extra actions (open in the Pod view…) and sections (a diff) from the hosting view. */
  actions?: ReactNode;
  children?: ReactNode;
}

export function ObjectPanel({ engine, view, objRef, onClose, actions, children }: Props) {
  const { data, error } = useQuery(engine, view, 'apps', 'object', objRef);
  const title = `${objRef.kind}/${objRef.name}`;
  return (
    <section className="panel object-panel" aria-label={`Object ${title}`} data-kind={objRef.kind} data-name={objRef.name}>
      <div className="panel-head">
        <h2 className="panel-title">
          {title} {objRef.namespace && <span className="muted">in {objRef.namespace}</span>}
        </h2>
        <span className="panel-actions">
          {actions}
          <button type="button" className="btn" aria-label="Close object panel" onClick={onClose}>
            ✕
          </button>
        </span>
      </div>
      <div className="panel-body">
        {error && <p className="errors" role="alert">{error}</p>}
        {data && !data.exists && <p className="muted">Not in the cluster (missing, or deleted).</p>}
        {children}
        {data?.exists && (
          <details open className="object-yaml">
            <summary>Live manifest</summary>
            <pre className="yaml-view" aria-label="Live YAML">
              {data.yaml}
            </pre>
          </details>
        )}
        <details open className="object-events">
          <summary>Events ({data?.events.length ?? 0})</summary>
          <ol className="event-list">
            {data?.events.length === 0 && <li className="muted">No events for this object.</li>}
            {data?.events.map((e, i) => (
              <EventItem key={i} at={clockOf(e.t - (view?.startTime ?? e.t))} type={e.type} reason={e.reason} source={e.source} message={e.message} why={e.why} />
            ))}
          </ol>
        </details>
      </div>
    </section>
  );
}
