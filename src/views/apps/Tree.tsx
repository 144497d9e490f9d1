/**
 * The resource tree: the Application, its managed resources (with sync status, health, wave and hook marks),
 * and what they own (ReplicaSets, Pods…), indented by depth like Argo CD's tree read left to right.
 */
import { Fragment, useState } from 'react';
import type { AppDetail, TreeNode } from '../../worker/features/apps/types';
import { HealthBadge, KindIcon, SyncBadge } from './badges';
import { visible } from './fold';

interface Props {
  app: AppDetail;
  selected?: string | undefined;
  onSelect(node: TreeNode | undefined): void;
}

/** The Application's own node: its YAML and events (every why of refreshes and syncs) in the side panel. */
export const APP_NODE = '\u0000application';

export function appNode(app: AppDetail): TreeNode {
  return { id: APP_NODE, parent: '', depth: 0, ref: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: app.namespace, name: app.name }, group: 'argoproj.io', live: true };
}

export function Tree({ app, selected, onSelect }: Props) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  return (
    <ul className="tree" aria-label={`Resources of ${app.name}`}>
      <li className="tree-row" style={{ ['--depth' as string]: 0 }}>
        <button
          type="button"
          className={`node app-node ${selected === APP_NODE ? 'on' : ''}`}
          data-kind="Application"
          data-name={app.name}
          data-sync={app.sync}
          data-health={app.health.status}
          aria-label={`Application ${app.name}`}
          aria-pressed={selected === APP_NODE}
          onClick={() => onSelect(appNode(app))}
        >
          <KindIcon kind="Application" />
          <span className="node-name">{app.name}</span>
          <span className="node-badges">
            <SyncBadge status={app.sync} />
            <HealthBadge health={app.health} />
          </span>
        </button>
      </li>
      {app.tree.length === 0 && <li className="muted tree-empty">No resources yet: the app has not been compared, or git has no manifests at this path.</li>}
      {visible(app.tree, expanded).map(({ node: n, more }) => (
        <Fragment key={n.id}>
          <li className="tree-row" style={{ ['--depth' as string]: n.depth }}>
            <button
              type="button"
              className={`node ${selected === n.id ? 'on' : ''} ${n.live ? '' : 'missing'} ${n.requiresPruning ? 'prune' : ''}`}
              data-kind={n.ref.kind}
              data-name={n.ref.name}
              data-sync={n.sync ?? ''}
              data-health={n.health?.status ?? ''}
              aria-label={`${n.ref.kind} ${n.ref.name}`}
              aria-pressed={selected === n.id}
              onClick={() => onSelect(n)}
            >
              <KindIcon kind={n.ref.kind} />
              <span className="node-name">{n.ref.name}</span>
              <span className="node-badges">
                {n.hook && (
                  <span className="pill hook" title={`A ${n.hook} hook: it runs during the sync and is not compared with git`}>
                    {n.hook} hook
                  </span>
                )}
                {n.syncWave !== undefined && n.syncWave !== 0 && (
                  <span className="pill neutral" title="argocd.argoproj.io/sync-wave">
                    wave {n.syncWave}
                  </span>
                )}
                {n.requiresPruning && (
                  <span className="pill warn" title="Not in git any more: a sync with Prune deletes it">
                    prune
                  </span>
                )}
                <SyncBadge status={n.sync} />
                <HealthBadge health={n.health} />
                {n.info && <span className="node-info">{n.info}</span>}
              </span>
            </button>
          </li>
          {more !== undefined && (
            <li className="tree-row" style={{ ['--depth' as string]: n.depth }}>
              <button type="button" className="btn tree-more" onClick={() => setExpanded(new Set([...expanded, n.parent]))}>
                +{more} more
              </button>
            </li>
          )}
        </Fragment>
      ))}
    </ul>
  );
}
