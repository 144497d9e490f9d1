/** The Cluster tab on the real cluster: the same `kubectl get` tables, rows from live bridge watches; a row shows its YAML. */
import { useEffect, useMemo, useState } from 'react';
import type { KubeObject } from '../../../bridge/server/protocol';
import { ClusterView } from '../../components';
import type { ViewModel } from '../../worker/protocol';
import type { ViewProps } from '../../views/index';
import { useRealSource } from './context';
import { CRD_KIND, REAL_KINDS } from './kinds';
import { RealObjectYaml, READ_ONLY_REASON, useNow } from './parts';
import { kindKey, namespacesOf, realKindGroups } from './rows';
import { useRealObjects } from './useRealObjects';

interface Picked {
  uid: string;
  key: string;
  namespace?: string;
  name: string;
  kind: string;
}

export default function RealClusterPage({ view }: ViewProps) {
  const { bridge } = useRealSource();
  const client = bridge.client;
  const [namespace, setNamespace] = useState('');
  const [picked, setPicked] = useState<Picked>();
  const [crds, setCrds] = useState<KubeObject[]>([]);
  const { objects, errors } = useRealObjects(client, REAL_KINDS);
  const now = useNow();

  // Printer columns of Argo's kinds come from their CRDs (what `kubectl get workflows` prints).
  useEffect(() => {
    if (!client) return;
    let live = true;
    client
      .call('cluster.list', CRD_KIND)
      .then((l) => live && setCrds(l.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const real: ViewModel | null = useMemo(
    () => (view ? { ...view, kinds: realKindGroups(objects, crds, now), namespaces: namespacesOf(objects) } : null),
    [view, objects, crds, now],
  );
  const obj = picked ? objects.get(picked.key)?.find((o) => o.metadata.uid === picked.uid) : undefined;
  return (
    <main className="layout">
      <ClusterView
        view={real}
        namespace={namespace}
        onNamespace={setNamespace}
        loadErrors={[]}
        selected={picked?.uid}
        onSelect={(g, r) => {
          const k = REAL_KINDS.find((x) => x.group === g.group && x.kind === g.kind)!;
          setPicked({ uid: r.uid, key: kindKey(k.apiVersion, k.kind), name: r.name, kind: g.kind, ...(r.namespace ? { namespace: r.namespace } : {}) });
        }}
      />
      <aside className="side" aria-label="Real object">
        <section className="panel">
          <div className="panel-head">
            <h2 className="panel-title">{picked ? `${picked.kind} ${picked.namespace ? `${picked.namespace}/` : ''}${picked.name}` : 'Real cluster'}</h2>
            {picked && (
              <button type="button" className="btn small" onClick={() => setPicked(undefined)}>
                Close
              </button>
            )}
          </div>
          <div className="panel-body">
            {picked ? (
              <RealObjectYaml obj={obj} label={`YAML of ${picked.kind} ${picked.name} in the real cluster`} />
            ) : (
              <p className="muted">
                Live objects from the real cluster. Click a name for its YAML. Applying and the event log act on the simulation: switch the data source
                back to Simulated to use them ({READ_ONLY_REASON}).
              </p>
            )}
            {errors.length > 0 && (
              <details>
                <summary>{errors.length} kind(s) not served by this cluster</summary>
                <ul>
                  {errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        </section>
      </aside>
    </main>
  );
}
