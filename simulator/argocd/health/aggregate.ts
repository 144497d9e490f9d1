/** Folding many resource healths into one: gitops-engine IsWorse, and Argo CD's setApplicationHealth rules. */
import type { KubeObject } from '../../cluster/types.js';
import { getResourceHealth } from './resource.js';
import type { HealthOverrides } from './resource.js';
import { isWorse } from './types.js';
import type { HealthStatus, HealthStatusCode } from './types.js';

/** The worst of the given statuses (Healthy when there are none); undefined entries have no health. */
export function aggregateHealth(statuses: Iterable<HealthStatus | HealthStatusCode | undefined>): HealthStatusCode {
  let worst: HealthStatusCode = 'Healthy';
  for (const s of statuses) {
    const code = typeof s === 'string' ? s : s?.status;
    if (code && isWorse(worst, code)) worst = code;
  }
  return worst;
}

/** One managed resource of an Application: its identity, the desired object (if any) and the live one (if any). */
export interface ManagedResourceHealthInput {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  target?: KubeObject;
  live?: KubeObject;
}

export interface ApplicationHealthResult {
  status: HealthStatusCode;
  /** "Caused by apps/Deployment:default/web" — which resources set the status (Argo CD 3.x). */
  message?: string;
  /** Per-resource health, aligned with the input (undefined: no health, or skipped). */
  resources: (HealthStatus | undefined)[];
}

const HOOK = 'argocd.argoproj.io/hook';
const IGNORE_HEALTHCHECK = 'argocd.argoproj.io/ignore-healthcheck';
const MAX_CAUSES = 3;

function hookTypes(obj: KubeObject): string[] {
  return (obj.metadata.annotations?.[HOOK] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function isSkip(obj: KubeObject): boolean {
  const t = hookTypes(obj);
  return t.length === 1 && t[0] === 'Skip';
}

function isHook(obj: KubeObject): boolean {
  const a = obj.metadata.annotations ?? {};
  if (HOOK in a) return !isSkip(obj);
  return 'helm.sh/hook' in a;
}

function causeName(r: ManagedResourceHealthInput): string {
  const gk = r.group ? `${r.group}/${r.kind}` : r.kind;
  return `${gk}:${r.namespace ? `${r.namespace}/${r.name}` : r.name}`;
}

/**
 * Application health from its managed resources (Argo CD controller/health.go setApplicationHealth): hooks,
 * Skip resources and ignore-healthcheck resources do not count; a resource missing from the cluster is
 * Missing but does not lower the app (OutOfSync already says so) unless nothing at all is live; a child
 * Application that is Missing or Unknown does not lower its parent.
 */
export function aggregateApplicationHealth(resources: readonly ManagedResourceHealthInput[], overrides?: HealthOverrides): ApplicationHealthResult {
  let status: HealthStatusCode = 'Healthy';
  let causes: ManagedResourceHealthInput[] = [];
  let containsResources = false;
  let containsLive = false;
  const out: (HealthStatus | undefined)[] = resources.map(() => undefined);
  resources.forEach((res, i) => {
    if (res.target && isSkip(res.target)) return;
    if (res.live && isHook(res.live)) return;
    containsResources = true;
    if (res.live) containsLive = true;
    if (res.live?.metadata.annotations?.[IGNORE_HEALTHCHECK] === 'true') return;
    const h: HealthStatus | undefined = res.live ? getResourceHealth(res.live, overrides) : { status: 'Missing' };
    if (!h) return;
    out[i] = h;
    if (!res.live) return;
    if (res.group === 'argoproj.io' && res.kind === 'Application' && (h.status === 'Missing' || h.status === 'Unknown')) return;
    if (isWorse(status, h.status)) {
      status = h.status;
      causes = [res];
    } else if (status === h.status && status !== 'Healthy') causes.push(res);
  });
  if (containsResources && !containsLive && isWorse(status, 'Missing')) {
    status = 'Missing';
    causes = [];
  }
  if (causes.length === 0) return { status, resources: out };
  const shown = causes.slice(0, MAX_CAUSES).map(causeName).join(', ');
  const more = causes.length > MAX_CAUSES ? ` and ${causes.length - MAX_CAUSES} more` : '';
  return { status, message: `Caused by ${shown}${more}`, resources: out };
}
