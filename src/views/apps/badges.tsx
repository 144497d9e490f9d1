/** Sync and health badges with Argo CD's words, kind labels for tree nodes, and virtual-time formatting. */
import type { HealthView } from '../../worker/features/apps/types';
import { clockOf } from '../../worker/viewModel/clock';

const SYNC_TONE: Record<string, string> = { Synced: 'ok', OutOfSync: 'warn', Unknown: 'neutral' };
const HEALTH_TONE: Record<string, string> = { Healthy: 'ok', Progressing: 'progress', Suspended: 'neutral', Missing: 'warn', Degraded: 'error', Unknown: 'neutral' };
const PHASE_TONE: Record<string, string> = { Succeeded: 'ok', Running: 'progress', Terminating: 'progress', Pending: 'progress', Failed: 'error', Error: 'error' };
const SYNC_GLYPH: Record<string, string> = { Synced: '✓', OutOfSync: '↻', Unknown: '?' };
const HEALTH_GLYPH: Record<string, string> = { Healthy: '♥', Progressing: '◔', Suspended: '⏸', Missing: '◌', Degraded: '✕', Unknown: '?' };

export function SyncBadge({ status }: { status?: string | undefined }) {
  if (!status) return null;
  return (
    <span className={`pill ${SYNC_TONE[status] ?? 'neutral'}`} data-sync={status} title={`Sync status: ${status}`}>
      <span aria-hidden="true">{SYNC_GLYPH[status] ?? '•'}</span> {status}
    </span>
  );
}

export function HealthBadge({ health }: { health?: HealthView | undefined }) {
  if (!health) return null;
  return (
    <span className={`pill ${HEALTH_TONE[health.status] ?? 'neutral'}`} data-health={health.status} title={health.message ? `Health: ${health.status} — ${health.message}` : `Health: ${health.status}`}>
      <span aria-hidden="true">{HEALTH_GLYPH[health.status] ?? '•'}</span> {health.status}
    </span>
  );
}

export function PhaseBadge({ phase }: { phase?: string | undefined }) {
  if (!phase) return null;
  return (
    <span className={`pill ${PHASE_TONE[phase] ?? 'neutral'}`} data-phase={phase} title={`Operation phase: ${phase}`}>
      {phase}
    </span>
  );
}

/** Argo CD's short kind labels on tree nodes. */
const SHORT: Record<string, string> = {
  Deployment: 'deploy', ReplicaSet: 'rs', Pod: 'pod', Service: 'svc', ConfigMap: 'cm', Secret: 'secret', Job: 'job', CronJob: 'cj',
  StatefulSet: 'sts', DaemonSet: 'ds', Namespace: 'ns', Ingress: 'ing', PersistentVolumeClaim: 'pvc', ServiceAccount: 'sa', Application: 'app',
  Workflow: 'wf', Endpoints: 'ep', Role: 'role', RoleBinding: 'rb', HorizontalPodAutoscaler: 'hpa',
};

export function KindIcon({ kind }: { kind: string }) {
  return (
    <span className="kind-icon" aria-hidden="true" title={kind}>
      {SHORT[kind] ?? kind.replace(/[a-z]/g, '').toLowerCase().slice(0, 4) ?? kind.slice(0, 3)}
    </span>
  );
}

/** `T+00:01:05` from a virtual time and the scenario start. */
export function at(t: number | undefined, start: number | undefined): string {
  if (t === undefined) return '';
  return `T+${clockOf(t - (start ?? t))}`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 60 ? `${Number.isInteger(s) ? s : s.toFixed(1)} s` : `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

export const short = (sha: string): string => (/^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha);
