/**
 * The sync timeline: the current or last operation laid out by phase (PreSync → Sync → PostSync, SyncFail on
 * failure) and wave, each wave with its tasks (status.operationState.syncResult.resources), the time the engine
 * started it and its why (the SyncWave event), and what happened until the next wave began (wave delay, health
 * and hook waits, hooks created or deleted, prunes), all from the sandbox event log in virtual time.
 */
import { asApp } from '../../../../simulator/argocd/index.js';
import type { SimEvent } from '../../../../simulator/core/eventLog.js';
import type { KubeObject, StoredObject } from '../../../../simulator/cluster/types.js';
import { groupOf } from '../../../../simulator/cluster/types.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import { isHook, syncPhases, syncWave } from '../../../../simulator/argocd/sync/index.js';
import type { OperationState } from '../../../../simulator/argocd/index.js';
import { appTargets } from './targets.js';
import { liveObject } from './tree.js';
import type { TimelineEvent, TimelineTask, TimelineView, TimelineWave } from './types.js';

const PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];
const WAVE_EVENT = /^(\w+) wave (-?\d+): /;
const DURING = new Set(['SyncWaiting', 'HookCreated', 'HookDeleted', 'ResourcePruned', 'SyncFailHooks', 'NamespaceCreated']);
const WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

function iso(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function waveOf(obj: KubeObject | undefined): number | undefined {
  const text = obj?.metadata.annotations?.[WAVE_ANNOTATION];
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) ? n : undefined;
}

function toEvent(e: SimEvent): TimelineEvent {
  const v: TimelineEvent = { t: e.t, reason: e.reason, message: e.message, type: e.type };
  if (e.why) v.why = e.why;
  return v;
}

/** The app's events of this operation: from the OperationStarted that began it to its end. */
function operationEvents(world: Sandbox, obj: StoredObject, start: number, end: number | undefined): TimelineEvent[] {
  const all = world.log.all();
  const ns = obj.metadata.namespace ?? '';
  const mine = (e: SimEvent) => e.involvedObject.kind === 'Application' && e.involvedObject.name === obj.metadata.name && (e.involvedObject.namespace ?? '') === ns;
  const out: SimEvent[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const e = all[i]!;
    if (e.t < start) {
      // The API server's OperationStarted comes just before the controller stamps startedAt.
      if (mine(e) && e.reason === 'OperationStarted' && out.every((o) => o.reason !== 'OperationStarted')) out.push(e);
      break;
    }
    if (!mine(e) || (end !== undefined && e.t > end)) continue;
    out.push(e);
  }
  return out.reverse().map(toEvent);
}

/**
 * While the operation runs, what is still to come: every target not yet in the results, in the phase and wave the
 * engine will give it (hooks only with the hook strategy and a full sync; SyncFail hooks only if the sync fails).
 */
function planned(op: OperationState, targets: KubeObject[], waveFor: (phase: string, wave: number) => TimelineWave): void {
  const sync = op.operation.sync ?? {};
  const selective = (sync.resources ?? []).map((r) => `${r.group ?? ''}/${r.kind}/${r.name}`);
  const hooks = !sync.syncStrategy?.apply && selective.length === 0;
  const done = new Set((op.syncResult?.resources ?? []).map((r) => `${r.syncPhase}/${r.group}/${r.kind}/${r.name}`));
  for (const t of targets) {
    const group = groupOf(t.apiVersion);
    const name = t.metadata.name ?? t.metadata.generateName ?? '';
    if (selective.length > 0 && !selective.includes(`${group}/${t.kind}/${name}`)) continue;
    if (isHook(t) && !hooks) continue;
    for (const phase of syncPhases(t)) {
      if (phase === 'SyncFail' || done.has(`${phase}/${group}/${t.kind}/${name}`)) continue;
      if (t.metadata.generateName && [...done].some((d) => d.startsWith(`${phase}/${group}/${t.kind}/${t.metadata.generateName}`))) continue;
      const task: TimelineTask = { kind: t.kind, group, namespace: t.metadata.namespace ?? '', name, message: 'not started yet', planned: true };
      if (isHook(t)) task.hookType = phase;
      waveFor(phase, syncWave(t)).tasks.push(task);
    }
  }
}

export function buildTimeline(world: Sandbox, obj: StoredObject): TimelineView {
  const app = asApp(obj);
  const op = app.status?.operationState;
  if (!op) return { waves: [], events: [] };
  const startedAt = iso(op.startedAt) ?? world.now();
  const finishedAt = iso(op.finishedAt);
  const sync = op.operation.sync ?? {};
  const events = operationEvents(world, obj, startedAt, op.phase === 'Running' ? undefined : finishedAt);
  const initiatedBy = op.operation.initiatedBy?.automated ? 'automated sync' : (op.operation.initiatedBy?.username ?? '');
  const started = events.find((e) => e.reason === 'OperationStarted');
  const kind = started && /rollback/.test(started.message) ? 'rollback' : sync.resources?.length ? 'partial sync' : 'sync';
  const view: TimelineView = {
    operation: {
      phase: op.phase,
      message: op.message,
      startedAt,
      initiatedBy,
      revision: op.syncResult?.revision ?? sync.revision ?? '',
      dryRun: !!sync.dryRun,
      prune: !!sync.prune,
      retryCount: op.retryCount ?? 0,
      kind,
    },
    waves: [],
    events,
  };
  if (finishedAt !== undefined) view.operation!.finishedAt = finishedAt;

  // Wave numbers come from the manifests of the synced revision (a deleted hook has no live object left).
  const byName = new Map<string, number>();
  let targets: KubeObject[] = [];
  try {
    const revision = op.syncResult?.revision;
    targets = appTargets(world, obj, revision ? [revision] : undefined).targets;
    for (const t of targets) byName.set(`${groupOf(t.apiVersion)}/${t.kind}/${t.metadata.name ?? t.metadata.generateName ?? ''}`, syncWave(t));
  } catch {
    // Manifests cannot be rendered any more (repository gone): fall back to live annotations.
  }
  const waves = new Map<string, TimelineWave>();
  const waveFor = (phase: string, wave: number): TimelineWave => {
    const id = `${phase}/${wave}`;
    let w = waves.get(id);
    if (!w) waves.set(id, (w = { phase, wave, tasks: [], during: [] }));
    return w;
  };
  for (const r of op.syncResult?.resources ?? []) {
    const wave = byName.get(`${r.group}/${r.kind}/${r.name}`) ?? waveOf(liveObject(world, r.group, r.kind, r.namespace, r.name)) ?? 0;
    const task: TimelineTask = { kind: r.kind, group: r.group, namespace: r.namespace, name: r.name, message: r.message };
    if (r.status) task.status = r.status;
    if (r.hookType) task.hookType = r.hookType;
    if (r.hookPhase) task.hookPhase = r.hookPhase;
    waveFor(r.syncPhase, wave).tasks.push(task);
  }
  if (op.phase === 'Running') planned(op, targets, waveFor);
  // Where each wave starts in the event list: what follows, until the next wave starts, happened during it.
  const startIndex = new Map<TimelineWave, number>();
  events.forEach((e, i) => {
    if (e.reason !== 'SyncWave') return;
    const m = WAVE_EVENT.exec(e.message);
    if (!m) return;
    const w = waveFor(m[1]!, Number(m[2]));
    // A retried operation runs a wave again: the latest start counts.
    w.startedAt = e.t;
    w.message = e.message;
    if (e.why) w.why = e.why;
    startIndex.set(w, i);
  });
  const ordered = [...waves.values()].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.wave - b.wave);
  const starts = [...startIndex.values()].sort((a, b) => a - b);
  for (const w of ordered) {
    const from = startIndex.get(w);
    if (from === undefined || w.startedAt === undefined) continue;
    const to = starts.find((s) => s > from) ?? events.length;
    if (to < events.length) w.untilNext = events[to]!.t - w.startedAt;
    w.during = events.slice(from + 1, to).filter((e) => DURING.has(e.reason));
  }
  view.waves = ordered;
  return view;
}
