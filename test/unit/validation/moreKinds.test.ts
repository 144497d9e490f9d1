import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject } from '../../../simulator/index.js';
import { apiErrorOf } from '../../support/apiError.js';

function causes(fn: () => unknown): string[] {
  return (apiErrorOf(fn).status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
}

const container = (extra: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'busybox', ...extra }] },
});

describe('more validation rules', () => {
  it('checks quantities (decode), requests ≤ limits, and env var names', () => {
    const sb = createSandbox();
    expect(causes(() => sb.store.create(container({ resources: { limits: { cpu: 'lots' } } })))).toEqual([
      "spec.containers[0].resources.limits[cpu]: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
    expect(causes(() => sb.store.create(container({ resources: { requests: { cpu: '2', memory: '64Mi' }, limits: { cpu: '500m', memory: '1Gi' } } })))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ]);
    expect(causes(() => sb.store.create(container({ env: [{ name: '1BAD', value: 'x' }] })))[0]).toMatch(/^spec\.containers\[0\]\.env\[0\]\.name: Invalid value: "1BAD": a valid environment variable name/);
    const ok = sb.store.create(container({ resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: 1, memory: '1Gi' } } }));
    expect(ok.status).toMatchObject({ qosClass: 'Burstable' });
  });

  it('checks rolling update percentages', () => {
    const sb = createSandbox();
    const d = (ru: Record<string, string | number>): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: ru },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    expect(causes(() => sb.store.create(d({ maxSurge: 'abc' })))[0]).toContain("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%'");
    expect(causes(() => sb.store.create(d({ maxSurge: 0, maxUnavailable: 0 })))).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
    expect(causes(() => sb.store.create(d({ maxUnavailable: '150%' })))).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%']);
  });

  it('validates Ingress paths, RBAC rules and bindings, and PVCs', () => {
    const sb = createSandbox();
    const ing = causes(() =>
      sb.store.create({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i' },
        spec: { rules: [{ http: { paths: [{ path: 'web', backend: { service: { name: 'web' } } }, { path: 'x', pathType: 'Prefix', backend: {} }] } }] },
      }),
    );
    expect(ing).toEqual([
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      'spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required',
      'spec.rules[0].http.paths[1].path: Invalid value: "x": must be an absolute path',
      'spec.rules[0].http.paths[1].backend: Invalid value: networking.IngressBackend{...}: one backend must be specified',
    ]);
    expect(causes(() => sb.store.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ resources: ['pods'] }] } as KubeObject))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    ]);
    const rb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }] } as KubeObject;
    expect(causes(() => sb.store.create({ ...rb, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Thing', name: 'r' } } as KubeObject))).toEqual([
      'roleRef.kind: Unsupported value: "Thing": supported values: "Role", "ClusterRole"',
    ]);
    const stored = sb.store.create(rb);
    expect(causes(() => sb.store.update({ ...stored, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' } } as KubeObject))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"admin"}: cannot change roleRef',
    ]);
    expect(causes(() => sb.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: {} }))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    const pvc = sb.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(pvc.spec).toMatchObject({ volumeMode: 'Filesystem' });
  });
});

describe('absent structs read as empty, like Go', () => {
  it('a Deployment without spec, and Jobs with bad restart policies, get the real errors', () => {
    const sb = createSandbox();
    expect(causes(() => sb.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }))).toEqual([
      'spec.selector: Required value',
      'spec.template.spec.containers: Required value',
    ]);
    const job = (restartPolicy: string): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox' }] } } } });
    expect(causes(() => sb.store.create(job('Always')))).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
    expect(causes(() => sb.store.create(job('Sometimes')))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]);
  });
});

describe('JSON Schemas for editors', () => {
  it('describe built-in kinds from the validation tables', async () => {
    const { builtinJsonSchema, builtinJsonSchemas } = await import('../../../simulator/cluster/validation/index.js');
    const d = builtinJsonSchema('apps', 'Deployment') as { properties: Record<string, { properties?: Record<string, unknown>; enum?: string[] }> };
    expect(d.properties.apiVersion!.enum).toEqual(['apps/v1']);
    expect(d.properties.spec!.properties!.replicas).toEqual({ type: 'integer' });
    expect((d.properties.spec!.properties!.template as { properties: { spec: { additionalProperties: boolean } } }).properties.spec.additionalProperties).toBe(false);
    expect(Object.keys(builtinJsonSchemas())).toContain('/v1/Pod');
  });
});

describe('CronJob schedules', () => {
  it('uses the controller parser for schedules and checks time zones', () => {
    const sb = createSandbox();
    const cj = (spec: Record<string, string>): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { ...spec, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } },
    });
    expect(causes(() => sb.store.create(cj({ schedule: 'every minute' })))).toEqual(['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: every minute']);
    expect(causes(() => sb.store.create(cj({ schedule: 'TZ=UTC 0 * * * *' })))).toEqual(['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
    expect(causes(() => sb.store.create(cj({ schedule: '0 * * * *', timeZone: 'Mars/Base' })))).toEqual(['spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base']);
    expect(sb.store.create(cj({ schedule: '@hourly', timeZone: 'Europe/Paris' })).spec).toMatchObject({ concurrencyPolicy: 'Allow' });
  });
});

describe('Secrets, ConfigMap binaryData and NodePorts', () => {
  it('checks typed Secret keys, binaryData base64 and the NodePort range', () => {
    const sb = createSandbox();
    expect(causes(() => sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } } as KubeObject))).toEqual(['data[tls.key]: Required value']);
    expect(causes(() => sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, binaryData: { bin: '%%%' } } as KubeObject))).toEqual(['binaryData[bin]: illegal base64 data at input byte 0']);
    expect(causes(() => sb.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] } }))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
    const svc = sb.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    expect((svc.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort).toBe(30000);
  });
});

describe('fieldValidation modes', () => {
  it('Strict refuses unknown fields; Ignore drops them, for built-in and custom kinds', async () => {
    const { withFieldValidation } = await import('../../../simulator/cluster/validation/index.js');
    const sb = createSandbox();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', bogus: 1 }, data: { a: 'b' }, datta: { x: 'y' } } as unknown as KubeObject;
    expect(causes(() => sb.store.create(cm))).toEqual(['metadata.bogus: unknown field "metadata.bogus"', 'datta: unknown field "datta"']);
    const stored = withFieldValidation(sb.store, 'Ignore', () => sb.store.create(cm));
    expect(stored).not.toHaveProperty('datta');
    expect(stored.metadata).not.toHaveProperty('bogus');
    expect(stored.data).toEqual({ a: 'b' });
    // The mode ends with the call.
    expect(causes(() => sb.store.create({ ...cm, metadata: { name: 'd' } } as KubeObject))).toEqual(['datta: unknown field "datta"']);
  });
});
