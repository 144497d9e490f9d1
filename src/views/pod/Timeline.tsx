/**
 * Per-container lanes on the virtual-time axis: waiting (with its reason), running, terminated spans, and event
 * markers (pulls, starts, back-offs, probe failures, kills). Each span also reads as text for screen readers.
 */
import type { ContainerTimeline, PodTimeline, Span } from '../../worker/features/pods';
import { duration, tPlus } from '../workflows/format';

const ROLE: Record<string, string> = { init: 'init', main: 'main', wait: 'wait (executor)', sidecar: 'sidecar' };

function spanLabel(s: Span): string {
  if (s.state === 'running') return 'Running';
  if (s.state === 'terminated') return `${s.reason ?? 'Terminated'}${s.exitCode !== undefined ? ` (exit ${s.exitCode})` : ''}`;
  return s.reason ?? 'Waiting';
}

function ticks(from: number, to: number): number[] {
  const span = Math.max(1000, to - from);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= 8) ?? 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

interface Props {
  tl: PodTimeline;
  startTime: number;
  selected: string;
  onSelect(container: string): void;
}

function Lane({ c, tl, startTime, selected, onSelect }: { c: ContainerTimeline } & Props) {
  const range = Math.max(1, tl.to - tl.from);
  const pct = (t: number) => `${(((t - tl.from) / range) * 100).toFixed(3)}%`;
  const width = (s: Span) => `max(${s.state === 'running' ? 4 : 2}px, ${(((s.to - s.from) / range) * 100).toFixed(3)}%)`;
  return (
    <li className={`lane ${c.name === selected ? 'on' : ''}`} data-container={c.name} data-role={c.role}>
      <button type="button" className="lane-label" aria-pressed={c.name === selected} onClick={() => onSelect(c.name)} aria-label={`Container ${c.name} (${ROLE[c.role]}): ${c.state}${c.restartCount ? `, ${c.restartCount} restarts` : ''}`}>
        <span className={`role ${c.role}`}>{ROLE[c.role]}</span>
        <span className="cname">{c.name}</span>
        <span className="muted cstate">
          {c.state}
          {c.restartCount > 0 && ` ↻${c.restartCount}`}
        </span>
      </button>
      <div className="track" role="list" aria-label={`Timeline of ${c.name}`}>
        {c.spans.map((s, i) => (
          <div
            key={i}
            role="listitem"
            className={`span ${s.state} ${s.state === 'terminated' && s.exitCode !== undefined && s.exitCode !== 0 ? 'bad' : ''} ${s.reason && /BackOff|Err/.test(s.reason) ? 'bad' : ''}`}
            data-span-state={s.state}
            data-reason={s.reason ?? ''}
            style={{ left: pct(s.from), width: width(s) }}
            title={`${spanLabel(s)}: ${tPlus(s.from, startTime)} → ${tPlus(s.to, startTime)} (${duration(s.to - s.from)})`}
          >
            <span className="span-text">{spanLabel(s)}</span>
          </div>
        ))}
        {c.markers.map((m, i) => (
          <span key={`m${i}`} className={`marker ${m.warning ? 'warn' : ''}`} style={{ left: pct(m.t) }} title={`${tPlus(m.t, startTime)} ${m.reason}: ${m.message}${m.why ? `\nwhy: ${m.why}` : ''}`} aria-hidden="true" />
        ))}
      </div>
    </li>
  );
}

export function Timeline(props: Props) {
  const { tl, startTime } = props;
  const range = Math.max(1, tl.to - tl.from);
  return (
    <div className="pod-timeline">
      <div className="axis" aria-hidden="true">
        {ticks(tl.from, tl.to).map((t) => (
          <span key={t} className="tick" style={{ left: `${(((t - tl.from) / range) * 100).toFixed(3)}%` }}>
            {tPlus(t, startTime).replace(/^T\+(00:)?/, 'T+')}
          </span>
        ))}
      </div>
      <ol className="lanes" aria-label="Containers over virtual time">
        {tl.containers.map((c) => (
          <Lane key={c.name} c={c} {...props} />
        ))}
      </ol>
    </div>
  );
}
