/** The Applications list: one card per app with sync + health, source, revision and last operation; a filter. */
import { useState } from 'react';
import type { AppSummary } from '../../worker/features/apps/types';
import { HealthBadge, PhaseBadge, SyncBadge, at, short } from './badges';

interface Props {
  apps: AppSummary[] | undefined;
  error?: string | undefined;
  startTime?: number | undefined;
  onOpen(name: string): void;
}

const SYNC = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH = ['Healthy', 'Progressing', 'Degraded', 'Missing', 'Suspended', 'Unknown'];

export function AppList({ apps, error, startTime, onOpen }: Props) {
  const [text, setText] = useState('');
  const [sync, setSync] = useState('');
  const [health, setHealth] = useState('');
  const shown = (apps ?? []).filter(
    (a) => (!text || `${a.name} ${a.project} ${a.repoURL} ${a.path}`.toLowerCase().includes(text.toLowerCase())) && (!sync || a.sync === sync) && (!health || a.health.status === health),
  );
  return (
    <section className="panel apps-list" aria-label="Applications">
      <div className="panel-head">
        <h2 className="panel-title">
          Applications <span className="muted">({shown.length}{apps && shown.length !== apps.length ? ` of ${apps.length}` : ''})</span>
        </h2>
        <div className="filters">
          <input type="search" className="input" placeholder="Filter by name, project, repo…" aria-label="Filter applications" value={text} onChange={(e) => setText(e.target.value)} />
          <select aria-label="Sync status filter" value={sync} onChange={(e) => setSync(e.target.value)}>
            <option value="">Any sync</option>
            {SYNC.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <select aria-label="Health status filter" value={health} onChange={(e) => setHealth(e.target.value)}>
            <option value="">Any health</option>
            {HEALTH.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="panel-body">
        {error && (
          <p className="errors" role="alert">
            {error}
          </p>
        )}
        {apps && apps.length === 0 && <p className="muted">No Applications yet. Apply one (Cluster tab or editor), or add the example application above.</p>}
        <ul className="app-cards">
          {shown.map((a) => (
            <li key={`${a.namespace}/${a.name}`}>
              <button type="button" className="app-card" data-app={a.name} data-sync={a.sync} data-health={a.health.status} aria-label={`Open application ${a.name}`} onClick={() => onOpen(a.name)}>
                <span className="app-card-head">
                  <strong className="app-name">{a.name}</strong>
                  <span className="muted">{a.project}</span>
                </span>
                <span className="app-card-badges">
                  <SyncBadge status={a.sync} />
                  <HealthBadge health={a.health} />
                  {a.automated && <span className="pill neutral">auto-sync</span>}
                  {a.deleting && <span className="pill error">deleting</span>}
                </span>
                <dl className="app-facts">
                  <dt>Repo</dt>
                  <dd>{a.repoURL}</dd>
                  <dt>{a.chart ? 'Chart' : 'Path'}</dt>
                  <dd>{a.chart ?? a.path}</dd>
                  <dt>Target</dt>
                  <dd>
                    {a.targetRevision}
                    {a.revision && <span className="muted"> ({short(a.revision)})</span>}
                  </dd>
                  <dt>Destination</dt>
                  <dd>{a.destination}</dd>
                  <dt>Last sync</dt>
                  <dd>
                    {a.operationPhase ? (
                      <>
                        <PhaseBadge phase={a.operationPhase} /> <span className="muted">{at(a.operationAt, startTime)}</span>
                      </>
                    ) : (
                      <span className="muted">never</span>
                    )}
                  </dd>
                </dl>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
