/** Applications as the list and the detail header show them, read from the Application object's spec and status. */
import { asApp } from '../../../../simulator/argocd/index.js';
import type { Application } from '../../../../simulator/argocd/index.js';
import { REFRESH_ANNOTATION } from '../../../../simulator/argocd/server/index.js';
import type { StoredObject } from '../../../../simulator/cluster/index.js';
import type { AppSummary, ConditionView, HistoryView } from './types.js';

const ms = (iso: string | undefined): number | undefined => {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

export function summarize(obj: StoredObject): AppSummary {
  const app: Application = asApp(obj);
  const source = app.spec.sources?.[0] ?? app.spec.source;
  const st = app.status;
  const op = st?.operationState;
  const dest = app.spec.destination ?? {};
  const out: AppSummary = {
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? '',
    project: app.spec.project || 'default',
    repoURL: source?.repoURL ?? '',
    path: source?.path ?? '',
    targetRevision: source?.targetRevision || 'HEAD',
    destination: `${dest.server ?? dest.name ?? ''}${dest.namespace ? ` / ${dest.namespace}` : ''}`,
    sync: st?.sync?.status ?? 'Unknown',
    revision: st?.sync?.revision ?? st?.sync?.revisions?.[0] ?? '',
    health: st?.health ? { status: st.health.status, ...(st.health.message ? { message: st.health.message } : {}) } : { status: 'Unknown' },
    automated: !!app.spec.syncPolicy?.automated && app.spec.syncPolicy.automated.enabled !== false,
    resourceCount: (st?.resources ?? []).filter((r) => !r.hook).length,
    conditionCount: st?.conditions?.length ?? 0,
    deleting: !!obj.metadata.deletionTimestamp,
  };
  if (source?.chart) out.chart = source.chart;
  if (op) {
    out.operationPhase = op.phase;
    out.operationMessage = op.message;
    const at = ms(op.finishedAt) ?? ms(op.startedAt);
    if (at !== undefined) out.operationAt = at;
  } else if (obj.operation) out.operationPhase = 'Pending';
  return out;
}

export function conditionsOf(obj: StoredObject): ConditionView[] {
  return (asApp(obj).status?.conditions ?? []).map((c) => ({ type: c.type, message: c.message, ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}) }));
}

/** status.history, newest first like the UI's History and Rollback panel. */
export function historyOf(obj: StoredObject): HistoryView[] {
  return (asApp(obj).status?.history ?? [])
    .map((h): HistoryView => {
      const src = h.source ?? h.sources?.[0];
      const path = typeof src?.path === 'string' ? src.path : typeof src?.chart === 'string' ? src.chart : '';
      const repo = typeof src?.repoURL === 'string' ? src.repoURL : '';
      const who = h.initiatedBy?.automated ? 'automated sync' : h.initiatedBy?.username ?? '';
      const v: HistoryView = { id: h.id, revision: h.revision ?? h.revisions?.join(',') ?? '', deployedAt: h.deployedAt, initiatedBy: who, source: path ? `${repo} (${path})` : repo };
      if (h.deployStartedAt) v.deployStartedAt = h.deployStartedAt;
      return v;
    })
    .reverse();
}

export function refreshingOf(obj: StoredObject): string | undefined {
  return obj.metadata.annotations?.[REFRESH_ANNOTATION];
}

export function imagesOf(obj: StoredObject): string[] {
  return asApp(obj).status?.summary?.images ?? [];
}

export function syncOptionsOf(obj: StoredObject): string[] {
  return [...(asApp(obj).spec.syncPolicy?.syncOptions ?? [])];
}
