import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject } from '../../../simulator/index.js';
import { locateApiError, parseManifests } from '../../../simulator/manifest/index.js';
import { apiErrorOf } from '../../support/apiError.js';

const deploy = (over: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    ...spec,
  },
  ...over,
});

describe('validation like the API server', () => {
  it('rejects a selector that does not match the template labels', () => {
    const sb = createSandbox();
    const tpl = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const e = apiErrorOf(() => sb.store.create(deploy({}, { template: tpl })));
    expect(e.status).toMatchObject({ reason: 'Invalid', code: 422 });
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
    expect(e.status.details).toMatchObject({ name: 'web', group: 'apps', kind: 'Deployment', causes: [{ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels' }] });
  });

  it('requires containers, container names and images; rejects duplicates and bad ports', () => {
    const sb = createSandbox();
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {} })).message).toBe('Pod "x" is invalid: spec.containers: Required value');
    const e = apiErrorOf(() =>
      sb.store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'x' },
        spec: { containers: [{ name: 'a', image: 'busybox', ports: [{ containerPort: 70000 }] }, { name: 'a', image: 'busybox' }, { image: 'x' }, { name: 'b' }] },
      }),
    );
    expect(e.status.details!.causes!.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[1].name: Duplicate value: "a"',
      'spec.containers[2].name: Required value',
      'spec.containers[3].image: Required value',
    ]);
    expect(e.message.startsWith('Pod "x" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000')).toBe(true);
  });

  it('checks names per kind: subdomain, RFC 1123 label for Namespace, DNS-1035 for Service, length', () => {
    const sb = createSandbox();
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Foo_Bar' } })).message).toBe(
      `ConfigMap "Foo_Bar" is invalid: metadata.name: Invalid value: "Foo_Bar": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } })).message).toContain('a lowercase RFC 1123 label must consist');
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1svc' }, spec: { ports: [{ port: 80 }] } })).message).toContain('a DNS-1035 label');
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n'.repeat(64) } })).message).toContain('must be no more than 63 characters');
    // Service port names are RFC 1123 labels: `kubectl create service clusterip s --tcp=80:8080` names its port `80-8080`.
    const ports = [{ name: '80-8080', port: 80 }, { name: 'https', port: 443 }];
    expect(sb.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's2' }, spec: { ports } }).metadata.name).toBe('s2');
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's3' }, spec: { ports: [{ name: 'Web_1', port: 80 }] } })).message).toContain('a lowercase RFC 1123 label');
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'l', labels: { 'bad key!': 'v' } } })).status.details!.causes![0]!.field).toBe('metadata.labels');
  });

  it('reports wrong types as decode errors (400) and unknown fields in strict mode', () => {
    const sb = createSandbox();
    const e = apiErrorOf(() => sb.store.create(deploy({}, { replicas: 'three' })));
    expect(e.status).toMatchObject({ reason: 'BadRequest', code: 400 });
    expect(e.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(e.status.details!.causes![0]!.field).toBe('spec.replicas');
    const env = deploy({}, {});
    ((env.spec as { template: { spec: { containers: { env?: unknown }[] } } }).template.spec.containers[0]!).env = [{ name: 'X', value: true }];
    expect(apiErrorOf(() => sb.store.create(env)).message).toContain('cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
    const u = apiErrorOf(() => sb.store.create(deploy({ extra: 1 }, { replicass: 3 })));
    expect(u.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass", unknown field "extra"');
    expect(u.status.details!.causes!.map((c) => c.field)).toEqual(['spec.replicass', 'extra']);
  });

  it('enforces immutable fields on update', () => {
    const sb = createSandbox();
    const d = sb.store.create(deploy());
    const moved = { ...d, spec: { ...(d.spec as object), selector: { matchLabels: { app: 'other' } } } };
    expect(apiErrorOf(() => sb.store.update(moved)).message).toContain('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
    const pod = sb.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox:1' }] } });
    const spec = pod.spec as { containers: { name: string; image: string }[] };
    // The image may change; other fields may not; binding may set nodeName once.
    expect(() => sb.store.update({ ...pod, spec: { ...spec, containers: [{ ...spec.containers[0]!, image: 'busybox:2' }] } })).not.toThrow();
    const p2 = sb.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' });
    expect(() => sb.store.update({ ...p2, spec: { ...(p2.spec as object), nodeName: 'sandbox-control-plane' } })).not.toThrow();
    const p3 = sb.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' });
    expect(apiErrorOf(() => sb.store.update({ ...p3, spec: { ...(p3.spec as object), restartPolicy: 'Never' } })).message).toContain('spec: Forbidden: pod updates may not change fields other than');
    const job = sb.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } });
    const jt = (job.spec as { template: { spec: object } }).template;
    expect(apiErrorOf(() => sb.store.update({ ...job, spec: { ...(job.spec as object), template: { ...jt, spec: { ...jt.spec, activeDeadlineSeconds: 5 } } } })).message).toContain('spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable');
  });

  it('requires a Job restartPolicy of OnFailure or Never', () => {
    const sb = createSandbox();
    const e = apiErrorOf(() => sb.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } }));
    expect(e.message).toBe('Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('rejects bad base64 in Secret data and duplicates with AlreadyExists', () => {
    const sb = createSandbox();
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'not base64!' } })).message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).message).toBe('configmaps "x" already exists');
  });

  it('points a validation error at its line in the manifest', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: nginx\n          image: ""\n';
    const [m] = parseManifests(text, 'd.yaml').manifests;
    const sb = createSandbox();
    const err = apiErrorOf(() => sb.store.create(m!.object));
    expect(locateApiError(m!, err)).toEqual({
      file: 'd.yaml',
      line: 14,
      column: 11,
      path: 'spec.template.spec.containers[0].image',
      message: 'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    });
    expect(err.toLocated()).toMatchObject({ line: 14, file: 'd.yaml' });
  });
});

describe('defaulting like the API server', () => {
  it('defaults Deployments, their pod templates and containers', () => {
    const sb = createSandbox();
    const d = sb.store.create(deploy({}, { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'nginx:1.27' }] } } }));
    expect(d.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        spec: {
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          containers: [
            { imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ports: [{ containerPort: 80, protocol: 'TCP' }] },
            { imagePullPolicy: 'IfNotPresent' },
          ],
        },
      },
    });
  });

  it('defaults Pods (service account, tolerations, Pending), Jobs, CronJobs, Namespaces and Secrets', () => {
    const sb = createSandbox();
    const p = sb.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox:latest' }] } });
    expect(p.spec).toMatchObject({ serviceAccountName: 'default', restartPolicy: 'Always', containers: [{ imagePullPolicy: 'Always' }] });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const j = sb.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } });
    expect(j.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false });
    const cj = sb.store.create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const ns = sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(ns).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' }, metadata: { labels: { 'kubernetes.io/metadata.name': 'team' } } });
    const s = sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'héllo' } });
    expect(s).toMatchObject({ type: 'Opaque', data: { password: 'aMOpbGxv' } });
    expect(s.stringData).toBeUndefined();
  });

  it('allocates distinct, deterministic cluster IPs and keeps them on update', () => {
    const mk = (): string[] => {
      const sb = createSandbox({ seed: 3 });
      const ips: string[] = [];
      for (const name of ['a', 'b', 'c']) {
        const svc = sb.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });
        expect(svc.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
        ips.push((svc.spec as { clusterIP: string }).clusterIP);
      }
      const a = sb.store.mustGet({ apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'a' });
      const { clusterIP: _ip, clusterIPs: _ips, ...rest } = a.spec as Record<string, unknown>;
      const updated = sb.store.update({ ...a, spec: rest });
      expect((updated.spec as { clusterIP: string }).clusterIP).toBe(ips[0]);
      return ips;
    };
    const ips = mk();
    expect(new Set(ips).size).toBe(3);
    for (const ip of ips) expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(mk()).toEqual(ips);
  });
});

describe('label and annotation keys (valid keys are remembered)', () => {
  it('rejects an invalid key every time, whatever was accepted before, and checks annotation keys lowercased', async () => {
    const { validateAnnotations, validateLabels } = await import('../../../simulator/cluster/validation/names.js');
    expect(validateLabels('metadata.labels', { 'example.com/app': 'web' })).toEqual([]);
    for (let i = 0; i < 2; i++) {
      expect(validateLabels('metadata.labels', { 'Example.com/app': 'web' }).map((e) => e.detail)).toEqual([expect.stringContaining('prefix part a lowercase RFC 1123 subdomain')]);
      expect(validateLabels('metadata.labels', { 'example.com/': 'x' }).map((e) => e.detail)).toEqual([expect.stringContaining('name part must be non-empty')]);
    }
    // An annotation key is checked lowercased: an upper-case prefix passes, as in the API server.
    expect(validateAnnotations('metadata.annotations', { 'Example.com/App': 'x' })).toEqual([]);
    expect(validateLabels('metadata.labels', { 'Example.com/App': 'x' })).toHaveLength(1);
    expect(validateAnnotations('metadata.annotations', { 'example.com/a b': 'x' })).toHaveLength(1);
  });
});

describe('decoding (leaves checked without walking them)', () => {
  it('reports scalar problems in fields, lists and maps with their paths, and zeroes null list elements', async () => {
    const { decodeObject } = await import('../../../simulator/cluster/validation/decode.js');
    const { schemaFor } = await import('../../../simulator/cluster/validation/schemas/index.js');
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { a: 'x', b: 5 } },
      spec: { containers: [{ name: 'c', image: 'i', args: ['a', 5, null], resources: { limits: { cpu: 'abc', memory: '1Gi' } }, ports: [{ containerPort: 1.5 }] }] },
    };
    const problems = decodeObject(pod as never, schemaFor('', 'Pod')!, true);
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['metadata.labels[b]', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
      ['spec.containers[0].args[1]', 'json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string'],
      ['spec.containers[0].resources.limits[cpu]', expect.stringContaining('quantities must match the regular expression')],
      ['spec.containers[0].ports[0].containerPort', 'json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ]);
    expect(pod.spec.containers[0]!.args).toEqual(['a', 5, '']);
  });
});
