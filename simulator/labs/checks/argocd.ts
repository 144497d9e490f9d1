/** `application` (sync/health/operation/revision), `sync` (order of the last operation's results) and `rbac`. */
import { argoCD, hasArgoCD, ARGOCD_NAMESPACE } from '../../argocd/index.js';
import { ArgoApiError, ArgoCDServer } from '../../argocd/server/index.js';
import { getPath, isObj } from '../../cluster/types.js';
import type { StoredObject } from '../../cluster/types.js';
import type { Sandbox } from '../../sandbox.js';
import type { ApplicationCheck, RbacCheck, SyncCheck, SyncOrderEntry } from '../types.js';
import { show } from './values.js';
import type { Verdict } from './object.js';

const WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

function getApp(sandbox: Sandbox, name: string, namespace = ARGOCD_NAMESPACE): StoredObject | undefined {
  return sandbox.store.get({ group: 'argoproj.io', kind: 'Application', namespace, name });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A revision as a lab writes it (full SHA, a 7+ character prefix, or a branch/tag of the app's repo) matches `actual`. */
function revisionMatches(sandbox: Sandbox, app: StoredObject, want: string, actual: string | undefined): boolean {
  if (!actual) return false;
  if (actual === want || (want.length >= 7 && /^[0-9a-f]+$/.test(want) && actual.startsWith(want))) return true;
  const repoURL = str(getPath(app, ['spec', 'source', 'repoURL']));
  if (!repoURL || !hasArgoCD(sandbox)) return false;
  try {
    return argoCD(sandbox).git.get(repoURL).resolveSync(want) === actual;
  } catch {
    return false;
  }
}

export function checkApplication(sandbox: Sandbox, c: ApplicationCheck): Verdict {
  const ns = c.namespace ?? ARGOCD_NAMESPACE;
  const app = getApp(sandbox, c.name, ns);
  const label = `Application ${ns}/${c.name}`;
  if (!app) return { ok: false, reason: `${label} not found` };
  const fields: [string, string[], string | undefined][] = [
    ['status.sync.status', ['status', 'sync', 'status'], c.sync],
    ['status.health.status', ['status', 'health', 'status'], c.health],
    ['status.operationState.phase', ['status', 'operationState', 'phase'], c.operationPhase],
  ];
  const held: string[] = [];
  for (const [path, segs, want] of fields) {
    if (want === undefined) continue;
    const actual = getPath(app, segs);
    if (actual !== want) {
      const msg = str(getPath(app, ['status', 'operationState', 'message']));
      const extra = path === 'status.operationState.phase' && msg ? ` (${msg})` : '';
      return { ok: false, reason: `${label}: ${path} is ${show(actual)}, expected ${want}${extra}` };
    }
    held.push(`${path} is ${want}`);
  }
  if (c.revision !== undefined) {
    const actual = str(getPath(app, ['status', 'sync', 'revision']));
    if (!revisionMatches(sandbox, app, c.revision, actual)) return { ok: false, reason: `${label}: status.sync.revision is ${show(actual)}, expected ${c.revision}` };
    held.push(`status.sync.revision is ${c.revision}`);
  }
  return { ok: true, reason: `${label}: ${held.length ? held.join(', ') : 'exists'}` };
}

interface ResultRow {
  kind: string;
  name: string;
  namespace: string;
  hookType?: string;
  syncPhase?: string;
  wave: number;
}

/** The wave a result row ran in: from the app's resource list, else the live object's annotation, else 0. */
function waveOf(sandbox: Sandbox, app: StoredObject, r: Record<string, unknown>): number {
  const resources = getPath(app, ['status', 'resources']);
  if (Array.isArray(resources)) {
    const hit = resources.find((x) => isObj(x) && x.kind === r.kind && x.name === r.name && (x.namespace ?? '') === (r.namespace ?? ''));
    if (isObj(hit) && typeof hit.syncWave === 'number') return hit.syncWave;
  }
  const group = str(r.group) ?? '';
  try {
    const live = sandbox.store.get({ group, kind: String(r.kind), namespace: str(r.namespace) || undefined, name: String(r.name) });
    const w = Number(live?.metadata.annotations?.[WAVE_ANNOTATION] ?? 0);
    return Number.isFinite(w) ? w : 0;
  } catch {
    return 0;
  }
}

function matches(row: ResultRow, e: SyncOrderEntry): boolean {
  return (
    (e.kind === undefined || row.kind === e.kind) &&
    (e.name === undefined || row.name === e.name) &&
    (e.hookType === undefined || row.hookType === e.hookType) &&
    (e.syncPhase === undefined || row.syncPhase === e.syncPhase) &&
    (e.syncWave === undefined || row.wave === e.syncWave)
  );
}

const describeEntry = (e: SyncOrderEntry): string =>
  Object.entries(e)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');

const describeRow = (r: ResultRow): string => `${r.kind}/${r.name} (${r.hookType ? `${r.hookType} hook` : `${r.syncPhase ?? 'Sync'} wave ${r.wave}`})`;

export function checkSync(sandbox: Sandbox, c: SyncCheck): Verdict {
  const ns = c.namespace ?? ARGOCD_NAMESPACE;
  const app = getApp(sandbox, c.app, ns);
  const label = `Application ${ns}/${c.app}`;
  if (!app) return { ok: false, reason: `${label} not found` };
  const raw = getPath(app, ['status', 'operationState', 'syncResult', 'resources']);
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, reason: `${label} has no sync result yet (status.operationState.syncResult.resources is empty)` };
  const rows: ResultRow[] = raw.filter(isObj).map((r) => ({
    kind: String(r.kind ?? ''),
    name: String(r.name ?? ''),
    namespace: String(r.namespace ?? ''),
    ...(str(r.hookType) ? { hookType: str(r.hookType) } : {}),
    ...(str(r.syncPhase) ? { syncPhase: str(r.syncPhase) } : {}),
    wave: waveOf(sandbox, app, r),
  }));
  let at = 0;
  for (const [i, e] of c.order.entries()) {
    const idx = rows.findIndex((row, j) => j >= at && matches(row, e));
    if (idx < 0) {
      const anywhere = rows.some((row) => matches(row, e));
      const where = i === 0 ? '' : ` after ${describeEntry(c.order[i - 1]!)}`;
      return {
        ok: false,
        reason: `${label}: ${anywhere ? `${describeEntry(e)} ran, but not${where}` : `no result matches ${describeEntry(e)}`}; the last sync ran: ${rows.map(describeRow).join(', ')}`,
      };
    }
    at = idx + 1;
  }
  return { ok: true, reason: `${label}: ${c.order.map(describeEntry).join(' → ')}` };
}

export function checkRbac(sandbox: Sandbox, c: RbacCheck): Verdict {
  const what = `${c.as} ${c.action} ${c.resource} ${c.object}`;
  try {
    const decision = new ArgoCDServer(sandbox).as(c.as).explain(c.resource, c.action, c.object);
    const verdict = decision.allowed ? 'allowed' : 'denied';
    return { ok: decision.allowed === c.allowed, reason: `${what}: ${verdict}${decision.allowed === c.allowed ? '' : `, expected ${c.allowed ? 'allowed' : 'denied'}`} (${decision.why})` };
  } catch (err) {
    const msg = err instanceof ArgoApiError ? err.toString() : (err as Error).message;
    return { ok: false, reason: `${what}: ${msg}` };
  }
}
