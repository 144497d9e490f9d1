import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_HEALTH_RULE,
  HEALTH_ORDER,
  aggregateApplicationHealth,
  aggregateHealth,
  getApplicationHealth,
  getResourceHealth,
  isWorse,
  parseHealthRules,
} from '../../../../simulator/argocd/health/index.js';
import type { ManagedResourceHealthInput } from '../../../../simulator/argocd/health/index.js';
import type { KubeObject } from '../../../../simulator/index.js';

const deployment = (name: string, available: number, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', generation: 1, ...(annotations ? { annotations } : {}) },
  spec: { replicas: 1 },
  status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: available },
});
const res = (live: KubeObject | undefined, name = live?.metadata.name ?? 'gone', kind = 'Deployment', group = 'apps'): ManagedResourceHealthInput => ({
  group,
  kind,
  namespace: 'default',
  name,
  ...(live ? { live } : {}),
});
const childApp = (name: string, health?: string): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd' },
  ...(health ? { status: { health: { status: health } } } : {}),
});

describe('aggregateHealth (gitops-engine IsWorse)', () => {
  it('orders Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
    expect(HEALTH_ORDER).toEqual(['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']);
    expect(isWorse('Progressing', 'Missing')).toBe(true);
    expect(isWorse('Degraded', 'Missing')).toBe(false);
    expect(isWorse('Degraded', 'Unknown')).toBe(true);
    expect(isWorse('Suspended', 'Suspended')).toBe(false);
  });

  it('is Healthy for nothing, skips kinds without health and keeps the worst', () => {
    expect(aggregateHealth([])).toBe('Healthy');
    expect(aggregateHealth([undefined, { status: 'Healthy' }])).toBe('Healthy');
    expect(aggregateHealth(['Healthy', 'Suspended'])).toBe('Suspended');
    expect(aggregateHealth([{ status: 'Progressing' }, 'Suspended', { status: 'Healthy' }])).toBe('Progressing');
    expect(aggregateHealth(['Degraded', 'Missing', 'Progressing'])).toBe('Degraded');
    expect(aggregateHealth(['Degraded', 'Unknown'])).toBe('Unknown');
  });
});

describe('aggregateApplicationHealth (Argo CD setApplicationHealth)', () => {
  it('names the resources that set the status, at most three', () => {
    const r = aggregateApplicationHealth(['a', 'b', 'c', 'd'].map((n) => res(deployment(n, 0))).concat(res(deployment('ok', 1))));
    expect(r.status).toBe('Progressing');
    expect(r.message).toBe('Caused by apps/Deployment:default/a, apps/Deployment:default/b, apps/Deployment:default/c and 1 more');
    expect(r.resources.map((h) => h?.status)).toEqual(['Progressing', 'Progressing', 'Progressing', 'Progressing', 'Healthy']);
  });

  it('a worse resource replaces the causes; a Healthy app has no message', () => {
    const r = aggregateApplicationHealth([res(deployment('slow', 0)), res({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, status: { phase: 'Failed', message: 'boom' } }, 'p', 'Pod', '')]);
    expect(r).toMatchObject({ status: 'Degraded', message: 'Caused by Pod:default/p' });
    expect(aggregateApplicationHealth([res(deployment('ok', 1))])).toEqual({ status: 'Healthy', resources: [{ status: 'Healthy' }] });
  });

  it('a resource missing from the cluster is Missing but does not lower the app while others are live', () => {
    const r = aggregateApplicationHealth([res(deployment('ok', 1)), res(undefined, 'not-yet')]);
    expect(r.status).toBe('Healthy');
    expect(r.resources[1]).toEqual({ status: 'Missing' });
    expect(aggregateApplicationHealth([res(undefined, 'a'), res(undefined, 'b')])).toMatchObject({ status: 'Missing' });
    expect(aggregateApplicationHealth([])).toMatchObject({ status: 'Healthy' });
  });

  it('skips hooks, Skip resources and resources with ignore-healthcheck', () => {
    const hook = deployment('migrate', 0, { 'argocd.argoproj.io/hook': 'PreSync' });
    const helmHook = deployment('helm-test', 0, { 'helm.sh/hook': 'test' });
    const ignored = deployment('flaky', 0, { 'argocd.argoproj.io/ignore-healthcheck': 'true' });
    const skip = deployment('skipped', 0, { 'argocd.argoproj.io/hook': 'Skip' });
    const r = aggregateApplicationHealth([res(hook), res(helmHook), res(ignored), { ...res(undefined, 'skipped'), target: skip }, res(deployment('ok', 1))]);
    expect(r.status).toBe('Healthy');
    expect(r.resources.map((h) => h?.status)).toEqual([undefined, undefined, undefined, undefined, 'Healthy']);
  });

  it('a live Skip-annotated resource is not a hook and counts', () => {
    const r = aggregateApplicationHealth([res(deployment('skipped-live', 0, { 'argocd.argoproj.io/hook': 'Skip' }))]);
    expect(r.status).toBe('Progressing');
  });

  it('child Applications count only with the app-of-apps rule, and never when Missing or Unknown', () => {
    const children = [res(childApp('degraded', 'Degraded'), 'degraded', 'Application', 'argoproj.io'), res(deployment('ok', 1))];
    expect(aggregateApplicationHealth(children).status).toBe('Healthy');
    expect(aggregateApplicationHealth(children, [APPLICATION_HEALTH_RULE])).toMatchObject({ status: 'Degraded', message: 'Caused by argoproj.io/Application:default/degraded' });
    const quiet = [res(childApp('m', 'Missing'), 'm', 'Application', 'argoproj.io'), res(childApp('u', 'Unknown'), 'u', 'Application', 'argoproj.io'), res(deployment('ok', 1))];
    const r = aggregateApplicationHealth(quiet, [APPLICATION_HEALTH_RULE]);
    expect(r.status).toBe('Healthy');
    expect(r.resources.map((h) => h?.status)).toEqual(['Missing', 'Unknown', 'Healthy']);
  });
});

describe('Application health and rule data', () => {
  it('Application has no built-in health (removed in Argo CD 1.8); the rule restores the documented passthrough', () => {
    expect(getResourceHealth(childApp('x', 'Degraded'))).toBeUndefined();
    expect(getApplicationHealth(childApp('x', 'Degraded'))).toEqual({ status: 'Degraded' });
    expect(getApplicationHealth(childApp('x'))).toEqual({ status: 'Progressing' });
  });

  it('the YAML form of the app-of-apps rule parses to APPLICATION_HEALTH_RULE', () => {
    const file = fileURLToPath(new URL('./fixtures/application.rules.yaml', import.meta.url));
    expect(parseHealthRules(load(readFileSync(file, 'utf8')))).toEqual([APPLICATION_HEALTH_RULE]);
  });

  it.each([
    [{}, 'health rules: must be a list'],
    [[{ kind: 'X', checks: [] }], 'health rules[0].group: must be a string ("" for the core group)'],
    [[{ group: 'a', kind: 'X', checks: [{ field: 'status.phase', equals: 'Ok', health: 'Fine' }] }], 'health rules[0].checks[0].health: must be one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown, fromField'],
    [[{ group: 'a', kind: 'X', checks: [{ field: 'status.phase', health: 'Healthy' }] }], 'health rules[0].checks[0]: a field check needs equals, in or exists'],
    [[{ group: 'a', kind: 'X', checks: [{ health: 'Healthy' }] }], 'health rules[0].checks[0]: needs either condition or field'],
    [[{ group: 'a', kind: 'X', checks: [], default: { status: 'Green' } }], 'health rules[0].default.status: must be one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown'],
  ])('rejects bad rule data %#', (data, message) => {
    expect(() => parseHealthRules(data)).toThrow(message);
  });

  it('overrides may also be a HealthOverride object, consulted before the built-in check', () => {
    const override = { getResourceHealth: (o: KubeObject) => (o.kind === 'Deployment' ? { status: 'Suspended' as const, message: 'by override' } : undefined) };
    expect(getResourceHealth(deployment('web', 0), override)).toEqual({ status: 'Suspended', message: 'by override' });
    expect(getResourceHealth({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, status: { phase: 'Bound' } }, override)).toEqual({ status: 'Healthy' });
  });
});
