import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../../simulator/cli/commands/run.js';
import { caseFolders, runCli } from '../../support/cliRun.js';

const files = caseFolders('argo-sandbox-run-');

const run = (...args: string[]) => runCli('run', ...args);

interface ListItem {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid: string; managedFields?: unknown };
}

function items(stdout: string): ListItem[] {
  const list = JSON.parse(stdout) as { kind: string; apiVersion: string; items: ListItem[] };
  expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
  return list.items;
}

const NS_AND_CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: demo
data:
  color: blue
---
apiVersion: v1
kind: Namespace
metadata:
  name: demo
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    command: [sh, -c, "echo hi; sleep 30"]
`;

describe('argo-sandbox run', () => {
  it('creates namespaces first and prints user objects as a v1 List, without system objects or Events', async () => {
    const dir = files({ 'app.yaml': NS_AND_CM });
    const r = await run(join(dir, 'app.yaml'), '--until-settled');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = items(r.stdout);
    const ids = out.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(ids).toContain('Namespace//demo');
    expect(ids).toContain('ConfigMap/demo/settings');
    // The cluster's own objects stay out unless --all.
    expect(out.some((o) => o.kind === 'Node' || o.metadata.namespace === 'kube-system' || o.kind === 'Event')).toBe(false);
    expect(out.some((o) => o.kind === 'Namespace' && o.metadata.name === 'kube-system')).toBe(false);
    // Like kubectl, managedFields are not printed.
    expect(out.every((o) => o.metadata.managedFields === undefined)).toBe(true);
    const all = items((await run(join(dir, 'app.yaml'), '--all')).stdout);
    expect(all.some((o) => o.kind === 'Node')).toBe(true);
    expect(all.some((o) => o.kind === 'Namespace' && o.metadata.name === 'kube-system')).toBe(true);
  });

  it('reads directories recursively (yaml, yml, json), in a stable order', async () => {
    const dir = files({
      'b/cm.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-yml}\n',
      'a/deep/cm.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-json' } }),
      'c.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: from-list}\n',
      'notes.txt': 'not a manifest: {',
    });
    const r = await run(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const names = items(r.stdout).filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name);
    expect(names).toEqual(['from-json', 'from-list', 'from-yml']);
  });

  it('exits 2 with every error located as file:line:column, and still runs the valid objects', async () => {
    const dir = files({
      'good.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Widget\nmetadata: {name: w}\n',
      'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n',
      'noname.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
    });
    const r = await run(dir);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.find((l) => l.includes('Widget'))).toMatch(new RegExp(`^${join(dir, 'good.yaml')}:5:1: no matches for kind "Widget" in version "v1"`));
    expect(lines.find((l) => l.startsWith(join(dir, 'broken.yaml')))).toMatch(/^.*broken\.yaml:\d+:\d+: /);
    expect(lines.find((l) => l.startsWith(join(dir, 'noname.yaml')))).toMatch(/noname\.yaml:3:\d+: resource name may not be empty \(metadata\.name\)$/);
    expect(items(r.stdout).map((o) => o.metadata.name)).toContain('ok');
  });

  it('serves a CRD applied in the same input before its custom resources, whatever the file order', async () => {
    const dir = files({
      'a-widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n',
      'b-crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`,
    });
    const r = await run(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ids = items(r.stdout).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(ids).toEqual(expect.arrayContaining(['CustomResourceDefinition/widgets.example.com', 'Widget/w1']));
  });

  it('exits 2 when the input holds no objects at all, like kubectl', async () => {
    const dir = files({ 'empty.yaml': '# nothing here\n---\n' });
    const r = await run(join(dir, 'empty.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('no objects passed to apply\n');
    expect(items(r.stdout)).toEqual([]);
  });

  it('exits 2 on a missing path or bad flags', async () => {
    const missing = await run(join(files({}), 'does-not-exist.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does-not-exist.yaml');
    expect((await run()).code).toBe(2);
    expect((await run('x.yaml', '--max-virtual', 'soon')).code).toBe(2);
    expect((await run('x.yaml', '-o', 'wide-ish')).stderr).toContain('allowed formats are: json,yaml,table');
    expect((await run('x.yaml', '--bogus')).code).toBe(2);
  });

  it('parses --max-virtual durations and the other options', () => {
    const ms = (d: string): number | undefined => {
      const p = parseRunArgs(['f', '--max-virtual', d]);
      return p.ok ? p.options.maxVirtualMs : undefined;
    };
    expect(ms('90s')).toBe(90_000);
    expect(ms('5m')).toBe(300_000);
    expect(ms('1h')).toBe(3_600_000);
    const p = parseRunArgs(['a', 'b', '--seed', '42', '--until-settled', '-o', 'yaml', '--events']);
    expect(p).toEqual({
      ok: true,
      options: { paths: ['a', 'b'], seed: 42, untilSettled: true, output: 'yaml', events: true, all: false },
    });
    expect(parseRunArgs(['a', '--seed', '-3']).ok).toBe(false);
  });

  it('prints yaml and a kubectl-like table', async () => {
    const dir = files({ 'app.yaml': NS_AND_CM });
    const y = await run(dir, '-o', 'yaml');
    expect(y.code).toBe(0);
    expect(y.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: /); // kubectl's layout: sorted keys, unindented items
    expect(y.stdout).toMatch(/^ {4}creationTimestamp: "\d{4}-/m);
    const list = load(y.stdout) as { kind: string; items: ListItem[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((o) => o.metadata.name)).toEqual(expect.arrayContaining(['demo', 'settings']));
    const t = await run(dir, '-o', 'table', '--max-virtual', '90s');
    expect(t.code).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+/);
    expect(t.stdout).toMatch(/^\s+namespace\/demo\s/m);
    expect(t.stdout).toMatch(/^demo\s+configmap\/settings\s/m);
    expect(t.stdout).toMatch(/\b90s\b/);
  });

  it('--events prints the event log as JSON lines with ISO virtual time', async () => {
    const dir = files({ 'pod.yaml': POD });
    const r = await run(dir, '--events', '--until-settled');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.length > 0);
    const events = lines.map((l) => JSON.parse(l) as { t: string; reason: string; source: string; involvedObject: { name: string } });
    for (const l of lines) expect(Object.keys(JSON.parse(l) as object).slice(0, 6)).toEqual(['t', 'source', 'involvedObject', 'reason', 'message', 'type']);
    for (const e of events) expect(e.t).toMatch(/^2025-01-01T\d\d:\d\d:\d\d\.\d{3}Z$/);
    const reasons = events.filter((e) => e.involvedObject.name === 'hello').map((e) => `${e.source}:${e.reason}`);
    expect(reasons[0]).toBe('default-scheduler:Scheduled');
    expect(reasons).toContain('kubelet:Started');
    // Virtual time only moves forward through the log.
    const ts = events.map((e) => Date.parse(e.t));
    expect(ts).toEqual([...ts].sort((x, y) => x - y));
  });

  it('runs pods to completion in virtual time, and says so when a limit stops it first', async () => {
    const dir = files({ 'pod.yaml': POD });
    const phase = (stdout: string): unknown => (items(stdout).find((o) => o.kind === 'Pod') as unknown as { status: { phase: string } }).status.phase;
    const settled = await run(dir, '--until-settled');
    expect(settled.code).toBe(0);
    expect(settled.stderr).toBe('');
    expect(phase(settled.stdout)).toBe('Succeeded');
    // Like the API: the kubelet's private bookkeeping is not part of what clients see.
    expect(settled.stdout).not.toContain('"sandbox"');
    const table = await run(dir, '--until-settled', '-o', 'table');
    expect(table.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(table.stdout).toMatch(/^hello\s+0\/1\s+Completed\s+0\s+\d+s$/m);
    // The pod sleeps 30 s: 10 s of virtual time is not enough.
    const cut = await run(dir, '--until-settled', '--max-virtual', '10s');
    expect(cut.code).toBe(0);
    expect(cut.stderr).toMatch(/^note: not settled: stopped after 10s of virtual time/m);
    expect(phase(cut.stdout)).toBe('Running');
    // Without --until-settled the default is a fixed stretch of virtual time (10m), plenty here.
    const plain = await run(dir);
    expect(plain.stderr).toBe('');
    expect(phase(plain.stdout)).toBe('Succeeded');
    const short = await run(dir, '--max-virtual', '5s');
    expect(short.stderr).toMatch(/not settled: ran 5s of virtual time and work is still pending/);
  });

  it('is deterministic for a seed; another seed gives other uids', async () => {
    const dir = files({ 'app.yaml': NS_AND_CM });
    const a = await run(dir, '--seed', '7');
    const b = await run(dir, '--seed', '7');
    const c = await run(dir, '--seed', '8');
    expect(a.stdout).toBe(b.stdout);
    expect(items(c.stdout).map((o) => o.metadata.uid)).not.toEqual(items(a.stdout).map((o) => o.metadata.uid));
  });
});
