import { describe, expect, it } from 'vitest';
import { formatTable, humanDuration, podSummary, toTable } from '../../../simulator/api/index.js';
import { readJsonPath } from '../../../simulator/api/tables/index.js';

const T0 = Date.UTC(2025, 0, 1);
const at = (ms: number): string => new Date(T0 + ms).toISOString().replace('.000Z', 'Z');

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: at(0), ...meta },
    spec: { containers: [{ name: 'main', image: 'busybox' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: at(1000) } };

describe('humanDuration (kubectl AGE)', () => {
  it('formats like k8s.io/apimachinery duration.HumanDuration', () => {
    expect(humanDuration(5_000)).toBe('5s');
    expect(humanDuration(119_000)).toBe('119s');
    expect(humanDuration(150_000)).toBe('2m30s');
    expect(humanDuration(600_000)).toBe('10m');
    expect(humanDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3h5m');
    expect(humanDuration(20 * 3_600_000)).toBe('20h');
    expect(humanDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d4h');
    expect(humanDuration(30 * 86_400_000)).toBe('30d');
    expect(humanDuration(-5_000)).toBe('<invalid>');
  });
});

describe('pod STATUS column (kubectl printPod)', () => {
  it('Pending before any container status', () => {
    expect(podSummary(pod({ phase: 'Pending' }))).toMatchObject({ ready: '0/1', status: 'Pending', restarts: 0 });
  });

  it('Init:0/1 while the init container runs, Init:Error when it failed, PodInitializing after', () => {
    const spec = { initContainers: [{ name: 'init', image: 'busybox' }] };
    expect(podSummary(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: running, restartCount: 0 }] }, spec)).status).toBe('Init:0/1');
    expect(
      podSummary(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, spec)).status,
    ).toBe('Init:Error');
    expect(
      podSummary(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
            containerStatuses: [{ name: 'main', state: { waiting: { reason: 'PodInitializing' } }, ready: false, restartCount: 0 }],
          },
          spec,
        ),
      ).status,
    ).toBe('PodInitializing');
  });

  it('ContainerCreating, Running, CrashLoopBackOff with the last restart age, Completed, Error', () => {
    expect(podSummary(pod({ phase: 'Pending', containerStatuses: [{ name: 'main', state: { waiting: { reason: 'ContainerCreating' } }, ready: false }] })).status).toBe(
      'ContainerCreating',
    );
    expect(podSummary(pod({ phase: 'Running', containerStatuses: [{ name: 'main', state: running, ready: true, restartCount: 0 }] }))).toMatchObject({
      ready: '1/1',
      status: 'Running',
    });
    const crash = pod({
      phase: 'Running',
      containerStatuses: [
        { name: 'main', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: at(50_000) } }, ready: false, restartCount: 3 },
      ],
    });
    expect(podSummary(crash)).toMatchObject({ status: 'CrashLoopBackOff', restarts: 3 });
    const table = toTable([crash], { group: '', kind: 'Pod' }, T0 + 60_000);
    expect(table.rows[0]!.cells.slice(0, 5)).toEqual(['p', '0/1', 'CrashLoopBackOff', '3 (10s ago)', '60s']);
    expect(podSummary(pod({ phase: 'Succeeded', containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })).status).toBe('Completed');
    expect(podSummary(pod({ phase: 'Failed', containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 2, reason: 'Error' } } }] })).status).toBe('Error');
    expect(podSummary(pod({ phase: 'Failed', containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 137 } } }] })).status).toBe('ExitCode:137');
  });

  it('Terminating once deletionTimestamp is set on a non-terminal pod', () => {
    const p = pod({ phase: 'Running', containerStatuses: [{ name: 'main', state: running, ready: true }] }, {}, { deletionTimestamp: at(5000) });
    expect(podSummary(p).status).toBe('Terminating');
  });
});

describe('toTable', () => {
  it('pods: the columns kubectl shows, wide ones at priority 1', () => {
    const t = toTable([pod({ phase: 'Pending' })], { group: '', kind: 'Pod' }, T0 + 5000);
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(t.columnDefinitions.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(['IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(formatTable(t)).toBe('NAME   READY   STATUS    RESTARTS   AGE\np      0/1     Pending   0          5s\n');
  });

  it('deployments, jobs, configmaps, namespaces, custom kinds (Name + Age, or CRD printer columns)', () => {
    const now = T0 + 90_000;
    const deploy = {
      metadata: { name: 'web', creationTimestamp: at(0) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    const d = toTable([deploy], { group: 'apps', kind: 'Deployment' }, now);
    expect(d.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name.toUpperCase())).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(d.rows[0]!.cells).toEqual(['web', '2/3', 3, 2, '90s', 'web', 'nginx', 'app=web']);
    const job = {
      metadata: { name: 'pi', creationTimestamp: at(0) },
      spec: { completions: 2 },
      status: { succeeded: 2, startTime: at(1000), completionTime: at(31_000), conditions: [{ type: 'Complete', status: 'True' }] },
    };
    expect(toTable([job], { group: 'batch', kind: 'Job' }, now).rows[0]!.cells.slice(0, 5)).toEqual(['pi', 'Complete', '2/2', '30s', '90s']);
    expect(toTable([{ metadata: { name: 'c', creationTimestamp: at(0) }, data: { a: '1', b: '2' } }], { group: '', kind: 'ConfigMap' }, now).rows[0]!.cells).toEqual(['c', 2, '90s']);
    const w = { metadata: { name: 'w', creationTimestamp: at(0) }, status: { phase: 'Ready' } };
    const generic = toTable([w], { group: 'example.com', kind: 'Widget' }, now);
    expect(generic.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
    const crd = toTable([w], { group: 'example.com', kind: 'Widget' }, now, {
      printerColumns: [
        { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
        { name: 'Missing', type: 'string', jsonPath: '.status.nothing' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    });
    expect(crd.rows[0]!.cells).toEqual(['w', 'Ready', null, '90s']);
  });

  it('services, nodes and events print like kubectl get', () => {
    const now = T0 + 60_000;
    const svc = { metadata: { name: 'web', creationTimestamp: at(0) }, spec: { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443 }], selector: { app: 'web' } } };
    expect(toTable([svc], { group: '', kind: 'Service' }, now).rows[0]!.cells).toEqual(['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,443/TCP', '60s', 'app=web']);
    const lb = { metadata: { name: 'lb', creationTimestamp: at(0) }, spec: { type: 'LoadBalancer', clusterIP: '10.96.0.11', ports: [{ port: 80 }] }, status: {} };
    expect(toTable([lb], { group: '', kind: 'Service' }, now).rows[0]!.cells[3]).toBe('<pending>');
    const node = {
      metadata: { name: 'n1', creationTimestamp: at(0), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0' } },
    };
    expect(toTable([node], { group: '', kind: 'Node' }, now).rows[0]!.cells.slice(0, 5)).toEqual(['n1', 'Ready,SchedulingDisabled', 'control-plane', '60s', 'v1.32.0']);
    const ev = {
      metadata: { name: 'web.1', creationTimestamp: at(0) },
      involvedObject: { kind: 'Pod', name: 'web' },
      type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container',
      firstTimestamp: at(0), lastTimestamp: at(50_000), count: 4,
    };
    const t = toTable([ev], { group: '', kind: 'Event' }, now);
    expect(t.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    expect(t.rows[0]!.cells.slice(0, 5)).toEqual(['10s (x4 over 60s)', 'Warning', 'BackOff', 'pod/web', 'Back-off restarting failed container']);
  });

  it('built-in kinds without a printer get Name / Created At; bindings show their role', () => {
    const role = { metadata: { name: 'r', creationTimestamp: at(0) } };
    const t = toTable([role], { group: 'rbac.authorization.k8s.io', kind: 'Role' }, T0 + 5000);
    expect(formatTable(t)).toBe('NAME   CREATED AT\nr      2025-01-01T00:00:00Z\n');
    const rb = { metadata: { name: 'rb', creationTimestamp: at(0) }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'bot', namespace: 'ci' }] };
    expect(toTable([rb], { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }, T0 + 5000).rows[0]!.cells).toEqual(['rb', 'ClusterRole/view', '5s', '', '', 'ci/bot']);
    expect(toTable([role], { group: 'argoproj.io', kind: 'Application', fromCrd: true }, T0 + 5000).columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
  });

  it('evaluates CRD printer-column JSONPaths: fields, indexes, filters, wildcards', () => {
    const o = { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }] }, spec: { cs: [{ image: 'a' }, { image: 'b' }] } };
    expect(readJsonPath(o, '.status.conditions[?(@.type=="Synced")].status')).toBe('False');
    expect(readJsonPath(o, '.status.conditions[0].type')).toBe('Ready');
    expect(readJsonPath(o, '.spec.cs[*].image')).toBe('a,b');
    expect(readJsonPath(o, '.status.nothing.here')).toBeUndefined();
  });

  it('embeds PartialObjectMetadata by default when asked for Metadata, nothing for None', () => {
    const p = pod({ phase: 'Pending' });
    expect(toTable([p], { group: '', kind: 'Pod' }, T0, { includeObject: 'Metadata' }).rows[0]!.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'p' } });
    expect(toTable([p], { group: '', kind: 'Pod' }, T0, { includeObject: 'None' }).rows[0]!.object).toBeUndefined();
  });
});
