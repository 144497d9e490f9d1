/** The Workflows tab on the real cluster: `argo list` rows from a live watch, the picked workflow's YAML, actions disabled. */
import { useEffect, useMemo, useState } from 'react';
import { useNav } from '../../views/nav';
import { WorkflowList } from '../../views/workflows/WorkflowList';
import { PhaseBadge } from '../../views/workflows/phase';
import type { ViewProps } from '../../views/index';
import { useRealSource } from './context';
import { ReadOnlyActions, RealObjectYaml, useNow } from './parts';
import { kindKey, realWorkflowRows } from './rows';
import { useRealObjects } from './useRealObjects';

const KINDS = [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' }];
const KEY = kindKey('argoproj.io/v1alpha1', 'Workflow');
const ACTIONS = ['Resume', 'Suspend', 'Stop', 'Terminate', 'Retry', 'Resubmit'];

export default function RealWorkflowsPage(_props: ViewProps) {
  const { bridge } = useRealSource();
  const { objects, errors } = useRealObjects(bridge.client, KINDS);
  const [phase, setPhase] = useState('');
  const [sel, setSel] = useState<{ namespace: string; name: string }>();
  const now = useNow(1_000);
  // Arriving from the Cluster tab's "graph" link on a real Workflow row.
  const target = useNav().target;
  useEffect(() => {
    if (target?.kind === 'Workflow') setSel({ namespace: target.namespace ?? 'default', name: target.name });
  }, [target]);
  const wfs = objects.get(KEY);
  const rows = useMemo(() => realWorkflowRows(wfs ?? []), [wfs]);
  const shown = sel ?? (rows[0] ? { namespace: rows[0].namespace, name: rows[0].name } : undefined);
  const row = shown && rows.find((r) => r.namespace === shown.namespace && r.name === shown.name);
  const obj = shown && wfs?.find((o) => o.metadata.namespace === shown.namespace && o.metadata.name === shown.name);
  // Real start times are wall-clock: "T+" counts from the oldest workflow shown.
  const startTime = Math.min(now, ...rows.map((r) => r.startedAt ?? now));
  return (
    <main className="wf-layout">
      <aside className="panel wf-side" aria-label="Workflows in the real cluster">
        <div className="panel-body flush">
          <WorkflowList rows={rows} phase={phase} onPhase={setPhase} selected={shown} onSelect={(namespace, name) => setSel({ namespace, name })} now={now} startTime={startTime} />
          {errors.length > 0 && <p className="errors pad" role="alert">{errors.join('; ')}</p>}
        </div>
      </aside>
      <section className="panel wf-main" aria-label="Workflow">
        {!row ? (
          <p className="muted pad">{shown ? `Workflow ${shown.name} not found in the real cluster.` : 'No workflows in the real cluster yet.'}</p>
        ) : (
          <>
            <div className="panel-head wf-head">
              <h2 className="panel-title" data-testid="wf-title">
                {row.name}
              </h2>
              <PhaseBadge phase={row.phase} />
              <span className="muted">{row.progress}</span>
            </div>
            <ReadOnlyActions actions={ACTIONS} label="Workflow actions" />
            {row.message && <p className="wf-message">{row.message}</p>}
            <RealObjectYaml obj={obj} label={`YAML of Workflow ${row.name} in the real cluster`} />
          </>
        )}
      </section>
      <aside className="panel wf-details" aria-label="Node details">
        <div className="panel-head">
          <h2 className="panel-title">Nodes</h2>
        </div>
        <div className="panel-body">
          <p className="muted">The real workflow's nodes are in its YAML under status.nodes; `argo get {row?.name ?? 'NAME'}` shows them as a tree.</p>
        </div>
      </aside>
    </main>
  );
}
