/**
 * Project sync windows (pkg/apis/application/v1alpha1/types.go SyncWindows): which windows apply to an
 * Application (`applications`/`clusters`/`namespaces` globs, OR unless `andOperator`), which are active at a
 * virtual time (5-field cron `schedule` + Go `duration`, shifted by the `timeZone` offset as upstream does),
 * and whether a manual or automatic sync may run (deny wins; an inactive allow window blocks; `manualSync`
 * and `syncOverrun` exceptions).
 */
import { CronExpressionParser } from 'cron-parser';
import type { KubeObject } from '../../cluster/types.js';
import { globMatch } from '../rbac/glob.js';
import { destinationOf } from '../settings/clusters.js';
import { parseGoDuration } from './goDuration.js';
import { specOf } from './permissions.js';
import type { AppProjectSpec, SyncWindow } from './types.js';

/** Current UTC offset of an IANA zone at `ms` (Argo computes it at wall-clock now; the sandbox at virtual now). */
export function timeZoneOffsetMs(timeZone: string | undefined, ms: number): number {
  if (!timeZone || timeZone === 'UTC') return 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
    const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
    return asUtc - Math.floor(ms / 1000) * 1000;
  } catch {
    return 0; // "Invalid time zone … Using UTC as default time zone"
  }
}

function nextAfter(schedule: string, afterMs: number): number {
  const fields = schedule.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new Error(`cannot parse schedule '${schedule}': expected exactly 5 fields, found ${fields.length}: [${schedule}]`);
  try {
    return CronExpressionParser.parse(fields.join(' '), { currentDate: new Date(afterMs), tz: 'UTC' }).next().getTime();
  } catch (e) {
    throw new Error(`cannot parse schedule '${schedule}': ${(e as Error).message}`);
  }
}

function durationOf(w: SyncWindow): number {
  try {
    return parseGoDuration(w.duration);
  } catch (e) {
    throw new Error(`cannot parse duration '${w.duration}': ${(e as Error).message}`);
  }
}

/** SyncWindow.active: the next start after (now − duration) lies before now (in the window's zone). */
export function isWindowActive(w: SyncWindow, nowMs: number): boolean {
  const offset = timeZoneOffsetMs(w.timeZone, nowMs);
  const duration = durationOf(w);
  return nextAfter(w.schedule, nowMs + offset - duration) < nowMs + offset;
}

/** When the window next changes state after `nowMs` (closes if active, opens if not), for re-checks. */
export function nextWindowTransition(w: SyncWindow, nowMs: number): number {
  const offset = timeZoneOffsetMs(w.timeZone, nowMs);
  const duration = durationOf(w);
  const start = nextAfter(w.schedule, nowMs + offset - duration);
  if (start < nowMs + offset) return start + duration - offset;
  // Upstream tests `next.Before(now)`: a window is active only after its start instant.
  return nextAfter(w.schedule, nowMs + offset) - offset + 1;
}

/** SyncWindows.Matches. */
export function matchingWindows(windows: readonly SyncWindow[], app: KubeObject): SyncWindow[] {
  const name = app.metadata.name ?? '';
  const dest = destinationOf(app);
  const out: SyncWindow[] = [];
  for (const w of windows) {
    let matched = false;
    let isSet = false;
    if (w.applications?.length) {
      isSet = true;
      matched = w.applications.some((a) => globMatch(a, name));
    }
    if (w.andOperator && !matched && isSet) continue;
    if (!w.andOperator && matched) {
      out.push(w);
      continue;
    }
    if (w.clusters?.length) {
      matched = false;
      isSet = true;
      matched = w.clusters.some((c) => (!!dest.name && globMatch(c, dest.name)) || (!!dest.server && globMatch(c, dest.server)));
    }
    if (isSet && w.andOperator && !matched) continue;
    if (!w.andOperator && matched) {
      out.push(w);
      continue;
    }
    if (w.namespaces?.length) {
      matched = w.namespaces.some((n) => globMatch(n, dest.namespace ?? ''));
    }
    if (matched) out.push(w);
  }
  return out;
}

function canSyncAt(windows: readonly SyncWindow[], manual: boolean, at: number, opStart?: number): boolean {
  if (windows.length === 0) return true;
  const active = windows.filter((w) => isWindowActive(w, at));
  const denies = active.filter((w) => w.kind === 'deny');
  if (denies.length > 0) {
    if (manual && denies.every((w) => w.manualSync)) return true;
    if (opStart !== undefined && denies.every((w) => w.syncOverrun)) return canSyncAt(windows, manual, opStart);
    return false;
  }
  if (active.some((w) => w.kind === 'allow')) return true;
  const inactiveAllows = windows.filter((w) => w.kind === 'allow' && !active.includes(w));
  if (inactiveAllows.length > 0) {
    if (manual && inactiveAllows.every((w) => w.manualSync)) return true;
    if (opStart !== undefined && inactiveAllows.every((w) => w.syncOverrun)) return canSyncAt(windows, manual, opStart);
    return false;
  }
  return true;
}

export interface SyncWindowState {
  /** Windows of the project that apply to the Application. */
  windows: SyncWindow[];
  /** Those active now. */
  active: SyncWindow[];
  /** A schedule or duration that does not parse: Argo then blocks every sync. */
  error?: string;
  /** SyncWindows.CanSync: `operationStartMs` lets a running sync overrun (syncOverrun). */
  canSync(manual: boolean, operationStartMs?: number): boolean;
  /** The API server's refusal for a manual sync, or undefined when allowed. */
  syncMessage(): string | undefined;
  /** The next virtual time any applying window opens or closes (undefined without windows). */
  nextChange?: number;
}

/** Sync windows of `project` for `app` at virtual time `nowMs`. */
export function syncWindows(project: KubeObject | AppProjectSpec, app: KubeObject, nowMs: number): SyncWindowState {
  const windows = matchingWindows(specOf(project).syncWindows, app);
  let active: SyncWindow[] = [];
  let error: string | undefined;
  let nextChange: number | undefined;
  try {
    active = windows.filter((w) => isWindowActive(w, nowMs));
    for (const w of windows) {
      const t = nextWindowTransition(w, nowMs);
      if (nextChange === undefined || t < nextChange) nextChange = t;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  const canSync = (manual: boolean, opStart?: number) => error === undefined && canSyncAt(windows, manual, nowMs, opStart);
  const state: SyncWindowState = {
    windows,
    active,
    canSync,
    syncMessage: () => (error !== undefined ? `cannot sync: invalid sync window: invalid sync windows: ${error}` : canSync(true) ? undefined : 'cannot sync: blocked by sync window'),
  };
  if (error !== undefined) state.error = error;
  if (nextChange !== undefined) state.nextChange = nextChange;
  return state;
}
