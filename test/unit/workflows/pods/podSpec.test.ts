import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../operator/helpers.js';

describe('pod priority and runtime globals', () => {
  it('priorityClassName/priority come from the template, else from the workflow spec', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: prio}
spec:
  entrypoint: main
  podPriorityClassName: wf-class
  podPriority: 5
  templates:
  - name: main
    steps: [[{name: a, template: own}, {name: b, template: plain}]]
  - name: own
    priorityClassName: high
    priority: 100
    container: {image: alpine:3.20, command: [echo, hi]}
  - name: plain
    container: {image: alpine:3.20, command: [echo, hi]}
`);
    expect(status.phase).toBe('Succeeded');
    const specOf = (prefix: string) => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.name.startsWith(prefix))!.spec as { priorityClassName?: string; priority?: number };
    expect(specOf('prio-own-')).toMatchObject({ priorityClassName: 'high', priority: 100 });
    expect(specOf('prio-plain-')).toMatchObject({ priorityClassName: 'wf-class', priority: 5 });
  });

  it('workflow.duration (virtual seconds since start) and workflow.scheduledTime reach the exit handler', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: dur
  annotations: {workflows.argoproj.io/scheduled-time: "2025-01-01T00:00:00Z"}
spec:
  entrypoint: main
  onExit: report
  templates:
  - name: main
    container: {image: alpine:3.20, command: [sh, -c], args: ["sleep 30"]}
  - name: report
    container: {image: alpine:3.20, command: [echo, "{{workflow.duration}} {{workflow.scheduledTime}}"]}
`);
    expect(status.phase).toBe('Succeeded');
    const pod = sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.name.includes('report'))!;
    const line = sb.podLogs.read('default', pod.metadata.name, 'main').map((l) => l.text).join('\n');
    const m = /^(\d+\.\d{6}) 2025-01-01T00:00:00Z$/.exec(line);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(30);
  });

  it('placement: template, then the steps/DAG template around it, then the workflow; podMetadata on every pod', async () => {
    const { sb, status } = await runWorkflow(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: place}
spec:
  entrypoint: main
  podMetadata: {labels: {team: a}, annotations: {note: wf}}
  tolerations: [{key: wf, operator: Exists}]
  hostAliases: [{ip: 10.0.0.1, hostnames: [wf.local]}]
  securityContext: {runAsNonRoot: true}
  templates:
  - name: main
    tolerations: [{key: boundary, operator: Exists}]
    steps: [[{name: a, template: own}, {name: b, template: plain}]]
  - name: own
    metadata: {labels: {team: b}}
    tolerations: [{key: own, operator: Exists}]
    hostAliases: [{ip: 10.0.0.2, hostnames: [own.local]}]
    securityContext: {runAsUser: 1000}
    container: {image: alpine:3.20, command: [echo, hi]}
  - name: plain
    container: {image: alpine:3.20, command: [echo, hi]}
`);
    expect(status.phase).toBe('Succeeded');
    const podOf = (prefix: string) => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).find((p) => p.metadata.name.startsWith(prefix))!;
    type S = { tolerations?: { key: string }[]; hostAliases?: { ip: string }[]; securityContext?: object };
    const own = podOf('place-own-');
    const plain = podOf('place-plain-');
    expect((own.spec as S).tolerations?.map((t) => t.key).filter((k) => !k.startsWith('node.kubernetes.io/'))).toEqual(['own']);
    expect((plain.spec as S).tolerations?.map((t) => t.key).filter((k) => !k.startsWith('node.kubernetes.io/'))).toEqual(['boundary']);
    expect((own.spec as S).hostAliases?.map((h) => h.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect((own.spec as S).securityContext).toEqual({ runAsUser: 1000 });
    expect((plain.spec as S).securityContext).toEqual({ runAsNonRoot: true });
    expect(own.metadata.labels).toMatchObject({ team: 'b', 'workflows.argoproj.io/workflow': 'place' });
    expect(plain.metadata.labels?.team).toBe('a');
    expect(plain.metadata.annotations?.note).toBe('wf');
  });
});
