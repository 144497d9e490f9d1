/** Small pieces the real-source views share: the object's YAML, disabled actions with their reason, a ticking clock. */
import { dump } from 'js-yaml';
import { useEffect, useMemo, useState } from 'react';
import type { KubeObject } from '../../../bridge/server/protocol';

export const READ_ONLY_REASON = 'real cluster: use kubectl/argo/argocd';

/** The object as `kubectl get -o yaml` shows it, managedFields hidden. */
export function RealObjectYaml({ obj, label }: { obj: KubeObject | undefined; label: string }) {
  const text = useMemo(() => {
    if (!obj) return '';
    const { managedFields: _hidden, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown };
    return dump({ ...obj, metadata }, { noRefs: true, lineWidth: -1 });
  }, [obj]);
  return obj ? (
    <pre className="real-yaml" aria-label={label} tabIndex={0}>
      {text}
    </pre>
  ) : (
    <p className="muted">Not in the real cluster (any more).</p>
  );
}

/** The view's actions, shown but disabled: the real cluster is changed with its own tools. */
export function ReadOnlyActions({ actions, label }: { actions: string[]; label: string }) {
  return (
    <div className="real-readonly" role="toolbar" aria-label={label}>
      {actions.map((a) => (
        <button key={a} type="button" className="btn small" disabled title={READ_ONLY_REASON} aria-description={READ_ONLY_REASON}>
          {a}
        </button>
      ))}
      <span className="reason">{READ_ONLY_REASON}</span>
    </div>
  );
}

/** Wall-clock now, refreshed every few seconds (ages and durations of real objects move on their own). */
export function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
