/**
 * Argo Workflows, like its UI and explaining more: the workflow list (and CronWorkflows), the selected workflow's
 * graph (lazy @xyflow/react + elkjs chunk), its actions, and the selected node's details and logs.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { action, useQuery } from '../../engine/feature';
import type { ViewProps } from '../index';
import { useNav } from '../nav';
import { Crons } from './Crons';
import { duration, elapsed, tPlus } from './format';
import { Artifacts, NodePanel, Params } from './NodePanel';
import { PhaseBadge } from './phase';
import { WorkflowList } from './WorkflowList';
import type { WorkflowActionName } from '../../worker/features/workflows';
import { withRealSource } from '../../real/source/withRealSource';
import './styles.css';

const Graph = lazy(() => import('./Graph'));

interface Sel {
  namespace: string;
  name: string;
}

const LABELS: Record<WorkflowActionName, string> = { resume: 'Resume', suspend: 'Suspend', stop: 'Stop', terminate: 'Terminate', retry: 'Retry', resubmit: 'Resubmit' };

export default withRealSource(WorkflowsPage, () => import('../../real/source/RealWorkflowsPage'));

function WorkflowsPage({ engine, view }: ViewProps) {
  const nav = useNav();
  const [phase, setPhase] = useState('');
  const [sel, setSel] = useState<Sel | undefined>();
  const [nodeId, setNodeId] = useState<string | undefined>();
  const [err, setErr] = useState<string | null>(null);
  const rows = useQuery(engine, view, 'workflows', 'list').data ?? [];
  const crons = useQuery(engine, view, 'workflows', 'crons').data ?? [];
  const ns = sel?.namespace ?? '';
  const name = sel?.name ?? '';
  const wf = useQuery(engine, view, 'workflows', 'get', ns, name).data;
  const fresh = useQuery(engine, view, 'workflows', 'graph', ns, name).data;
  // Every push brings a new copy; the same revision is the same graph, so the (memoized) graph does not re-render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const graph = useMemo(() => fresh, [fresh?.rev ?? fresh]);
  const startTime = view?.startTime ?? 0;
  const now = view?.now ?? 0;

  // elk's worker takes a while to start: start it with the view, not with the first graph.
  useEffect(() => {
    void import('./layout').then((m) => m.warmUp());
  }, []);

  // Arriving from another view with a target (a workflow, maybe one node of it).
  const target = nav.target;
  useEffect(() => {
    if (target?.kind === 'Workflow') {
      setSel({ namespace: target.namespace ?? 'default', name: target.name });
      setNodeId(target.part);
    }
  }, [target]);
  // Nothing chosen yet: the newest workflow.
  useEffect(() => {
    if (!sel && rows.length > 0) setSel({ namespace: rows[0]!.namespace, name: rows[0]!.name });
  }, [sel, rows]);

  const select = useCallback((namespace: string, n: string) => {
    setSel({ namespace, name: n });
    setNodeId(undefined);
    setErr(null);
  }, []);
  const selectNode = useCallback((id: string) => setNodeId(id), []);

  const run = async (f: () => Promise<unknown>) => {
    setErr(null);
    try {
      await f();
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
    }
  };
  const doAction = (a: WorkflowActionName) =>
    run(async () => {
      if (!engine || !sel) return;
      if (a === 'resubmit') {
        const created = await action(engine, 'workflows', 'resubmit', sel.namespace, sel.name);
        select(sel.namespace, created);
      } else if (a === 'retry') await action(engine, 'workflows', 'retry', sel.namespace, sel.name);
      else if (a === 'resume') await action(engine, 'workflows', 'resume', sel.namespace, sel.name);
      else await action(engine, 'workflows', a, sel.namespace, sel.name);
    });

  return (
    <main className="wf-layout">
      <aside className="panel wf-side" aria-label="Workflows and CronWorkflows">
        <div className="panel-body flush">
          <WorkflowList rows={rows} phase={phase} onPhase={setPhase} selected={sel} onSelect={select} now={now} startTime={startTime} />
          <Crons
            crons={crons}
            startTime={startTime}
            onSelect={select}
            onSuspend={(namespace, n, s) => run(async () => engine && (await action(engine, 'workflows', 'setCronSuspend', namespace, n, s)))}
          />
        </div>
      </aside>
      <section className="panel wf-main" aria-label="Workflow">
        {!wf ? (
          <p className="muted pad">{sel ? `Workflow ${sel.name} not found.` : 'Select a workflow.'}</p>
        ) : (
          <>
            <div className="panel-head wf-head">
              <h2 className="panel-title" data-testid="wf-title">
                {wf.name}
              </h2>
              <PhaseBadge phase={wf.phase} />
              <span className="muted">
                {wf.progress} · started {tPlus(wf.startedAt, startTime)} · {duration(elapsed(wf.startedAt, wf.finishedAt, now))}
              </span>
              <div className="wf-actions" role="toolbar" aria-label="Workflow actions">
                {wf.actions.map((a) => (
                  <button key={a.action} type="button" className="btn small" disabled={!a.enabled} title={a.reason} aria-description={a.reason} onClick={() => doAction(a.action)}>
                    {LABELS[a.action]}
                  </button>
                ))}
              </div>
            </div>
            {wf.message && <p className="wf-message">{wf.message}</p>}
            {Boolean(wf.arguments?.parameters?.length || wf.outputs?.parameters?.length || wf.outputs?.artifacts?.length) && (
              <details className="wf-io">
                <summary>Workflow parameters and outputs</summary>
                <Params title="Arguments" params={wf.arguments?.parameters} />
                <Params title="Output parameters (globalName)" params={wf.outputs?.parameters} />
                <Artifacts title="Output artifacts (globalName)" list={wf.outputs?.artifacts} />
              </details>
            )}
            {err && (
              <p className="errors pad" role="alert">
                {err}
              </p>
            )}
            <div className="wf-graph">
              {graph && graph.nodes.length > 0 ? (
                <Suspense fallback={<p className="muted pad">Loading graph…</p>}>
                  <Graph graph={graph} selected={nodeId} onSelect={selectNode} />
                </Suspense>
              ) : (
                <p className="muted pad">No nodes yet: the workflow controller has not started this workflow.</p>
              )}
            </div>
          </>
        )}
      </section>
      <aside className="panel wf-details" aria-label="Node details">
        <div className="panel-head">
          <h2 className="panel-title">Node</h2>
        </div>
        <div className="panel-body">
          {sel && nodeId ? (
            <NodePanel
              engine={engine}
              view={view}
              namespace={sel.namespace}
              workflow={sel.name}
              nodeId={nodeId}
              onSelect={selectNode}
              onAction={(method, ...args) =>
                run(async () => {
                  if (!engine) return;
                  if (method === 'resume') await action(engine, 'workflows', 'resume', args[0]!, args[1]!, args[2]);
                  else await action(engine, 'workflows', 'retry', args[0]!, args[1]!, args[2]);
                })
              }
            />
          ) : (
            <p className="muted">Click a node in the graph to see its inputs, outputs, message, timing and logs.</p>
          )}
        </div>
      </aside>
    </main>
  );
}
