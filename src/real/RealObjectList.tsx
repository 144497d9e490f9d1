/** Live objects of one kind in the real cluster (a watch through the bridge), like `kubectl get -w`. */
import { useEffect, useState } from 'react';
import type { KubeObject, ObjectRef } from '../../bridge/server/protocol';
import type { BridgeClient } from './bridgeClient';

export interface KindChoice {
  label: string;
  apiVersion: string;
  kind: string;
}

export const KIND_CHOICES: KindChoice[] = [
  { label: 'Workflows', apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' },
  { label: 'Applications', apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' },
  { label: 'Pods', apiVersion: 'v1', kind: 'Pod' },
  { label: 'Deployments', apiVersion: 'apps/v1', kind: 'Deployment' },
];

/** The one-word state a row shows: phase, sync/health, or ready replicas. */
export function statusOf(o: KubeObject): string {
  const st = (o.status ?? {}) as Record<string, unknown>;
  if (o.kind === 'Application') {
    const sync = (st.sync as { status?: string } | undefined)?.status ?? 'Unknown';
    const health = (st.health as { status?: string } | undefined)?.status ?? 'Unknown';
    return `${sync} / ${health}`;
  }
  if (o.kind === 'Deployment') return `${Number(st.readyReplicas ?? 0)}/${Number((o.spec as { replicas?: number } | undefined)?.replicas ?? 1)} ready`;
  return typeof st.phase === 'string' ? st.phase : '—';
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export function RealObjectList({ client, choice, selected, onSelect }: { client: BridgeClient; choice: KindChoice; selected?: string; onSelect(ref: ObjectRef): void }) {
  const [objects, setObjects] = useState<Map<string, KubeObject>>(new Map());
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    setObjects(new Map());
    setError(undefined);
    client
      .watch(
        { apiVersion: choice.apiVersion, kind: choice.kind },
        (e) =>
          setObjects((prev) => {
            const next = new Map(prev);
            if (e.type === 'DELETED') next.delete(keyOf(e.object));
            else next.set(keyOf(e.object), e.object);
            return next;
          }),
        (s) => setError(s.message),
      )
      .then((fn) => (live ? (stop = fn) : fn()))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
      stop?.();
    };
  }, [client, choice]);

  const rows = [...objects.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  return (
    <section className="real-list" aria-label={`${choice.label} in the real cluster`}>
      {error && <p className="real-error" role="alert">{error}</p>}
      {rows.length === 0 ? (
        <p className="muted">No {choice.label.toLowerCase()} in the real cluster yet.</p>
      ) : (
        <table className="kube-table">
          <thead>
            <tr>
              <th>NAMESPACE</th>
              <th>NAME</th>
              <th>STATUS</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={keyOf(o)} className={selected === keyOf(o) ? 'selected' : ''}>
                <td>{o.metadata.namespace}</td>
                <td>
                  <button type="button" className="row-link" onClick={() => onSelect({ apiVersion: choice.apiVersion, kind: choice.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? '' })}>
                    {o.metadata.name}
                  </button>
                </td>
                <td>{statusOf(o)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
