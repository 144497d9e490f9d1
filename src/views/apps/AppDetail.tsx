/**
 * One Application: header with badges and the Refresh / Hard refresh / Sync / Delete buttons, conditions,
 * and tabs for the resource tree, the sync timeline, the live-vs-target diff, history (rollback) and the
 * Application manifest. A clicked tree node opens in the side panel (YAML, events, its diff).
 */
import { useState } from 'react';
import type { Engine } from '../../engine';
import { action, useQuery } from '../../engine/feature';
import type { AppDetail as Detail, SyncChoices, TreeNode } from '../../worker/features/apps/types';
import type { ViewModel } from '../../worker/protocol';
import { ObjectPanel } from '../../components/ObjectPanel';
import { VIEWS, useNav } from '../index';
import { HealthBadge, PhaseBadge, SyncBadge, at, short } from './badges';
import { DeleteDialog, SyncDialog } from './dialogs';
import { DiffList } from './DiffView';
import { Timeline } from './Timeline';
import { APP_NODE, Tree, appNode } from './Tree';

type Tab = 'tree' | 'timeline' | 'diff' | 'history' | 'manifest';
const TABS: { id: Tab; label: string }[] = [
  { id: 'tree', label: 'Resources' },
  { id: 'timeline', label: 'Sync timeline' },
  { id: 'diff', label: 'Diff' },
  { id: 'history', label: 'History and rollback' },
  { id: 'manifest', label: 'Manifest' },
];

interface Props {
  engine: Engine | null;
  view: ViewModel | null;
  user: string;
  app: Detail;
  onBack(): void;
  /** Runs a world-changing call and shows its error (RBAC denials included). */
  run(fn: () => Promise<unknown>): void;
}

function NodeDiff({ engine, view, user, app, node }: { engine: Engine | null; view: ViewModel | null; user: string; app: string; node: TreeNode }) {
  const { data, error } = useQuery(engine, view, 'apps', 'diffs', user, app, node.key ?? '');
  return (
    <details open className="object-diff">
      <summary>Diff (live → desired)</summary>
      <DiffList diffs={data} error={error} />
    </details>
  );
}

function History({ app, canSync, onRollback }: { app: Detail; canSync: boolean; onRollback(id: number): void }) {
  const [confirm, setConfirm] = useState<number | undefined>();
  if (app.history.length === 0) return <p className="muted">No deployments yet: every successful sync adds one here (status.history).</p>;
  return (
    <>
      {app.automated && <p className="muted">Rollback is refused while auto-sync is on (Argo CD would sync straight back to git). Turn off automated sync first.</p>}
      <table className="kube-table history" aria-label="Deployment history">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">REVISION</th>
            <th scope="col">DEPLOYED</th>
            <th scope="col">BY</th>
            <th scope="col">SOURCE</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {app.history.map((h, i) => (
            <tr key={h.id} data-id={h.id}>
              <td>{h.id}</td>
              <td title={h.revision}>
                {short(h.revision)} {i === 0 && <span className="pill ok">current</span>}
              </td>
              <td>{h.deployedAt}</td>
              <td>{h.initiatedBy}</td>
              <td>{h.source}</td>
              <td>
                {confirm === h.id ? (
                  <>
                    <button type="button" className="btn danger" onClick={() => (setConfirm(undefined), onRollback(h.id))}>
                      Confirm rollback to {h.id}
                    </button>{' '}
                    <button type="button" className="btn" onClick={() => setConfirm(undefined)}>
                      Cancel
                    </button>
                  </>
                ) : (
                  <button type="button" className="btn" disabled={!canSync || app.automated} aria-label={`Rollback to ${h.id}`} onClick={() => setConfirm(h.id)}>
                    Rollback
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function AppDetail({ engine, view, user, app, onBack, run }: Props) {
  const [tab, setTab] = useState<Tab>('tree');
  const [node, setNode] = useState<TreeNode | undefined>();
  const [dialog, setDialog] = useState<'sync' | 'delete' | undefined>();
  const nav = useNav();
  const timeline = useQuery(engine, tab === 'timeline' ? view : null, 'apps', 'timeline', user, app.name);
  const diffs = useQuery(engine, tab === 'diff' ? view : null, 'apps', 'diffs', user, app.name);
  const manifest = useQuery(engine, tab === 'manifest' ? view : null, 'apps', 'manifest', user, app.name);
  const selected = node && (node.id === APP_NODE ? appNode(app) : app.tree.find((n) => n.id === node.id));
  const podView = VIEWS.find((v) => v.id === 'pod' || v.id === 'pods')?.id;
  const call = run;
  const running = app.operationPhase === 'Running' || app.operationPhase === 'Terminating' || app.operationPhase === 'Pending';

  return (
    <div className="app-detail-layout">
      <section className="panel app-detail" aria-label={`Application ${app.name}`} data-app={app.name} data-sync={app.sync} data-health={app.health.status}>
        <div className="panel-head app-head">
          <div className="app-title">
            <button type="button" className="btn" onClick={onBack} aria-label="Back to applications">
              ←
            </button>
            <h2 className="panel-title">{app.name}</h2>
            <SyncBadge status={app.sync} />
            <HealthBadge health={app.health} />
            {app.operationPhase && (
              <span className="muted">
                last sync <PhaseBadge phase={app.operationPhase} />
              </span>
            )}
            {app.refreshing && <span className="pill progress">{app.refreshing} refresh requested</span>}
          </div>
          <div className="app-actions">
            <button type="button" className="btn" onClick={() => call(() => action(engine!, 'apps', 'refresh', user, app.name, false))} title="Compare with git now (the controller also does every 3 minutes)">
              Refresh
            </button>
            <button type="button" className="btn" onClick={() => call(() => action(engine!, 'apps', 'refresh', user, app.name, true))} title="Generate manifests again without the repo server's cache">
              Hard refresh
            </button>
            <button type="button" className="btn primary" disabled={running} onClick={() => setDialog('sync')} title={app.can.sync ? 'Sync with options' : `${user} may not sync this app (RBAC)`}>
              Sync
            </button>
            <button type="button" className="btn danger" onClick={() => setDialog('delete')} title={app.can.delete ? 'Delete the Application' : `${user} may not delete this app (RBAC)`}>
              Delete
            </button>
          </div>
        </div>
        <dl className="app-facts wide">
          <dt>Project</dt>
          <dd>{app.project}</dd>
          <dt>Repo</dt>
          <dd>{app.repoURL}</dd>
          <dt>{app.chart ? 'Chart' : 'Path'}</dt>
          <dd>{app.chart ?? app.path}</dd>
          <dt>Target</dt>
          <dd>
            {app.targetRevision} {app.revision && <span className="muted">({short(app.revision)})</span>}
          </dd>
          <dt>Destination</dt>
          <dd>{app.destination}</dd>
          <dt>Auto-sync</dt>
          <dd>{app.automated ? 'enabled' : 'manual'}</dd>
          {app.reconciledAt && (
            <>
              <dt>Compared</dt>
              <dd>{app.reconciledAt}</dd>
            </>
          )}
          {!app.can.sync && (
            <>
              <dt>RBAC</dt>
              <dd className="muted">{user} may view but not sync this app</dd>
            </>
          )}
        </dl>
        {app.conditions.length > 0 && (
          <ul className="conditions" aria-label="Conditions">
            {app.conditions.map((c, i) => (
              <li key={i} className={/Error/.test(c.type) ? 'error' : 'warn'}>
                <strong>{c.type}</strong> {c.message}
              </li>
            ))}
          </ul>
        )}
        <div className="subtabs" role="tablist" aria-label="Application sections">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={`tab ${tab === t.id ? 'on' : ''}`} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <div className="panel-body" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
          {tab === 'tree' && <Tree app={app} selected={selected?.id} onSelect={setNode} />}
          {tab === 'timeline' && (
            <>
              {timeline.error && <p className="errors" role="alert">{timeline.error}</p>}
              <Timeline timeline={timeline.data} startTime={view?.startTime} now={view?.now} canTerminate={app.can.sync} onTerminate={() => call(() => action(engine!, 'apps', 'terminate', user, app.name))} />
            </>
          )}
          {tab === 'diff' && <DiffList diffs={diffs.data} error={diffs.error} />}
          {tab === 'history' && <History app={app} canSync={app.can.sync} onRollback={(id) => call(() => action(engine!, 'apps', 'rollback', user, app.name, id))} />}
          {tab === 'manifest' && (
            <pre className="yaml-view" aria-label="Application manifest">
              {manifest.data ?? manifest.error ?? ''}
            </pre>
          )}
          {app.operationAt !== undefined && tab === 'tree' && (
            <p className="muted small">
              Last operation {app.operationPhase} at {at(app.operationAt, view?.startTime)}: {app.operationMessage}
            </p>
          )}
        </div>
      </section>
      {selected && (
        <ObjectPanel
          engine={engine}
          view={view}
          objRef={selected.ref}
          onClose={() => setNode(undefined)}
          actions={
            podView && selected.ref.kind === 'Pod' && selected.live ? (
              <button type="button" className="btn" onClick={() => nav.go(podView, { kind: 'Pod', name: selected.ref.name, ...(selected.ref.namespace ? { namespace: selected.ref.namespace } : {}) })}>
                Open in Pod view
              </button>
            ) : undefined
          }
        >
          {selected.health?.message && <p className="muted">Health: {selected.health.status} — {selected.health.message}</p>}
          {selected.key && !selected.hook && <NodeDiff engine={engine} view={view} user={user} app={app.name} node={selected} />}
        </ObjectPanel>
      )}
      {dialog === 'sync' && (
        <SyncDialog
          app={app}
          onClose={() => setDialog(undefined)}
          onSync={(c: SyncChoices) => {
            setDialog(undefined);
            setTab('timeline');
            call(() => action(engine!, 'apps', 'sync', user, app.name, c));
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteDialog
          name={app.name}
          onClose={() => setDialog(undefined)}
          onDelete={(opts) => {
            setDialog(undefined);
            call(() => action(engine!, 'apps', 'remove', user, app.name, opts));
          }}
        />
      )}
    </div>
  );
}
