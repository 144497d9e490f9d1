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
});
