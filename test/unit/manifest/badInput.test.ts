/** Bad input end to end: parse → apply → run. Every problem is a located error; the world keeps running. */
import { describe, expect, it } from 'vitest';
import { ApiError, createSandbox } from '../../../simulator/index.js';
import { applyManifests } from '../../../simulator/cli/applyManifests.js';
import { locateApiError, parseManifests } from '../../../simulator/manifest/index.js';

const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

const BAD = [
  // 1: wrong type
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typo\nspec:\n  replicas: three\n  selector: {matchLabels: {app: t}}\n  template:\n    metadata: {labels: {app: t}}\n    spec:\n      containers: [{name: c, image: busybox}]\n',
  // 2: unknown field
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndatta:\n  k: v\n',
  // 3: invalid name
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Foo_Bar\n',
  // 4: syntax error
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indent\n',
  // 5: prototype keys
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: proto\n__proto__:\n  polluted: true\nconstructor:\n  prototype: {polluted: true}\n',
  // 6: alias bomb
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n',
  // 7: not an object
  '\u0000\u0001\u0002 binary junk\n',
  // 8: unknown kind
  'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\n',
  // 9: Job without restartPolicy
  'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n',
];

describe('bad input end to end', () => {
  it('applies the valid Deployment, reports every bad document at its line, and keeps running', () => {
    const text = [GOOD, ...BAD, `apiVersion: v1\nkind: Secret\nmetadata: {name: huge}\nstringData:\n  blob: "${'x'.repeat(3_200_000)}"\n`].join('---\n');
    const parsed = parseManifests(text, 'mixed.yaml');
    const sb = createSandbox({ seed: 11 });
    const result = applyManifests(sb, parsed.manifests);
    const errors = [...parsed.errors, ...result.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    // Document i spans from the line after its `---` to the line before the next one.
    const starts = [1];
    text.split('\n').forEach((l, i) => {
      if (l === '---') starts.push(i + 2);
    });
    const docOf = (line: number | undefined): number => starts.filter((s) => s <= (line ?? 0)).length - 1;
    const expected: [doc: number, prefix: string][] = [
      [1, 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
      [2, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"'],
      [3, 'ConfigMap "Foo_Bar" is invalid: metadata.name: Invalid value: "Foo_Bar": a lowercase RFC 1123 subdomain'],
      [4, 'error converting YAML to JSON: yaml: line 45: bad indentation of a mapping entry'],
      [5, '__proto__: unknown field "__proto__"'],
      [5, 'constructor: unknown field "constructor"'],
      [6, 'error converting YAML to JSON: yaml: line 60: document contains excessive aliasing'],
      [7, 'error converting YAML to JSON: yaml: line 63: null byte is not allowed in input'],
      [8, 'no matches for kind "Gizmo" in version "example.com/v1"'],
      [9, 'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
      [10, 'Request entity too large: limit is 3145728'],
    ];
    expect(errors).toHaveLength(expected.length);
    errors.forEach((e, i) => {
      expect([docOf(e.line), e.message.slice(0, expected[i]![1].length)]).toEqual(expected[i]);
    });
    // Field errors point at the field, not just the document.
    expect(errors[0]!.line).toBe(text.slice(0, text.indexOf('replicas: three')).split('\n').length);
    expect(errors[1]!.line).toBe(text.slice(0, text.indexOf('datta:')).split('\n').length);
    for (const e of errors) expect(e.file).toBe('mixed.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.applied.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web']);

    expect(sb.runUntilSettled({ maxVirtualMs: 120_000 })).toMatchObject({ settled: true });
    const rs = sb.store.list({ group: 'apps', kind: 'ReplicaSet' });
    expect(rs).toHaveLength(1);
    const pods = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }).filter((p) => p.metadata.labels?.app === 'web');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.spec).toMatchObject({ restartPolicy: 'Always', containers: [{ image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] });
      expect(p.status).toMatchObject({ phase: 'Running' });
    }
    const web = sb.store.mustGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(web.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
  });

  it('a second create of the same name is AlreadyExists, located at the document', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
    const [a, b] = parseManifests(text, 'dup.yaml').manifests;
    const sb = createSandbox();
    sb.store.create(a!.object);
    let err: unknown;
    try {
      sb.store.create(b!.object);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(locateApiError(b!, err)).toEqual({ file: 'dup.yaml', line: 5, column: 1, message: 'configmaps "x" already exists' });
  });

  it('re-applying the same manifests is a no-op (defaults do not fight the applied config)', () => {
    const sb = createSandbox();
    const parsed = parseManifests(`${GOOD}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`);
    const first = applyManifests(sb, parsed.manifests).applied.map((o) => o.metadata.resourceVersion);
    const second = applyManifests(sb, parsed.manifests).applied.map((o) => o.metadata.resourceVersion);
    expect(second).toEqual(first);
  });

  it('empty input and comment-only files are fine and produce nothing', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '---\n---\n', '...\n']) expect(parseManifests(text)).toEqual({ manifests: [], errors: [] });
  });
});

describe('__proto__ in patches stays data', () => {
  it('merge and strategic patches keep the key as an own field, which validation then judges', () => {
    const sb = createSandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } });
    const key = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'x' };
    for (const type of ['merge', 'strategic'] as const) {
      expect(() => sb.store.patch(key, type, JSON.parse('{"data":{"__proto__":{"polluted":"yes"}}}'))).toThrow(
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ConfigMap.data of type string',
      );
      const ok = sb.store.patch(key, type, JSON.parse('{"data":{"__proto__":"just data"}}'));
      expect(Object.keys(ok.data as object)).toEqual(['a', '__proto__']);
      expect(Object.getPrototypeOf(ok.data)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
