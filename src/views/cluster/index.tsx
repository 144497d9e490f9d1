/**
 * The cluster like `kubectl get` per kind, an apply box, and the event log with each decision's "why".
 * Click an object's name: its live YAML and its events open in the side panel.
 */
import { useState } from 'react';
import { ApplyPanel, ClusterView, EventsPanel } from '../../components';
import { ObjectPanel } from '../../components/ObjectPanel';
import type { ObjectRefView } from '../../worker/features/apps/types';
import type { ViewProps } from '../index';
import { VIEWS, useNav } from '../index';
import { useLoadResult } from '../loadResult';
import { withRealSource } from '../../real/source/withRealSource';
import './styles.css';

export default withRealSource(ClusterPage, () => import('../../real/source/RealClusterPage'));

function ClusterPage({ engine, view }: ViewProps) {
  const [namespace, setNamespace] = useState('');
  const [picked, setPicked] = useState<{ uid: string; ref: ObjectRefView } | undefined>();
  const loadResult = useLoadResult();
  const nav = useNav();
  const podView = VIEWS.find((v) => v.id === 'pod' || v.id === 'pods')?.id;
  return (
    <main className="layout">
      <ClusterView
        view={view}
        namespace={namespace}
        onNamespace={setNamespace}
        loadErrors={loadResult?.errors ?? []}
        selected={picked?.uid}
        onSelect={(g, r) => setPicked({ uid: r.uid, ref: { group: g.group, kind: g.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) } })}
      />
      <aside className="side" aria-label="Apply and events">
        {picked ? (
          <ObjectPanel
            engine={engine}
            view={view}
            objRef={picked.ref}
            onClose={() => setPicked(undefined)}
            actions={
              podView && picked.ref.kind === 'Pod' && !picked.ref.group ? (
                <button type="button" className="btn" onClick={() => nav.go(podView, { kind: 'Pod', name: picked.ref.name, ...(picked.ref.namespace ? { namespace: picked.ref.namespace } : {}) })}>
                  Open in Pod view
                </button>
              ) : undefined
            }
          />
        ) : (
          <ApplyPanel engine={engine} />
        )}
        <EventsPanel events={view?.events ?? []} total={view?.totalEvents ?? 0} />
      </aside>
    </main>
  );
}
