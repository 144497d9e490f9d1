/**
 * The real kubectl against `startApiServer`: apply, get (tables and JSON), describe, logs, server-side
 * apply, watch, delete. Needs /usr/bin/kubectl (or KUBECTL); without it these tests are reported as
 * skipped with the reason in their titles, never as passed.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../simulator/api/index.js';
import type { ApiServer } from '../../simulator/api/index.js';
import { createSandbox } from '../../simulator/index.js';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const hasKubectl = existsSync(KUBECTL);
const needs = hasKubectl ? '' : ` [SKIPPED: kubectl not found at ${KUBECTL}]`;

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: demo
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: hello
  namespace: demo
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "echo hi from hello"]
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns:
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              color: {type: string}
`;

let server: ApiServer;
let dir: string;

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Async on purpose: the server runs in this process, a sync spawn would block it.
    execFile(
      KUBECTL,
      ['--server', server.url, '--cache-dir', join(dir, 'cache'), ...args],
      { env: { ...process.env, KUBECONFIG: '/dev/null', HOME: dir }, timeout: 15_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!hasKubectl)(`real kubectl against argo-sandbox serve${needs}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argo-sandbox-kubectl-'));
    writeFileSync(join(dir, 'app.yaml'), MANIFEST);
    // Start at the wall clock (as `serve` does) so ages kubectl computes itself make sense; 20x speed.
    const sandbox = createSandbox({ seed: 5, startTime: Math.floor(Date.now() / 1000) * 1000 });
    server = await startApiServer(sandbox, { port: 0, speed: 20 });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('apply -f a multi-document YAML (client-side validation on, no --validate=false)', async () => {
    const r = await kubectl('apply', '-f', join(dir, 'app.yaml'));
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['namespace/demo created', 'configmap/cfg created', 'deployment.apps/web created', 'pod/hello created']);
    const again = await kubectl('apply', '-f', join(dir, 'app.yaml'));
    expect(again.stdout).toContain('configmap/cfg unchanged');
  });

  it('kubectl create (typed clients post protobuf bodies): namespace, configmap, deployment', async () => {
    expect((await kubectl('create', 'namespace', 'shop')).stdout.trim()).toBe('namespace/shop created');
    expect((await kubectl('create', 'configmap', 'settings', '-n', 'shop', '--from-literal=mode=demo')).stdout.trim()).toBe('configmap/settings created');
    expect((await kubectl('create', 'deployment', 'api', '-n', 'shop', '--image=nginx:1.27', '--replicas=2')).stdout.trim()).toBe('deployment.apps/api created');
    const cm = JSON.parse((await kubectl('get', 'cm', 'settings', '-n', 'shop', '-o', 'json')).stdout) as { data: Record<string, string> };
    expect(cm.data).toEqual({ mode: 'demo' });
    const dep = JSON.parse((await kubectl('get', 'deploy', 'api', '-n', 'shop', '-o', 'json')).stdout) as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
  });

  it('get pods / deploy / configmaps print the kubectl tables', async () => {
    const pods = await kubectl('get', 'pods', '-n', 'demo');
    expect(pods.code).toBe(0);
    const lines = pods.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.some((l) => /^hello\s+\d\/1\s+/.test(l))).toBe(true);
    const deploy = await kubectl('get', 'deploy', '-n', 'demo');
    expect(deploy.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+\d\/2\s+\d\s+\d\s+\S+\n$/);
    const cm = await kubectl('get', 'configmaps', 'cfg', '-n', 'demo');
    expect(cm.stdout).toMatch(/^NAME\s+DATA\s+AGE\ncfg\s+1\s+\S+\n$/);
    const ns = await kubectl('get', 'ns', 'demo');
    expect(ns.stdout).toMatch(/^NAME\s+STATUS\s+AGE\ndemo\s+Active\s+\S+\n$/);
  });

  it('get pods -o json returns a List of Pods', async () => {
    const r = await kubectl('get', 'pods', '-n', 'demo', '-o', 'json');
    const list = JSON.parse(r.stdout) as { kind: string; items: { kind: string; metadata: { name: string } }[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => i.metadata.name)).toContain('hello');
    expect(list.items.every((i) => i.kind === 'Pod')).toBe(true);
  });

  it('describe pod and deployment', async () => {
    const pod = await kubectl('describe', 'pod', 'hello', '-n', 'demo');
    expect(pod.code).toBe(0);
    expect(pod.stdout).toMatch(/^Name:\s+hello$/m);
    expect(pod.stdout).toMatch(/^Namespace:\s+demo$/m);
    expect(pod.stdout).toMatch(/^\s+Image:\s+busybox:1.36$/m);
    // describe finds events with fieldSelector involvedObject.name/namespace/uid.
    expect(pod.stdout).toMatch(/^\s+Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned demo\/hello to sandbox-control-plane$/m);
    const dep = await kubectl('describe', 'deployment', 'web', '-n', 'demo');
    expect(dep.code).toBe(0);
    expect(dep.stdout).toMatch(/^Name:\s+web$/m);
    expect(dep.stdout).toMatch(/^Selector:\s+app=web$/m);
    expect(dep.stdout).toMatch(/^NewReplicaSet:\s+web-\w+ \(\d\/2 replicas created\)$/m);
    expect(dep.stdout).toMatch(/^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-\w+ from 0 to 2$/m);
  });

  it('scale and rollout status go through the scale subresource and a watch', async () => {
    const r = await kubectl('scale', 'deployment', 'web', '-n', 'demo', '--replicas=3');
    expect(r.stdout.trim()).toBe('deployment.apps/web scaled');
    expect((await kubectl('get', 'deploy', 'web', '-n', 'demo', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('3');
    const rs = await kubectl('get', 'rs', '-n', 'demo', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.replicas}');
    expect(rs.stdout).toBe('3');
    const rollout = await kubectl('rollout', 'status', 'deployment/web', '-n', 'demo', '--timeout=10s');
    expect(rollout.stdout.trim().split('\n').pop()).toBe('deployment "web" successfully rolled out');
  });

  it('logs: the container output once the kubelet ran it', async () => {
    // Virtual time runs at 20x: the pod pulls its image, runs, and completes within a second or so.
    let phase = '';
    for (let i = 0; i < 50 && phase !== 'Succeeded'; i++) {
      phase = (await kubectl('get', 'pod', 'hello', '-n', 'demo', '-o', 'jsonpath={.status.phase}')).stdout;
      if (phase !== 'Succeeded') await new Promise((r) => setTimeout(r, 100));
    }
    expect(phase).toBe('Succeeded');
    const logs = await kubectl('logs', 'hello', '-n', 'demo');
    expect(logs.stdout).toBe('hi from hello\n');
    const pods = await kubectl('get', 'pod', 'hello', '-n', 'demo');
    expect(pods.stdout).toMatch(/\nhello\s+0\/1\s+Completed\s+0\s+\S+\n$/);
    const missing = await kubectl('logs', 'nope', '-n', 'demo');
    expect(missing.stderr.trim()).toBe('error: error from server (NotFound): pods "nope" not found in namespace "demo"');
  });

  it('get pods -w streams the pod from ContainerCreating to Running', async () => {
    const watch = kubectl('get', 'pods', '-n', 'demo', '-l', 'app=sleeper', '-w', '--request-timeout=3s');
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(
      join(dir, 'sleeper.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\n  namespace: demo\n  labels: {app: sleeper}\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n',
    );
    expect((await kubectl('apply', '-f', join(dir, 'sleeper.yaml'))).stdout.trim()).toBe('pod/sleeper created');
    const out = (await watch).stdout;
    const rows = out.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    const statuses = rows.slice(1).map((r) => r.split(/\s+/)[2]);
    expect(statuses).toContain('Running');
    expect(statuses.indexOf('Running')).toBeGreaterThan(statuses.findIndex((s) => s === 'Pending' || s === 'ContainerCreating'));
  });

  it('delete pod waits for the graceful termination and the pod is gone', async () => {
    // `sleep` ignores SIGTERM, so the pod lives out its grace period: 2 s here (0.1 s of wall time at 20x).
    const r = await kubectl('delete', 'pod', 'sleeper', '-n', 'demo', '--grace-period=2');
    expect(r.stdout.trim()).toBe('pod "sleeper" deleted');
    expect((await kubectl('get', 'pod', 'sleeper', '-n', 'demo')).stderr.trim()).toBe('Error from server (NotFound): pods "sleeper" not found');
  });

  it('apply --server-side records kubectl as the field manager; a conflicting manager is refused', async () => {
    const r = await kubectl('apply', '--server-side', '-f', join(dir, 'app.yaml'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('configmap/cfg serverside-applied');
    const cm = JSON.parse((await kubectl('get', 'cm', 'cfg', '-n', 'demo', '-o', 'json', '--show-managed-fields')).stdout) as {
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    expect(cm.metadata.managedFields).toEqual(expect.arrayContaining([expect.objectContaining({ manager: 'kubectl', operation: 'Apply' })]));
    writeFileSync(join(dir, 'cm2.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: demo\ndata:\n  greeting: bonjour\n');
    const clash = await kubectl('apply', '--server-side', '--field-manager', 'someone-else', '-f', join(dir, 'cm2.yaml'));
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('conflict with "kubectl"');
    const forced = await kubectl('apply', '--server-side', '--force-conflicts', '--field-manager', 'someone-else', '-f', join(dir, 'cm2.yaml'));
    expect(forced.code).toBe(0);
    expect((await kubectl('get', 'cm', 'cfg', '-n', 'demo', '-o', 'jsonpath={.data.greeting}')).stdout).toBe('bonjour');
  });

  it('a CRD applied through kubectl serves its kind, with its additionalPrinterColumns', async () => {
    writeFileSync(join(dir, 'crd.yaml'), CRD);
    expect((await kubectl('apply', '-f', join(dir, 'crd.yaml'))).stdout.trim()).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created');
    writeFileSync(join(dir, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: demo\nspec:\n  color: blue\n');
    expect((await kubectl('apply', '-f', join(dir, 'widget.yaml'))).stdout.trim()).toBe('widget.example.com/w1 created');
    expect((await kubectl('get', 'wd', '-n', 'demo')).stdout).toMatch(/^NAME\s+COLOR\s+AGE\nw1\s+blue\s+\S+\n$/);
    // Argo CD's and Argo Workflows' CRDs are installed too; the new one is listed among them, by name.
    const crds = (await kubectl('get', 'crd')).stdout.trim().split('\n');
    expect(crds[0]).toMatch(/^NAME\s+CREATED AT$/);
    expect(crds.some((l) => /^widgets\.example\.com\s+\d{4}-\d\d-\d\dT[\d:]+Z$/.test(l))).toBe(true);
    expect(crds).toContainEqual(expect.stringMatching(/^workflows\.argoproj\.io\s/));
  });

  it('auth can-i says yes (the sandbox has no authorization)', async () => {
    expect((await kubectl('auth', 'can-i', 'create', 'deployments', '-n', 'demo')).stdout.trim()).toBe('yes');
  });

  it('delete removes the object and get then says NotFound like a real server', async () => {
    const r = await kubectl('delete', 'configmap', 'cfg', '-n', 'demo');
    expect(r.stdout.trim()).toBe('configmap "cfg" deleted');
    const gone = await kubectl('get', 'configmap', 'cfg', '-n', 'demo');
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): configmaps "cfg" not found');
  });
});
