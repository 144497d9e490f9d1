/**
 * The controller's settings, read from argocd-cm and argocd-cmd-params-cm on every reconcile (Argo CD
 * watches them too): resync period and jitter, tracking method, instance label, Application health,
 * self-heal back-off, sync wave delay. Defaults are Argo CD 3.x's.
 */
import { load } from 'js-yaml';
import type { ObjectStore } from '../../cluster/store/index.js';
import { parseDuration } from '../../core/clock.js';
import { APPLICATION_HEALTH_RULE, parseHealthRules } from '../health/index.js';
import type { HealthRule } from '../health/index.js';

export type TrackingMethod = 'annotation' | 'label' | 'annotation+label';

export interface ControllerSettings {
  /** timeout.reconciliation (default 120s; 0 disables the periodic refresh). */
  resyncMs: number;
  /** timeout.reconciliation.jitter (default 60s): a random extra delay up to this. */
  jitterMs: number;
  trackingMethod: TrackingMethod;
  /** application.instanceLabelKey. */
  instanceLabelKey: string;
  healthRules: HealthRule[];
  /** controller.self.heal.timeout.seconds: used only when the back-off is turned off (backoff timeout 0), like upstream. */
  selfHealTimeoutMs: number;
  /** controller.self.heal.backoff.*: 2 s · 3ⁿ, capped at 300 s. */
  selfHealBackoff: { durationMs: number; factor: number; capMs: number } | undefined;
  /** ARGOCD_SYNC_WAVE_DELAY: 2 s. */
  waveDelayMs: number;
  /** controller.sync.timeout.seconds (argocd-cmd-params-cm): a sync running longer is terminated; 0 (default) never. */
  syncTimeoutMs: number;
  /** Problems reading the settings (shown as a condition-free event by the controller). */
  errors: string[];
  /**
   * argocd-cm `resource.exclusions` / `resource.inclusions` (and the core exclusions) for this app's
   * destination cluster: excluded kinds are neither targets nor live objects (set by attachProject).
   */
  isExcluded?: (group: string, kind: string) => boolean;
  /** What `isExcluded` depends on, for caches of normalised targets. */
  excludedKey?: string;
}

function cmData(store: ObjectStore, namespace: string, name: string): Record<string, string> {
  const cm = store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });
  const data = cm?.data;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, string>) : {};
}

function duration(text: string | undefined, fallback: number, errors: string[], key: string): number {
  if (text === undefined || text.trim() === '') return fallback;
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  try {
    return parseDuration(t);
  } catch (e) {
    errors.push(`invalid ${key} "${t}": ${e instanceof Error ? e.message : String(e)}`);
    return fallback;
  }
}

function seconds(text: string | undefined, fallback: number): number {
  const n = text === undefined ? NaN : Number(text.trim());
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

const HEALTH_PREFIX = 'resource.customizations.health.';

/**
 * Health customizations. Argo CD runs Lua here; the sandbox accepts the documented Application rule (any
 * value under `...health.argoproj.io_Application` turns it on) and the sandbox's rule data (YAML list, see
 * simulator/argocd/health/index.ts) under `resource.customizations.health.<group>_<kind>`.
 */
function healthRules(data: Record<string, string>, errors: string[]): HealthRule[] {
  const rules: HealthRule[] = [];
  for (const key of Object.keys(data).sort()) {
    if (!key.startsWith(HEALTH_PREFIX)) continue;
    const gk = key.slice(HEALTH_PREFIX.length);
    if (gk === 'argoproj.io_Application') {
      rules.push(APPLICATION_HEALTH_RULE);
      continue;
    }
    try {
      const parsed = load(data[key] ?? '');
      if (Array.isArray(parsed)) rules.push(...parseHealthRules(parsed));
    } catch (e) {
      errors.push(`${key}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return rules;
}

export function readSettings(store: ObjectStore, namespace: string): ControllerSettings {
  const cm = cmData(store, namespace, 'argocd-cm');
  const params = cmData(store, namespace, 'argocd-cmd-params-cm');
  const errors: string[] = [];
  const method = cm['application.resourceTrackingMethod'];
  const selfHealTimeout = seconds(params['controller.self.heal.timeout.seconds'], 0);
  const backoffSeconds = seconds(params['controller.self.heal.backoff.timeout.seconds'], 2);
  return {
    resyncMs: duration(cm['timeout.reconciliation'], 120_000, errors, 'timeout.reconciliation'),
    jitterMs: duration(cm['timeout.reconciliation.jitter'], 60_000, errors, 'timeout.reconciliation.jitter'),
    trackingMethod: method === 'label' || method === 'annotation+label' ? method : 'annotation',
    instanceLabelKey: cm['application.instanceLabelKey'] || 'app.kubernetes.io/instance',
    healthRules: healthRules(cm, errors),
    selfHealTimeoutMs: selfHealTimeout * 1000,
    selfHealBackoff:
      backoffSeconds === 0
        ? undefined
        : {
            durationMs: backoffSeconds * 1000,
            factor: seconds(params['controller.self.heal.backoff.factor'], 3),
            capMs: seconds(params['controller.self.heal.backoff.cap.seconds'], 300) * 1000,
          },
    waveDelayMs: 2000,
    syncTimeoutMs: seconds(params['controller.sync.timeout.seconds'], 0) * 1000,
    errors,
  };
}
