/** The cluster like `kubectl get` per kind, an apply box, and the event log with each decision's "why". */
import { useState } from 'react';
import { ApplyPanel, ClusterView, EventsPanel } from '../../components';
import type { ViewProps } from '../index';
import { useLoadResult } from '../loadResult';

export default function ClusterPage({ engine, view }: ViewProps) {
  const [namespace, setNamespace] = useState('');
  const loadResult = useLoadResult();
  return (
    <main className="layout">
      <ClusterView view={view} namespace={namespace} onNamespace={setNamespace} loadErrors={loadResult?.errors ?? []} />
      <aside className="side" aria-label="Apply and events">
        <ApplyPanel engine={engine} />
        <EventsPanel events={view?.events ?? []} total={view?.totalEvents ?? 0} />
      </aside>
    </main>
  );
}
