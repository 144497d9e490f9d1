/**
 * The sync timeline: the operation by phase (PreSync → Sync → PostSync, SyncFail when it failed) and wave, each
 * wave with its virtual start time, tasks, hook markers and why; between waves, how long the engine waited and
 * for what (the 2 s wave delay, health of the previous wave, hook completion).
 */
import type { TimelineEvent, TimelineView, TimelineWave } from '../../worker/features/apps/types';
import { KindIcon, PhaseBadge, at, duration, short } from './badges';

interface Props {
  timeline: TimelineView | undefined;
  startTime?: number | undefined;
  now?: number | undefined;
  canTerminate: boolean;
  onTerminate(): void;
}

const PHASE_HELP: Record<string, string> = {
  PreSync: 'PreSync hooks run before anything is applied (migrations, backups).',
  Sync: 'The manifests from git, applied wave by wave (argocd.argoproj.io/sync-wave, lowest first).',
  PostSync: 'PostSync hooks run once every wave is applied and healthy (smoke tests, notifications).',
  SyncFail: 'SyncFail hooks run only when the sync failed (clean-up, alerts).',
};

function Event({ e, startTime }: { e: TimelineEvent; startTime?: number | undefined }) {
  return (
    <li className={`tl-event ${e.type === 'Warning' ? 'warning' : ''}`} data-reason={e.reason}>
      <span className="at">{at(e.t, startTime)}</span> <span className="reason">{e.reason}</span> <span>{e.message}</span>
      {e.why && (
        <div className="why">
          <span className="why-label">why</span> {e.why}
        </div>
      )}
    </li>
  );
}

function Wave({ w, startTime }: { w: TimelineWave; startTime?: number | undefined }) {
  const waits = w.during.filter((e) => e.reason === 'SyncWaiting');
  const others = w.during.filter((e) => e.reason !== 'SyncWaiting');
  return (
    <li className={`tl-wave ${w.startedAt === undefined ? 'pending' : ''}`} data-phase={w.phase} data-wave={w.wave}>
      <div className="tl-wave-head">
        <span className="at">{w.startedAt === undefined ? 'not started' : at(w.startedAt, startTime)}</span>
        <strong>
          {w.phase} · wave {w.wave}
        </strong>
        <span className="muted">{w.tasks.length} task(s)</span>
      </div>
      <ul className="tl-tasks">
        {w.tasks.map((t) => (
          <li key={`${t.group}/${t.kind}/${t.namespace}/${t.name}`} className={`tl-task ${t.planned ? 'planned' : ''}`} data-kind={t.kind} data-name={t.name} data-planned={t.planned ? 'true' : undefined}>
            <KindIcon kind={t.kind} />
            <span className="node-name">{t.name}</span>
            {t.hookType && <span className="pill hook">{t.hookType} hook</span>}
            {t.status && <span className={`pill ${t.status === 'Synced' ? 'ok' : t.status === 'Pruned' ? 'neutral' : 'error'}`}>{t.status}</span>}
            {t.hookPhase && <PhaseBadge phase={t.hookPhase} />}
            {t.message && <span className="muted tl-msg">{t.message}</span>}
          </li>
        ))}
      </ul>
      {w.why && (
        <div className="why">
          <span className="why-label">why</span> {w.why}
        </div>
      )}
      {others.length > 0 && (
        <ul className="tl-during">
          {others.map((e, i) => (
            <Event key={i} e={e} startTime={startTime} />
          ))}
        </ul>
      )}
      {(w.untilNext !== undefined || waits.length > 0) && (
        <div className="tl-gap" data-wait-ms={w.untilNext ?? ''}>
          <span className="tl-gap-label">{w.untilNext !== undefined ? `${duration(w.untilNext)} until the next wave` : 'waiting'}</span>
          {waits.length > 0 && (
            <ul className="tl-during">
              {waits.map((e, i) => (
                <Event key={i} e={e} startTime={startTime} />
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

export function Timeline({ timeline, startTime, now, canTerminate, onTerminate }: Props) {
  const op = timeline?.operation;
  if (!op) return <p className="muted">No sync has run yet. Press Sync: the operation will be laid out here phase by phase and wave by wave.</p>;
  const phases = [...new Set(timeline.waves.map((w) => w.phase))];
  const end = op.finishedAt ?? now;
  return (
    <div className="timeline" aria-label="Sync timeline">
      <div className="tl-op" data-phase={op.phase}>
        <PhaseBadge phase={op.phase} />
        <strong>
          {op.dryRun ? 'dry-run ' : ''}
          {op.kind}
        </strong>
        <span>to {short(op.revision)}</span>
        <span className="muted">by {op.initiatedBy || 'unknown'}</span>
        <span className="muted">
          {at(op.startedAt, startTime)}
          {end !== undefined && ` · ${duration(Math.max(0, end - op.startedAt))}${op.finishedAt === undefined ? ' so far' : ''}`}
        </span>
        {op.retryCount > 0 && <span className="pill warn">retry {op.retryCount}</span>}
        {op.phase === 'Running' && (
          <button type="button" className="btn" disabled={!canTerminate} onClick={onTerminate}>
            Terminate
          </button>
        )}
      </div>
      <p className="tl-message">{op.message}</p>
      {phases.map((p) => (
        <section key={p} className="tl-phase" data-phase={p} aria-label={`${p} phase`}>
          <h3 className="tl-phase-title">
            {p} <span className="muted">{PHASE_HELP[p] ?? ''}</span>
          </h3>
          <ol className="tl-waves">
            {timeline.waves
              .filter((w) => w.phase === p)
              .map((w) => (
                <Wave key={`${w.phase}/${w.wave}`} w={w} startTime={startTime} />
              ))}
          </ol>
        </section>
      ))}
      <details className="tl-all">
        <summary>All {timeline.events.length} events of this operation</summary>
        <ol className="tl-during">
          {timeline.events.map((e, i) => (
            <Event key={i} e={e} startTime={startTime} />
          ))}
        </ol>
      </details>
    </div>
  );
}
