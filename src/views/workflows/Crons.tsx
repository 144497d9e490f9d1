/** CronWorkflows: schedules in their timezone, the next runs on the virtual clock, recent runs, suspend toggle. */
import type { CronRow } from '../../worker/features/workflows';
import { tPlus } from './format';
import { PhaseBadge } from './phase';

interface Props {
  crons: CronRow[];
  startTime: number;
  onSelect(namespace: string, name: string): void;
  onSuspend(namespace: string, name: string, suspend: boolean): void;
}

/** A fire time as wall-clock time in the schedule's zone. */
function local(ms: number, tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

export function Crons({ crons, startTime, onSelect, onSuspend }: Props) {
  if (crons.length === 0) return null;
  return (
    <section className="wf-crons" aria-labelledby="wf-crons-title">
      <div className="panel-head">
        <h2 id="wf-crons-title" className="panel-title">
          CronWorkflows <span className="count">({crons.length})</span>
        </h2>
      </div>
      {crons.map((c) => (
        <article key={`${c.namespace}/${c.name}`} className="cron" data-name={c.name} data-suspended={c.suspend}>
          <div className="cron-head">
            <strong>{c.name}</strong>
            <span className={`tag ${c.suspend ? 'warn' : ''}`}>{c.suspend ? 'suspended' : c.phase}</span>
            <button type="button" className="btn small" aria-label={`${c.suspend ? 'Resume' : 'Suspend'} CronWorkflow ${c.name}`} onClick={() => onSuspend(c.namespace, c.name, !c.suspend)}>
              {c.suspend ? 'Resume' : 'Suspend'}
            </button>
          </div>
          <table className="kv">
            <tbody>
              <tr><th scope="row">Schedules</th><td className="mono">{c.schedules.join(', ') || '—'}</td></tr>
              <tr><th scope="row">Timezone</th><td>{c.timezone}</td></tr>
              <tr><th scope="row">Concurrency</th><td>{c.concurrencyPolicy}</td></tr>
              {c.startingDeadlineSeconds !== undefined && <tr><th scope="row">Starting deadline</th><td>{c.startingDeadlineSeconds}s</td></tr>}
              <tr><th scope="row">Last scheduled</th><td>{c.lastScheduledTime !== undefined ? `${tPlus(c.lastScheduledTime, startTime)} (${local(c.lastScheduledTime, c.timezone)})` : '—'}</td></tr>
              <tr><th scope="row">Succeeded / failed</th><td>{c.succeeded} / {c.failed}</td></tr>
              {c.active.length > 0 && <tr><th scope="row">Active</th><td>{c.active.join(', ')}</td></tr>}
            </tbody>
          </table>
          {c.error && <p className="errors">{c.error}</p>}
          {c.conditions.filter((x) => x.status === 'True').map((x) => (
            <p key={x.type} className="errors">{x.type}: {x.message}</p>
          ))}
          <h4>Next runs{c.suspend ? ' (when resumed)' : ''}</h4>
          <ol className="next-runs" aria-label={`Next runs of ${c.name}`}>
            {c.nextRuns.map((t) => (
              <li key={t}>
                <span className="mono">{tPlus(t, startTime)}</span> <span className="muted">{local(t, c.timezone)}</span>
              </li>
            ))}
          </ol>
          {c.runs.length > 0 && (
            <>
              <h4>Recent workflows</h4>
              <ul className="chips">
                {c.runs.map((r) => (
                  <li key={r.name}>
                    <button type="button" className="link" onClick={() => onSelect(c.namespace, r.name)}>{r.name}</button> <PhaseBadge phase={r.phase} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
